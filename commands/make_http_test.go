package commands

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// newApp makes an app with kiln new, as a user would.
func newApp(t *testing.T) string {
	t.Helper()
	app := filepath.Join(t.TempDir(), "shop")
	if code, _, stderr := run(t, "new", app, "-n"); code != 0 {
		t.Fatalf("kiln new: exit %d: %s", code, stderr)
	}
	return app
}

// snapshot is every file below dir with its content.
func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, f := range listFiles(t, dir) {
		b, err := os.ReadFile(filepath.Join(dir, f))
		if err != nil {
			t.Fatal(err)
		}
		out[f] = string(b)
	}
	return out
}

// unchanged fails the test when dir differs from before.
func unchanged(t *testing.T, dir string, before map[string]string, what string) {
	t.Helper()
	after := snapshot(t, dir)
	for f, b := range after {
		if a, ok := before[f]; !ok {
			t.Errorf("%s created %s", what, f)
		} else if a != b {
			t.Errorf("%s changed %s", what, f)
		}
	}
	for f := range before {
		if _, ok := after[f]; !ok {
			t.Errorf("%s removed %s", what, f)
		}
	}
}

func writeFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

// A Go module that does not require kiln is no kiln app: code generated
// there could not build, so every make command refuses and writes nothing.
func TestMakeRefusesOutsideKilnApp(t *testing.T) {
	for _, args := range [][]string{
		{"make", "request", "Foo", "a:string"},
		{"make", "controller", "Foo"},
		{"make", "resource", "Foo"},
		{"make", "model", "Post", "title:string", "-m"},
		{"make", "scaffold", "Post", "title:string"},
		{"make", "migration", "create_tags_table"},
	} {
		dir := t.TempDir()
		writeFile(t, filepath.Join(dir, "go.mod"), "module example.com/plain\n\ngo 1.26\n\nrequire golang.org/x/mod v0.42.0\n")
		code, _, stderr := run(t, append(args, "--dir", dir)...)
		if code != 2 || !strings.Contains(stderr, "is not a kiln app: its go.mod does not require github.com/kilnhq/kiln") {
			t.Errorf("kiln %s: exit %d, stderr %q; want exit 2, not a kiln app", strings.Join(args, " "), code, stderr)
		}
		if files := listFiles(t, dir); len(files) != 1 {
			t.Errorf("kiln %s wrote %v", strings.Join(args, " "), files)
		}
	}
}

// An app whose routes/api.go is gone is told what to create, and nothing is
// written.
func TestMakeWithoutRoutesFile(t *testing.T) {
	app := newApp(t)
	if err := os.Remove(filepath.Join(app, "routes", "api.go")); err != nil {
		t.Fatal(err)
	}
	before := snapshot(t, app)
	for _, c := range []struct {
		args       []string
		controller string
	}{
		{[]string{"make", "scaffold", "User", "name:string"}, "UserController"},
		{[]string{"make", "model", "User", "name:string", "-c"}, "UserController"},
		{[]string{"make", "controller", "Post", "--api"}, "PostController"},
	} {
		code, _, stderr := run(t, append(c.args, "--dir", app, "-n")...)
		want := "routes/api.go does not exist, so there is no func API(r *web.Router, database *db.DB) to register " + c.controller + " in: create the file (package routes) with it"
		if code == 0 || !strings.Contains(stderr, want) {
			t.Errorf("kiln %s: exit %d, stderr %q; want %q", strings.Join(c.args, " "), code, stderr, want)
		}
		unchanged(t, app, before, strings.Join(c.args, " "))
	}
	// A controller with no routes needs no routes file.
	if code, _, stderr := run(t, "make", "controller", "Health", "--dir", app, "-n"); code != 0 {
		t.Errorf("make controller Health: exit %d: %s", code, stderr)
	}
}

// A route path in use is refused, naming the route and its line, and nothing
// is written; the controller's own registration is no conflict, so running
// a scaffold again changes nothing.
func TestMakeRefusesRoutePathInUse(t *testing.T) {
	app := newApp(t)
	routesFile := filepath.Join(app, "routes", "api.go")
	writeFile(t, routesFile, `package routes

import (
	"net/http"

	"github.com/kilnhq/kiln/runtime/db"
	"github.com/kilnhq/kiln/runtime/web"
)

func API(r *web.Router, database *db.DB) {
	r.Get("/api/users", func(w http.ResponseWriter, r *http.Request) {})
}
`)
	before := snapshot(t, app)
	code, stdout, stderr := run(t, "make", "scaffold", "User", "name:string", "--dir", app, "-n")
	if code == 0 || !strings.Contains(stderr, `cannot register UserController at /api/users: the path is already in use (routes/api.go:11: r.Get("/api/users", func(w http.ResponseWriter, r *http.Request) {}))`) {
		t.Errorf("scaffold User with /api/users taken: exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
	unchanged(t, app, before, "the refused scaffold")

	if code, _, stderr := run(t, "make", "scaffold", "Post", "title:string", "--dir", app, "-n"); code != 0 {
		t.Fatalf("scaffold Post: exit %d: %s", code, stderr)
	}
	before = snapshot(t, app)
	code, _, stderr = run(t, "make", "controller", "posts", "--api", "--dir", app, "-n")
	if code == 0 || !strings.Contains(stderr, `cannot register PostsController at /api/posts: the path is already in use (routes/api.go:14: r.Resource("/api/posts", &controllers.PostController{DB: database}))`) {
		t.Errorf("make controller posts --api: exit %d, stderr %q", code, stderr)
	}
	unchanged(t, app, before, "the refused make controller")

	code, stdout, stderr = run(t, "make", "scaffold", "Post", "title:string", "--dir", app, "-n")
	if code != 0 || strings.Contains(stdout, "create ") || strings.Contains(stdout, "update ") {
		t.Errorf("scaffold Post again: exit %d, stdout %q, stderr %q; want everything identical", code, stdout, stderr)
	}
	unchanged(t, app, before, "the second scaffold")
}

// Bad combinations of make controller's arguments are usage errors that
// write nothing.
func TestMakeControllerRefusesBadArguments(t *testing.T) {
	app := newApp(t)
	before := snapshot(t, app)
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"Foo", "Foo"}, `controller name "Foo" is given twice: give each controller once`},
		{[]string{"FooController", "Foo"}, `controller names "FooController" and "Foo" both name FooController: give each controller once`},
		{[]string{"blog_post", "BlogPost", "--api"}, `controller names "blog_post" and "BlogPost" both name BlogPostController`},
		{[]string{"Post", "Posts", "--api"}, `controllers "Post" and "Posts" would both be registered at /api/posts: give one of them`},
		{[]string{"X", "--api", "--requests"}, "--requests needs --model"},
		{[]string{"X", "--requests"}, "--requests needs --model"},
	} {
		args := append([]string{"make", "controller"}, c.args...)
		code, _, stderr := run(t, append(args, "--dir", app, "-n")...)
		if code != 2 || !strings.Contains(stderr, c.want) {
			t.Errorf("kiln %s: exit %d, stderr %q; want exit 2 with %q", strings.Join(args, " "), code, stderr, c.want)
		}
		unchanged(t, app, before, strings.Join(args, " "))
	}
}

// A request field whose name is not ASCII is refused with an ASCII example,
// never with the name itself.
func TestMakeRequestSuggestsASCIINames(t *testing.T) {
	app := newApp(t)
	for _, c := range []struct{ field, want string }{
		{"naïve:string", `name "naïve" contains "ï"; use ASCII snake_case (a-z, 0-9 and _), e.g. naive`},
		{"items.*.Crème-Brûlée:int", `e.g. creme_brulee`},
		{"名前:string", `name "名前" contains "名"; use ASCII snake_case (a-z, 0-9 and _)` + "\n"},
	} {
		code, _, stderr := run(t, "make", "request", "Foo", c.field, "--dir", app, "-n")
		if code != 2 || !strings.Contains(stderr, c.want) {
			t.Errorf("make request Foo %s: exit %d, stderr %q; want %q", c.field, code, stderr, c.want)
		}
	}
	if files := listFiles(t, filepath.Join(app, "app", "http")); slices.ContainsFunc(files, func(f string) bool { return strings.Contains(f, "foo") }) {
		t.Errorf("a refused request was written: %v", files)
	}
}

// A resource made before its relation's model had a resource shows the
// relation as the model itself, every column included. When the related
// model gets its resource, kiln rewrites the resources it wrote and nobody
// edited to nest it, keeping --collection, and names the edited ones.
func TestResourcesNestARelatedModelsLaterResource(t *testing.T) {
	app := newApp(t)
	for _, args := range [][]string{
		{"make", "model", "Post", "title:string", "author:belongs_to=users", "-a"},
		{"make", "resource", "Post", "--model", "Post", "--collection", "--force"},
		{"make", "model", "Comment", "body:text", "author:belongs_to=users", "-a"},
		{"make", "resource", "PostSummary", "--model", "Post"}, // named for no model: not kiln's to regenerate
	} {
		if code, _, stderr := run(t, append([]string{"--dir", app, "-n"}, args...)...); code != 0 {
			t.Fatalf("kiln %v: exit %d: %s", args, code, stderr)
		}
	}
	post := filepath.Join(app, "app/http/resources/post_resource.go")
	comment := filepath.Join(app, "app/http/resources/comment_resource.go")
	edited := readFile(t, comment) + "\n// mine\n"
	writeFile(t, comment, edited)
	if !strings.Contains(readFile(t, post), "Author *models.User ") {
		t.Fatalf("before User has a resource, Post's author should be the model:\n%s", readFile(t, post))
	}

	code, stdout, stderr := run(t, "--dir", app, "-n", "make", "scaffold", "User", "name:string", "password:string")
	if code != 0 {
		t.Fatalf("make scaffold User: exit %d: %s", code, stderr)
	}
	got := readFile(t, post)
	for _, want := range []string{"Author *UserResource ", "One(p.Author, NewUserResource)", "type PostCollection "} {
		if !strings.Contains(got, want) {
			t.Errorf("post_resource.go lacks %q after User got a resource:\n%s", want, got)
		}
	}
	if strings.Contains(got, "models.User") || !strings.Contains(stdout, "update  app/http/resources/post_resource.go") {
		t.Errorf("post_resource.go still shows models.User, or the report does not list it:\n%s", stdout)
	}
	if readFile(t, comment) != edited {
		t.Errorf("kiln rewrote comment_resource.go, which the user had edited")
	}
	if !strings.Contains(stderr, "app/http/resources/comment_resource.go shows User as the model itself") ||
		strings.Contains(stderr, "post_resource.go shows") || strings.Contains(stderr, "post_summary") {
		t.Errorf("the note should name comment_resource.go only:\n%s", stderr)
	}

	// Again: nothing left to rewrite.
	if code, stdout, stderr := run(t, "--dir", app, "-n", "make", "resource", "User", "--model", "User"); code != 0 || strings.Contains(stdout, "post_resource") {
		t.Errorf("make resource User again: exit %d\n%s%s", code, stdout, stderr)
	}
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// A resource of the related model that the user keeps (--skip-existing, or
// "keep" at the prompt) is not kiln's shape: the resources that would nest
// it stay as they are, so the app still builds.
func TestResourcesStayWhenTheRelatedResourceIsKept(t *testing.T) {
	app := newApp(t)
	for _, args := range [][]string{
		{"make", "model", "Post", "title:string", "author:belongs_to=users", "-a"},
		{"make", "model", "User", "name:string", "-m"},
		{"make", "resource", "User"}, // a hand-filled resource, not from the model
	} {
		if code, _, stderr := run(t, append([]string{"--dir", app, "-n"}, args...)...); code != 0 {
			t.Fatalf("kiln %v: exit %d: %s", args, code, stderr)
		}
	}
	post := filepath.Join(app, "app/http/resources/post_resource.go")
	before := readFile(t, post)
	code, stdout, stderr := run(t, "--dir", app, "-n", "--skip-existing", "make", "resource", "User", "--model", "User")
	if code != 0 || readFile(t, post) != before || strings.Contains(stdout, "post_resource") {
		t.Errorf("exit %d; post_resource.go changed although UserResource was kept:\n%s%s", code, stdout, stderr)
	}
}
