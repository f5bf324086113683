package commands

import (
	"context"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/kilnhq/kiln/generators/plan"
	"github.com/kilnhq/kiln/internal/form"
)

// applyAsked applies a plan the wizard built: it shows what will happen,
// lets the user settle each conflict (overwrite, skip, or look at the diff
// first) unless --force or --skip-existing already said, writes, reports as
// the command without questions would, and prints that command (equivalent,
// to which the global flags of this run are added). With --dry-run it only
// reports, as a dry run does.
func (w *wizard) applyAsked(ctx context.Context, root string, p plan.Plan, equivalent string) error {
	g := w.g
	line := g.replayLine(equivalent)
	if g.dryRun {
		res, err := plan.Apply(ctx, root, p, plan.Options{DryRun: true, Force: g.force, SkipExisting: g.skipExisting})
		err = report(g, res, err)
		w.printEquivalent(line, "")
		return err
	}
	preview, err := plan.Apply(ctx, root, p, plan.Options{DryRun: true})
	if err != nil {
		return err
	}
	fmt.Fprintf(w.out(), "kiln will write:\n")
	summary := preview
	summary.DryRun = false
	summary.WriteText(w.out(), w.color())
	skip, err := w.settleAll(preview)
	if err != nil {
		return err
	}
	res, err := w.write(ctx, root, p, plan.Options{Force: true, Skip: skip})
	if !g.json {
		g.printf("\nkiln wrote:\n")
	}
	if err := report(g, res, err); err != nil {
		return err
	}
	note := "" // --force or --skip-existing is in line already
	if !g.force && !g.skipExisting {
		note = conflictNote(preview.Conflicts, skip)
	}
	w.printEquivalent(line, note)
	return nil
}

// settleAll decides each conflict: --force overwrites them all and
// --skip-existing keeps them all, without a question; otherwise the user
// picks, file by file. It returns the files to keep.
func (w *wizard) settleAll(preview plan.Result) ([]string, error) {
	switch {
	case w.g.force:
		return nil, nil
	case w.g.skipExisting:
		return slices.Clone(preview.Conflicts), nil
	}
	var skip []string
	for _, path := range preview.Conflicts {
		keep, err := w.settle(path, fileDiff(preview.Diff, path))
		if err != nil {
			return nil, err
		}
		if keep {
			skip = append(skip, path)
		}
	}
	return skip, nil
}

// printEquivalent prints the command that does the same without questions:
// on stdout in text mode, on stderr with --json (stdout holds one document).
func (w *wizard) printEquivalent(line, note string) {
	var out io.Writer = w.g.stdout
	if w.g.json {
		out = w.out()
	}
	fmt.Fprintf(out, "\nThe same without questions (for scripts and CI):\n  %s -n%s\n", line, note)
}

// settle asks what to do with one conflicting file until the user picks
// overwrite or skip; it reports whether to keep the user's file.
func (w *wizard) settle(path, diff string) (bool, error) {
	for {
		choice := "skip"
		err := w.ask(form.Group{&form.Select{Title: path + " differs from what kiln would write",
			Options: []form.Option{{Label: "skip: keep my file", Value: "skip"}, {Label: "overwrite it", Value: "overwrite"},
				{Label: "show the diff", Value: "diff"}},
			Value: &choice}})
		if err != nil {
			return false, err
		}
		if choice != "diff" {
			return choice == "skip", nil
		}
		fmt.Fprintf(w.out(), "%s\n", diff)
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

// conflictNote is what the printed command needs to settle the conflicts the
// same way: --force when all were overwritten, --skip-existing when all were
// kept, nothing when there were none. A mixed choice has no flag, so the
// note says which files to settle by hand.
func conflictNote(conflicts, skipped []string) string {
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
