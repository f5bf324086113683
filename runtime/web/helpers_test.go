package web_test

import (
	"bytes"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/kilnhq/kiln/internal/pgtest"
	"github.com/kilnhq/kiln/runtime/web"
)

func TestMain(m *testing.M) { os.Exit(pgtest.Main(m)) }

// logs captures an slog JSON log for assertions; the server writes it from its
// own goroutines, hence the lock.
type logs struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (l *logs) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.Write(p)
}

func (l *logs) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.String()
}

// lines returns the log records with message msg.
func (l *logs) lines(t *testing.T, msg string) []map[string]any {
	t.Helper()
	var out []map[string]any
	for _, line := range strings.Split(strings.TrimSpace(l.String()), "\n") {
		if line == "" {
			continue
		}
		var rec map[string]any
		if err := json.Unmarshal([]byte(line), &rec); err != nil {
			t.Fatalf("log line %q: %v", line, err)
		}
		if rec["msg"] == msg {
			out = append(out, rec)
		}
	}
	return out
}

// waitFor waits until a record with msg and path is logged: the access log line
// is written after the response, so the client can see the answer first.
func (l *logs) waitFor(t *testing.T, msg, path string) map[string]any {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		for _, rec := range l.lines(t, msg) {
			if rec["path"] == path {
				return rec
			}
		}
		time.Sleep(5 * time.Millisecond)
	}
	t.Fatalf("no %q record for %s in log:\n%s", msg, path, l.String())
	return nil
}

// newApp serves a router with the default middleware, logging into the returned
// buffer, over real HTTP on loopback.
func newApp(t *testing.T, o web.Options, routes func(r *web.Router)) (string, *logs) {
	t.Helper()
	l := new(logs)
	o.Logger = slog.New(slog.NewJSONHandler(l, nil))
	r := web.NewRouter()
	r.Use(web.Defaults(o)...)
	routes(r)
	return serve(t, r), l
}

// serve serves h on loopback until the test ends.
func serve(t *testing.T, h http.Handler) string {
	t.Helper()
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv.URL
}

// response is what a test checks of an answer.
type response struct {
	status int
	header http.Header
	body   string
}

// send makes a request with an optional JSON body and extra headers (name, value pairs).
func send(t *testing.T, method, url string, body io.Reader, header ...string) response {
	t.Helper()
	req, err := http.NewRequest(method, url, body)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return response{resp.StatusCode, resp.Header, string(b)}
}

// postJSON sends body as application/json.
func postJSON(t *testing.T, url, body string) response {
	t.Helper()
	return send(t, http.MethodPost, url, strings.NewReader(body), "Content-Type", "application/json")
}

// message decodes an error body and checks its shape: a JSON object whose keys are
// message and, optionally, errors.
func message(t *testing.T, r response) string {
	t.Helper()
	if ct := r.header.Get("Content-Type"); ct != "application/json" {
		t.Errorf("Content-Type = %q, want application/json (body %s)", ct, r.body)
	}
	var body struct {
		Message string `json:"message"`
	}
	if err := json.Unmarshal([]byte(r.body), &body); err != nil {
		t.Fatalf("body %q: %v", r.body, err)
	}
	return body.Message
}
