package resource

import (
	"slices"
	"strings"
	"testing"

	"github.com/kilnhq/kiln/generators/goldentest"
	"github.com/kilnhq/kiln/generators/spec"
)

const module = "example.com/blog"

// goldenCase is one `kiln make resource` run; model "" means no --model.
type goldenCase struct {
	name       string
	model      string
	fields     string
	opts       spec.Options
	collection bool
	nested     []string
}

var goldenCases = map[string]goldenCase{
	"resource_basic": {name: "Post", model: "Post", fields: "title:string body:text:nullable published:bool"},
	"resource_relations": {name: "Post", model: "Post", fields: "title:string author:belongs_to=users editor:belongs_to=users:nullable",
		opts:   spec.Options{SoftDeletes: true, HasMany: []string{"comments"}, HasOne: []string{"cover"}, BelongsToMany: []string{"tags"}},
		nested: []string{"User", "Comment"}},
	"resource_every_type": {name: "Account", model: "Account", fields: "email:string:unique password_hash:string api_token:string:nullable " +
		"visits:int likes:bigint:nullable rating:float balance:decimal credit:decimal:nullable active:bool " +
		"born_on:date:nullable seen_at:datetime ref:uuid ext:uuid:nullable prefs:json status:enum=active,closed " +
		"tier:enum=free,pro:nullable parent:belongs_to=accounts:nullable",
		opts: spec.Options{UUID: true, NoTimestamps: true}},
	"resource_collection":          {name: "Comment", model: "Comment", fields: "body:text post:belongs_to", collection: true},
	"resource_other_name":          {name: "PostSummaryResource", model: "Post", fields: "title:string"},
	"resource_no_model":            {name: "Report"},
	"resource_no_model_collection": {name: "DailyStat", collection: true},
}

func (c goldenCase) options(t *testing.T) Options {
	t.Helper()
	o := Options{Module: module, Collection: c.collection, Nested: c.nested}
	if c.model != "" {
		r, err := spec.NewResource(c.model, strings.Fields(c.fields), c.opts)
		if err != nil {
			t.Fatal(err)
		}
		o.Model = &r
	}
	return o
}

func TestGolden(t *testing.T) {
	for name, c := range goldenCases {
		t.Run(name, func(t *testing.T) {
			n, err := ParseName(c.name)
			if err != nil {
				t.Fatal(err)
			}
			p, err := Generate(n, c.options(t))
			if err != nil {
				t.Fatal(err)
			}
			goldentest.Check(t, name, p)
		})
	}
}

func TestGoldenSupport(t *testing.T) {
	goldentest.Check(t, "resource_support", Support())
}

func TestParseName(t *testing.T) {
	for in, want := range map[string]string{
		"Post": "Post", "post_resource": "Post", "BlogPostResource": "BlogPost", "APIKeyResource": "APIKey",
		"Resource": "", "resource": "", "../x": "",
	} {
		n, err := ParseName(in)
		if got := n.Go(); got != want || (err == nil) != (want != "") {
			t.Errorf("ParseName(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
}

func TestExisting(t *testing.T) {
	got := Existing([]string{
		"app/http/resources/user_resource.go", "app/http/resources/blog_post_resource.go",
		"app/http/resources/resources.go", "app/http/resources/user_resource_test.go",
		"app/http/resources/sub/tag_resource.go", "app/models/post.go", "app/http/resources/_resource.go",
	})
	if want := []string{"User", "BlogPost"}; !slices.Equal(got, want) {
		t.Errorf("Existing = %v, want %v", got, want)
	}
}
