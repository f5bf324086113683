// Package factory generates an app's model factories,
// database/factories/<name>_factory.go (`kiln make factory`): a typed factory
// whose definition fills every field with a realistic value inferred from the
// field's name and type, named states for its booleans, enums and soft
// deletes, and a belongs-to relation per parent, all on runtime/factory.
//
// It is pure: a spec in, a plan.Plan out (DESIGN.md, convention 2).
package factory

import (
	"fmt"
	"slices"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/kilnhq/kiln/generators/gocode"
	"github.com/kilnhq/kiln/generators/plan"
	"github.com/kilnhq/kiln/generators/spec"
)

// Import paths the generated code may use; gocode imports each by its own name.
const (
	factoryPkg = "github.com/kilnhq/kiln/runtime/factory"
	ormPkg     = "github.com/kilnhq/kiln/runtime/orm"
	uuidPkg    = "github.com/google/uuid"
	decimalPkg = "github.com/shopspring/decimal"
)

// Dir is where an app's factories live; their package is factories.
const Dir = "database/factories"

// Options describe one `kiln make factory`.
type Options struct {
	// Module is the app's module path, to import its models.
	Module string
	// Model is the model the factory makes (--model, or the factory's own
	// name); nil gives a factory of an empty definition to fill in by hand.
	Model *spec.Resource
	// Factories lists the models (Go names) that have, or are getting, a
	// factory. A belongs-to relation to one of them creates a parent per
	// row by default; to any other model it gets a parent only through
	// For, Has or Recycle, so the file compiles either way.
	Factories []string
}

// ParseName parses a factory name as given on the command line: Post,
// blog_post, or with Laravel's suffix, PostFactory.
func ParseName(s string) (spec.Name, error) {
	n, err := spec.ParseName("factory name", s)
	if err != nil {
		return spec.Name{}, err
	}
	base, ok := strings.CutSuffix(n.Snake(), "_factory")
	if !ok {
		return n, nil
	}
	if base == "" {
		return spec.Name{}, &spec.Error{Kind: "factory name", Input: s, Msg: "give the model's name, such as Post"}
	}
	return spec.ParseName("factory name", base)
}

// Path is where n's factory lives: database/factories/post_factory.go.
func Path(n spec.Name) string { return Dir + "/" + n.Snake() + "_factory.go" }

// TypeName is n's factory type, PostFactory; NewFunc its constructor, NewPostFactory.
func TypeName(n spec.Name) string { return n.Go() + "Factory" }

// NewFunc is the constructor of n's factory.
func NewFunc(n spec.Name) string { return "New" + TypeName(n) }

// Generate returns the plan that writes the factory for model n.
func Generate(n spec.Name, o Options) (plan.Plan, error) {
	path := Path(n)
	if n.IsZero() {
		return plan.Plan{}, fmt.Errorf("generate %s: the factory has no name", path)
	}
	g := &gen{name: n, o: o, modelsPkg: o.Module + "/app/models"}
	f := jen.NewFilePathName(o.Module+"/"+Dir, "factories")
	g.file(f)
	return gocode.Plan(path, f, o.Module, factoryPkg, ormPkg, uuidPkg, decimalPkg, g.modelsPkg)
}

// gen holds what one factory file needs while it is built.
type gen struct {
	name      spec.Name
	o         Options
	modelsPkg string
}

func (g *gen) model() *jen.Statement { return jen.Qual(g.modelsPkg, g.name.Go()) }

// factoryOf is factory.Factory[models.Post, PostFactory].
func (g *gen) factoryOf() *jen.Statement {
	return jen.Qual(factoryPkg, "Factory").Types(g.model(), jen.Id(TypeName(g.name)))
}

func (g *gen) file(f *jen.File) {
	typ, ctor, def := TypeName(g.name), NewFunc(g.name), "define"+g.name.Go()
	plural := g.name.HumanPlural()
	f.Commentf("%s makes models.%s rows for tests and seeders:", typ, g.name.Go())
	f.Comment("")
	f.Commentf("\t%s().Count(10).Create(ctx, database)", ctor)
	f.Comment("")
	f.Commentf("It is yours: edit %s to change what a new %s looks like, and add", def, g.name.Human())
	f.Comment("named states as methods that call State.")
	f.Type().Id(typ).Struct(g.factoryOf())
	f.Line()
	f.Commentf("%s returns a factory of one %s; chain Count, states, For, Has and", ctor, g.name.Human())
	f.Commentf("Recycle, then Make (in memory), Create or Insert (%s and their parents).", plural)
	f.Func().Id(ctor).Params().Id(typ).Block(jen.Return(g.constructor(def)))
	f.Line()
	g.definition(f, def)
	for _, s := range g.states() {
		fakerParam := "_"
		if s.faker {
			fakerParam = "f"
		}
		f.Line()
		f.Comment(s.doc)
		f.Func().Params(jen.Id("b").Id(typ)).Id(s.method).Params().Id(typ).Block(
			jen.Return(jen.Id("b").Dot("State").Call(
				jen.Func().Params(jen.Id(fakerParam).Op("*").Qual(factoryPkg, "Faker"), jen.Id(g.recv()).Op("*").Add(g.model())).Block(s.body...),
			)),
		)
	}
}

// recv is the short name generated closures give the model: p for Post.
func (g *gen) recv() string {
	r := strings.ToLower(g.name.Go()[:1])
	if r == "f" || r == "b" || r == "_" {
		return "m"
	}
	return r
}

// constructor is factory.New(definePost, wrap).BelongsTo(…)….
func (g *gen) constructor(def string) *jen.Statement {
	typ := TypeName(g.name)
	call := jen.Qual(factoryPkg, "New").Call(
		jen.Id(def),
		jen.Func().Params(jen.Id("f").Add(g.factoryOf())).Id(typ).Block(jen.Return(jen.Id(typ).Values(jen.Id("f")))),
	)
	if g.o.Model == nil {
		return call
	}
	for _, fl := range g.o.Model.Fields {
		if fl.Type == spec.BelongsTo {
			call = call.Dot("BelongsTo").Call(g.parent(fl))
		}
	}
	return call
}

// parent declares a belongs-to field's relation. With a default parent it
// is factory.Parent and the parent's factory constructor; without one, it
// is OptionalParent (a nullable key, left NULL) or RequiredParent (which
// For, Has or Recycle must fill, else Create says so), as Parent with a nil
// constructor does not compile: Go cannot infer the factory type of nil.
func (g *gen) parent(fl spec.Field) jen.Code {
	rel := fl.Relation
	p, r := g.recv(), "parent"
	fk := jen.Id(p).Dot(fl.GoName())
	var set, isSet jen.Code
	if fl.Nullable {
		set = jen.Id(p).Dot(fl.GoName()).Op("=").Op("&").Id(r).Dot("ID")
		isSet = jen.Return(fk.Clone().Op("!=").Nil())
	} else {
		set = jen.Id(p).Dot(fl.GoName()).Op("=").Id(r).Dot("ID")
		zero := jen.Lit(0)
		if rel.TargetUUID {
			zero = jen.Qual(uuidPkg, "Nil")
		}
		isSet = jen.Return(fk.Clone().Op("!=").Add(zero))
	}
	args := []jen.Code{jen.Lit(fl.Name)}
	decl := jen.Line()
	switch {
	case g.defaultParent(fl):
		decl.Qual(factoryPkg, "Parent")
		args = append(args, jen.Id(NewFunc(rel.Target)))
	case fl.Nullable:
		decl.Qual(factoryPkg, "OptionalParent")
	default:
		for _, line := range wrap(g.noParentWhy(fl), 72) {
			decl.Comment(line).Line()
		}
		decl.Qual(factoryPkg, "RequiredParent")
	}
	args = append(args,
		jen.Func().Params(jen.Id(p).Op("*").Add(g.model()), jen.Id(r).Op("*").Qual(g.modelsPkg, rel.Target.Go())).Block(set),
		jen.Func().Params(jen.Id(p).Op("*").Add(g.model())).Bool().Block(isSet),
	)
	return decl.Call(args...)
}

// defaultParent says whether a row gets a new parent when nothing else
// gives it one: not for a nullable key (NULL is a fine default), not for a
// self-reference (each parent would need a parent, forever), and not when
// the parent model has no factory to make it with.
func (g *gen) defaultParent(fl spec.Field) bool {
	target := fl.Relation.Target.Go()
	return !fl.Nullable && target != g.name.Go() && slices.Contains(g.o.Factories, target)
}

// noParentWhy is the comment on a RequiredParent: why rows get no parent
// by default, and what gives them one. A parent factory written later
// changes nothing here (this file is the app's own), so it says what to
// edit then.
func (g *gen) noParentWhy(fl spec.Field) string {
	target, child := fl.Relation.Target, g.name.Human()
	rel := strings.ReplaceAll(fl.Name, "_", " ")
	if target.Go() == g.name.Go() {
		return fmt.Sprintf("A %s's %s is a %s too, which would need its own %s, "+
			"forever: give each one an existing %s with For or Recycle.", child, rel, child, rel, child)
	}
	return fmt.Sprintf("There was no %s when this was written, so nothing creates a %s's %s: "+
		"give it with For, Has or Recycle, or, once %s exists, make this "+
		"factory.Parent(%q, %s, …) to create one per %s.",
		TypeName(target), child, rel, TypeName(target), fl.Name, NewFunc(target), child)
}

// wrap splits text into lines of at most width bytes, for comments.
func wrap(text string, width int) []string {
	var lines []string
	line := ""
	for _, w := range strings.Fields(text) {
		if line != "" && len(line)+1+len(w) > width {
			lines = append(lines, line)
			line = ""
		}
		line = strings.TrimPrefix(line+" "+w, " ")
	}
	return append(lines, line)
}

// definition is definePost: every field of a new row.
func (g *gen) definition(f *jen.File, def string) {
	f.Commentf("%s is what a new %s looks like: a value for every field, drawn from f", def, g.name.Human())
	f.Comment("so the same faker seed always gives the same rows.")
	var stmts []jen.Code
	var fields []jen.Code
	if m := g.o.Model; m != nil {
		if m.Timestamps {
			stmts = append(stmts, jen.Id("createdAt").Op(":=").Id("f").Dot("Time").Call())
		}
		if m.UUID {
			fields = append(fields, jen.Id("ID").Op(":").Id("f").Dot("UUID").Call())
		}
		for _, fl := range m.Fields {
			if v := g.value(fl); v != nil {
				fields = append(fields, jen.Id(fl.GoName()).Op(":").Add(v))
			}
		}
		if m.Timestamps {
			fields = append(fields, jen.Id("CreatedAt").Op(":").Id("createdAt"), jen.Id("UpdatedAt").Op(":").Id("createdAt"))
		}
	}
	stmts = append(stmts, jen.Return(g.model().ValuesFunc(func(v *jen.Group) {
		for _, fl := range fields {
			v.Line().Add(fl)
		}
		if len(fields) > 0 {
			v.Line()
		}
	})))
	f.Func().Id(def).Params(jen.Id("f").Op("*").Qual(factoryPkg, "Faker")).Add(g.model()).Block(stmts...)
}
