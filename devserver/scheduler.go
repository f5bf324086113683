package devserver

import (
	"context"
	"time"
)

// scheduler decides when builds run: a true trailing debounce (each change restarts
// a resettable timer, so a burst of saves builds once, after the last one; an
// explicit 0 builds at once) and at most one build at a time (a build asked for
// while another runs cancels that one and starts when it has exited). It does no
// I/O; the event loop carries out its decisions, and unit tests drive it with a
// fake clock.
type scheduler struct {
	clock    clock
	debounce time.Duration
	quiet    timer // created on the first change
	armed    bool  // changes are waiting for the quiet period to end
	cancel   context.CancelFunc
	again    bool // build again once the running (cancelled) build has exited
	lastID   int
}

func newScheduler(c clock, debounce time.Duration) *scheduler {
	return &scheduler{clock: c, debounce: debounce}
}

// changed (re)starts the quiet period.
func (s *scheduler) changed() {
	if s.quiet == nil {
		s.quiet = s.clock.NewTimer(s.debounce)
	} else {
		s.quiet.Reset(s.debounce)
	}
	s.armed = true
}

// quietC fires when the quiet period after the last change ends; nil when no
// change is waiting, so a select never sees a stale tick.
func (s *scheduler) quietC() <-chan time.Time {
	if !s.armed {
		return nil
	}
	return s.quiet.C()
}

// quietEnded is called by the loop once it received from quietC.
func (s *scheduler) quietEnded() { s.armed = false }

// waiting reports changes that have not yet been looked at: a build that finishes
// now may already be stale.
func (s *scheduler) waiting() bool { return s.armed }

// building reports whether a build is running.
func (s *scheduler) building() bool { return s.cancel != nil }

// request asks for a build of the tree as it is now. It returns true when the build
// may start at once; otherwise the running build is cancelled and ended will say
// to start the new one.
func (s *scheduler) request() bool {
	if s.cancel == nil {
		return true
	}
	s.cancel()
	s.again = true
	return false
}

// begin records the start of a build and returns its context and number.
func (s *scheduler) begin(parent context.Context) (context.Context, int) {
	ctx, cancel := context.WithCancel(parent)
	s.cancel = cancel
	s.lastID++
	return ctx, s.lastID
}

// ended records that the running build exited and reports whether a newer one
// was asked for meanwhile.
func (s *scheduler) ended() (again bool) {
	if s.cancel != nil {
		s.cancel()
	}
	s.cancel = nil
	again, s.again = s.again, false
	return again
}

// stop cancels the running build, for shutdown.
func (s *scheduler) stop() {
	if s.cancel != nil {
		s.cancel()
	}
	s.again = false
	if s.quiet != nil {
		s.quiet.Stop()
	}
	s.armed = false
}
