//go:build unix

package commands

import (
	"os"
	"os/signal"
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

// stop removes the handler: a SIGINT after it no longer reaches the run's
// channel (another handler keeps this test alive meanwhile).
func TestInterruptContextStop(t *testing.T) {
	ctx := newInterruptContext()
	ctx.stop()
	keepAlive := make(chan os.Signal, 1)
	signal.Notify(keepAlive, os.Interrupt)
	defer signal.Stop(keepAlive)
	if err := syscall.Kill(os.Getpid(), syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	select {
	case <-keepAlive:
	case <-time.After(5 * time.Second):
		t.Fatal("SIGINT not delivered")
	}
	if len(ctx.signals) != 0 {
		t.Error("a stopped context still receives signals")
	}
}
