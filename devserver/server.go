package devserver

import (
	"context"
	"errors"
	"fmt"
	"log"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"time"
)

// Server is one `kiln serve` run: kiln's listener, the proxy behind it and the event
// loop that builds and runs the app.
type Server struct {
	cfg     Config
	console *console
	ln      net.Listener
	proxy   *proxy
	spawn   *spawner
	builder *builder
	pids    *pidFile
	kiln    bool
	clock   clock
	loop    *loop
}

// New validates cfg, reclaims what a previous kiln serve of this app left running,
// and binds kiln's address, so a taken port is reported before anything is built.
func New(cfg Config) (*Server, error) {
	cfg, err := withDefaults(cfg)
	if err != nil {
		return nil, err
	}
	s := &Server{cfg: cfg, console: &console{w: cfg.Out, color: cfg.Color && !cfg.JSON, json: cfg.JSON}, clock: realClock{}, kiln: isKilnApp(cfg.Root)}
	dir := serveDir(cfg)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	killed, err := reclaim(dir)
	if err != nil {
		return nil, err
	}
	for _, e := range killed {
		s.console.info("stopped %s (pid %d), left running by a previous kiln serve", e.role, e.pid)
	}
	removeBuilds(dir)
	if s.ln, err = s.listen(); err != nil {
		return nil, err
	}
	s.spawn = newSpawner()
	s.builder, _ = newBuilder(cfg.Root, dir, cfg.Build, s.spawn) // validated by withDefaults
	// The pid file claims the app: a second kiln serve of it refuses to start.
	s.pids = newPIDFile(dir)
	s.proxy = newProxy(cfg.Hold, s.console.warn)
	return s, nil
}

// URL is where kiln serves the app.
func (s *Server) URL() string { return "http://" + s.ln.Addr().String() }

// listen binds kiln's address. A port held by a process of an earlier kiln serve
// of this app (its binary lives in .kiln/serve) is reclaimed; any other holder is
// named in the error.
func (s *Server) listen() (net.Listener, error) {
	addr := listenAddr(s.cfg)
	ln, err := net.Listen("tcp", addr)
	if err == nil || !errors.Is(err, syscall.EADDRINUSE) {
		return ln, err
	}
	holder := portHolder(s.cfg.Port)
	if holder == 0 {
		return nil, fmt.Errorf("%s is already in use: stop what listens there or pass another --port", addr)
	}
	if !isOurChild(holder, serveDir(s.cfg)) {
		return nil, fmt.Errorf("%s is in use by pid %d (%s): stop it or pass another --port", addr, holder, procName(holder))
	}
	s.console.info("reclaiming %s from pid %d, left running by a previous kiln serve", addr, holder)
	killGroup(holder)
	killProcess(holder)
	for deadline := time.Now().Add(3 * time.Second); ; time.Sleep(20 * time.Millisecond) {
		if ln, err = net.Listen("tcp", addr); err == nil || time.Now().After(deadline) {
			return ln, err
		}
	}
}

// isOurChild reports a process running a binary kiln serve built for this app.
func isOurChild(pid int, serveDir string) bool {
	exe, err := os.Readlink(fmt.Sprintf("/proc/%d/exe", pid))
	return err == nil && strings.HasPrefix(exe, filepath.Join(serveDir, "build-"))
}

// removeBuilds deletes build outputs: stale ones at start, all at shutdown.
func removeBuilds(dir string) {
	old, _ := filepath.Glob(filepath.Join(dir, "build-*"))
	for _, f := range old {
		os.Remove(f)
	}
}

// proxyErrorLog sends the reverse proxy's own complaints to the console.
func (s *Server) proxyErrorLog() *log.Logger {
	return log.New(writerFunc(func(p []byte) (int, error) {
		s.console.warn("proxy: %s", strings.TrimSpace(string(p)))
		return len(p), nil
	}), "", 0)
}

type writerFunc func([]byte) (int, error)

func (f writerFunc) Write(p []byte) (int, error) { return f(p) }

// Run serves until ctx is cancelled (SIGINT, SIGTERM, SIGHUP in the command), then
// shuts down: requests in flight finish, the app gets SIGTERM and the grace period,
// everything kiln started is gone when Run returns. Without --watch it also
// returns when the app cannot be built or run.
func (s *Server) Run(ctx context.Context) error {
	defer s.spawn.close()
	w, err := s.newWatcher()
	if err != nil {
		s.ln.Close()
		s.pids.clear()
		return err
	}
	srv := &http.Server{Handler: requestLog(s.console, s.proxy), ReadHeaderTimeout: 10 * time.Second,
		ErrorLog: s.proxyErrorLog()}
	go srv.Serve(s.ln)
	s.console.info("serving %s → the app (%s)", s.URL(), appKind(s.kiln))
	alsos := s.startAlsos()
	s.loop = newLoop(s, w)
	runErr := s.loop.run(ctx)
	s.shutdown(srv, w, alsos)
	return runErr
}

func appKind(kiln bool) string {
	if kiln {
		return "a kiln app, run with serve"
	}
	return "a Go main package, told its port in $PORT"
}

func (s *Server) newWatcher() (*watcher, error) {
	if !s.cfg.Watch {
		return nil, nil
	}
	r := newRules(s.cfg.Include, s.cfg.Exclude)
	n, err := newFSNotifier()
	if err != nil {
		if !isWatchLimit(err) {
			return nil, fmt.Errorf("watch files: %w", err)
		}
		n = nil // no inotify instance at all: the watcher polls everything
	}
	w := newWatcher(s.cfg.Root, r, n, s.clock, s.console.warn)
	if n == nil {
		w.warnLimit(".", err)
	}
	return w, nil
}

func (s *Server) startAlsos() []*alsoProc {
	var out []*alsoProc
	for _, a := range s.cfg.Also {
		p, err := startAlso(s.spawn, s.console, s.cfg.Root, a)
		if err != nil {
			s.console.fail("%s: %v", a.Name, err)
			continue
		}
		s.pids.add(p.cmd.Process.Pid, a.Name)
		out = append(out, p)
	}
	return out
}

// shutdown stops everything in order: no new requests, in-flight ones finish
// (bounded by the grace period), then the app and the --also commands stop.
func (s *Server) shutdown(srv *http.Server, w *watcher, alsos []*alsoProc) {
	s.console.info("shutting down")
	s.proxy.close()
	ctx, cancel := context.WithTimeout(context.Background(), s.cfg.Grace)
	if srv.Shutdown(ctx) != nil {
		srv.Close()
	}
	cancel()
	s.loop.sched.stop()
	s.loop.stopApps()
	for _, a := range alsos {
		a.stop(s.cfg.Grace)
		s.pids.remove(a.cmd.Process.Pid)
	}
	s.loop.tasks.Wait()
	if w != nil {
		w.close()
	}
	removeBuilds(serveDir(s.cfg))
	s.pids.clear()
}
