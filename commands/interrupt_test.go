package commands

import (
	"os"
	"syscall"
	"testing"
	"time"
)

// Once Err has answered, the handler is in place: a real SIGINT to this
// process cancels the context instead of ending the test.
func TestInterruptContextCancelsOnSIGINT(t *testing.T) {
	ctx := newInterruptContext()
	defer ctx.stop()
	if err := ctx.Err(); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Kill(os.Getpid(), syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	select {
	case <-ctx.Done():
	case <-time.After(5 * time.Second):
		t.Fatal("SIGINT did not cancel the context")
	}
}

// stop releases the handler: a run that ended leaves no goroutine waiting
// for signals, and its context reads as done.
func TestInterruptContextStop(t *testing.T) {
	ctx := newInterruptContext()
	ctx.stop()
	select {
	case <-ctx.Done():
	case <-time.After(5 * time.Second):
		t.Fatal("stop did not release the context")
	}
}
