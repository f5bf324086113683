package commands

import (
	"path/filepath"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/kilnhq/kiln/generators/controller"
	"github.com/kilnhq/kiln/generators/factory"
	"github.com/kilnhq/kiln/generators/model"
	"github.com/kilnhq/kiln/generators/plan"
	"github.com/kilnhq/kiln/generators/seeder"
	"github.com/kilnhq/kiln/generators/spec"
	"github.com/kilnhq/kiln/internal/plainfile"
)

// dataPlans plans the data companions of a model that make model was asked
// for: its factory (and its parents' missing ones) and its seeder.
func dataPlans(proj project, res spec.Resource, o makeModelOptions) (plan.Plan, error) {
	var p plan.Plan
	if o.factory {
		fp, err := factoryPlans(proj, res)
		if err != nil {
			return p, err
		}
		p = mergePlans(p, fp)
	}
	if o.seeder {
		var model *spec.Name
		if o.factory || proj.exists(factory.Path(res.Name)) {
			model = &res.Name
		}
		sp, err := seeder.Generate(res.Name, seeder.Options{Module: proj.module, Model: model})
		if err != nil {
			return p, asUsage(err)
		}
		p = mergePlans(p, sp)
	}
	return p, nil
}

// factoryPlans plans res's factory, and the factories of the models it
// belongs to that have none yet (when kiln knows their specs), so each row's
// parent can be created: a factory of posts must be able to make authors.
func factoryPlans(proj project, res spec.Resource) (plan.Plan, error) {
	have := proj.existingFactories()
	todo := []spec.Resource{res}
	planned := []string{res.Name.Go()}
	for i := 0; i < len(todo); i++ {
		for _, fl := range todo[i].Fields {
			if fl.Type != spec.BelongsTo || fl.Nullable {
				continue
			}
			target := fl.Relation.Target.Go()
			if slices.Contains(have, target) || slices.Contains(planned, target) {
				continue
			}
			parent, err := loadModelSpec(proj, target)
			if err != nil {
				continue // no spec: the generated relation then needs For, Has or Recycle
			}
			todo = append(todo, parent)
			planned = append(planned, target)
		}
	}
	var p plan.Plan
	for _, r := range todo {
		fp, err := factory.Generate(r.Name, factory.Options{Module: proj.module, Model: &r, Factories: append(have, planned...)})
		if err != nil {
			return p, asUsage(err)
		}
		p = mergePlans(p, fp)
	}
	return p, nil
}

// existingFactories lists the models that have a factory file already.
func (p project) existingFactories() []string {
	entries, _ := plainfile.ReadDir(filepath.Join(p.root, filepath.FromSlash(factory.Dir)))
	var names []string
	for _, e := range entries {
		base, ok := strings.CutSuffix(e.Name(), "_factory.go")
		if !ok || base == "" {
			continue
		}
		if n, err := spec.ParseName("model name", base); err == nil {
			names = append(names, n.Go())
		}
	}
	return names
}

// dataOptions are the flags of make factory and make seeder.
type dataOptions struct {
	model string
}

func newMakeFactoryCmd(g *globals) *cobra.Command {
	var o dataOptions
	cmd := &cobra.Command{
		Use:   "factory <Name> [--model <Model>]",
		Short: "Generate a model factory for tests and seeders",
		Long: `Generate database/factories/<name>_factory.go: a typed factory whose definition
fills every field of the model with a realistic value inferred from the field's name
and type, named states for its booleans, enums and soft deletes, and a relation per
belongs-to field that creates (or, with Recycle, reuses) the parent.

The model is --model, else the factory's name. Factories of parents that have none
yet are generated too. Use it as factories.NewPostFactory().Count(10).Create(ctx, db).`,
		Example: `  kiln make factory Post
  kiln make factory Author --model User`,
		Args: minArgs("factory name"),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runMakeFactory(cmd, g, o, args[0])
		},
	}
	cmd.Flags().StringVar(&o.model, "model", "", "the `Model` the factory makes (default: the factory's name)")
	return cmd
}

func runMakeFactory(cmd *cobra.Command, g *globals, o dataOptions, name string) error {
	proj, err := loadProject(g)
	if err != nil {
		return err
	}
	n, err := factory.ParseName(name)
	if err != nil {
		return asUsage(err)
	}
	modelName := o.model
	if modelName == "" {
		modelName = n.Go()
	}
	res, err := loadModelSpec(proj, modelName)
	var p plan.Plan
	switch {
	case err == nil && o.model == "":
		p, err = factoryPlans(proj, res)
	case err == nil:
		p, err = factory.Generate(n, factory.Options{Module: proj.module, Model: &res, Factories: proj.existingFactories()})
	case o.model != "":
		return err
	case !proj.exists(model.Path(spec.Resource{Name: n})):
		// A factory of a type that does not exist breaks the app's build, and
		// every kiln db command with it.
		return usagef("no model %s in app/models: make it first (kiln make model %s field:type… -f also makes its factory), or name it with --model", n.Go(), n.Go())
	default: // a model kiln did not make: an empty definition to fill in
		p, err = factory.Generate(n, factory.Options{Module: proj.module})
	}
	if err != nil {
		return asUsage(err)
	}
	p.Generator = "make factory"
	return applyPlan(cmd, g, proj.root, p)
}

func newMakeSeederCmd(g *globals) *cobra.Command {
	var o dataOptions
	cmd := &cobra.Command{
		Use:   "seeder <Name> [--model <Model>]",
		Short: "Generate a seeder and register it in DatabaseSeeder",
		Long: `Generate database/seeders/<name>_seeder.go and register it in
database/seeders/database_seeder.go (in All, for --class, and in DatabaseSeeder.Run).
With --model (or a name that has a factory), Run creates 10 rows with the model's
factory; otherwise Run is empty, for you to fill.`,
		Example: `  kiln make seeder Post
  kiln make seeder DemoData --model Post`,
		Args: minArgs("seeder name"),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runMakeSeeder(cmd, g, o, args[0])
		},
	}
	cmd.Flags().StringVar(&o.model, "model", "", "create rows of `Model` with its factory")
	return cmd
}

func runMakeSeeder(cmd *cobra.Command, g *globals, o dataOptions, name string) error {
	proj, err := loadProject(g)
	if err != nil {
		return err
	}
	n, err := seeder.ParseName(name)
	if err != nil {
		return asUsage(err)
	}
	var p plan.Plan
	var model *spec.Name
	switch {
	case o.model != "":
		res, err := loadModelSpec(proj, o.model)
		if err != nil {
			return err
		}
		model = &res.Name
		if !proj.exists(factory.Path(res.Name)) {
			if p, err = factoryPlans(proj, res); err != nil {
				return err
			}
		}
	case proj.exists(factory.Path(n)):
		model = &n
	}
	sp, err := seeder.Generate(n, seeder.Options{Module: proj.module, Model: model})
	if err != nil {
		return asUsage(err)
	}
	p = mergePlans(p, sp)
	p.Generator = "make seeder"
	return applyPlan(cmd, g, proj.root, p)
}

// controllerTestPlan plans the test of res's API controller when all it needs
// will exist once p is applied: the model's factory and the factories of the
// rows it must belong to. Otherwise it plans nothing (the test would not
// compile); make model -a and make scaffold always have them.
func controllerTestPlan(proj project, res spec.Resource, p plan.Plan) (plan.Plan, error) {
	has := func(n spec.Name) bool {
		path := factory.Path(n)
		return proj.exists(path) || slices.ContainsFunc(p.Files, func(f plan.File) bool { return f.Path == path })
	}
	if !has(res.Name) {
		return plan.Plan{}, nil
	}
	for _, fl := range res.Fields {
		if fl.Type == spec.BelongsTo && !fl.Nullable && fl.Relation.Target.Go() != res.Name.Go() && !has(fl.Relation.Target) {
			return plan.Plan{}, nil
		}
	}
	tp, err := controller.GenerateTest(res, proj.module)
	if err != nil {
		return plan.Plan{}, asUsage(err)
	}
	return tp, nil
}
