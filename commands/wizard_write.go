package commands

import (
	"context"
	"fmt"

	"github.com/kilnhq/kiln/generators/plan"
)

// write applies a plan the wizard settled, with a spinner on the terminal
// while it runs: a plan is written in milliseconds on a local disk, but on a
// slow or network file system the user sees that kiln is working, and
// Ctrl-C still rolls everything back (plan.Apply undoes a cancelled run) and
// exits 130. Accessible mode prints one plain line instead of animating.
func (w *wizard) write(ctx context.Context, root string, p plan.Plan, o plan.Options) (plan.Result, error) {
	const title = "Writing the files…"
	if w.accessible {
		fmt.Fprintln(w.out(), title)
		ctx.Done() // installs kiln's signal handler: Ctrl-C is a SIGINT here
		return plan.Apply(ctx, root, p, o)
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var res plan.Result
	var err error
	interrupted, spinErr := w.fe.Spin(w.terminal(), title, cancel, func() { res, err = plan.Apply(ctx, root, p, o) })
	if spinErr != nil {
		return plan.Result{}, spinErr
	}
	if interrupted && err != nil {
		return res, &exitError{code: exitInterrupted}
	}
	return res, err
}
