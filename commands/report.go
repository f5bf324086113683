package commands

import (
	"errors"

	"github.com/kilnhq/kiln/generators/plan"
)

// report prints an apply's result — JSON with --json, else a list of files and, for a
// dry run or a conflict, the diff — and passes on the apply's error.
func report(g *globals, res plan.Result, applyErr error) error {
	var conflict *plan.ConflictError
	if applyErr != nil && !errors.As(applyErr, &conflict) {
		return applyErr
	}
	if applyErr == nil && len(res.Conflicts) > 0 && !g.force {
		// A dry run shows the conflicts but must fail like the real run would, so a
		// CI check with --dry-run catches them.
		applyErr = &plan.ConflictError{Paths: res.Conflicts}
	}
	if g.json {
		out, err := res.JSON()
		if err != nil {
			return err
		}
		g.stdout.Write(append(out, '\n'))
		return applyErr
	}
	res.WriteText(g.stdout, g.color())
	if res.Diff != "" && (g.dryRun || applyErr != nil) {
		g.printf("\n%s", res.Diff)
	}
	return applyErr
}
