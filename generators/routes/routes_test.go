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
	// A path some other route serves is refused, naming the route: kiln's
	// routes would never be registered, or ServeMux would panic at start-up.
	"routes_path_taken":            {"/api/posts", "PostController", false},
	"routes_path_in_use":           {"/api/users", "UserController", false},
	"routes_path_other_controller": {"/api/posts", "PostsController", false},
	// A variable in API named like the controllers package gets it aliased.
	"routes_local_clash":     {"/api/posts", "PostController", false},
	"routes_shadowed_import": {"/api/posts", "PostController", false},
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
				typeCheck(t, out)
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

// apiFile is a routes file whose func API has the given parameters and body.
func apiFile(params, body string) []byte {
	return []byte("package routes\n\nimport (\n\t\"net/http\"\n\n\t\"github.com/kilnhq/kiln/runtime/db\"\n\t\"github.com/kilnhq/kiln/runtime/web\"\n)\n\n" +
		"func API(r *web.Router, database *db.DB" + params + ") {\n" + body + "\n}\n\n" +
		"func h(w http.ResponseWriter, r *http.Request) {}\n")
}

// Every route Resource would register — GET and POST on the path, GET, PUT,
// PATCH and DELETE on path/{…} — makes the path taken, with or without a
// Group prefix; other routes near it do not.
func TestPathInUse(t *testing.T) {
	for _, c := range []struct {
		body  string
		taken bool
	}{
		{`r.Get("/api/posts", h)`, true},
		{`r.Post("/api/posts/", h)`, false}, // a subtree pattern: more specific routes win
		{`r.Post("/api/posts", h)`, true},
		{`r.Put("/api/posts/{post}", h)`, true},
		{`r.Handle("PATCH", "/api/posts/{id}", http.HandlerFunc(h))`, true},
		{`r.Handle("HEAD", "/api/posts", http.HandlerFunc(h))`, false}, // more specific than GET: ServeMux takes both
		{`r.Handle("get", "/api/posts", http.HandlerFunc(h))`, false},  // methods are case-sensitive
		{`r.Resource("/api/posts/{post}", &other{})`, true},            // its GET /api/posts/{post} is our GET /api/posts/{id}
		{`r.Resource("/api", &other{})`, false},                        // /api/posts is more specific than its /api/{id}
		{`r.Handle("", "/api/posts/{id}", http.HandlerFunc(h))`, true},
		{`r.Group("/api", func(g *web.Router) { g.Group("/posts/", func(p *web.Router) { p.Delete("/{id}", h) }) })`, true},
		{`r.Resource("/api/posts/", &other{})`, true},
		{`r.Post("/api/posts/{id}", h)`, false},
		{`r.Get("/api/posts/{id}/comments", h)`, false},
		{`r.Get("/api/posts/{rest...}", h)`, false},
		{`r.Get("/api/posts/{$}", h)`, false},
		{`r.Get("/api/postsx", h)`, false},
		{`r.Handle("OPTIONS", "/api/posts", http.HandlerFunc(h))`, false},
		{`r.Group(prefix(), func(g *web.Router) { g.Get("/posts", h) })`, false}, // unknown prefix
		{`r.Group("/v2", func(g *web.Router) { g.Get("/api/posts", h) })`, false},
	} {
		out, err := RegisterResource(apiFile("", "\t"+c.body), module, "/api/posts", "PostController")
		switch {
		case c.taken && (err == nil || !strings.Contains(err.Error(), "cannot register PostController at /api/posts: the path is already in use (routes/api.go:11: ")):
			t.Errorf("%s: err = %v, want the path refused naming line 11", c.body, err)
		case !c.taken && err != nil:
			t.Errorf("%s: %v", c.body, err)
		case !c.taken && !bytes.Contains(out, []byte(`r.Resource("/api/posts", &controllers.PostController{DB: database})`)):
			t.Errorf("%s: not registered:\n%s", c.body, out)
		}
	}
}

// The controller's own registration, in kiln's form or the user's, is no
// conflict: the file is left as it is.
func TestOwnRegistrationIsNoConflict(t *testing.T) {
	for _, reg := range []string{
		`&controllers.PostController{DB: database}`,
		`controllers.NewPostController(database)`,
	} {
		src := []byte("package routes\n\nimport (\n\t\"github.com/kilnhq/kiln/runtime/db\"\n\t\"github.com/kilnhq/kiln/runtime/web\"\n\n\t\"example.com/blog/app/http/controllers\"\n)\n\n" +
			"func API(r *web.Router, database *db.DB) {\n\tr.Resource(\"/api/posts\", " + reg + ")\n}\n")
		out, err := RegisterResource(src, module, "/api/posts", "PostController")
		if err != nil || !bytes.Equal(out, src) {
			t.Errorf("%s: got %v\n%s\nwant the file unchanged", reg, err, out)
		}
	}
}

// Whatever declares the name controllers in func API, the new line must not
// refer to it: the package is imported as appcontrollers instead, the result
// compiles, and a second run changes nothing.
func TestAliasesControllersDeclaredInAPI(t *testing.T) {
	for _, c := range []struct{ params, body string }{
		{"", "\tcontrollers := 1\n\t_ = controllers"},
		{"", "\tvar controllers = []string{}\n\t_ = controllers"},
		{"", "\tconst controllers = 1"},
		{"", "\ttype controllers int"},
		{"", "\tfor controllers := range 3 {\n\t\t_ = controllers\n\t}"},
		{"", "\tswitch controllers := any(1).(type) {\n\tdefault:\n\t\t_ = controllers\n\t}"},
		{"", "\tfunc(controllers int) {}(1)"},
		{", controllers []string", ""},
		{"", "\tappcontrollers := 1\n\tcontrollers := appcontrollers\n\t_ = controllers"},
	} {
		out, err := RegisterResource(apiFile(c.params, c.body), module, "/api/posts", "PostController")
		if err != nil {
			t.Errorf("%q: %v", c.body, err)
			continue
		}
		if !bytes.Contains(out, []byte("appcontrollers")) || !bytes.Contains(out, []byte(`"example.com/blog/app/http/controllers"`)) {
			t.Errorf("%q: the controllers package is not aliased:\n%s", c.body, out)
		}
		typeCheck(t, out)
		checkIdempotent(t, out, "/api/posts", "PostController")
	}
}

// A missing routes file gets the message a file without func API gets.
func TestMissing(t *testing.T) {
	err := Missing(Resource{"/api/posts", "PostController"})
	want := `routes/api.go does not exist, so there is no func API(r *web.Router, database *db.DB) to register PostController in: create the file (package routes) with it and pass routes.API to app.Config.Routes, or register the routes yourself with r.Resource("/api/posts", &controllers.PostController{DB: database})`
	if err == nil || err.Error() != want {
		t.Errorf("Missing = %v\nwant %s", err, want)
	}
}

// Routes in a function of the file passed to Group count with the group's
// prefix; a group function that groups itself does not loop.
func TestPathInUseInGroupFunction(t *testing.T) {
	src := apiFile("", "\tr.Group(\"/api\", apiRoutes)\n\tr.Group(\"/x\", loop)")
	src = append(src, []byte("\nfunc apiRoutes(g *web.Router) { g.Get(\"/posts\", h) }\n\nfunc loop(g *web.Router) { g.Group(\"/y\", loop) }\n")...)
	_, err := RegisterResource(src, module, "/api/posts", "PostController")
	if err == nil || !strings.Contains(err.Error(), "the path is already in use (routes/api.go:17: g.Get(\"/posts\", h))") {
		t.Errorf("err = %v, want the path refused naming apiRoutes' route", err)
	}
	if _, err := RegisterResource(src, module, "/posts", "PostController"); err != nil {
		t.Errorf("/posts is not taken (apiRoutes' route is /api/posts): %v", err)
	}
}
