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
