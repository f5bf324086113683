package controller

import (
	"fmt"

	"github.com/dave/jennifer/jen"

	"github.com/kilnhq/kiln/generators/resource"
)

// modelController is the CRUD API of a model: the struct, the five handlers
// and the helpers they share.
func (g gen) modelController(f *jen.File) {
	m := g.o.Model.Name
	path := g.name.RoutePath()
	g.structDecl(f, fmt.Sprintf(
		"%s serves %s as a JSON API; routes/api.go registers it with r.Resource(%q, …). It validates input with requests.%s and requests.%s and shows %s as resources.%s, so changing what the API accepts or shows is an edit there.",
		g.typ(), m.HumanPlural(), path, g.reqs.Store, g.reqs.Update, m.HumanPlural(), resource.TypeName(m)))
	g.includes(f)
	g.handler(f, "Index", fmt.Sprintf("Index answers GET %s: one page of %s, ?page=1 and ?per_page=%d (at most %d) by default%s.",
		path, m.HumanPlural(), defaultPerPage, maxPerPage, g.includeDoc()), g.index()...)
	g.handler(f, "Store", fmt.Sprintf("Store answers POST %s: it validates the body, creates the %s and answers 201 with it and its Location.",
		path, m.Human()), g.store()...)
	g.handler(f, "Show", fmt.Sprintf("Show answers GET %s/{id}: the %s, or 404%s.", path, m.Human(), g.includeDoc()), g.show()...)
	g.handler(f, "Update", fmt.Sprintf("Update answers PATCH and PUT %s/{id}: it validates the body (a PUT, which replaces the %s, must send every required field) and saves the fields it sends.", path, m.Human()),
		g.update()...)
	g.handler(f, "Destroy", fmt.Sprintf("Destroy answers DELETE %s/{id}: it deletes the %s%s and answers 204.", path, m.Human(), g.softly()),
		g.destroy()...)
	g.find(f)
}

// The page size defaults, as runtime/web's PageParams applies them; the
// handler docs quote them.
const (
	defaultPerPage = 15
	maxPerPage     = 100
)

// softly says how Destroy deletes when the model has soft deletes.
func (g gen) softly() string {
	if g.o.Model.SoftDeletes {
		return " (softly: it only sets deleted_at)"
	}
	return ""
}

func (g gen) index() []jen.Code {
	plural := g.o.Model.Name.VarPlural()
	return append(g.startQuery(),
		jen.List(jen.Id("page"), jen.Id("perPage")).Op(":=").Qual(webPkg, "PageParams").Call(jen.Id("r")),
		jen.List(jen.Id(plural), jen.Err()).Op(":=").Id("q").Dot("Paginate").Call(ctx(), jen.Id("page"), jen.Id("perPage")),
		onError(),
		respond("StatusOK", jen.Qual(g.resourcesPkg(), resource.PageFunc(g.o.Model.Name)).Call(jen.Id("r"), jen.Id(plural))),
	)
}

func (g gen) store() []jen.Code {
	m := g.o.Model.Name
	v := jen.Id(m.Var())
	return []jen.Code{
		jen.List(jen.Id("req"), jen.Err()).Op(":=").Add(g.bind(g.reqs.Store)),
		onError(),
		v.Clone().Op(":=").Id("req").Dot(g.reqs.Build).Call(),
		jen.If(jen.Err().Op(":=").Qual(ormPkg, "Create").Call(ctx(), g.db(), jen.Op("&").Add(v)), jen.Err().Op("!=").Nil()).Block(
			writeError(jen.Err()), jen.Return(),
		),
		jen.Qual(webPkg, "Created").Call(jen.Id("w"),
			jen.Id("r").Dot("URL").Dot("JoinPath").Call(jen.Qual("fmt", "Sprint").Call(v.Clone().Dot("ID"))).Dot("Path"),
			g.wrapped(v)),
	}
}

func (g gen) show() []jen.Code {
	v := g.o.Model.Name.Var()
	return append(g.startQuery(),
		jen.List(jen.Id(v), jen.Err()).Op(":=").Id(g.recv).Dot("find").Call(jen.Id("r"), jen.Id("q")),
		onError(),
		respond("StatusOK", g.wrapped(jen.Op("*").Id(v))),
	)
}

func (g gen) update() []jen.Code {
	v := g.o.Model.Name.Var()
	return []jen.Code{
		jen.List(jen.Id(v), jen.Err()).Op(":=").Id(g.recv).Dot("find").Call(jen.Id("r"), g.newQuery()),
		onError(),
		jen.List(jen.Id("req"), jen.Err()).Op(":=").Add(g.bind(g.reqs.Update)),
		onError(),
		jen.Id("req").Dot(g.reqs.Apply).Call(jen.Id(v)),
		jen.If(jen.Err().Op(":=").Qual(ormPkg, "Update").Call(ctx(), g.db(), jen.Id(v)), jen.Err().Op("!=").Nil()).Block(
			writeError(jen.Err()), jen.Return(),
		),
		respond("StatusOK", g.wrapped(jen.Op("*").Id(v))),
	}
}

func (g gen) destroy() []jen.Code {
	v := g.o.Model.Name.Var()
	return []jen.Code{
		jen.List(jen.Id(v), jen.Err()).Op(":=").Id(g.recv).Dot("find").Call(jen.Id("r"), g.newQuery()),
		onError(),
		jen.If(jen.Err().Op(":=").Qual(ormPkg, "Delete").Call(ctx(), g.db(), jen.Id(v)), jen.Err().Op("!=").Nil()).Block(
			writeError(jen.Err()), jen.Return(),
		),
		jen.Qual(webPkg, "NoContent").Call(jen.Id("w")),
	}
}

// bind decodes and validates the body as the request type reqType:
// validate.Bind[requests.StorePostRequest](r, c.DB).
func (g gen) bind(reqType string) *jen.Statement {
	return jen.Qual(validatePkg, "Bind").Types(jen.Qual(g.requestsPkg(), reqType)).Call(jen.Id("r"), g.db())
}

// wrapped is the response body of one model value v: resources.Wrap(resources.NewPostResource(v)).
func (g gen) wrapped(v jen.Code) *jen.Statement {
	res := jen.Qual(g.resourcesPkg(), resource.NewFunc(g.o.Model.Name)).Call(v)
	return jen.Qual(g.resourcesPkg(), "Wrap").Call(res)
}

// respond writes body as JSON with status. web.JSON answers an unencodable
// body with a 500 itself, so its error needs no handling here.
func respond(statusName string, body jen.Code) *jen.Statement {
	return jen.Qual(webPkg, "JSON").Call(jen.Id("w"), status(statusName), body)
}

// newQuery starts a query of the model: orm.Query[models.Post](c.DB).
func (g gen) newQuery() *jen.Statement {
	return jen.Qual(ormPkg, "Query").Types(g.model()).Call(g.db())
}

// model is the model type: models.Post.
func (g gen) model() *jen.Statement { return jen.Qual(g.modelsPkg(), g.o.Model.Name.Go()) }
