//go:build unix

package commands

import (
	"context"
	"errors"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/kilnhq/kiln/generators/plan"
)

// Once Done has answered, the handler is in place: a real SIGINT to this
// process cancels the context instead of ending the test.
func TestInterruptContextCancelsOnSIGINT(t *testing.T) {
	ctx := newInterruptContext()
	defer ctx.stop(true)
	done := ctx.Done()
	sendSIGINT(t)
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("SIGINT did not cancel the context")
	}
	if ctx.Err() == nil {
		t.Error("Err is nil after the SIGINT")
	}
}

func sendSIGINT(t *testing.T) {
	t.Helper()
	if err := syscall.Kill(os.Getpid(), syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
}

// sigintCaughtElsewhere sends this process a SIGINT while another handler
// keeps the test alive, and waits for that handler to get it.
func sigintCaughtElsewhere(t *testing.T) {
	t.Helper()
	keepAlive := make(chan os.Signal, 1)
	signal.Notify(keepAlive, os.Interrupt)
	defer signal.Stop(keepAlive)
	sendSIGINT(t)
	select {
	case <-keepAlive:
	case <-time.After(5 * time.Second):
		t.Fatal("SIGINT not delivered")
	}
}

// Err does not install the handler: a SIGINT after Err does not reach the
// run's channel.
func TestInterruptContextErrInstallsNothing(t *testing.T) {
	ctx := newInterruptContext()
	defer ctx.stop(true)
	if err := ctx.Err(); err != nil {
		t.Fatal(err)
	}
	sigintCaughtElsewhere(t)
	if len(ctx.signals) != 0 || ctx.Err() != nil {
		t.Error("a SIGINT reached a context whose Done was never called")
	}
}

// stop removes the handler: a SIGINT after it no longer reaches the run's
// channel.
func TestInterruptContextStop(t *testing.T) {
	ctx := newInterruptContext()
	ctx.Done()
	ctx.stop(true)
	sigintCaughtElsewhere(t)
	if len(ctx.signals) != 0 {
		t.Error("a stopped context still receives signals")
	}
}

// stop without Done installs nothing, and a Done after it does not wait for a
// handler that will never come.
func TestInterruptContextStopUnwatched(t *testing.T) {
	ctx := newInterruptContext()
	ctx.stop(true)
	select {
	case <-ctx.Done():
	case <-time.After(5 * time.Second):
		t.Fatal("Done after stop blocked")
	}
}

// A held SIGINT is ignored: it neither ends the process nor cancels the
// context. stop(true) undoes the hold, so a SIGINT reaches handlers again
// (and would end a process that has none).
func TestHoldIgnoresSignalsUntilStop(t *testing.T) {
	ctx := newInterruptContext()
	ctx.hold()
	if !signal.Ignored(os.Interrupt) || !signal.Ignored(syscall.SIGTERM) {
		t.Fatal("SIGINT and SIGTERM are not ignored during a hold")
	}
	sendSIGINT(t)
	time.Sleep(50 * time.Millisecond) // the test is still alive: it was ignored
	if ctx.Err() != nil {
		t.Error("a held SIGINT cancelled the context")
	}
	ctx.stop(true)
	if signal.Ignored(os.Interrupt) || signal.Ignored(syscall.SIGTERM) {
		t.Error("stop(true) left the signals ignored")
	}
	sigintCaughtElsewhere(t)
}

// Installing the handler ends a hold: the SIGINT cancels the context.
func TestDoneEndsAHold(t *testing.T) {
	ctx := newInterruptContext()
	defer ctx.stop(true)
	ctx.hold()
	done := ctx.Done()
	if signal.Ignored(os.Interrupt) {
		t.Fatal("SIGINT still ignored after Done")
	}
	sendSIGINT(t)
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("SIGINT did not cancel the context after the hold ended")
	}
}

// A hold does not take signals away from a handler already installed.
func TestHoldKeepsAnInstalledHandler(t *testing.T) {
	ctx := newInterruptContext()
	defer ctx.stop(true)
	done := ctx.Done()
	ctx.hold()
	if signal.Ignored(os.Interrupt) {
		t.Fatal("hold ignored SIGINT although the handler was installed")
	}
	sendSIGINT(t)
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("SIGINT did not cancel the context")
	}
}

// writePlan holds the signals while it writes and hands them to the
// handler once the write takes longer than holdLimit: a SIGINT then cancels
// the write, which is rolled back.
func TestWritePlanHandsSignalsBackWhenSlow(t *testing.T) {
	ctx := newInterruptContext()
	defer ctx.stop(true)
	root := t.TempDir()
	if err := os.WriteFile(filepath.Join(root, "slow.txt"), []byte("mine\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	var p plan.Plan
	p.Add("a.txt", []byte("a\n"))
	heldAtFirst := false
	p.AddEdit("slow.txt", "is slow", func(b []byte) ([]byte, error) {
		if !heldAtFirst {
			heldAtFirst = signal.Ignored(os.Interrupt)
			time.Sleep(holdLimit + 200*time.Millisecond) // still writing after holdLimit
			sendSIGINT(t)
			select {
			case <-ctx.Context.Done():
			case <-time.After(5 * time.Second):
				t.Error("the SIGINT after holdLimit did not cancel the run")
			}
		}
		return []byte("mine\nmore\n"), nil // the same on a second run: edits must be idempotent
	})
	_, err := writePlan(ctx, root, p, plan.Options{})
	if !heldAtFirst {
		t.Error("SIGINT was not held when the write started")
	}
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	if _, err := os.Stat(filepath.Join(root, "a.txt")); !os.IsNotExist(err) {
		t.Error("the cancelled write left a.txt behind")
	}
	if b, _ := os.ReadFile(filepath.Join(root, "slow.txt")); string(b) != "mine\n" {
		t.Errorf("slow.txt = %q after the cancelled write", b)
	}
}
