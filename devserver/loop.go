package devserver

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/fsnotify/fsnotify"
)

// loop is the one event loop. Everything that changes what is built, run or served
// happens on its goroutine: file events, the end of the quiet period, finished
// builds, processes that became ready, failed or exited, and restart timers.
// Helpers that block (a build, a readiness probe, draining an old process) run in
// goroutines and report back through the inbox.
type loop struct {
	s      *Server
	ctx    context.Context
	clock  clock
	sched  *scheduler
	watch  *watcher // nil without --watch
	hashes *hashes
	dirty  map[string]bool // paths touched since the last quiet period
	since  time.Time       // the first change of the current batch, for "ready in"

	inbox chan any
	done  chan struct{} // closed when run returns, so reporters never block
	tasks sync.WaitGroup

	current  *serving
	starting *appProc
	held     *buildResult // a good build waiting for the pending changes to prove no-ops
	bin      string       // the newest binary that started; restarts use it
	retry    timer
	retryBin string
	retrying bool
	crashes  backoff
	opened   bool
	fatal    error // without --watch, why kiln stops
}

// serving is the process the proxy sends requests to.
type serving struct {
	proc    *appProc
	backend *backend
}

// Messages from helper goroutines to the loop.
type (
	buildDone struct{ res buildResult }
	appReady  struct{ p *appProc }
	appFailed struct {
		p   *appProc
		err error
	}
	appExited struct{ p *appProc }
)

func newLoop(s *Server, w *watcher) *loop {
	return &loop{
		s: s, clock: s.clock, watch: w,
		sched:  newScheduler(s.clock, s.cfg.Debounce),
		hashes: newHashes(s.cfg.Root),
		dirty:  map[string]bool{},
		inbox:  make(chan any, 16),
		done:   make(chan struct{}),
	}
}

// run builds and starts the app, then reacts to events until ctx is cancelled.
// It returns an error only without --watch, when the app cannot run.
func (l *loop) run(ctx context.Context) error {
	defer close(l.done)
	l.ctx = ctx
	if l.watch != nil {
		l.hashes.record(l.watch.start())
		l.s.console.info("watching %d files in %d directories (debounce %s)", len(l.hashes.known), max(len(l.watch.dirs), 1), l.s.cfg.Debounce)
	}
	l.since = time.Now()
	l.startBuild()
	for l.fatal == nil {
		select {
		case <-ctx.Done():
			return nil
		case ev := <-l.watchEvents():
			l.changed(l.watch.handle(ev))
		case err := <-l.watchErrors():
			l.watchError(err)
		case <-l.pollC():
			l.changed(l.watch.poll.scan())
		case <-l.sched.quietC():
			l.sched.quietEnded()
			l.quiet()
		case <-l.retryC():
			l.retrying = false
			l.launch(l.retryBin)
		case m := <-l.inbox:
			l.handle(m)
		}
	}
	return l.fatal
}

func (l *loop) handle(m any) {
	switch m := m.(type) {
	case buildDone:
		l.buildDone(m.res)
	case appReady:
		l.appReady(m.p)
	case appFailed:
		l.appFailed(m.p, m.err)
	case appExited:
		l.appExited(m.p)
	}
}

// post hands a message to the loop from a helper goroutine.
func (l *loop) post(m any) {
	select {
	case l.inbox <- m:
	case <-l.done:
	}
}

// The watcher's channels; nil (never ready in a select) without --watch.
func (l *loop) watchEvents() <-chan fsnotify.Event {
	if l.watch == nil {
		return nil
	}
	return l.watch.events()
}

func (l *loop) watchErrors() <-chan error {
	if l.watch == nil {
		return nil
	}
	return l.watch.errors()
}

func (l *loop) pollC() <-chan time.Time {
	if l.watch == nil {
		return nil
	}
	return l.watch.poll.C()
}

func (l *loop) retryC() <-chan time.Time {
	if !l.retrying {
		return nil
	}
	return l.retry.C()
}

func (l *loop) watchError(err error) {
	if errors.Is(err, fsnotify.ErrEventOverflow) {
		l.changed(l.watch.overflowed())
		return
	}
	l.s.console.warn("file watcher: %v", err)
}

// changed notes paths that may have changed and restarts the quiet period.
func (l *loop) changed(paths []string) {
	if len(paths) == 0 {
		return
	}
	if len(l.dirty) == 0 && !l.sched.waiting() {
		l.since = time.Now()
	}
	for _, p := range paths {
		l.dirty[p] = true
	}
	l.sched.changed()
}

// quiet runs when no change came for the debounce period: the content hashes say
// whether anything really changed, and whether a restart is enough.
func (l *loop) quiet() {
	changed := l.hashes.update(sortedKeys(l.dirty))
	clear(l.dirty)
	if len(changed) == 0 {
		l.deployHeld() // a build that finished meanwhile is up to date after all
		return
	}
	l.s.console.info("%s changed", summarize(changed))
	if allRestartOnly(changed) {
		l.envChanged()
		return
	}
	l.discardHeld()
	if l.sched.request() {
		l.startBuild()
	}
}

// envChanged restarts the app without a build: a kiln app reads .env when it starts.
func (l *loop) envChanged() {
	switch {
	case l.sched.building():
		// the process the running build starts reads the new .env
	case l.held != nil:
		l.deployHeld()
	case l.bin != "":
		l.launch(l.bin)
	}
}

func allRestartOnly(paths []string) bool {
	for _, p := range paths {
		if !restartOnly(p) {
			return false
		}
	}
	return true
}

// summarize names up to three changed files.
func summarize(paths []string) string {
	if len(paths) <= 3 {
		return strings.Join(paths, ", ")
	}
	return strings.Join(paths[:3], ", ") + " and " + strconv.Itoa(len(paths)-3) + " more"
}
