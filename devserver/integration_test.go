package devserver

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

func TestChangeIsServed(t *testing.T) {
	t.Parallel()
	root := newTestApp(t, "v1")
	srv, out := startServer(t, root, nil)
	waitBody(t, srv.URL(), "v1")
	setMessage(t, root, "v2")
	waitBody(t, srv.URL(), "v2")
	for _, want := range []string{"main.go changed", "ready in", "GET / 200"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("console lacks %q", want)
		}
	}
}

// load runs workers that GET paths until stop is closed (or a minute passes, so
// the loop is bounded even if the test goes wrong), counting failed requests: a
// transport error (refused, reset) or any status but 200.
type load struct {
	ok, failed atomic.Int64
	firstErr   atomic.Value
	stop       chan struct{}
	wg         sync.WaitGroup
}

func startLoad(base string, workers int, paths ...string) *load {
	l := &load{stop: make(chan struct{})}
	deadline := time.Now().Add(time.Minute)
	for i := range workers {
		l.wg.Add(1)
		go func() {
			defer l.wg.Done()
			for n := 0; time.Now().Before(deadline); n++ {
				select {
				case <-l.stop:
					return
				default:
				}
				status, body, err := get(base+paths[(i+n)%len(paths)], "")
				if err != nil || status != 200 {
					l.failed.Add(1)
					l.firstErr.CompareAndSwap(nil, fmt.Sprintf("%d %q %v", status, body, err))
					continue
				}
				l.ok.Add(1)
			}
		}()
	}
	return l
}

func (l *load) finish() { close(l.stop); l.wg.Wait() }

// Twenty restarts under a bounded concurrent client: nothing refused, reset or
// failed, including requests in flight on the old process during each swap.
func TestRestartsUnderLoadFailNothing(t *testing.T) {
	t.Parallel()
	root := newTestApp(t, "v0")
	srv, _ := startServer(t, root, nil)
	waitBody(t, srv.URL(), "v0")
	l := startLoad(srv.URL(), 4, "/", "/slow", "/", "/")
	for i := 1; i <= 20; i++ {
		v := fmt.Sprintf("v%d", i)
		setMessage(t, root, v)
		waitBody(t, srv.URL(), v)
	}
	l.finish()
	if f := l.failed.Load(); f != 0 {
		t.Errorf("%d of %d requests failed; first: %v", f, f+l.ok.Load(), l.firstErr.Load())
	}
	if l.ok.Load() < 20 {
		t.Errorf("only %d requests made: the load did not run", l.ok.Load())
	}
	t.Logf("20 restarts, %d requests, 0 failed", l.ok.Load())
}

// A hundred writes within a second build at most twice, never two at once, and
// the final content is what gets served. Not parallel: the writer must keep its
// 9 ms pace, and on a 2-core machine the other tests' builds could stall it past
// the debounce.
func TestBurstOfWritesBuildsAtMostTwice(t *testing.T) {
	root := newTestApp(t, "v0")
	srv, _ := startServer(t, root, nil)
	waitBody(t, srv.URL(), "v0")
	before := srv.builder.count.Load()
	start := time.Now()
	for i := 1; i <= 100; i++ {
		setMessage(t, root, fmt.Sprintf("v%d", i))
		time.Sleep(time.Until(start.Add(time.Duration(i) * 9 * time.Millisecond)))
	}
	waitBody(t, srv.URL(), "v100")
	builds := srv.builder.count.Load() - before
	if builds < 1 || builds > 2 {
		t.Errorf("100 writes in %s started %d builds, want 1 or 2", time.Since(start).Round(time.Millisecond), builds)
	}
	if peak := srv.builder.peak.Load(); peak != 1 {
		t.Errorf("%d builds ran at once", peak)
	}
}

// A broken build leaves the old version serving; the terminal shows the compiler
// error with its position, browsers get the overlay, JSON clients a JSON error,
// and all of it clears with the next good build.
func TestBrokenBuildKeepsOldAppServing(t *testing.T) {
	t.Parallel()
	root := newTestApp(t, "v1")
	srv, out := startServer(t, root, nil)
	waitBody(t, srv.URL(), "v1")
	writeMain(t, root, "v2", "undefinedThing()")
	waitFor(t, srv.URL(), "application/json", "a JSON build error", func(s int, b string) bool {
		return s == 500 && strings.Contains(b, `"message":"build failed: ./main.go:`) && strings.Contains(b, "undefined: undefinedThing")
	})
	if status, body, err := get(srv.URL(), ""); err != nil || status != 200 || body != "v1" {
		t.Errorf("old version not serving: %d %q %v", status, body, err)
	}
	_, page, _ := get(srv.URL(), "text/html,application/xhtml+xml")
	if !strings.Contains(page, `<span class="pos">./main.go:`) || !strings.Contains(page, "keeps running") {
		t.Errorf("overlay page lacks the highlighted error:\n%s", page)
	}
	if !strings.Contains(out.String(), "build failed") || !strings.Contains(out.String(), "./main.go:") {
		t.Errorf("terminal lacks the compiler error:\n%s", out.String())
	}
	setMessage(t, root, "v3")
	waitBody(t, srv.URL(), "v3")
	if status, body, _ := get(srv.URL(), "application/json"); status != 200 || body != "v3" {
		t.Errorf("after the fix, JSON client got %d %q", status, body)
	}
}

// A new version that exits before it is ready: its output is shown, the old one
// keeps serving, and nothing restarts it in a loop while the old one serves.
func TestCrashBeforeReadyKeepsOldAppServing(t *testing.T) {
	t.Parallel()
	root := newTestApp(t, "v1")
	srv, out := startServer(t, root, nil)
	waitBody(t, srv.URL(), "v1")
	writeMain(t, root, "v2", `fmt.Println("boom: no config"); os.Exit(3)`)
	waitFor(t, srv.URL(), "application/json", "the crash reported", func(s int, b string) bool {
		return s == 500 && strings.Contains(b, "exited before it was ready")
	})
	if status, body, err := get(srv.URL(), ""); err != nil || status != 200 || body != "v1" {
		t.Errorf("old version not serving: %d %q %v", status, body, err)
	}
	if !strings.Contains(out.String(), "boom: no config") || !strings.Contains(out.String(), "exit status 3") {
		t.Errorf("terminal lacks the crash output:\n%s", out.String())
	}
	setMessage(t, root, "v3")
	waitBody(t, srv.URL(), "v3")
}

// A crash loop with nothing else serving backs off instead of spinning.
func TestCrashLoopBacksOff(t *testing.T) {
	t.Parallel()
	root := newTestApp(t, "v1")
	writeMain(t, root, "v1", `fmt.Println("boom"); os.Exit(1)`)
	_, out := startServer(t, root, nil)
	waitOutput(t, out, "restarting in 250ms")
	waitOutput(t, out, "restarting in 500ms")
	waitOutput(t, out, "restarting in 1s")
}

// A change to .env restarts the app without building it.
func TestEnvChangeRestartsWithoutBuild(t *testing.T) {
	t.Parallel()
	root := newTestApp(t, "v1")
	writeTree(t, root, map[string]string{".env": "A=1"})
	srv, _ := startServer(t, root, nil)
	waitBody(t, srv.URL(), "v1A=1")
	builds := srv.builder.count.Load()
	writeTree(t, root, map[string]string{".env": "A=2"})
	waitBody(t, srv.URL(), "v1A=2")
	if n := srv.builder.count.Load(); n != builds {
		t.Errorf(".env change ran %d builds", n-builds)
	}
}

// Saving a file without changing it builds nothing.
func TestNoOpSaveBuildsNothing(t *testing.T) {
	t.Parallel()
	root := newTestApp(t, "v1")
	srv, out := startServer(t, root, nil)
	waitBody(t, srv.URL(), "v1")
	builds := srv.builder.count.Load()
	setMessage(t, root, "v1")
	now := time.Now()
	os.Chtimes(filepath.Join(root, "main.go"), now, now)
	// Then a real change: once it is served, the no-op save has been looked at too.
	writeTree(t, root, map[string]string{"extra.go": "package main\n"})
	waitOutput(t, out, "extra.go changed")
	waitCount(t, out, "ready in", 2)
	if strings.Contains(out.String(), "main.go changed") {
		t.Error("a save that changed nothing was reported as a change")
	}
	if n := srv.builder.count.Load() - builds; n != 1 {
		t.Errorf("%d builds, want 1 (for extra.go only)", n)
	}
}

// Requests arriving while no version is ready yet wait for one instead of failing,
// and the request log says they were held.
func TestRequestsWaitForTheFirstReadyApp(t *testing.T) {
	t.Parallel()
	root := newTestApp(t, "v1")
	writeMain(t, root, "v1", "time.Sleep(300 * time.Millisecond)")
	srv, out := startServer(t, root, nil)
	status, body, err := get(srv.URL(), "")
	if err != nil || status != 200 || body != "v1" {
		t.Fatalf("first request: %d %q %v", status, body, err)
	}
	if !strings.Contains(out.String(), "until the app was ready)") {
		t.Errorf("request log does not say the request was held:\n%s", out.String())
	}
}
