package devserver

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// appServer is a real HTTP server standing in for an app process.
func appServer(t *testing.T, h http.HandlerFunc) *backend {
	t.Helper()
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return newBackend(strings.TrimPrefix(srv.URL, "http://"), nil)
}

func serve(p *proxy, accept string) *httptest.ResponseRecorder {
	req := httptest.NewRequest(http.MethodGet, "/x", nil)
	if accept != "" {
		req.Header.Set("Accept", accept)
	}
	rec := httptest.NewRecorder()
	p.ServeHTTP(rec, req)
	return rec
}

func TestProxyHoldsRequestsUntilAnAppIsReady(t *testing.T) {
	p := newProxy(time.Minute, t.Logf)
	done := make(chan *httptest.ResponseRecorder)
	go func() { done <- serve(p, "") }()
	select {
	case rec := <-done:
		t.Fatalf("answered %d with no app", rec.Code)
	case <-time.After(50 * time.Millisecond):
	}
	p.swap(appServer(t, func(w http.ResponseWriter, _ *http.Request) { io.WriteString(w, "ok") }))
	if rec := <-done; rec.Code != 200 || rec.Body.String() != "ok" {
		t.Errorf("held request: %d %q", rec.Code, rec.Body)
	}
}

func TestProxyGivesUpAfterTheHoldTime(t *testing.T) {
	p := newProxy(20*time.Millisecond, t.Logf)
	rec := serve(p, "application/json")
	if rec.Code != 503 || !strings.Contains(rec.Body.String(), `"message":"no app is ready`) {
		t.Errorf("got %d %s", rec.Code, rec.Body)
	}
	p.close()
	if rec := serve(p, ""); rec.Code != 503 {
		t.Errorf("after close: %d", rec.Code)
	}
}

// The old process finishes what it has in flight after the swap; drain waits for it.
func TestDrainWaitsForRequestsInFlight(t *testing.T) {
	entered, release := make(chan struct{}), make(chan struct{})
	old := appServer(t, func(w http.ResponseWriter, _ *http.Request) {
		close(entered)
		<-release
		io.WriteString(w, "old")
	})
	p := newProxy(time.Minute, t.Logf)
	p.swap(old)
	done := make(chan *httptest.ResponseRecorder)
	go func() { done <- serve(p, "") }()
	<-entered
	p.swap(appServer(t, func(w http.ResponseWriter, _ *http.Request) { io.WriteString(w, "new") }))
	if rec := serve(p, ""); rec.Body.String() != "new" {
		t.Errorf("after the swap: %q", rec.Body)
	}
	drained := make(chan bool)
	go func() { drained <- old.drain(time.Minute) }()
	select {
	case <-drained:
		t.Fatal("drain returned with a request in flight")
	case <-time.After(50 * time.Millisecond):
	}
	close(release)
	if !<-drained {
		t.Error("drain reported requests left")
	}
	if rec := <-done; rec.Code != 200 || rec.Body.String() != "old" {
		t.Errorf("in-flight request: %d %q", rec.Code, rec.Body)
	}
	if !old.drain(time.Millisecond) {
		t.Error("a second drain should return at once")
	}
}

// After a failed build, browsers and JSON clients see the failure; other clients
// still reach the old version. With no version at all, everyone gets the failure.
func TestFailureByClientKind(t *testing.T) {
	p := newProxy(time.Minute, t.Logf)
	p.setFailure("Build failed", "# app\n./main.go:3:2: undefined: x\n")
	if rec := serve(p, ""); rec.Code != 503 || !strings.Contains(rec.Body.String(), "./main.go:3:2") {
		t.Errorf("no app, plain client: %d %q", rec.Code, rec.Body)
	}
	p.mu.Lock()
	p.cur = appServer(t, func(w http.ResponseWriter, _ *http.Request) { io.WriteString(w, "old") })
	p.mu.Unlock()
	if rec := serve(p, "text/html,*/*"); rec.Code != 500 || !strings.Contains(rec.Body.String(), `<span class="pos">./main.go:3:2</span>`) {
		t.Errorf("browser: %d %q", rec.Code, rec.Body)
	}
	rec := serve(p, "application/json")
	if rec.Code != 500 || !strings.HasPrefix(rec.Body.String(), `{"message":"build failed: ./main.go:3:2: undefined: x"`) {
		t.Errorf("JSON client: %d %q", rec.Code, rec.Body)
	}
	if rec := serve(p, "*/*"); rec.Code != 200 || rec.Body.String() != "old" {
		t.Errorf("other client: %d %q", rec.Code, rec.Body)
	}
	p.swap(p.cur)
	if rec := serve(p, "application/json"); rec.Code != 200 {
		t.Errorf("after a swap the failure should be gone: %d", rec.Code)
	}
}
