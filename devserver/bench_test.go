package devserver

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"testing"
	"time"
)

// BenchmarkChangeToNewContent measures what a developer waits for: from writing
// main.go to the first response with the new content through kiln's port. The same
// change is also built with a plain `go build` in a copy of the app, in the same
// run, alternating, so the figure kiln adds over the compiler can be read off:
//
//	go test ./devserver/ -run '^$' -bench ChangeToNewContent -benchtime 20x
//
// Reported (medians): ms/served (write → new content), ms/go-build, ms/overhead
// (served − go-build, per pair) and ms/served-minus-kiln-build (served − the
// duration of kiln's own go build of that change: the debounce plus everything kiln
// does besides compiling, free of the build-time noise between two builds).
// KILN_BENCH_DEBOUNCE sets the debounce (default 50ms).
func BenchmarkChangeToNewContent(b *testing.B) {
	debounce := DefaultDebounce
	if d, err := time.ParseDuration(os.Getenv("KILN_BENCH_DEBOUNCE")); err == nil {
		debounce = d
	}
	root, plain := newTestApp(b, "v0"), newTestApp(b, "v0")
	srv, out := startServer(b, root, func(c *Config) { c.Debounce = debounce })
	waitBody(b, srv.URL(), "v0")
	goBuild(b, plain) // warm the build cache for the copy too
	var served, built, overhead, afterBuild []time.Duration
	b.ResetTimer()
	for i := range b.N {
		v := fmt.Sprintf("v%d", i+1)
		var build, serve time.Duration
		if i%2 == 0 { // alternate, so neither side always runs on a warmer machine
			build, serve = plainThenServed(b, plain, root, srv, out, v)
		} else {
			serve, build = servedThenPlain(b, plain, root, srv, out, v)
		}
		served, built = append(served, serve), append(built, build)
		overhead = append(overhead, serve-build)
		afterBuild = append(afterBuild, serve-time.Duration(srv.builder.lastTook.Load()))
	}
	b.StopTimer()
	b.ReportMetric(ms(median(served)), "ms/served")
	b.ReportMetric(ms(median(built)), "ms/go-build")
	b.ReportMetric(ms(median(overhead)), "ms/overhead")
	b.ReportMetric(ms(median(afterBuild)), "ms/served-minus-kiln-build")
	b.ReportMetric(ms(debounce), "ms/debounce")
}

func plainThenServed(b *testing.B, plain, root string, srv *Server, out *syncBuffer, v string) (build, serve time.Duration) {
	setMessage(b, plain, v)
	build = goBuild(b, plain)
	return build, timeServed(b, root, srv, out, v)
}

func servedThenPlain(b *testing.B, plain, root string, srv *Server, out *syncBuffer, v string) (serve, build time.Duration) {
	serve = timeServed(b, root, srv, out, v)
	setMessage(b, plain, v)
	return serve, goBuild(b, plain)
}

// timeServed writes the new version and waits for it to be served.
func timeServed(b *testing.B, root string, srv *Server, out *syncBuffer, v string) time.Duration {
	start := time.Now()
	setMessage(b, root, v)
	waitNewContent(b, srv, out, v)
	return time.Since(start)
}

// building is true while kiln compiles. Polling every millisecond meanwhile made
// kiln's build ~10% slower than the plain one (a thousand wakeups a second on a
// 2-core VM, which the plain build never competes with), so during a build the
// poller sleeps until kiln writes to its console ("built in …").
func building(srv *Server) bool { return srv.builder.running.Load() > 0 }

// goBuild times `go build -o <tmp> .` in root, as kiln's default build runs it.
func goBuild(b *testing.B, root string) time.Duration {
	start := time.Now()
	cmd := exec.Command("go", "build", "-o", filepath.Join(root, "plain-build"), ".")
	cmd.Dir = root
	if out, err := cmd.CombinedOutput(); err != nil {
		b.Fatalf("go build: %v\n%s", err, out)
	}
	return time.Since(start)
}

// waitNewContent polls every millisecond (at most a minute) for body, except
// while kiln is compiling (see building).
func waitNewContent(b *testing.B, srv *Server, out *syncBuffer, body string) {
	for deadline := time.Now().Add(time.Minute); time.Now().Before(deadline); time.Sleep(time.Millisecond) {
		if building(srv) {
			select {
			case <-out.wrote():
			case <-time.After(100 * time.Millisecond):
			}
			continue
		}
		if status, got, err := get(srv.URL(), ""); err == nil && status == 200 && got == body {
			return
		}
	}
	b.Fatalf("%s never served %q", srv.URL(), body)
}

// BenchmarkRestartsUnderLoad counts failed requests (refused, reset or not 200)
// over 20 restarts while 4 clients send requests without pause, a quarter of them
// to a handler that takes 200 ms, so some are always in flight during a swap:
//
//	go test ./devserver/ -run '^$' -bench RestartsUnderLoad -benchtime 1x
func BenchmarkRestartsUnderLoad(b *testing.B) {
	root := newTestApp(b, "v0")
	srv, _ := startServer(b, root, nil)
	waitBody(b, srv.URL(), "v0")
	var failed, total int64
	b.ResetTimer()
	for i := range b.N {
		l := startLoad(srv.URL(), 4, "/", "/slow", "/", "/")
		for r := 1; r <= 20; r++ {
			v := fmt.Sprintf("v%d-%d", i, r)
			setMessage(b, root, v)
			waitBody(b, srv.URL(), v)
		}
		l.finish()
		failed += l.failed.Load()
		total += l.failed.Load() + l.ok.Load()
	}
	b.StopTimer()
	b.ReportMetric(float64(failed)/float64(b.N), "failed/20-restarts")
	b.ReportMetric(float64(total)/float64(b.N), "requests/20-restarts")
}

func median(ds []time.Duration) time.Duration {
	s := slices.Clone(ds)
	slices.Sort(s)
	return s[len(s)/2]
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
