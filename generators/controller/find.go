package controller

import (
	"fmt"

	"github.com/dave/jennifer/jen"
)

// find declares the helper Show, Update and Destroy share: the model the
// URL's {id} names, a 400 for a malformed id and a 404 for a missing row.
func (g gen) find(f *jen.File) {
	m := g.o.Model.Name
	f.Line()
	comment(f, fmt.Sprintf("find loads the %s the URL's {id} names from q: a 400 for a malformed id, a 404 (through web.WriteError) when there is none.", m.Human()))
	f.Func().Params(jen.Id(g.recv).Op("*").Id(g.typ())).Id("find").Params(
		jen.Id("r").Op("*").Qual("net/http", "Request"),
		jen.Id("q").Op("*").Qual(ormPkg, "Builder").Types(g.model()),
	).Params(jen.Op("*").Add(g.model()), jen.Error()).Block(append(g.parseID(),
		jen.Return(jen.Id("q").Dot("Find").Call(ctx(), jen.Id("id"))),
	)...)
}

// parseID reads {id}: a positive integer, or a UUID for a --uuid model.
func (g gen) parseID() []jen.Code {
	if !g.o.Model.UUID {
		return []jen.Code{
			jen.List(jen.Id("id"), jen.Err()).Op(":=").Qual(webPkg, "PathID").Call(jen.Id("r"), jen.Lit("id")),
			jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Err())),
		}
	}
	raw := jen.Id("r").Dot("PathValue").Call(jen.Lit("id"))
	return []jen.Code{
		jen.List(jen.Id("id"), jen.Err()).Op(":=").Qual(uuidPkg, "Parse").Call(raw.Clone()),
		jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(),
			jen.Qual(webPkg, "BadRequest").Call(jen.Qual("fmt", "Sprintf").Call(jen.Lit("invalid id %q: must be a UUID"), raw.Clone())))),
	}
}
