package devserver

import (
	"context"
	"testing"
	"time"
)

// fired reports whether the quiet period has ended, consuming the tick.
func fired(s *scheduler) bool {
	select {
	case <-s.quietC():
		s.quietEnded()
		return true
	default:
		return false
	}
}

// A burst of changes closer together than the debounce builds once, after the last.
func TestSchedulerCoalescesABurst(t *testing.T) {
	clk := newFakeClock()
	s := newScheduler(clk, 50*time.Millisecond)
	for range 100 {
		s.changed()
		clk.Advance(10 * time.Millisecond)
		if fired(s) {
			t.Fatal("quiet period ended during the burst")
		}
	}
	clk.Advance(39 * time.Millisecond)
	if fired(s) {
		t.Fatal("quiet period ended before debounce after the last change")
	}
	clk.Advance(time.Millisecond)
	if !fired(s) {
		t.Fatal("quiet period did not end debounce after the last change")
	}
	clk.Advance(time.Second)
	if fired(s) {
		t.Fatal("a second tick for one burst")
	}
}

// --debounce 0 is honoured (air silently replaces 0 with its default).
func TestSchedulerHonoursZeroDebounce(t *testing.T) {
	s := newScheduler(newFakeClock(), 0)
	s.changed()
	if !fired(s) {
		t.Fatal("debounce 0 did not build at once")
	}
	if s.quietC() != nil {
		t.Error("quietC is armed with nothing waiting")
	}
}

// A build asked for while one runs cancels it and starts only once it has exited:
// never two builds at once.
func TestSchedulerCancelsTheRunningBuild(t *testing.T) {
	s := newScheduler(newFakeClock(), 0)
	if !s.request() {
		t.Fatal("an idle scheduler should start a build at once")
	}
	ctx1, id1 := s.begin(context.Background())
	if s.request() {
		t.Fatal("a second build may not start while the first runs")
	}
	if ctx1.Err() == nil {
		t.Fatal("the running build was not cancelled")
	}
	if s.request() {
		t.Fatal("still no second build before the first exited")
	}
	if !s.ended() {
		t.Fatal("the newer build was not started after the cancelled one exited")
	}
	ctx2, id2 := s.begin(context.Background())
	if id2 <= id1 || ctx2.Err() != nil {
		t.Fatalf("second build: id %d after %d, err %v", id2, id1, ctx2.Err())
	}
	if s.ended() {
		t.Error("a build ending with nothing newer asked for should not start another")
	}
	if s.building() {
		t.Error("still building after the build ended")
	}
}

// A change during a build keeps the scheduler "waiting", so the loop holds the
// build's result back until the hashes show whether the change was real.
func TestSchedulerWaitingDuringABuild(t *testing.T) {
	clk := newFakeClock()
	s := newScheduler(clk, 50*time.Millisecond)
	s.begin(context.Background())
	s.changed()
	if !s.waiting() {
		t.Fatal("a change during the build is not waiting")
	}
	clk.Advance(50 * time.Millisecond)
	fired(s)
	if s.waiting() {
		t.Fatal("still waiting after the quiet period ended")
	}
}
