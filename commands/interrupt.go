package commands

import (
	"context"
	"os"
	"os/signal"
	"sync"
	"syscall"
	"time"

	"github.com/kilnhq/kiln/generators/plan"
)

// interruptContext is the context of one kiln run, cancelled by SIGINT or
// SIGTERM so that a child process (a build, the app, the dev server) is
// stopped and a write is rolled back.
//
// Its handler is installed by the first call of Done, which waits until it
// is in place; Err does not install it. Whatever waits on the context
// therefore cannot miss a signal, and until something does, a signal ends
// kiln the default way, before it has started anything. Installing it only
// on demand matters on the team's 2-core VM: os/signal starts a goroutine
// locked to a thread of its own, a template thread and its receiving loop
// (two more OS threads and a handshake per signal), which cost up to 1.8 ms
// of a 25 ms `make scaffold` when installed at start-up; a command that only
// writes a plan holds the signals instead (writePlan).
type interruptContext struct {
	context.Context // cancelled by the signals
	cancel          context.CancelFunc
	canHold         bool // hold may ignore the signals (see newInterruptContext)
	mu              sync.Mutex
	watched         bool          // Done was called: the handler is (being) installed
	ready           chan struct{} // closed once the handler is installed (or never will be)
	stopped         chan struct{}
	signals         chan os.Signal
}

// newInterruptContext makes a run's context. exiting says the process ends
// with the run (the kiln binary): only then may hold ignore SIGINT and
// SIGTERM, because os/signal cannot undo that (after Ignore, a Notify and
// Stop leave SIGINT ignored), and ignored signals are inherited by every
// child a longer-lived process (kiln-dev, a test) would start.
func newInterruptContext(exiting bool) *interruptContext {
	ctx, cancel := context.WithCancel(context.Background())
	return &interruptContext{Context: ctx, cancel: cancel, canHold: exiting && canIgnoreInterrupts,
		ready: make(chan struct{}), stopped: make(chan struct{}), signals: make(chan os.Signal, 1)}
}

func (c *interruptContext) listen() {
	signal.Notify(c.signals, os.Interrupt, syscall.SIGTERM) // also ends a hold
	close(c.ready)
	select {
	case <-c.signals:
		c.cancel()
	case <-c.stopped:
	}
}

// Done installs the handler, if it is not yet, and returns once it is in
// place.
func (c *interruptContext) Done() <-chan struct{} {
	c.mu.Lock()
	if !c.watched {
		c.watched = true
		go c.listen()
	}
	c.mu.Unlock()
	<-c.ready
	return c.Context.Done()
}

// hold ignores SIGINT and SIGTERM, unless the handler is installed (it then
// cancels the context instead, which rolls a write back). Installing the
// handler later ends the hold. Where the signals may not be ignored (a
// process that outlives the run; Windows, where a console's Ctrl-C ends a
// process that does not handle it), hold installs the handler instead.
func (c *interruptContext) hold() {
	c.mu.Lock()
	if c.watched {
		c.mu.Unlock()
		return
	}
	if !c.canHold {
		c.mu.Unlock()
		c.Done()
		return
	}
	signal.Ignore(os.Interrupt, syscall.SIGTERM)
	c.mu.Unlock()
}

// stop removes the handler, if one was installed, and releases the context.
// A hold stays: only a process about to exit holds.
func (c *interruptContext) stop() {
	c.mu.Lock()
	watched := c.watched
	c.watched = true // a Done after stop must not install a handler
	c.mu.Unlock()
	if watched {
		<-c.ready
		signal.Stop(c.signals)
		close(c.stopped)
	} else {
		close(c.ready)
	}
	c.cancel()
}

// holdLimit is how long a write may run with the signals held before they
// are handed back to ctx's handler.
const holdLimit = 100 * time.Millisecond

// writePlan applies p for a command that writes a plan. In the kiln binary
// SIGINT and SIGTERM are ignored (held) while it writes: a plan takes a few
// milliseconds to write on a local disk, so the write always finishes and
// the project is never half-written, without paying for a handler. A signal
// in that time is lost: the command completes and exits 0. A write still
// running after holdLimit (a slow or network file system) installs ctx's
// handler, so from then on Ctrl-C cancels ctx, plan.Apply rolls everything
// back and kiln exits 130. The hold is not undone when the write ends: the
// command only reports and exits. Ignored signals are inherited across
// exec, so a child started after a write must be started through ctx
// (exec.CommandContext, whose Start calls Done, which installs the handler
// and so ends the hold). Elsewhere (kiln-dev, tests, Windows) the handler is
// installed instead.
func writePlan(ctx context.Context, root string, p plan.Plan, o plan.Options) (plan.Result, error) {
	if c, ok := ctx.(*interruptContext); ok && !o.DryRun {
		c.hold()
		slow := time.AfterFunc(holdLimit, func() { c.Done() })
		defer slow.Stop()
	}
	return plan.Apply(ctx, root, p, o)
}
