package web_test

import (
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/kilnhq/kiln/runtime/web"
)

// postController answers with the method that served the request.
type postController struct{}

func (*postController) Index(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "Index") }
func (*postController) Store(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "Store") }
func (*postController) Show(w http.ResponseWriter, r *http.Request) {
	io.WriteString(w, "Show "+r.PathValue("id"))
}
func (*postController) Update(w http.ResponseWriter, r *http.Request) {
	io.WriteString(w, "Update "+r.Method+" "+r.PathValue("id"))
}
func (*postController) Destroy(w http.ResponseWriter, r *http.Request) {
	io.WriteString(w, "Destroy "+r.PathValue("id"))
}

func TestResourceRegistersFiveJSONRoutes(t *testing.T) {
	r := web.NewRouter()
	r.Group("/api", func(api *web.Router) { api.Resource("/posts/", &postController{}) })

	want := []web.Route{
		{Method: "GET", Path: "/api/posts", Handler: "web_test.(*postController).Index"},
		{Method: "POST", Path: "/api/posts", Handler: "web_test.(*postController).Store"},
		{Method: "DELETE", Path: "/api/posts/{id}", Handler: "web_test.(*postController).Destroy"},
		{Method: "GET", Path: "/api/posts/{id}", Handler: "web_test.(*postController).Show"},
		{Method: "PATCH", Path: "/api/posts/{id}", Handler: "web_test.(*postController).Update"},
		{Method: "PUT", Path: "/api/posts/{id}", Handler: "web_test.(*postController).Update"},
	}
	got := r.Routes()
	if len(got) != len(want) {
		t.Fatalf("routes = %v", got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("route %d = %+v, want %+v", i, got[i], want[i])
		}
	}

	url := serve(t, r)
	for req, answer := range map[string]string{
		"GET /api/posts": "Index", "POST /api/posts": "Store", "GET /api/posts/7": "Show 7",
		"PUT /api/posts/7": "Update PUT 7", "PATCH /api/posts/7": "Update PATCH 7", "DELETE /api/posts/7": "Destroy 7",
	} {
		method, path, _ := strings.Cut(req, " ")
		if resp := send(t, method, url+path, nil); resp.status != 200 || resp.body != answer {
			t.Errorf("%s: got %d %q, want %q", req, resp.status, resp.body, answer)
		}
	}
}

func TestUnknownRoutesAndMethodsAnswerJSON(t *testing.T) {
	r := web.NewRouter()
	r.Resource("/posts", &postController{})
	r.Get("/text-404", http.NotFound) // a handler's own 404 is its business
	url := serve(t, r)

	resp := send(t, "GET", url+"/nope", nil)
	if resp.status != 404 || resp.body != `{"message":"no route for GET /nope"}`+"\n" || message(t, resp) == "" {
		t.Errorf("unknown route: %d %v %q", resp.status, resp.header, resp.body)
	}
	resp = send(t, "POST", url+"/posts/7", nil)
	if resp.status != 405 || resp.body != `{"message":"method POST not allowed for /posts/7"}`+"\n" ||
		resp.header.Get("Allow") != "DELETE, GET, HEAD, PATCH, PUT" || message(t, resp) == "" {
		t.Errorf("wrong method: %d %v %q", resp.status, resp.header, resp.body)
	}
	resp = send(t, "GET", url+"/text-404", nil)
	if resp.status != 404 || !strings.HasPrefix(resp.header.Get("Content-Type"), "text/plain") {
		t.Errorf("handler's http.NotFound was rewritten: %v %q", resp.header, resp.body)
	}
}

// trace is middleware that appends name to the X-Trace response header.
func trace(name string) web.Middleware {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Add("X-Trace", name)
			next.ServeHTTP(w, r)
		})
	}
}

func TestMiddlewareOrder(t *testing.T) {
	r := web.NewRouter()
	r.Use(trace("a"), trace("b"))
	r.Get("/root", func(w http.ResponseWriter, r *http.Request) { w.Header().Add("X-Trace", "handler") })
	r.Group("/api", func(api *web.Router) {
		api.Use(trace("api"))
		api.Group("/admin", func(admin *web.Router) {
			admin.Use(trace("admin"))
			admin.Get("/users", func(w http.ResponseWriter, r *http.Request) { w.Header().Add("X-Trace", "handler") })
		})
		api.Get("/posts", func(w http.ResponseWriter, r *http.Request) { w.Header().Add("X-Trace", "handler") })
	})
	r.Use(trace("c")) // root middleware wraps everything, whenever it is added
	url := serve(t, r)
	for path, want := range map[string]string{
		"/root":            "a b c handler",
		"/api/posts":       "a b c api handler",
		"/api/admin/users": "a b c api admin handler",
		"/missing":         "a b c",
	} {
		resp := send(t, "GET", url+path, nil)
		if got := strings.Join(resp.header.Values("X-Trace"), " "); got != want {
			t.Errorf("%s: ran %q, want %q", path, got, want)
		}
	}
}

func TestUseInAGroupAfterItsRoutesPanics(t *testing.T) {
	defer func() {
		if v := recover(); v == nil || !strings.Contains(v.(string), "before registering routes") {
			t.Errorf("recover() = %v", v)
		}
	}()
	web.NewRouter().Group("/api", func(api *web.Router) {
		api.Get("/posts", func(http.ResponseWriter, *http.Request) {})
		api.Use(trace("late"))
	})
}

func showThing(w http.ResponseWriter, r *http.Request) error { return nil }

func TestHandlerRoutesAreListedByFunctionName(t *testing.T) {
	r := web.NewRouter()
	r.Handle("GET", "/things/{id}", web.Handler(showThing))
	if got := r.Routes()[0].Handler; got != "web_test.showThing" {
		t.Errorf("handler name %q", got)
	}
}
