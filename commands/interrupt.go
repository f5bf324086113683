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
// locked to a thread of its own, a template thread and its receiving loop,
// which cost 1.2–1.8 ms of a 24 ms `make scaffold`; a command that only
// writes a plan holds the signals instead (writePlan).
type interruptContext struct {
	context.Context // cancelled by the signals
	cancel          context.CancelFunc
	mu              sync.Mutex
	watched         bool          // Done was called: the handler is (being) installed
	held            bool          // hold ignored the signals before any handler was
	ready           chan struct{} // closed once the handler is installed (or never will be)
	stopped         chan struct{}
	signals         chan os.Signal
}

func newInterruptContext() *interruptContext {
	ctx, cancel := context.WithCancel(context.Background())
	return &interruptContext{Context: ctx, cancel: cancel, ready: make(chan struct{}),
		stopped: make(chan struct{}), signals: make(chan os.Signal, 1)}
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
// handler later ends the hold.
func (c *interruptContext) hold() {
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.watched && !c.held {
		c.held = true
		signal.Ignore(os.Interrupt, syscall.SIGTERM)
	}
}

// stop removes the handler and releases the context. With restore, a hold
// that no handler ended is undone too, for a process that goes on after the
// run; os/signal undoes an Ignore only by a Notify, which costs what
// installing the handler would have, so a process about to exit skips it.
func (c *interruptContext) stop(restore bool) {
	c.mu.Lock()
	watched, held := c.watched, c.held
	c.watched = true // a Done after stop must not install a handler
	c.mu.Unlock()
	if watched {
		<-c.ready
		signal.Stop(c.signals)
		close(c.stopped)
	} else {
		close(c.ready)
		if held && restore {
			unhold := make(chan os.Signal, 1)
			signal.Notify(unhold, os.Interrupt, syscall.SIGTERM)
			signal.Stop(unhold)
		}
	}
	c.cancel()
}

// holdLimit is how long a write may run with the signals held before they
// are handed back to ctx's handler.
const holdLimit = 100 * time.Millisecond

// writePlan applies p for a command that writes a plan. While it writes,
// SIGINT and SIGTERM are held (ignored): a plan takes a few milliseconds to
// write on a local disk, so the write always finishes and the project is
// never half-written, without paying for a handler. A write still running
// after holdLimit (a slow or network file system) installs ctx's handler, so
// from then on Ctrl-C cancels ctx and plan.Apply rolls everything back and
// kiln exits 130. The hold is not undone when the write ends: the command
// only reports and exits, and anything that waits on ctx afterwards
// installs the handler, which ends it.
func writePlan(ctx context.Context, root string, p plan.Plan, o plan.Options) (plan.Result, error) {
	if c, ok := ctx.(*interruptContext); ok && !o.DryRun {
		c.hold()
		slow := time.AfterFunc(holdLimit, func() { c.Done() })
		defer slow.Stop()
	}
	return plan.Apply(ctx, root, p, o)
}
