package controller

import (
	"fmt"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/kilnhq/kiln/generators/spec"
	"github.com/kilnhq/kiln/runtime/orm/naming"
)

// include is a relation ?include= may load: its JSON name and its field.
type include struct{ json, field string }

// includable lists the model's relations, by JSON name as the resource shows
// them: belongs_to fields first, then the other relations.
func (g gen) includable() []include {
	r := g.o.Model
	var rels []spec.Relation
	for _, f := range r.Fields {
		if f.Relation != nil {
			rels = append(rels, *f.Relation)
		}
	}
	rels = append(rels, r.Relations...)
	out := make([]include, len(rels))
	for i, rel := range rels {
		out[i] = include{naming.Snake(rel.Name), rel.Name}
	}
	return out
}

// includesVar names the allowed-includes map after the controller, so two
// controllers of one model do not clash: postIncludes.
func (g gen) includesVar() string { return g.name.Var() + "Includes" }

// includeDoc mentions ?include= in handler docs when there is something to include.
func (g gen) includeDoc() string {
	incs := g.includable()
	if len(incs) == 0 {
		return ""
	}
	return ", with ?include=" + incs[0].json + " loading relations"
}

// startQuery is how Index and Show start their query, q: with the relations
// ?include= asks for when the model has any, else a plain query.
func (g gen) startQuery() []jen.Code {
	if len(g.includable()) == 0 {
		return []jen.Code{jen.Id("q").Op(":=").Add(g.newQuery())}
	}
	return []jen.Code{jen.List(jen.Id("q"), jen.Err()).Op(":=").Id(g.recv).Dot("query").Call(jen.Id("r")), onError()}
}

// includes declares the allowed includes and the query helper that reads
// them, when the model has relations. Only listed relations load, so a client
// cannot make one request walk the whole database; anything else is a 400.
func (g gen) includes(f *jen.File) {
	incs := g.includable()
	if len(incs) == 0 {
		return
	}
	names := make([]string, len(incs))
	for i, inc := range incs {
		names[i] = inc.json
	}
	f.Line()
	comment(f, fmt.Sprintf("%s are the relations ?include= may load (%s), by the names the API shows them under. Only these load, so a client cannot make one request walk the database.",
		g.includesVar(), strings.Join(names, ", ")))
	f.Var().Id(g.includesVar()).Op("=").Map(jen.String()).String().Values(jen.DictFunc(func(d jen.Dict) {
		for _, inc := range incs {
			d[jen.Lit(inc.json)] = jen.Lit(inc.field)
		}
	}))
	f.Line()
	comment(f, fmt.Sprintf("query starts a query of %s that eager-loads what ?include= (comma-separated) asks for; an unknown name is a 400.",
		g.o.Model.Name.HumanPlural()))
	f.Func().Params(jen.Id(g.recv).Op("*").Id(g.typ())).Id("query").Params(jen.Id("r").Op("*").Qual("net/http", "Request")).Params(
		jen.Op("*").Qual(ormPkg, "Builder").Types(g.model()), jen.Error(),
	).Block(g.queryBody(names)...)
}

// queryBody loads each name in ?include= that the includes map allows.
func (g gen) queryBody(names []string) []jen.Code {
	unknown := fmt.Sprintf("unknown include %%q: use %s", strings.Join(names, ", "))
	include := jen.Id("r").Dot("URL").Dot("Query").Call().Dot("Get").Call(jen.Lit("include"))
	return []jen.Code{
		jen.Id("q").Op(":=").Add(g.newQuery()),
		jen.For(jen.Id("name").Op(":=").Range().Qual("strings", "SplitSeq").Call(include, jen.Lit(","))).Block(
			jen.If(jen.Id("name").Op("==").Lit("")).Block(jen.Continue()),
			jen.List(jen.Id("field"), jen.Id("ok")).Op(":=").Id(g.includesVar()).Index(jen.Id("name")),
			jen.If(jen.Op("!").Id("ok")).Block(jen.Return(jen.Nil(),
				jen.Qual(webPkg, "BadRequest").Call(jen.Qual("fmt", "Sprintf").Call(jen.Lit(unknown), jen.Id("name"))))),
			jen.Id("q").Op("=").Id("q").Dot("With").Call(jen.Id("field")),
		),
		jen.Return(jen.Id("q"), jen.Nil()),
	}
}
