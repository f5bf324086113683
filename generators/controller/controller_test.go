package controller

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kilnhq/kiln/generators/goldentest"
	"github.com/kilnhq/kiln/generators/plan"
	"github.com/kilnhq/kiln/generators/routes"
	"github.com/kilnhq/kiln/generators/spec"
	"github.com/kilnhq/kiln/runtime/web"
)

const module = "example.com/blog"

// goldenCase is one `kiln make controller` run; model "" means no --model.
type goldenCase struct {
	names    string // space-separated, as on the command line
	resource bool
	model    string
	fields   string
	opts     spec.Options
}

var goldenCases = map[string]goldenCase{
	"controller_plain":          {names: "ReportController"},
	"controller_resource_empty": {names: "Report", resource: true},
	"controller_model": {names: "Post", model: "Post", fields: "title:string body:text author:belongs_to=users",
		opts: spec.Options{SoftDeletes: true, HasMany: []string{"comments"}, BelongsToMany: []string{"tags"}}},
	"controller_model_no_relations": {names: "Tag", model: "Tag", fields: "name:string:unique"},
	"controller_model_uuid":         {names: "ApiKey", model: "APIKey", fields: "name:string owner:belongs_to=users", opts: spec.Options{UUID: true}},
	"controller_several":            {names: "Invoice Payment", resource: true},
}

func (c goldenCase) run(t *testing.T) plan.Plan {
	t.Helper()
	var names []spec.Name
	for _, s := range strings.Fields(c.names) {
		n, err := ParseName(s)
		if err != nil {
			t.Fatal(err)
		}
		names = append(names, n)
	}
	o := Options{Module: module, Resource: c.resource}
	if c.model != "" {
		r, err := spec.NewResource(c.model, strings.Fields(c.fields), c.opts)
		if err != nil {
			t.Fatal(err)
		}
		o.Model = &r
	}
	p, err := Generate(names, o)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestGolden(t *testing.T) {
	for name, c := range goldenCases {
		t.Run(name, func(t *testing.T) {
			goldentest.Check(t, name, c.run(t))
		})
	}
}

// Resource controllers come with one edit registering all of them; plain
// controllers leave routes/api.go alone.
func TestRoutesEdit(t *testing.T) {
	src, err := os.ReadFile(filepath.Join("..", "..", "golden", "routes_new_app", "routes", "api.go.input"))
	if err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string][]string{
		"controller_plain":   nil,
		"controller_model":   {`r.Resource("/api/posts", &controllers.PostController{DB: database})`},
		"controller_several": {`r.Resource("/api/invoices", &controllers.InvoiceController{DB: database})`, `r.Resource("/api/payments", &controllers.PaymentController{DB: database})`},
	} {
		p := goldenCases[name].run(t)
		if len(want) == 0 {
			if len(p.Edits) != 0 {
				t.Errorf("%s: %d edits, want none", name, len(p.Edits))
			}
			continue
		}
		if len(p.Edits) != 1 || p.Edits[0].Path != routes.File {
			t.Fatalf("%s: edits %+v, want one of %s", name, p.Edits, routes.File)
		}
		out, err := p.Edits[0].Change(src)
		if err != nil {
			t.Fatal(err)
		}
		for _, w := range want {
			if !strings.Contains(string(out), w) {
				t.Errorf("%s: routes lack %s:\n%s", name, w, out)
			}
		}
	}
}

func TestSkipRoutes(t *testing.T) {
	n, _ := ParseName("Post")
	p, err := Generate([]spec.Name{n}, Options{Module: module, Resource: true, SkipRoutes: true})
	if err != nil || len(p.Edits) != 0 {
		t.Errorf("edits %v, err %v; want none", p.Edits, err)
	}
}

func TestParseName(t *testing.T) {
	for in, want := range map[string]string{
		"Post": "Post", "PostController": "Post", "blog_post_controller": "BlogPost", "Controller": "", "": "",
	} {
		n, err := ParseName(in)
		if got := n.Go(); got != want || (err == nil) != (want != "") {
			t.Errorf("ParseName(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
}

// A model whose variable would be c must not shadow the receiver.
func TestReceiverAvoidsModelVariable(t *testing.T) {
	r, err := spec.NewResource("C", []string{"name:string"}, spec.Options{})
	if err != nil {
		t.Skipf("spec refuses model C: %v", err)
	}
	n, _ := ParseName("C")
	p, err := Generate([]spec.Name{n}, Options{Module: module, Model: &r})
	if err != nil {
		t.Fatal(err)
	}
	if src := string(p.Files[0].Content); !strings.Contains(src, "func (ctl *CController) Show(") {
		t.Errorf("receiver not renamed:\n%s", src)
	}
}

// The handler docs quote runtime/web's page sizes, which the generator keeps
// as constants so the CLI does not link the runtime (and its database drivers).
func TestPageSizesMatchRuntime(t *testing.T) {
	if defaultPerPage != web.DefaultPerPage || maxPerPage != web.MaxPerPage {
		t.Errorf("page sizes %d/%d, runtime/web has %d/%d", defaultPerPage, maxPerPage, web.DefaultPerPage, web.MaxPerPage)
	}
}
