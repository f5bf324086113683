package web

import (
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
)

func hello(w http.ResponseWriter, _ *http.Request) { io.WriteString(w, "hello") }

func TestRouterServesAndListsRoutes(t *testing.T) {
	r := NewRouter()
	r.Group("/api", func(api *Router) {
		api.Get("/posts/{id}", hello)
		api.Post("/posts", hello)
	})
	r.Handle(http.MethodGet, "/static", http.FileServer(http.Dir(t.TempDir())))

	srv := httptest.NewServer(r)
	defer srv.Close()
	resp, err := http.Get(srv.URL + "/api/posts/7")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || string(body) != "hello" {
		t.Fatalf("GET /api/posts/7 = %d %q", resp.StatusCode, body)
	}
	resp, err = http.Post(srv.URL+"/api/posts/7", "application/json", nil)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("POST /api/posts/7 = %d, want 405", resp.StatusCode)
	}

	want := []Route{
		{"POST", "/api/posts", "web.hello"},
		{"GET", "/api/posts/{id}", "web.hello"},
		{"GET", "/static", "*http.fileHandler"},
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
}

// TestUncleanPathRedirectIsJSON: the mux redirects /api//posts to
// /api/posts; its answer is JSON like every other one.
func TestUncleanPathRedirectIsJSON(t *testing.T) {
	r := NewRouter()
	r.Get("/api/posts", hello)
	r.Post("/api/posts", hello)
	srv := httptest.NewServer(r)
	defer srv.Close()
	noFollow := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	for _, c := range []struct{ method, path, location string }{
		{"GET", "/api//posts", "/api/posts"},
		{"POST", "/api/./posts?x=1", "/api/posts?x=1"},
		{"GET", "/api/posts/../posts/", "/api/posts/"},
		{"HEAD", "//api/posts", "/api/posts"},
	} {
		req, _ := http.NewRequest(c.method, srv.URL+c.path, nil)
		resp, err := noFollow.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		want := `{"message":"moved to ` + c.location + `"}` + "\n"
		if c.method == "HEAD" {
			want = ""
		}
		if resp.StatusCode != http.StatusTemporaryRedirect || resp.Header.Get("Location") != c.location ||
			resp.Header.Get("Content-Type") != jsonType || string(body) != want {
			t.Errorf("%s %s = %d, Location %q, %s %q; want 307 to %s with %q", c.method, c.path, resp.StatusCode,
				resp.Header.Get("Location"), resp.Header.Get("Content-Type"), body, c.location, want)
		}
	}
	// A clean path is served as before.
	resp, err := http.Get(srv.URL + "/api/posts")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || string(body) != "hello" {
		t.Errorf("GET /api/posts = %d %q", resp.StatusCode, body)
	}
}
