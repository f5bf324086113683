package devserver

import (
	"sync"
	"time"

	"github.com/fsnotify/fsnotify"
)

// fakeClock is a clock that moves only when a test advances it.
type fakeClock struct {
	mu     sync.Mutex
	now    time.Time
	timers []*fakeTimer
}

func newFakeClock() *fakeClock { return &fakeClock{now: time.Unix(1_700_000_000, 0)} }

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) NewTimer(d time.Duration) timer {
	c.mu.Lock()
	defer c.mu.Unlock()
	t := &fakeTimer{c: c, ch: make(chan time.Time, 1)}
	c.timers = append(c.timers, t)
	t.resetLocked(d)
	return t
}

// Advance moves the clock and fires the timers that are due.
func (c *fakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
	for _, t := range c.timers {
		t.fireIfDueLocked()
	}
}

type fakeTimer struct {
	c      *fakeClock
	ch     chan time.Time
	when   time.Time
	active bool
}

func (t *fakeTimer) C() <-chan time.Time { return t.ch }

func (t *fakeTimer) Reset(d time.Duration) {
	t.c.mu.Lock()
	defer t.c.mu.Unlock()
	t.resetLocked(d)
}

func (t *fakeTimer) Stop() {
	t.c.mu.Lock()
	defer t.c.mu.Unlock()
	t.active = false
	t.drain()
}

// resetLocked follows Go 1.23 timers: a reset discards a tick not yet received.
func (t *fakeTimer) resetLocked(d time.Duration) {
	t.drain()
	t.when, t.active = t.c.now.Add(d), true
	t.fireIfDueLocked()
}

func (t *fakeTimer) fireIfDueLocked() {
	if t.active && !t.when.After(t.c.now) {
		t.active = false
		t.ch <- t.c.now
	}
}

func (t *fakeTimer) drain() {
	select {
	case <-t.ch:
	default:
	}
}

// fakeNotifier is an event source the test feeds by hand. It records which
// directories are watched and can refuse some, as the kernel does at its limits.
type fakeNotifier struct {
	events  chan fsnotify.Event
	errs    chan error
	watched map[string]bool
	refuse  map[string]error // dir → error Add returns
}

func newFakeNotifier() *fakeNotifier {
	return &fakeNotifier{events: make(chan fsnotify.Event, 100), errs: make(chan error, 1),
		watched: map[string]bool{}, refuse: map[string]error{}}
}

func (n *fakeNotifier) Add(dir string) error {
	if err := n.refuse[dir]; err != nil {
		return err
	}
	n.watched[dir] = true
	return nil
}

func (n *fakeNotifier) Remove(dir string) error {
	delete(n.watched, dir)
	return nil
}

func (n *fakeNotifier) Events() <-chan fsnotify.Event { return n.events }
func (n *fakeNotifier) Errors() <-chan error          { return n.errs }
func (n *fakeNotifier) Close() error                  { return nil }
