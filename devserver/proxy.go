package devserver

import (
	"context"
	"errors"
	"fmt"
	"log"
	"net"
	"net/http"
	"net/http/httputil"
	"net/url"
	"strings"
	"sync"
	"time"
)

// proxy is what kiln serves on its own port: a reverse proxy to the app process
// that is ready now. Switching to a new process is one pointer swap under a lock,
// so no request ever sees "no process"; requests that arrive while no process is
// ready at all (first start, after a crash) wait for one instead of being refused.
type proxy struct {
	hold time.Duration // the longest a request waits for a ready app
	warn func(format string, args ...any)

	mu      sync.Mutex
	cur     *backend
	changed chan struct{} // closed (and replaced) whenever cur or fail changes
	fail    *failure      // why the newest code is not running; nil when it is
	gen     int
	closing bool // kiln is shutting down: waiting requests give up
}

func newProxy(hold time.Duration, warn func(string, ...any)) *proxy {
	return &proxy{hold: hold, warn: warn, changed: make(chan struct{})}
}

// notifyLocked wakes the requests waiting for a change. p.mu must be held.
func (p *proxy) notifyLocked() {
	close(p.changed)
	p.changed = make(chan struct{})
}

// swap makes b, the newest code, the process requests go to, and clears the
// failure shown until now: only at this moment does an overlay page reload, so it
// reloads into the new version. The previous process must then be drained.
func (p *proxy) swap(b *backend) (old *backend) {
	p.mu.Lock()
	defer p.mu.Unlock()
	old, p.cur = p.cur, b
	if p.fail != nil {
		p.gen++
		p.fail = nil
	}
	p.notifyLocked()
	return old
}

// remove stops sending requests to b (its process exited) if it is current.
func (p *proxy) remove(b *backend) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.cur == b {
		p.cur = nil
		p.notifyLocked()
	}
}

// setFailure shows a failure to clients until the next swap.
func (p *proxy) setFailure(title, output string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.gen++
	p.fail = &failure{Title: title, Output: output, Gen: p.gen}
	p.notifyLocked()
}

func (p *proxy) state() (*backend, *failure, int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.cur, p.fail, p.gen
}

func (p *proxy) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if strings.HasPrefix(r.URL.Path, "/__kiln/") {
		p.serveKiln(w, r)
		return
	}
	cur, fail, _ := p.state()
	if fail != nil && (wantsHTML(r) || wantsJSON(r)) {
		writeFailure(w, r, fail, cur != nil, http.StatusInternalServerError)
		return
	}
	b, err := p.acquire(r)
	if err != nil {
		p.unavailable(w, r, err)
		return
	}
	defer b.release()
	b.rp.ServeHTTP(w, r)
}

// errNoApp is a request that waited the whole hold time.
var errNoApp = errors.New("no app became ready")

// errClosing is a request waiting for an app when kiln shuts down.
var errClosing = errors.New("kiln is shutting down")

// close wakes waiting requests at shutdown; they get 503 instead of waiting.
func (p *proxy) close() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.closing = true
	p.notifyLocked()
}

// acquire returns the current process, counting the request as in flight on it,
// waiting (up to p.hold) while there is none. A failure with no process to fall
// back on answers at once: nothing will be ready until the developer saves a fix.
func (p *proxy) acquire(r *http.Request) (*backend, error) {
	start := time.Now()
	deadline := time.NewTimer(p.hold)
	defer deadline.Stop()
	for {
		p.mu.Lock()
		b, fail, changed := p.cur, p.fail, p.changed
		if b == nil && p.closing {
			p.mu.Unlock()
			return nil, errClosing
		}
		if b != nil {
			b.enter()
		}
		p.mu.Unlock()
		switch {
		case b != nil:
			if held := time.Since(start); held > time.Millisecond {
				noteHeld(r.Context(), held)
			}
			return b, nil
		case fail != nil:
			return nil, fail
		}
		select {
		case <-changed:
		case <-deadline.C:
			noteHeld(r.Context(), time.Since(start))
			return nil, errNoApp
		case <-r.Context().Done():
			noteHeld(r.Context(), time.Since(start))
			return nil, r.Context().Err()
		}
	}
}

func (f *failure) Error() string { return f.message() }

// unavailable answers a request no process can serve.
func (p *proxy) unavailable(w http.ResponseWriter, r *http.Request, err error) {
	var fail *failure
	switch {
	case errors.As(err, &fail):
		writeFailure(w, r, fail, false, http.StatusServiceUnavailable)
	case errors.Is(err, errClosing):
		writeFailure(w, r, &failure{Title: "kiln is shutting down"}, false, http.StatusServiceUnavailable)
	case errors.Is(err, errNoApp):
		f := &failure{Title: "No app is ready", Output: fmt.Sprintf("waited %s for the app to start; see the terminal", p.hold)}
		writeFailure(w, r, f, false, http.StatusServiceUnavailable)
	default: // the client went away
	}
}

// serveKiln answers kiln's own endpoints under /__kiln/, used by the overlay page.
func (p *proxy) serveKiln(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path != "/__kiln/status" {
		http.NotFound(w, r)
		return
	}
	cur, fail, gen := p.state()
	w.Header().Set("Cache-Control", "no-store")
	writeJSON(w, http.StatusOK, map[string]any{"gen": gen, "failing": fail != nil, "serving": cur != nil})
}

// backend is one app process as the proxy sees it: its own transport (so retiring
// it closes exactly its idle connections) and a count of requests in flight.
type backend struct {
	addr      string
	rp        *httputil.ReverseProxy
	transport *http.Transport

	mu      sync.Mutex
	active  int
	retired bool
	drained chan struct{} // closed when retired with nothing in flight
}

func newBackend(addr string, errorLog *log.Logger) *backend {
	target := &url.URL{Scheme: "http", Host: addr}
	tr := &http.Transport{
		DialContext:         (&net.Dialer{Timeout: 5 * time.Second}).DialContext,
		MaxIdleConnsPerHost: 256, // a load of concurrent requests keeps its connections
		IdleConnTimeout:     30 * time.Second,
		DisableCompression:  true, // pass the client's Accept-Encoding through untouched
	}
	b := &backend{addr: addr, transport: tr, drained: make(chan struct{})}
	b.rp = &httputil.ReverseProxy{
		Rewrite: func(pr *httputil.ProxyRequest) {
			pr.SetURL(target)
			pr.Out.Host = pr.In.Host // the app sees the host the browser used
			pr.SetXForwarded()
		},
		Transport:    tr,
		ErrorLog:     errorLog,
		ErrorHandler: backendError,
	}
	return b
}

// backendError answers when the app failed mid-request (it crashed, or closed the
// connection). A client that went away gets nothing.
func backendError(w http.ResponseWriter, r *http.Request, err error) {
	if errors.Is(err, context.Canceled) || r.Context().Err() != nil {
		return
	}
	f := &failure{Title: "The app failed to answer", Output: err.Error() + "\n(see the terminal for the app's output)"}
	writeFailure(w, r, f, true, http.StatusBadGateway)
}

// enter counts a request in flight. The proxy calls it while b is current, under
// its own lock, so a backend that drain has retired never gains a request.
func (b *backend) enter() {
	b.mu.Lock()
	b.active++
	b.mu.Unlock()
}

func (b *backend) release() {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.active--
	if b.retired && b.active == 0 {
		close(b.drained)
	}
}

// drain waits until the requests in flight on b have finished, at most timeout,
// after the proxy stopped sending it new ones. It reports whether they all did.
func (b *backend) drain(timeout time.Duration) bool {
	b.mu.Lock()
	if !b.retired {
		b.retired = true
		if b.active == 0 {
			close(b.drained)
		}
	}
	b.mu.Unlock()
	t := time.NewTimer(timeout)
	defer t.Stop()
	defer b.transport.CloseIdleConnections()
	select {
	case <-b.drained:
		return true
	case <-t.C:
		return false
	}
}
