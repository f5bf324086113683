package web_test

import (
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/kilnhq/kiln/runtime/web"
)

func TestAccessLog(t *testing.T) {
	url, logs := newApp(t, web.Options{}, func(r *web.Router) {
		r.Post("/posts", func(w http.ResponseWriter, r *http.Request) {
			w.WriteHeader(http.StatusCreated)
			io.WriteString(w, "hello")
			web.Logger(r).Info("created")
		})
	})
	resp := send(t, "POST", url+"/posts?token=secret", strings.NewReader("{}"), "X-Request-ID", "trace-1")
	if resp.status != 201 {
		t.Fatalf("got %d", resp.status)
	}
	rec := logs.waitFor(t, "request", "/posts")
	want := map[string]any{"level": "INFO", "method": "POST", "path": "/posts", "status": 201.0, "bytes": 5.0, "request_id": "trace-1"}
	for k, v := range want {
		if rec[k] != v {
			t.Errorf("%s = %v, want %v", k, rec[k], v)
		}
	}
	if d, ok := rec["duration"].(float64); !ok || d <= 0 {
		t.Errorf("duration = %v, want a positive number of nanoseconds", rec["duration"])
	}
	if strings.Contains(logs.String(), "secret") {
		t.Errorf("the query string was logged:\n%s", logs)
	}
	if got := logs.lines(t, "created"); len(got) != 1 || got[0]["request_id"] != "trace-1" {
		t.Errorf("handler log via web.Logger = %v, want the request id", got)
	}

	// Requests no route matches are logged too: the stack wraps the whole mux.
	send(t, "DELETE", url+"/nowhere", nil)
	if rec := logs.waitFor(t, "request", "/nowhere"); rec["status"] != 404.0 || rec["method"] != "DELETE" {
		t.Errorf("unrouted request log = %v", rec)
	}
}
