package model

import (
	"fmt"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/kilnhq/kiln/generators/spec"
)

// EnumType is the Go type of an enum field: the model name and the field
// name, PostStatus.
func EnumType(r spec.Resource, f spec.Field) string { return r.Name.Go() + f.GoName() }

// EnumConst is the constant of one value: PostStatusDraft.
func EnumConst(r spec.Resource, f spec.Field, value string) string {
	return EnumType(r, f) + goName(value)
}

// goName converts a snake_case word to a Go name with spec's own rules (and
// initialisms), the ones spec used to check that enum values give distinct
// constants.
func goName(snake string) string { return spec.Field{Name: snake, Type: spec.String}.GoName() }

// enum declares an enum field's string type, a constant per value, the list
// of values and a Valid method, which request validation and hand-written
// code use to reject other strings before the database's CHECK does.
func (g *gen) enum(f *jen.File, fl spec.Field) error {
	typ := EnumType(g.r, fl)
	consts, err := g.enumConsts(fl)
	if err != nil {
		return err
	}
	if err := g.declareAll(typ, typ+"Values"); err != nil {
		return err
	}
	recv := "s"
	f.Line()
	comment(f, fmt.Sprintf("%s is the %s of %s %s: one of the %s constants.",
		typ, strings.ReplaceAll(fl.Name, "_", " "), article(g.r.Name.Human()), g.r.Name.Human(), typ))
	f.Type().Id(typ).String()
	f.Line()
	f.Commentf("The values of %s, stored as is in the %s column.", typ, fl.Column())
	f.Const().DefsFunc(func(d *jen.Group) {
		for i, c := range consts {
			d.Id(c).Id(typ).Op("=").Lit(fl.EnumValues[i])
		}
	})
	f.Line()
	f.Commentf("%sValues returns every %s, in declaration order.", typ, typ)
	f.Func().Id(typ + "Values").Params().Index().Id(typ).Block(
		jen.Return(jen.Index().Id(typ).ValuesFunc(func(v *jen.Group) {
			for _, c := range consts {
				v.Id(c)
			}
		})),
	)
	f.Line()
	f.Commentf("Valid reports whether %s is one of the %s constants.", recv, typ)
	f.Func().Params(jen.Id(recv).Id(typ)).Id("Valid").Params().Bool().Block(
		jen.Switch(jen.Id(recv)).Block(
			jen.Case(listOf(consts)...).Block(jen.Return(jen.True())),
		),
		jen.Return(jen.False()),
	)
	return nil
}

// enumConsts names and declares the constants of an enum field.
func (g *gen) enumConsts(fl spec.Field) ([]string, error) {
	consts := make([]string, len(fl.EnumValues))
	for i, v := range fl.EnumValues {
		consts[i] = EnumConst(g.r, fl, v)
		if err := g.declare(false, consts[i], fmt.Sprintf("the constant for %s %q", fl.Name, v)); err != nil {
			return nil, err
		}
	}
	return consts, nil
}

// declareAll declares package-level names of the enum type.
func (g *gen) declareAll(names ...string) error {
	for _, n := range names {
		if err := g.declare(false, n, "the enum type "+names[0]); err != nil {
			return err
		}
	}
	return nil
}

func listOf(names []string) []jen.Code {
	out := make([]jen.Code, len(names))
	for i, n := range names {
		out[i] = jen.Id(n)
	}
	return out
}
