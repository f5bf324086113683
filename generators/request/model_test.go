package request

import (
	"strings"
	"testing"

	"github.com/kilnhq/kiln/generators/spec"
)

// TestModelRequestNameAffixes: with --model, the name may be written as the
// help shows it (StorePost) or with Update or Request around it; the
// requests are still StorePostRequest and UpdatePostRequest.
func TestModelRequestNameAffixes(t *testing.T) {
	m, err := spec.NewResource("Post", []string{"title:string"}, spec.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string]string{
		"":                    "Post",
		"Post":                "Post",
		"StorePost":           "Post",
		"UpdatePost":          "Post",
		"PostRequest":         "Post",
		"StorePostRequest":    "Post",
		"UpdatePostRequest":   "Post",
		"store_post_request":  "Post",
		"BlogPost":            "BlogPost",
		"StoreBlogPost":       "BlogPost",
		"Storefront":          "Storefront", // a word, not the Store prefix
		"StorefrontRequest":   "Storefront",
		"Requester":           "Requester",
		"StoreRequestRequest": "Request",
	} {
		p, err := Generate(Options{Name: name, Model: &m, Module: "example.com/app"})
		if err != nil {
			t.Errorf("%q: %v", name, err)
			continue
		}
		store, update := "Store"+want+"Request", "Update"+want+"Request"
		if len(p.Files) != 2 {
			t.Fatalf("%q: %d files", name, len(p.Files))
		}
		for i, typ := range []string{store, update} {
			if src := string(p.Files[i].Content); !strings.Contains(src, "type "+typ+" struct") {
				t.Errorf("%q: %s does not declare %s", name, p.Files[i].Path, typ)
			}
		}
	}
}

// TestModelRequestNameOnlyAffixes: a name that is nothing but the affixes
// names no request.
func TestModelRequestNameOnlyAffixes(t *testing.T) {
	m, err := spec.NewResource("Post", []string{"title:string"}, spec.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"Store", "Update", "UpdateRequest", "StoreRequest"} {
		_, err := Generate(Options{Name: name, Model: &m, Module: "example.com/app"})
		if err == nil || !strings.Contains(err.Error(), "is only a Store/Update prefix or a Request suffix") {
			t.Errorf("%q: got %v, want a refusal", name, err)
		}
	}
}

// TestUpdateRequired: the Update request names, in field order, the fields
// the Store request requires (validate.Replacer), and its doc says what PUT
// must send; a model with no required field gets no Required method.
func TestUpdateRequired(t *testing.T) {
	m, err := spec.NewResource("Post", []string{"title:string", "body:text:nullable", "views:int:default=0",
		"published:bool", "status:enum=draft,live", "author:belongs_to=users"}, spec.Options{})
	if err != nil {
		t.Fatal(err)
	}
	p, err := Generate(Options{Model: &m, Fields: []string{"password:string:required:confirmed"}, Module: "example.com/app"})
	if err != nil {
		t.Fatal(err)
	}
	update := strings.ReplaceAll(string(p.Files[1].Content), "\n// ", " ")
	for _, want := range []string{
		"func (UpdatePostRequest) Required() []string {\n\treturn []string{\"title\", \"published\", \"status\", \"author_id\"}\n}",
		"A PATCH may leave any field out",
		"a PUT replaces the post and must send every required field (see Required)",
	} {
		if !strings.Contains(update, want) {
			t.Errorf("update request lacks %q:\n%s", want, update)
		}
	}
	if strings.Contains(update, "every field may be left out") {
		t.Errorf("update doc still says every field may be left out:\n%s", update)
	}

	opt, err := spec.NewResource("Note", []string{"body:text:nullable", "pinned:bool:default=false"}, spec.Options{})
	if err != nil {
		t.Fatal(err)
	}
	p, err = Generate(Options{Model: &opt, Module: "example.com/app"})
	if err != nil {
		t.Fatal(err)
	}
	if update := string(p.Files[1].Content); strings.Contains(update, "Required()") || strings.Contains(update, "must send") {
		t.Errorf("a model with no required field got a Required method or PUT rule:\n%s", update)
	}
}

// TestRequiredMethodClash: a field that would be called Required clashes
// with the method.
func TestRequiredMethodClash(t *testing.T) {
	m, err := spec.NewResource("Task", []string{"title:string", "required:bool"}, spec.Options{})
	if err != nil {
		t.Fatal(err)
	}
	_, err = Generate(Options{Model: &m, Module: "example.com/app"})
	if err == nil || !strings.Contains(err.Error(), "Required") {
		t.Errorf("got %v, want a clash with the Required method", err)
	}
}

// A model whose own name starts with Store (or is Store) keeps it: the
// requests are named as make controller --model names them.
func TestModelNameThatLooksLikeAnAffix(t *testing.T) {
	for model, name := range map[string]string{"StoreLocation": "StoreLocation", "Store": "Store", "UpdateLog": "UpdateLog"} {
		m, err := spec.NewResource(model, []string{"title:string"}, spec.Options{})
		if err != nil {
			t.Fatal(err)
		}
		p, err := Generate(Options{Name: name, Model: &m, Module: "example.com/app"})
		if err != nil {
			t.Errorf("%s --model %s: %v", name, model, err)
			continue
		}
		if src := string(p.Files[0].Content); !strings.Contains(src, "type Store"+model+"Request struct") {
			t.Errorf("%s --model %s: %s does not declare Store%sRequest", name, model, p.Files[0].Path, model)
		}
	}
}
