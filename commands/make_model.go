package commands

import (
	"fmt"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"time"

	"github.com/spf13/cobra"

	"github.com/kilnhq/kiln/generators/migration"
	"github.com/kilnhq/kiln/generators/model"
	"github.com/kilnhq/kiln/generators/plan"
	"github.com/kilnhq/kiln/generators/spec"
	"github.com/kilnhq/kiln/internal/plainfile"
)

// makeModelOptions is everything `make model` can be told. Companion generators
// (factory, seeder, controller, requests, resource) join as booleans here, and --all
// sets them; the wizard fills this same struct.
type makeModelOptions struct {
	migration  bool
	factory    bool // -f: the model's factory (and its parents' missing ones)
	seeder     bool // -s: a seeder using the factory, registered in DatabaseSeeder
	controller bool // -c: an API resource controller, registered in routes/api.go
	requests   bool // Store and Update request types
	resource   bool // the JSON resource
	all        bool // -a: all of the above
	api        bool // --api: accepted for Laravel muscle memory; kiln controllers are JSON APIs
	spec       spec.Options
}

// companions applies --all.
func (o *makeModelOptions) companions() {
	if o.all {
		o.migration, o.factory, o.seeder, o.controller, o.requests, o.resource = true, true, true, true, true, true
	}
	if o.controller { // the controller binds the requests and answers with the resource
		o.requests, o.resource = true, true
	}
}

func newMakeModelCmd(g *globals) *cobra.Command {
	var o makeModelOptions
	cmd := &cobra.Command{
		Use:   "model <Name> [field…]",
		Short: "Generate a model (and its migration with -m)",
		Long: `Generate app/models/<name>.go: a struct with db and json tags, relation fields and
the declarations the ORM needs. With -m, also the create-table migration (and one
pivot-table migration per --belongs-to-many).

Fields are name:type[:modifier…]:
  types      string (size=N), text, int, bigint, float, decimal (precision=P, scale=S),
             bool, date, datetime, timestamp, uuid, json, enum=a,b,c,
             belongs_to[=table] (author:belongs_to=users → author_id + Author *User)
  modifiers  nullable, unique, index, default=VALUE, on_delete=cascade|set_null|restrict`,
		Example: `  kiln make model User name:string email:string:unique -m
  kiln make model Post title:string body:text:nullable author:belongs_to=users --soft-deletes -m
  kiln make model Tag name:string:unique --belongs-to-many post -m`,
		Args: wizardArgs(g, minArgs("model name")),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runMakeModelOrAsk(cmd, g, o, args)
		},
	}
	addMakeModelFlags(cmd, &o)
	return cmd
}

// wizardArgs checks arguments with check when kiln may not ask (CI, -n, no
// terminal); on a terminal a missing name starts the wizard instead.
func wizardArgs(g *globals, check cobra.PositionalArgs) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) == 0 && g.interactive() {
			return nil
		}
		return check(cmd, args)
	}
}

// runMakeModelOrAsk runs make model from its arguments, or, with no name on
// a terminal, from the wizard's answers.
func runMakeModelOrAsk(cmd *cobra.Command, g *globals, o makeModelOptions, args []string) error {
	if len(args) > 0 {
		return runMakeModel(cmd, g, o, args[0], args[1:], nil)
	}
	proj, err := loadProject(g)
	if err != nil {
		return err
	}
	w, err := newWizard(g)
	if err != nil {
		return err
	}
	var name string
	var fields []string
	if err := w.askModel(proj, &o, &name, &fields); err != nil {
		return err
	}
	return runMakeModel(cmd, g, o, name, fields, w)
}

func addMakeModelFlags(cmd *cobra.Command, o *makeModelOptions) {
	f := cmd.Flags()
	f.BoolVarP(&o.migration, "migration", "m", false, "also generate the create-table migration")
	f.BoolVarP(&o.controller, "controller", "c", false, "also generate an API resource controller (with its requests and resource) and register its routes")
	f.BoolVar(&o.requests, "requests", false, "also generate the Store and Update request types")
	f.BoolVar(&o.resource, "resource", false, "also generate the JSON resource")
	f.BoolVarP(&o.factory, "factory", "f", false, "also generate the model's factory")
	f.BoolVarP(&o.seeder, "seeder", "s", false, "also generate a seeder and register it in DatabaseSeeder")
	f.BoolVarP(&o.all, "all", "a", false, "migration, factory, seeder, controller, requests and resource")
	f.BoolVar(&o.api, "api", false, "accepted for Laravel compatibility: kiln controllers are JSON APIs")
	f.BoolVar(&o.spec.SoftDeletes, "soft-deletes", false, "add deleted_at; deletes hide rows instead of removing them")
	f.BoolVar(&o.spec.NoTimestamps, "no-timestamps", false, "no created_at/updated_at")
	f.BoolVar(&o.spec.UUID, "uuid", false, "UUID primary key instead of an auto-increment bigint")
	f.StringVar(&o.spec.Table, "table", "", "table name (default: the plural snake name)")
	f.StringArrayVar(&o.spec.HasMany, "has-many", nil, "has-many relation to `Model` (repeatable)")
	f.StringArrayVar(&o.spec.HasOne, "has-one", nil, "has-one relation to `Model` (repeatable)")
	f.StringArrayVar(&o.spec.BelongsToMany, "belongs-to-many", nil, "many-to-many relation to `Model` through a pivot table (repeatable)")
}

// runMakeModel plans and applies make model; w is the wizard that asked for
// the input, nil on a plain command line.
func runMakeModel(cmd *cobra.Command, g *globals, o makeModelOptions, name string, fields []string, w *wizard) error {
	proj, err := loadProject(g)
	if err != nil {
		return err
	}
	o.companions()
	res, err := spec.NewResource(name, fields, o.spec)
	if err == nil {
		err = res.ValidateNew()
	}
	if err != nil {
		return asUsage(err)
	}
	if o.controller {
		if err := proj.checkRoutesFile([]spec.Name{res.Name}); err != nil {
			return err
		}
	}
	markUUIDParents(proj, res)
	p, err := planConcurrently(
		func() (plan.Plan, error) { return modelPlans(g, proj, res, name, fields, o) },
		func() (plan.Plan, error) { return requestResourcePlans(proj, res, o) },
		func() (plan.Plan, error) { return modelControllerPlan(proj, res, o) },
		func() (plan.Plan, error) { return dataAndTestPlans(proj, res, o) })
	if err != nil {
		return err
	}
	p.Generator = "make model"
	if w != nil {
		err = w.applyAsked(cmd.Context(), proj.root, p, equivalentModelCommand(name, fields, o))
	} else {
		err = applyPlan(cmd, g, proj.root, p)
	}
	if err != nil {
		return err
	}
	warnMissingModels(g, proj, res)
	if o.resource {
		warnRawRelations(g, proj, res.Name)
	}
	return nil
}

// modelPlans plans the model, recording how it was made, and its migrations
// when asked for.
func modelPlans(g *globals, proj project, res spec.Resource, name string, fields []string, o makeModelOptions) (plan.Plan, error) {
	p, err := model.Generate(res, model.Options{Module: proj.module})
	if err != nil {
		return p, &usageError{err} // a clash between the user's names, e.g. a field named relations
	}
	if err := recordModelSpec(&p, res, name, fields, o.spec); err != nil {
		return p, err
	}
	if !o.migration {
		return p, nil
	}
	mp, err := modelMigrations(g, proj, res)
	return mergePlans(p, mp), err
}

// dataAndTestPlans plans the data companions and then the controller's
// test, which needs to know whether the factories it uses are planned.
func dataAndTestPlans(proj project, res spec.Resource, o makeModelOptions) (plan.Plan, error) {
	p, err := dataPlans(proj, res, o)
	if err != nil || !o.controller {
		return p, err
	}
	tp, err := controllerTestPlan(proj, res, p)
	return mergePlans(p, tp), err
}

// modelMigrations plans the model's create-table migration and its pivots.
//
// Running make model -m again must not add a second create_posts_table migration
// (two migrations creating one table, and duplicate Go function names), nor rewrite
// one that may already have run (even with --force: the table would silently lack
// the new columns). So an existing create migration keeps its version and is only
// reported identical, or left alone with a hint to add a migration. A pivot is
// written once: not again when another model's migration already creates it, and
// not before the other table's create migration exists (it would run first and fail
// on PostgreSQL); the other model's make model … --belongs-to-many … -m writes it.
func modelMigrations(g *globals, proj project, res spec.Resource) (plan.Plan, error) {
	version, err := proj.nextMigrationVersion(time.Now())
	if err != nil {
		return plan.Plan{}, err
	}
	if existing, ok, err := proj.findMigration("create_" + res.Table() + "_table"); err != nil {
		return plan.Plan{}, err
	} else if ok {
		version = existing.version
	}
	mp, err := migration.ForResource(res, version)
	if err != nil {
		return plan.Plan{}, asUsage(err)
	}
	all, err := proj.migrations()
	if err != nil {
		return plan.Plan{}, err
	}
	kept := mp.Files[:0]
	for _, f := range mp.Files {
		switch {
		case sameNameElsewhere(all, f.Path):
			continue
		case changesExisting(proj, f):
			fmt.Fprintf(g.stderr, "kiln: note: kept %s unchanged: it may have run already; change the table with a new migration, e.g. kiln make migration add_…_to_%s_table field:type\n", f.Path, res.Table())
			continue
		}
		if missing, ok := pivotWithoutTable(proj, res, f.Path); ok {
			fmt.Fprintf(g.stderr, "kiln: note: %s is not written yet: %s has no create migration; it comes with kiln make model %s … --belongs-to-many %s -m\n", path.Base(f.Path), missing.Table, missing.Target.Go(), res.Name.Snake())
			continue
		}
		kept = append(kept, f)
	}
	mp.Files = kept
	return mp, nil
}

// changesExisting reports whether a planned migration would overwrite an existing
// file with different content.
func changesExisting(proj project, f plan.File) bool {
	old, err := plainfile.ReadFile(filepath.Join(proj.root, filepath.FromSlash(f.Path)))
	if err != nil {
		return false
	}
	content, err := plan.Render(f)
	return err == nil && string(content) != string(old)
}

// pivotWithoutTable returns the relation of a planned pivot migration whose other
// table has no create migration yet.
func pivotWithoutTable(proj project, res spec.Resource, p string) (spec.Relation, bool) {
	for _, rel := range res.Relations {
		if rel.Kind != spec.RelBelongsToMany || !strings.Contains(path.Base(p), "_create_"+rel.PivotTable+"_table.") {
			continue
		}
		if _, ok, _ := proj.findMigration("create_" + rel.Table + "_table"); !ok {
			return rel, true
		}
	}
	return spec.Relation{}, false
}

// sameNameElsewhere reports whether a migration with the same name as the one at
// path exists under another version.
func sameNameElsewhere(all []migrationFile, path string) bool {
	planned, ok := parseMigrationPath(path)
	if !ok {
		return false
	}
	for _, e := range all {
		if e.name == planned.name && e.path != path {
			return true
		}
	}
	return false
}

// uuidKey matches the primary key field of a model generated with --uuid.
var uuidKey = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`(?m)^\s*ID\s+uuid\.UUID\b`) })

// markUUIDParents flags relations whose target model already exists with a UUID
// primary key (belongs_to fields and belongs-to-many pivots), so their foreign keys
// are UUIDs too.
func markUUIDParents(proj project, res spec.Resource) {
	mark := func(rel *spec.Relation) {
		if rel.Target == res.Name {
			return // a self-reference follows --uuid (spec sets it)
		}
		src, err := plainfile.ReadFile(filepath.Join(proj.root, "app", "models", rel.Target.File()))
		if err == nil && uuidKey().Match(src) {
			rel.TargetUUID = true
		}
	}
	for _, f := range res.Fields {
		if f.Relation != nil {
			mark(f.Relation)
		}
	}
	for i := range res.Relations {
		if res.Relations[i].Kind == spec.RelBelongsToMany {
			mark(&res.Relations[i])
		}
	}
}

// warnMissingModels points out relation targets that have no model file yet: the
// app will not compile until they exist, but they may legitimately come next (a Post
// has many Comments, and each Comment belongs to a Post).
func warnMissingModels(g *globals, proj project, res spec.Resource) {
	var targets []spec.Name
	for _, f := range res.Fields {
		if f.Relation != nil {
			targets = append(targets, f.Relation.Target)
		}
	}
	for _, r := range res.Relations {
		targets = append(targets, r.Target)
	}
	seen := map[string]bool{res.Name.Go(): true}
	for _, t := range targets {
		if seen[t.Go()] {
			continue
		}
		seen[t.Go()] = true
		path := filepath.Join(proj.root, "app", "models", t.File())
		if _, err := os.Stat(path); os.IsNotExist(err) {
			fmt.Fprintf(g.stderr, "kiln: note: %s refers to %s, which has no model yet; create it (kiln make model %s …) before building\n", res.Name.Go(), t.Go(), t.Go())
		}
	}
}
