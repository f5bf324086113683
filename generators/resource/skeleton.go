package resource

import (
	"fmt"

	"github.com/dave/jennifer/jen"
)

// skeleton is the resource without a model: an empty struct and constructor
// that compile, for a response that is not one model (a report, a summary).
func (g gen) skeleton(f *jen.File) {
	human := g.name.Human()
	comment(f, fmt.Sprintf("%s is how the API shows one %s. Add a field, with its json tag, for each value a response shows.",
		g.typ(), human))
	f.Type().Id(g.typ()).Struct()
	f.Line()
	comment(f, fmt.Sprintf("New%s builds the response for one %s; give it parameters for what it shows.", g.typ(), human))
	f.Func().Id(NewFunc(g.name)).Params().Id(g.typ()).Block(jen.Return(jen.Id(g.typ()).Values()))
	if !g.o.Collection {
		return
	}
	f.Line()
	g.collectionType(f)
	f.Line()
	comment(f, fmt.Sprintf("New%s wraps %s; the list is never null, so an empty one is [].", g.collection(), g.name.HumanPlural()))
	items := jen.Id("items")
	f.Func().Id("New" + g.collection()).Params(items.Clone().Index().Id(g.typ())).Id(g.collection()).Block(
		jen.Return(jen.Id("Wrap").Call(jen.Append(jen.Index().Id(g.typ()).Values(), jen.Id("items").Op("...")))),
	)
}

// collectionType declares <Name>Collection, Laravel's ResourceCollection: a
// list response, {"data": [...]}, that can carry more top-level keys. It is a
// Wrapped list, so SetWrapping and Additional apply to it as to one record.
func (g gen) collectionType(f *jen.File) {
	comment(f, fmt.Sprintf(`%s is a list of %s as one response, {"data": [...]} (the bare list after resource.SetWrapping(false)). Add top-level keys beside data, such as totals, with Additional: New%s(…).Additional(map[string]any{"total": n}).`,
		g.collection(), g.name.HumanPlural(), g.collection()))
	f.Type().Id(g.collection()).Op("=").Id("Wrapped").Types(jen.Index().Id(g.typ()))
}
