package devserver

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// testAppSource is a tiny stdlib-only app, so it builds offline in a fraction of a
// second: GET / answers the message (and the .env it read at start), /slow does so
// after 200 ms, to keep requests in flight across a swap.
const testAppSource = `package main

import (
	"fmt"
	"net/http"
	"os"
	"strings"
	"time"
	%s
)

const message = %q

func main() {
	%s
	env, _ := os.ReadFile(".env")
	body := message + strings.TrimSpace(string(env))
	http.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, body) })
	http.HandleFunc("/slow", func(w http.ResponseWriter, r *http.Request) {
		time.Sleep(200 * time.Millisecond)
		fmt.Fprint(w, body)
	})
	if err := http.ListenAndServe("127.0.0.1:"+os.Getenv("PORT"), nil); err != nil {
		fmt.Println(err)
		os.Exit(1)
	}
}
`

// newTestApp writes the app with message into a temp module and returns its root.
func newTestApp(t testing.TB, message string) string {
	t.Helper()
	root := t.TempDir()
	writeTree(t, root, map[string]string{"go.mod": "module testapp\n\ngo 1.21\n"})
	setMessage(t, root, message)
	return root
}

// setMessage rewrites main.go to answer message.
func setMessage(t testing.TB, root, message string) { writeMain(t, root, message, "") }

// writeMain rewrites main.go; startup is Go code run first thing in main.
func writeMain(t testing.TB, root, message, startup string, imports ...string) {
	t.Helper()
	var quoted []string
	for _, imp := range imports {
		quoted = append(quoted, fmt.Sprintf("%q", imp))
	}
	src := fmt.Sprintf(testAppSource, strings.Join(quoted, "\n\t"), message, startup)
	if err := os.WriteFile(filepath.Join(root, "main.go"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
}

// syncBuffer is the console output of a server under test.
type syncBuffer struct {
	mu      sync.Mutex
	b       bytes.Buffer
	written chan struct{} // gets a token on each write, for waiting without polling
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.written == nil {
		s.written = make(chan struct{}, 1)
	}
	select {
	case s.written <- struct{}{}:
	default:
	}
	return s.b.Write(p)
}

// wrote returns a channel that is ready after the next write.
func (s *syncBuffer) wrote() <-chan struct{} {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.written == nil {
		s.written = make(chan struct{}, 1)
	}
	return s.written
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// startServer runs a dev server on a free loopback port until the test ends.
func startServer(t testing.TB, root string, configure func(*Config)) (*Server, *syncBuffer) {
	t.Helper()
	out := &syncBuffer{}
	cfg := Config{Root: root, Host: "127.0.0.1", Watch: true, Debounce: DefaultDebounce, Out: out}
	if configure != nil {
		configure(&cfg)
	}
	srv, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- srv.Run(ctx) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("Run: %v", err)
		}
		if t.Failed() {
			t.Logf("console:\n%s", out.String())
		}
	})
	return srv, out
}

var testClient = &http.Client{Timeout: 10 * time.Second}

// get fetches url with an Accept header ("" for none) and returns status and body.
func get(url, accept string) (int, string, error) {
	req, err := http.NewRequest(http.MethodGet, url, nil)
	if err != nil {
		return 0, "", err
	}
	if accept != "" {
		req.Header.Set("Accept", accept)
	}
	resp, err := testClient.Do(req)
	if err != nil {
		return 0, "", err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	return resp.StatusCode, string(body), err
}

// waitFor polls url until check accepts the answer, for at most a minute (builds on
// a loaded 2-core machine can be slow; the tests never assert timings).
func waitFor(t testing.TB, url, accept string, what string, check func(status int, body string) bool) string {
	t.Helper()
	deadline := time.Now().Add(time.Minute)
	last := ""
	for time.Now().Before(deadline) {
		status, body, err := get(url, accept)
		if err == nil && check(status, body) {
			return body
		}
		last = fmt.Sprintf("%d %q %v", status, body, err)
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("GET %s: waited a minute for %s; last answer %s", url, what, last)
	return ""
}

// waitBody waits until GET url answers 200 with body.
func waitBody(t testing.TB, url, body string) {
	t.Helper()
	waitFor(t, url, "", fmt.Sprintf("200 %q", body), func(s int, b string) bool { return s == 200 && b == body })
}

// waitOutput waits until the console shows text.
func waitOutput(t *testing.T, out *syncBuffer, text string) {
	t.Helper()
	waitCount(t, out, text, 1)
}

// waitCount waits until the console shows text n times.
func waitCount(t *testing.T, out *syncBuffer, text string, n int) {
	t.Helper()
	for deadline := time.Now().Add(time.Minute); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if strings.Count(out.String(), text) >= n {
			return
		}
	}
	t.Fatalf("console never showed %q %d times:\n%s", text, n, out.String())
}
