package model

import (
	"strings"
	"testing"

	"github.com/kilnhq/kiln/generators/spec"
)

// Names spec cannot know about — the methods and enum declarations this
// generator adds — are refused with a message naming both sides.
func TestGenerateRefusesNameClashes(t *testing.T) {
	for _, c := range []struct {
		model, fields string
		opts          spec.Options
		want          string
	}{
		{"Post", "status_draft:enum=a,b status:enum=draft,published", spec.Options{},
			`generate app/models/post.go: the enum type PostStatusDraft and the constant for status "draft" would both be named PostStatusDraft; rename one`},
		{"Post", "status:enum=draft,published status_draft_values:string", spec.Options{},
			""}, // fields and package names do not meet
	} {
		r, err := spec.NewResource(c.model, strings.Fields(c.fields), c.opts)
		if err != nil {
			t.Fatal(err)
		}
		_, err = Generate(r, Options{})
		if got := errString(err); got != c.want {
			t.Errorf("%s %s:\n got %s\nwant %s", c.model, c.fields, got, c.want)
		}
	}
}

func errString(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

func TestArticle(t *testing.T) {
	for phrase, want := range map[string]string{
		"post": "a", "order": "an", "user": "a", "umbrella": "an", "item": "an", "unit": "a",
		"API key": "an", "URL": "a", "SMS gateway": "an", "blog post": "a", "": "a",
	} {
		if got := article(phrase); got != want {
			t.Errorf("article(%q) = %q, want %q", phrase, got, want)
		}
	}
}

func TestTableNameOnlyWhenTheRuntimeWouldGuessWrong(t *testing.T) {
	for model, want := range map[string]bool{
		"Post": false, "Category": false, "Status": false, "Person": true, "Child": true, "News": true, "BlogPost": false,
	} {
		r, err := spec.NewResource(model, []string{"name:string"}, spec.Options{})
		if err != nil {
			t.Fatal(err)
		}
		p, err := Generate(r, Options{})
		if err != nil {
			t.Fatal(err)
		}
		if got := strings.Contains(string(p.Files[0].Content), ") TableName() string"); got != want {
			t.Errorf("%s (table %s): TableName generated = %v, want %v", model, r.Table(), got, want)
		}
	}
}
