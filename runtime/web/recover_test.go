package web_test

import (
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/kilnhq/kiln/runtime/web"
)

// panicking is an app whose handlers panic in the ways handlers do.
func panicking(t *testing.T, o web.Options) (string, *logs) {
	return newApp(t, o, func(r *web.Router) {
		r.Get("/panic", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Location", "/half-done")
			panic("boom: SELECT secret FROM users")
		})
		r.Get("/panic-midway", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Length", "100")
			w.WriteHeader(http.StatusOK)
			io.WriteString(w, `{"partial":`)
			panic("midway")
		})
		r.Get("/abort", func(w http.ResponseWriter, r *http.Request) { panic(http.ErrAbortHandler) })
	})
}

func TestPanicIs500WithoutStack(t *testing.T) {
	url, logs := panicking(t, web.Options{})
	resp := send(t, "GET", url+"/panic", nil)
	if resp.status != 500 || resp.body != `{"message":"internal server error"}`+"\n" {
		t.Errorf("got %d %s", resp.status, resp.body)
	}
	if resp.header.Get("Location") != "" || resp.header.Get("X-Request-ID") == "" {
		t.Errorf("headers = %v: want the handler's dropped and the request id kept", resp.header)
	}
	rec := logs.waitFor(t, "panic", "/panic")
	stack := fmt.Sprint(rec["stack"])
	if rec["level"] != "ERROR" || !strings.Contains(stack, "goroutine") || !strings.Contains(stack, "recover_test.go") {
		t.Errorf("panic log = %v", rec)
	}
	if rec["request_id"] != resp.header.Get("X-Request-ID") {
		t.Errorf("panic log request_id = %v, want %s", rec["request_id"], resp.header.Get("X-Request-ID"))
	}
	if access := logs.waitFor(t, "request", "/panic"); access["status"] != 500.0 {
		t.Errorf("access log = %v, want status 500", access)
	}
}

func TestPanicInDebugShowsTheValueButNoStack(t *testing.T) {
	t.Setenv("APP_DEBUG", "true")
	o, err := web.OptionsFromEnv()
	if err != nil || !o.Debug {
		t.Fatalf("OptionsFromEnv = %+v, %v", o, err)
	}
	url, _ := panicking(t, o)
	resp := send(t, "GET", url+"/panic", nil)
	want := `{"message":"internal server error","error":"panic: boom: SELECT secret FROM users"}` + "\n"
	if resp.status != 500 || resp.body != want {
		t.Errorf("got %d %s, want %s", resp.status, resp.body, want)
	}
}

func TestPanicAfterTheResponseStartedAbortsTheConnection(t *testing.T) {
	url, logs := panicking(t, web.Options{})
	for _, path := range []string{"/panic-midway", "/abort"} {
		resp, err := http.Get(url + path)
		if err == nil {
			_, err = io.ReadAll(resp.Body)
			resp.Body.Close()
		}
		if err == nil {
			t.Errorf("%s: read the whole response; want the connection aborted", path)
		}
	}
	logs.waitFor(t, "panic", "/panic-midway")
	logs.waitFor(t, "request", "/abort") // the access log still sees it
	for _, rec := range logs.lines(t, "panic") {
		if rec["path"] == "/abort" {
			t.Errorf("http.ErrAbortHandler is net/http's, not a bug to log: %v", rec)
		}
	}
}
