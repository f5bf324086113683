package request

import (
	"testing"

	"github.com/kilnhq/kiln/generators/internal/tempapp"
	"github.com/kilnhq/kiln/generators/model"
	"github.com/kilnhq/kiln/generators/spec"
)

// appModels are the models of the compile test's app: every field type,
// nullable fields, defaults, unique columns and a belongs_to.
var appModels = []modelCase{
	{name: "User", fields: "name:string email:string:unique"},
	{name: "Post", fields: "title:string:size=120 body:text:nullable views:int likes:bigint:default=0 rating:float:nullable " +
		"price:decimal discount:decimal:nullable featured:bool:default=true publish_on:date:nullable " +
		"published_at:datetime ref:uuid:nullable meta:json:nullable status:enum=draft,published:default=draft " +
		"slug:string:unique author:belongs_to=users", opts: spec.Options{SoftDeletes: true}},
}

// appSchema is the SQLite schema of appModels.
const appSchema = `
CREATE TABLE users (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL, email TEXT NOT NULL UNIQUE, created_at DATETIME NOT NULL, updated_at DATETIME NOT NULL);
CREATE TABLE posts (id INTEGER PRIMARY KEY AUTOINCREMENT, title TEXT NOT NULL, body TEXT, views INTEGER NOT NULL, likes INTEGER NOT NULL DEFAULT 0,
	rating REAL, price TEXT NOT NULL, discount TEXT, featured INTEGER NOT NULL DEFAULT 1, publish_on DATE, published_at DATETIME NOT NULL,
	ref TEXT, meta TEXT, status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published')), slug TEXT NOT NULL UNIQUE,
	author_id INTEGER NOT NULL REFERENCES users (id), created_at DATETIME NOT NULL, updated_at DATETIME NOT NULL, deleted_at DATETIME)`

// appTest drives the generated requests as a generated controller would:
// validate.Bind, then the request's methods and the ORM, over real HTTP.
const appTest = `package requests

import (
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"

	"blog/app/models"

	"github.com/kilnhq/kiln/runtime/db"
	"github.com/kilnhq/kiln/runtime/orm"
	"github.com/kilnhq/kiln/runtime/validate"
	"github.com/kilnhq/kiln/runtime/web"
)

func TestGeneratedRequests(t *testing.T) {
	d, err := db.Open(db.Config{Driver: db.SQLite, DSN: filepath.Join(t.TempDir(), "app.db")})
	must(t, err)
	defer d.Close()
	for _, stmt := range strings.Split(schema, ";") {
		_, err := d.ExecContext(t.Context(), stmt)
		must(t, err)
	}
	ada := &models.User{Name: "Ada", Email: "ada@example.com"}
	must(t, orm.Create(t.Context(), d, ada))

	r := web.NewRouter()
	r.Handle("POST", "/posts", web.Handler(func(w http.ResponseWriter, r *http.Request) error {
		req, err := validate.Bind[StorePostRequest](r, d)
		if err != nil {
			return err
		}
		post := req.Post()
		if err := orm.Create(r.Context(), d, &post); err != nil {
			return err
		}
		return web.JSON(w, http.StatusCreated, post)
	}))
	update := web.Handler(func(w http.ResponseWriter, r *http.Request) error {
		id, err := web.PathID(r, "id")
		if err != nil {
			return err
		}
		post, err := orm.Find[models.Post](r.Context(), d, id)
		if err != nil {
			return err
		}
		req, err := validate.Bind[UpdatePostRequest](r, d)
		if err != nil {
			return err
		}
		req.Apply(post)
		if err := orm.Update(r.Context(), d, post); err != nil {
			return err
		}
		return web.JSON(w, http.StatusOK, post)
	})
	r.Handle("PATCH", "/posts/{id}", update)
	r.Handle("PUT", "/posts/{id}", update)
	r.Handle("POST", "/addresses", web.Handler(func(w http.ResponseWriter, r *http.Request) error {
		_, err := validate.Bind[CreateAddressRequest](r, d)
		return err
	}))
	r.Handle("POST", "/users", web.Handler(func(w http.ResponseWriter, r *http.Request) error {
		_, err := validate.Bind[StoreUserRequest](r, d)
		return err
	}))
	r.Handle("POST", "/orders", web.Handler(func(w http.ResponseWriter, r *http.Request) error {
		_, err := validate.Bind[StoreOrderRequest](r, d)
		return err
	}))
	srv := httptest.NewServer(r)
	defer srv.Close()

	for _, c := range []struct{ method, path, body string; status int; want string }{
		{"POST", "/posts", "{\"title\":\"\",\"price\":\"x\"}", 422,
			` + "`" + `{"message":"The title field is required. (and 5 more errors)","errors":{"title":["The title field is required."],"views":["The views field is required."],"price":["The price field must be a number."],"published_at":["The published at field is required."],"slug":["The slug field is required."],"author_id":["The author id field is required."]}}` + "`" + `},
		{"POST", "/posts", "{\"title\":\"\",\"status\":\"gone\",\"author_id\":42}", 422,
			` + "`" + `{"message":"The title field is required. (and 6 more errors)","errors":{"title":["The title field is required."],"views":["The views field is required."],"price":["The price field is required."],"published_at":["The published at field is required."],"status":["The selected status is invalid."],"slug":["The slug field is required."],"author_id":["The selected author id is invalid."]}}` + "`" + `},
		{"POST", "/posts", "{\"title\":\"Hello\",\"views\":0,\"price\":\"9.90\",\"published_at\":\"2026-01-02T03:04:05Z\",\"slug\":\"hello\",\"author_id\":1,\"publish_on\":\"2026-01-02\",\"meta\":{\"a\":1}}", 201, ""},
		{"POST", "/posts", "{\"title\":\"Again\",\"views\":0,\"price\":1,\"published_at\":\"2026-01-02\",\"slug\":\"hello\",\"author_id\":1}", 422,
			` + "`" + `{"message":"The slug has already been taken.","errors":{"slug":["The slug has already been taken."]}}` + "`" + `},
		{"POST", "/posts", "{\"title\":\"   \",\"views\":0,\"price\":1,\"published_at\":\"2026-01-02\",\"slug\":\"blank\",\"author_id\":1}", 422,
			` + "`" + `{"message":"The title field is required.","errors":{"title":["The title field is required."]}}` + "`" + `},
		{"PUT", "/posts/1", "{\"title\":\"Hello\",\"body\":null}", 422,
			` + "`" + `{"message":"The views field is required. (and 4 more errors)","errors":{"views":["The views field is required."],"price":["The price field is required."],"published_at":["The published at field is required."],"slug":["The slug field is required."],"author_id":["The author id field is required."]}}` + "`" + `},
		{"PATCH", "/posts/1", "{\"views\":null}", 422,
			` + "`" + `{"message":"The views field is required.","errors":{"views":["The views field is required."]}}` + "`" + `},
		{"POST", "/addresses", "{}", 422,
			` + "`" + `{"message":"The address field is required.","errors":{"address":["The address field is required."]}}` + "`" + `},
		{"POST", "/addresses", "{\"address\":{\"city\":\" \"}}", 422,
			` + "`" + `{"message":"The address.city field is required.","errors":{"address.city":["The address.city field is required."]}}` + "`" + `},
		{"POST", "/addresses", "{\"address\":{\"city\":\"Oslo\"}}", 200, ""},
		{"PATCH", "/posts/1", "{\"slug\":\"hello\",\"title\":\"Hello again\",\"body\":\"text\"}", 200, ""},
		{"PATCH", "/posts/1", "{\"body\":null,\"title\":\"  \"}", 422,
			` + "`" + `{"message":"The title field is required.","errors":{"title":["The title field is required."]}}` + "`" + `},
		{"PATCH", "/posts/1", "{\"body\":null}", 200, ""},
		{"PUT", "/posts/1", "{\"title\":\"Hello again\",\"views\":3,\"price\":\"2.50\",\"published_at\":\"2026-01-02\",\"slug\":\"hello\",\"author_id\":1}", 200, ""},
		{"POST", "/users", "{\"name\":\"Bob\",\"email\":\"ada@example.com\",\"password\":\"secret123\",\"password_confirmation\":\"nope\"}", 422,
			` + "`" + `{"message":"The email has already been taken. (and 1 more error)","errors":{"email":["The email has already been taken."],"password":["The password field confirmation does not match."]}}` + "`" + `},
		{"POST", "/orders", "{\"items\":[{\"qty\":1},{\"qty\":0,\"sku\":\"x\"}]}", 422,
			` + "`" + `{"message":"The items.1.sku field is prohibited. (and 1 more error)","errors":{"items.1.sku":["The items.1.sku field is prohibited."],"items.1.qty":["The items.1.qty field must be at least 1."]}}` + "`" + `},
		{"POST", "/orders", "{\"items\":[{\"qty\":1},{\"qty\":0}]}", 422,
			` + "`" + `{"message":"The items.1.qty field must be at least 1.","errors":{"items.1.qty":["The items.1.qty field must be at least 1."]}}` + "`" + `},
		{"POST", "/orders", "{\"items\":[]}", 422,
			` + "`" + `{"message":"The items field is required.","errors":{"items":["The items field is required."]}}` + "`" + `},
	} {
		req, _ := http.NewRequest(c.method, srv.URL+c.path, strings.NewReader(c.body))
		req.Header.Set("Content-Type", "application/json")
		resp, err := http.DefaultClient.Do(req)
		must(t, err)
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		got := strings.TrimSpace(string(b))
		if resp.StatusCode != c.status || (c.want != "" && got != c.want) {
			t.Errorf("%s %s %s:\n got %d %s\nwant %d %s", c.method, c.path, c.body, resp.StatusCode, got, c.status, c.want)
		}
	}

	post, err := orm.Find[models.Post](t.Context(), d, 1)
	must(t, err)
	if post.Title != "Hello again" || post.Views != 3 || post.Body != nil || post.Status != models.PostStatusDraft || !post.Featured ||
		post.PublishOn == nil || post.PublishOn.Format("2006-01-02") != "2026-01-02" || string(post.Meta) != ` + "`" + `{"a":1}` + "`" + ` {
		t.Errorf("stored post: %+v", post)
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
`

// appRequests are the request generator runs of the compile test.
func appRequests(t *testing.T) []Options {
	post := appModels[1].resource(t)
	user := appModels[0].resource(t)
	return []Options{
		{Model: &post},
		{Model: &user, Fields: []string{"email:string:email", "password:string:required:min=8:confirmed"}},
		{Name: "CreateAddress", Fields: []string{"address.city:string:required"}},
		{Name: "StoreOrder", Fields: []string{"items:array:required", "items.*.qty:int:required:min=1", "items.*.note:string:max=20", "tags.*:string:max=5"}},
		renamed(goldenCases["request_every_rule"].options(t), "RegisterUser"),
		renamed(goldenCases["request_nested"].options(t), "PlaceOrder"),
	}
}

// renamed runs a golden case under another name, so its file sits beside
// the others in one package.
func renamed(o Options, name string) Options {
	o.Name = name
	return o
}

// TestGeneratedRequestsCompileAndRun writes generated models and requests
// into a temporary app module that uses this checkout of kiln, then vets it
// and runs a test that binds real HTTP requests with runtime/validate and
// stores them with runtime/orm on SQLite.
func TestGeneratedRequestsCompileAndRun(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a module")
	}
	app := tempapp.New(t, "blog")
	for _, c := range appModels {
		p, err := model.Generate(c.resource(t), model.Options{Module: "blog"})
		if err != nil {
			t.Fatal(err)
		}
		app.Write(p.Files[0].Path, string(p.Files[0].Content))
	}
	for _, o := range appRequests(t) {
		o.Module = "blog"
		p, err := Generate(o)
		if err != nil {
			t.Fatal(err)
		}
		app.WritePlan(p)
	}
	app.Write("app/http/requests/requests_test.go", appTest+"\nconst schema = `"+appSchema+"`\n")
	app.Go("vet", "./...")
	app.Go("test", "./...")
}
