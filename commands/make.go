package commands

import (
	"github.com/spf13/cobra"

	"github.com/kilnhq/kiln/generators/plan"
)

func newMakeCmd(g *globals) *cobra.Command {
	cmd := groupCmd(&cobra.Command{
		Use:   "make",
		Short: "Generate code: models, migrations …",
		Long: `Generate code you own. Every generator plans its files in memory first: nothing is
written when anything is wrong, --dry-run shows the diff, and a file you changed
is never overwritten without --force.`,
	})
	cmd.AddCommand(newMakeModelCmd(g), newMakeMigrationCmd(g), newMakeScaffoldCmd(g),
		newMakeControllerCmd(g), newMakeRequestCmd(g), newMakeResourceCmd(g),
		newMakeFactoryCmd(g), newMakeSeederCmd(g))
	return cmd
}

// applyPlan writes a generator's plan into the project and reports it.
func applyPlan(cmd *cobra.Command, g *globals, root string, p plan.Plan) error {
	if g.force && g.skipExisting {
		return usagef("--force and --skip-existing contradict each other: pick one")
	}
	res, err := plan.Apply(cmd.Context(), root, p, plan.Options{Force: g.force, DryRun: g.dryRun, SkipExisting: g.skipExisting})
	return report(g, res, err)
}

// minArgs requires at least the named arguments, naming the first one missing.
func minArgs(names ...string) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) < len(names) {
			return usagef("missing %s: %s", names[len(args)], cmd.UseLine())
		}
		return nil
	}
}

// mergePlans appends the files and edits of more plans to p.
func mergePlans(p plan.Plan, more ...plan.Plan) plan.Plan {
	for _, m := range more {
		p.Files = append(p.Files, m.Files...)
		p.Edits = append(p.Edits, m.Edits...)
	}
	return p
}

// groupCmd makes cmd a command group: bare, it shows its help; followed by anything
// but a subcommand, it is a usage error (cobra would print help and exit 0).
func groupCmd(cmd *cobra.Command) *cobra.Command {
	cmd.Args = cobra.ArbitraryArgs
	cmd.RunE = func(cmd *cobra.Command, args []string) error {
		if len(args) > 0 {
			return usagef("unknown command %q for %q", args[0], cmd.CommandPath())
		}
		return cmd.Help()
	}
	return cmd
}
