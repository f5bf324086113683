// Package model generates an app's model file, app/models/<name>.go: the
// struct the ORM reads and writes (runtime/orm), with db and json tags, its
// relation fields, enum types and the Relations declaration.
//
// It is pure: a spec.Resource in, a plan.Plan out (DESIGN.md, convention
// 2). The file follows docs/data-layer.md, the contract with the runtime.
package model

import (
	"fmt"

	"github.com/dave/jennifer/jen"

	"github.com/kilnhq/kiln/generators/gocode"
	"github.com/kilnhq/kiln/generators/plan"
	"github.com/kilnhq/kiln/generators/spec"
	"github.com/kilnhq/kiln/runtime/orm/naming"
)

// Import paths the model may use; gocode imports each by its own name.
const (
	ormPkg     = "github.com/kilnhq/kiln/runtime/orm"
	uuidPkg    = "github.com/google/uuid"
	decimalPkg = "github.com/shopspring/decimal"
)

// Options are what the model needs to know beyond the resource.
type Options struct {
	// Module is the app's module path, for grouping its imports.
	Module string
}

// Path is where the model of r lives.
func Path(r spec.Resource) string { return "app/models/" + r.Name.File() }

// Generate returns the plan that writes r's model file.
func Generate(r spec.Resource, o Options) (plan.Plan, error) {
	path := Path(r)
	g := &gen{r: r, o: o, names: map[scopedName]string{}}
	g.rels = g.relations()
	f, err := g.file()
	if err != nil {
		return plan.Plan{}, fmt.Errorf("generate %s: %w", path, err)
	}
	return gocode.Plan(path, f, o.Module, ormPkg, uuidPkg, decimalPkg)
}

// gen builds one model file.
type gen struct {
	r     spec.Resource
	o     Options
	rels  []relation
	names map[scopedName]string // declared identifier → what declared it, to catch clashes
}

// scopedName is an identifier in one of the two name spaces a model file
// fills: the package (types, constants, functions) and the model type's
// members (fields and methods).
type scopedName struct {
	member bool
	name   string
}

// file lays the declarations out in reading order: the struct, its methods,
// then the enum types its fields use.
func (g *gen) file() (*jen.File, error) {
	f := jen.NewFile("models")
	if err := g.declare(false, g.r.Name.Go(), "the model type"); err != nil {
		return nil, err
	}
	fields, err := g.fields()
	if err != nil {
		return nil, err
	}
	comment(f, g.typeDoc())
	f.Type().Id(g.r.Name.Go()).Struct(fields...)
	if err := g.methods(f); err != nil {
		return nil, err
	}
	for _, fl := range g.r.Fields {
		if fl.Type == spec.Enum {
			if err := g.enum(f, fl); err != nil {
				return nil, err
			}
		}
	}
	return f, nil
}

// methods adds TableName when the runtime's naming rule would pick another
// table, and Relations when the model has any.
func (g *gen) methods(f *jen.File) error {
	r := g.r
	if table, conventional := r.Table(), naming.Table(r.Name.Go()); table != conventional {
		if err := g.declare(true, "TableName", "the TableName method"); err != nil {
			return err
		}
		f.Line()
		comment(f, fmt.Sprintf("TableName is the table %s rows live in; the ORM would otherwise use %s.", r.Name.Go(), conventional))
		f.Func().Params(jen.Id(r.Name.Go())).Id("TableName").Params().String().Block(jen.Return(jen.Lit(table)))
	}
	rels := g.rels
	if len(rels) == 0 {
		return nil
	}
	if err := g.declare(true, "Relations", "the Relations method"); err != nil {
		return err
	}
	f.Line()
	comment(f, fmt.Sprintf("Relations tells the ORM how %s %s links to other models, so queries can eager-load them: orm.Query[%s](database).With(%q).",
		article(r.Name.Human()), r.Name.Human(), r.Name.Go(), rels[0].name))
	decls := make([]jen.Code, len(rels))
	for i, rel := range rels {
		decls[i] = rel.decl
	}
	f.Func().Params(jen.Id(r.Name.Go())).Id("Relations").Params().Index().Qual(ormPkg, "Relation").Block(
		jen.Return(jen.Index().Qual(ormPkg, "Relation").ValuesFunc(func(gr *jen.Group) {
			for _, d := range decls {
				gr.Line().Add(d)
			}
			gr.Line()
		})),
	)
	return nil
}

// declare records a member or package-level identifier, refusing a second
// declaration of the same name (a field called relations next to the
// Relations method, or an enum type named like another enum's constant).
func (g *gen) declare(member bool, name, what string) error {
	key := scopedName{member, name}
	if prev, dup := g.names[key]; dup {
		return fmt.Errorf("%s and %s would both be named %s; rename one", prev, what, name)
	}
	g.names[key] = what
	return nil
}
