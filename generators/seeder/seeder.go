// Package seeder generates an app's seeders, database/seeders/<name>_seeder.go
// (`kiln make seeder`), and registers each in database/seeders/database_seeder.go:
// in the All list `kiln db seed --class` looks names up in, and in the root
// DatabaseSeeder's s.Call, so `kiln db seed` runs it.
//
// It is pure: names in, a plan.Plan out (DESIGN.md, convention 2).
package seeder

import (
	"fmt"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/kilnhq/kiln/generators/gocode"
	"github.com/kilnhq/kiln/generators/plan"
	"github.com/kilnhq/kiln/generators/spec"
)

const (
	seedPkg = "github.com/kilnhq/kiln/runtime/seed"
	// DefaultCount is how many rows a generated seeder creates.
	DefaultCount = 10
)

// Dir is where an app's seeders live; their package is seeders. RootFile is
// the root seeder new ones are registered in.
const (
	Dir      = "database/seeders"
	RootFile = Dir + "/database_seeder.go"
)

// Options describe one `kiln make seeder`.
type Options struct {
	// Module is the app's module path, to import its factories.
	Module string
	// Model, when the model has a factory, makes Run create DefaultCount
	// rows with it; nil leaves Run empty to fill in by hand.
	Model *spec.Name
}

// ParseName parses a seeder name as given on the command line: Post,
// post_seeder or PostSeeder.
func ParseName(s string) (spec.Name, error) {
	n, err := spec.ParseName("seeder name", s)
	if err != nil {
		return spec.Name{}, err
	}
	base, ok := strings.CutSuffix(n.Snake(), "_seeder")
	switch {
	case n.Snake() == "seeder" || base == "database":
		return spec.Name{}, &spec.Error{Kind: "seeder name", Input: s, Msg: "give the model's name, such as Post (DatabaseSeeder exists already)"}
	case ok:
		return spec.ParseName("seeder name", base)
	}
	return n, nil
}

// Path is where n's seeder lives: database/seeders/post_seeder.go.
func Path(n spec.Name) string { return Dir + "/" + n.Snake() + "_seeder.go" }

// TypeName is n's seeder type: PostSeeder.
func TypeName(n spec.Name) string { return n.Go() + "Seeder" }

// Generate returns the plan that writes n's seeder and registers it in the
// root seeder.
func Generate(n spec.Name, o Options) (plan.Plan, error) {
	path := Path(n)
	if n.IsZero() {
		return plan.Plan{}, fmt.Errorf("generate %s: the seeder has no name", path)
	}
	f := jen.NewFilePathName(o.Module+"/"+Dir, "seeders")
	typ := TypeName(n)
	f.Commentf("%s seeds %s: `kiln db seed --class %s` runs it alone, and", typ, n.HumanPlural(), typ)
	f.Comment("DatabaseSeeder runs it with the others.")
	f.Type().Id(typ).Struct()
	f.Line()
	params := jen.Params(jen.Id("ctx").Qual("context", "Context"), jen.Id("s").Op("*").Qual(seedPkg, "Seeding")).Error()
	if o.Model != nil {
		factories := o.Module + "/database/factories"
		ctor := "New" + o.Model.Go() + "Factory"
		f.Commentf("Run creates %d %s, and what they belong to, with factories.%s.", DefaultCount, o.Model.HumanPlural(), ctor)
		f.Func().Params(jen.Id(typ)).Id("Run").Add(params).Block(
			jen.List(jen.Id("_"), jen.Err()).Op(":=").Qual(factories, ctor).Call().Dot("Count").Call(jen.Lit(DefaultCount)).
				Dot("Insert").Call(jen.Id("ctx"), jen.Id("s").Dot("DB")),
			jen.Return(jen.Err()),
		)
	} else {
		f.Comment("Run seeds the database through s.DB: with a factory (kiln make factory)")
		f.Comment("or orm.Create.")
		f.Func().Params(jen.Id(typ)).Id("Run").Add(params).Block(jen.Return(jen.Nil()))
	}
	p, err := gocode.Plan(path, f, o.Module, seedPkg, o.Module+"/database/factories")
	if err != nil {
		return plan.Plan{}, err
	}
	p.AddEdit(RootFile, "register "+typ, func(src []byte) ([]byte, error) { return Register(src, typ) })
	return p, nil
}
