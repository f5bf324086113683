package commands

import (
	"context"
	"fmt"
	"strings"

	"charm.land/huh/v2"

	"github.com/kilnhq/kiln/generators/plan"
)

// applyAsked applies a plan the wizard built: it shows what will happen,
// lets the user settle each conflict (overwrite, skip, or look at the diff
// first), writes, and prints the command line that does the same without
// questions.
func (w *wizard) applyAsked(ctx context.Context, root string, p plan.Plan, equivalent string) error {
	preview, err := plan.Apply(ctx, root, p, plan.Options{DryRun: true})
	if err != nil {
		return err
	}
	w.g.printf("kiln will write:\n")
	summary := preview
	summary.DryRun = false
	summary.WriteText(w.g.stdout, w.g.color())
	var skip []string
	for _, path := range preview.Conflicts {
		keep, err := w.settle(path, fileDiff(preview.Diff, path))
		if err != nil {
			return err
		}
		if keep {
			skip = append(skip, path)
		}
	}
	res, err := w.write(ctx, root, p, plan.Options{Force: true, Skip: skip})
	w.g.printf("\nkiln wrote:\n")
	if err := report(w.g, res, err); err != nil {
		return err
	}
	w.g.printf("\nThe same without questions (for scripts and CI):\n  %s%s\n", equivalent, conflictFlag(preview.Conflicts, skip))
	return nil
}

// settle asks what to do with one conflicting file until the user picks
// overwrite or skip; it reports whether to keep the user's file.
func (w *wizard) settle(path, diff string) (bool, error) {
	for {
		choice := "skip"
		err := w.ask(huh.NewGroup(huh.NewSelect[string]().
			Title(path+" differs from what kiln would write").
			Options(huh.NewOption("skip: keep my file", "skip"), huh.NewOption("overwrite it", "overwrite"),
				huh.NewOption("show the diff", "diff")).
			Value(&choice)))
		if err != nil {
			return false, err
		}
		if choice != "diff" {
			return choice == "skip", nil
		}
		w.g.printf("%s\n", diff)
	}
}

// fileDiff is the part of a dry run's diff about path.
func fileDiff(diff, path string) string {
	start := strings.Index(diff, "diff --git a/"+path+" ")
	if start < 0 {
		return fmt.Sprintf("(no diff for %s)", path)
	}
	rest := diff[start+1:]
	if end := strings.Index(rest, "\ndiff --git a/"); end >= 0 {
		return diff[start : start+1+end]
	}
	return diff[start:]
}

// conflictFlag is what the printed command needs to settle the conflicts the
// same way: --force when all were overwritten, --skip-existing when all were
// kept, nothing when there were none (a mixed choice has no flag).
func conflictFlag(conflicts, skipped []string) string {
	switch {
	case len(conflicts) == 0:
		return ""
	case len(skipped) == 0:
		return " --force"
	case len(skipped) == len(conflicts):
		return " --skip-existing"
	}
	return "   # then settle " + strings.Join(conflicts, ", ") + " by hand: you overwrote some and kept others"
}
