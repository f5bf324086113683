package commands

import (
	"fmt"
	"strings"
	"sync"

	"github.com/spf13/cobra"

	"github.com/kilnhq/kiln/generators/controller"
	"github.com/kilnhq/kiln/generators/factory"
	"github.com/kilnhq/kiln/generators/plan"
	"github.com/kilnhq/kiln/generators/resource"
	"github.com/kilnhq/kiln/generators/seeder"
	"github.com/kilnhq/kiln/generators/spec"
	"github.com/kilnhq/kiln/internal/stackgrow"
)

func newMakeCmd(g *globals) *cobra.Command {
	cmd := groupCmd(&cobra.Command{
		Use:   "make",
		Short: "Generate code: models, migrations …",
		Long: `Generate code you own. Every generator plans its files in memory first: nothing is
written when anything is wrong, --dry-run shows the diff, and a file you changed
is never overwritten without --force.`,
	})
	cmd.AddCommand(newMakeModelCmd(g), newMakeScaffoldCmd(g),
		askName(g, newMakeMigrationCmd(g), "Migration name", "create_posts_table", checkNewMigrationName(g)),
		askName(g, newMakeControllerCmd(g), "Controller name", "Post", parsedBy(controller.ParseName)),
		askName(g, newMakeRequestCmd(g), "Request name", "StorePost", parsedBy(func(s string) (spec.Name, error) {
			return spec.ParseName("request name", s)
		})),
		askName(g, newMakeResourceCmd(g), "Resource name", "Post", parsedBy(resource.ParseName)),
		askName(g, newMakeFactoryCmd(g), "Factory name (the model's)", "Post", parsedBy(factory.ParseName)),
		askName(g, newMakeSeederCmd(g), "Seeder name", "Post", parsedBy(seeder.ParseName)))
	return cmd
}

// parsedBy turns a name parser into a wizard validator.
func parsedBy(parse func(string) (spec.Name, error)) func(string) error {
	return func(s string) error {
		_, err := parse(s)
		return err
	}
}

// checkMigrationName accepts snake_case words: create_posts_table.
func checkMigrationName(s string) error {
	ok := s != "" && s[0] >= 'a' && s[0] <= 'z' && !strings.HasSuffix(s, "_") && !strings.Contains(s, "__")
	for _, c := range s {
		ok = ok && (c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_')
	}
	if !ok {
		return fmt.Errorf("invalid migration name %q: use snake_case words, such as create_posts_table", s)
	}
	return nil
}

// applyPlan writes a generator's plan into the project and reports it.
func applyPlan(cmd *cobra.Command, g *globals, root string, p plan.Plan) error {
	if g.force && g.skipExisting {
		return usagef("--force and --skip-existing contradict each other: pick one")
	}
	if g.wizard != nil {
		return g.wizard.applyAsked(cmd.Context(), root, p, equivalentCommand(cmd, g.askedArgs))
	}
	res, err := writePlan(cmd.Context(), root, p, plan.Options{Force: g.force, DryRun: g.dryRun, SkipExisting: g.skipExisting})
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

// planConcurrently runs independent planners at once and merges their plans
// in the order given; of several errors, the one of the earliest planner is
// returned, as if they had run one after another. Rendering and gofmt-ing a
// dozen files is most of a make command's work, and it spreads well over
// cores.
func planConcurrently(planners ...func() (plan.Plan, error)) (plan.Plan, error) {
	plans := make([]plan.Plan, len(planners))
	errs := make([]error, len(planners))
	var wg sync.WaitGroup
	for i, planner := range planners[1:] {
		wg.Go(func() {
			stackgrow.Grow() // the planners render Go: see stackgrow
			plans[i+1], errs[i+1] = planner()
		})
	}
	plans[0], errs[0] = planners[0]() // on this goroutine, whose stack is grown (coldstart)
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return plan.Plan{}, err
		}
	}
	return mergePlans(plan.Plan{}, plans...), nil
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
