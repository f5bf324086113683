//go:build unix

package commands

import (
	"context"
	"errors"
	"os"
	"os/exec"
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
	ctx := newInterruptContext(false)
	defer ctx.stop()
	ctx.Done()
	sigintCancels(t, ctx)
	if ctx.Err() == nil {
		t.Error("Err is nil after the SIGINT")
	}
}

// sigintCancels sends this process a SIGINT and waits for it to cancel ctx.
func sigintCancels(t *testing.T, ctx *interruptContext) {
	t.Helper()
	sendSIGINT(t)
	select {
	case <-ctx.Context.Done():
	case <-time.After(5 * time.Second):
		t.Fatal("SIGINT did not cancel the context")
	}
}

// sendSIGINT signals this process; it may run on any goroutine.
func sendSIGINT(t *testing.T) {
	t.Helper()
	if err := syscall.Kill(os.Getpid(), syscall.SIGINT); err != nil {
		t.Error(err)
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
	// os/signal feeds the channels that want a signal one after another: give
	// a wrongly registered one time to receive it too before the caller looks.
	time.Sleep(20 * time.Millisecond)
}

// Err does not install the handler: a SIGINT after Err does not reach the
// run's channel.
func TestInterruptContextErrInstallsNothing(t *testing.T) {
	ctx := newInterruptContext(false)
	defer ctx.stop()
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
	ctx := newInterruptContext(false)
	ctx.Done()
	ctx.stop()
	sigintCaughtElsewhere(t)
	if len(ctx.signals) != 0 {
		t.Error("a stopped context still receives signals")
	}
}

// stop without Done installs nothing, and a Done after it does not wait for a
// handler that will never come.
func TestInterruptContextStopUnwatched(t *testing.T) {
	ctx := newInterruptContext(false)
	ctx.stop()
	select {
	case <-ctx.Done():
	case <-time.After(5 * time.Second):
		t.Fatal("Done after stop blocked")
	}
}

// A process that outlives the run (kiln-dev, this test) must not ignore the
// signals: its hold installs the handler, and a SIGINT cancels the context.
func TestHoldInstallsTheHandlerWhenNotExiting(t *testing.T) {
	ctx := newInterruptContext(false)
	defer ctx.stop()
	ctx.hold()
	if signal.Ignored(os.Interrupt) {
		t.Fatal("hold ignored SIGINT in a process that goes on after the run")
	}
	sigintCancels(t, ctx)
}

// TestHoldInAChildProcess runs the holds of an exiting run (the kiln
// binary's) in a child process of this test binary: os/signal cannot undo an
// Ignore, and the tests that follow must not inherit one.
func TestHoldInAChildProcess(t *testing.T) {
	if os.Getenv("KILN_HOLD_CHILD") == "" {
		cmd := exec.Command(os.Args[0], "-test.run=^TestHoldInAChildProcess$", "-test.v", "-test.count=1")
		cmd.Env = append(os.Environ(), "KILN_HOLD_CHILD=1")
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("child: %v\n%s", err, out)
		}
		return
	}
	t.Run("ignores until Done", holdIgnoresUntilDone)
	t.Run("keeps an installed handler", holdKeepsAnInstalledHandler)
	t.Run("writePlan hands the signals back when slow", writePlanHandsSignalsBackWhenSlow)
	t.Run("stop leaves it", stopLeavesTheHold) // last: it leaves the signals ignored
}

// A held SIGINT is ignored: it neither ends the process nor cancels the
// context; Done ends the hold, and the next SIGINT cancels.
func holdIgnoresUntilDone(t *testing.T) {
	ctx := newInterruptContext(true)
	defer ctx.stop()
	ctx.hold()
	if !signal.Ignored(os.Interrupt) || !signal.Ignored(syscall.SIGTERM) {
		t.Fatal("SIGINT and SIGTERM are not ignored during a hold")
	}
	sendSIGINT(t)
	time.Sleep(50 * time.Millisecond) // the process is still alive: it was ignored
	if ctx.Err() != nil {
		t.Fatal("a held SIGINT cancelled the context")
	}
	ctx.Done()
	if signal.Ignored(os.Interrupt) {
		t.Fatal("SIGINT still ignored after Done")
	}
	sigintCancels(t, ctx)
}

// A hold does not take the signals away from a handler already installed.
func holdKeepsAnInstalledHandler(t *testing.T) {
	ctx := newInterruptContext(true)
	defer ctx.stop()
	ctx.Done()
	ctx.hold()
	if signal.Ignored(os.Interrupt) {
		t.Fatal("hold ignored SIGINT although the handler was installed")
	}
	sigintCancels(t, ctx)
}

// waitUntil polls cond for up to 5 s.
func waitUntil(cond func() bool) bool {
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(5 * time.Millisecond) {
		if cond() {
			return true
		}
	}
	return false
}

// isClosed says whether ch is closed, without blocking.
func isClosed(ch <-chan struct{}) bool {
	select {
	case <-ch:
		return true
	default:
		return false
	}
}

// writePlan ignores a SIGINT while it writes, and hands the signals to the
// handler once the write has taken longer than holdLimit: a SIGINT then
// cancels the run, and nothing is written. (That a cancel at any later step
// of the write rolls back what was written is plan's own test.)
func writePlanHandsSignalsBackWhenSlow(t *testing.T) {
	ctx := newInterruptContext(true)
	defer ctx.stop()
	root := t.TempDir()
	if err := os.WriteFile(filepath.Join(root, "slow.txt"), []byte("mine\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	var p plan.Plan
	p.Add("a.txt", []byte("a\n"))
	var heldAtFirst, survived, handedBack, cancelled bool
	first := true
	p.AddEdit("slow.txt", "is slow", func([]byte) ([]byte, error) {
		if first { // the edit runs twice (idempotency check); act on the first
			first = false
			heldAtFirst = signal.Ignored(os.Interrupt)
			sendSIGINT(t) // ignored: the process goes on
			time.Sleep(20 * time.Millisecond)
			survived = ctx.Context.Err() == nil
			// Wait for Notify to return, not for Ignored to turn false: the
			// runtime clears its ignored bit before it installs the kernel
			// handler, and a SIGINT in between is still discarded.
			handedBack = waitUntil(func() bool { return isClosed(ctx.ready) })
			sendSIGINT(t)
			cancelled = waitUntil(func() bool { return ctx.Context.Err() != nil })
		}
		return []byte("mine\nmore\n"), nil // the same on a second run: edits are idempotent
	})
	_, err := writePlan(ctx, root, p, plan.Options{})
	switch {
	case !heldAtFirst:
		t.Error("SIGINT was not ignored when the write started")
	case !survived:
		t.Error("a SIGINT during the hold cancelled the run")
	case !handedBack:
		t.Errorf("SIGINT still ignored long after holdLimit (%v)", holdLimit)
	case !cancelled:
		t.Error("a SIGINT after the hand-back did not cancel the run")
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

// stop leaves a hold in place (the process is about to exit).
func stopLeavesTheHold(t *testing.T) {
	ctx := newInterruptContext(true)
	ctx.hold()
	ctx.stop()
	if !signal.Ignored(os.Interrupt) {
		t.Error("stop undid the hold")
	}
}
