package resource

import (
	"fmt"
	"strings"

	"github.com/dave/jennifer/jen"
)

// fromModel writes the resource of a model: the struct, its constructor, the
// collection and the paginated page.
func (g gen) fromModel(f *jen.File) {
	m := g.o.Model.Name.Receiver()
	cols, rels := g.columns(), g.relations(m)
	comment(f, g.typeDoc(rels))
	f.Type().Id(g.typ()).StructFunc(func(s *jen.Group) {
		for _, c := range cols {
			s.Id(c.goName).Add(c.typ).Tag(map[string]string{"json": c.json})
		}
		if len(rels) > 0 {
			s.Line()
		}
		for _, rel := range rels {
			s.Id(rel.name).Add(rel.typ).Tag(rel.tag())
		}
	})
	f.Line()
	g.constructor(f, m, cols, rels)
	f.Line()
	g.collectionFunc(f)
	f.Line()
	g.pageFunc(f)
}

// typeDoc documents the struct: what it shows and what it leaves out.
func (g gen) typeDoc(rels []relation) string {
	r := g.o.Model
	s := fmt.Sprintf("%s is how the API shows one %s: its columns", g.typ(), r.Name.Human())
	hidden := g.secrets()
	if r.SoftDeletes {
		hidden = append([]string{"deleted_at"}, hidden...)
	}
	if len(hidden) > 0 {
		s += " except " + strings.Join(hidden, ", ")
	}
	s += "."
	if len(rels) > 0 {
		s += " A relation is shown only when it was loaded (orm.Query(…).With(\"" + rels[0].name + "\"))."
	}
	if len(g.secrets()) > 0 {
		s += " Columns named like credentials are left out so they never leak; add one back here if the API must show it."
	}
	return s + " Edit the struct and New" + g.typ() + " to hide, rename or compute fields."
}

// constructor copies the model's shown columns and loaded relations.
func (g gen) constructor(f *jen.File, m string, cols []column, rels []relation) {
	r := g.o.Model
	comment(f, fmt.Sprintf("New%s shows %s: the place to rename, format or compute fields.", g.typ(), m))
	f.Func().Id(NewFunc(g.name)).Params(jen.Id(m).Add(g.model(r.Name.Go()))).Id(g.typ()).Block(
		jen.Return(jen.Id(g.typ()).ValuesFunc(func(v *jen.Group) {
			for _, c := range cols {
				v.Line().Id(c.goName).Op(":").Id(m).Dot(c.goName)
			}
			for _, rel := range rels {
				v.Line().Id(rel.name).Op(":").Add(rel.value)
			}
			v.Line()
		})),
	)
}

// collectionFunc converts a list of models: a plain slice, or with
// --collection a <Name>Collection response.
func (g gen) collectionFunc(f *jen.File) {
	r := g.o.Model
	items := r.Name.VarPlural()
	list := jen.Id("List").Call(jen.Id(items), jen.Id(NewFunc(g.name)))
	params := jen.Id(items).Index().Add(g.model(r.Name.Go()))
	if !g.o.Collection {
		comment(f, fmt.Sprintf("New%s shows a list of %s; it is never null, so an empty list is [].", g.collection(), r.Name.HumanPlural()))
		f.Func().Id("New" + g.collection()).Params(params).Index().Id(g.typ()).Block(jen.Return(list))
		return
	}
	g.collectionType(f)
	f.Line()
	comment(f, fmt.Sprintf("New%s shows a list of %s as one response.", g.collection(), r.Name.HumanPlural()))
	f.Func().Id("New" + g.collection()).Params(params).Id(g.collection()).Block(
		jen.Return(jen.Id("Wrap").Call(list)),
	)
}

// pageFunc shows a page of models in Laravel's paginated shape.
func (g gen) pageFunc(f *jen.File) {
	r := g.o.Model
	comment(f, fmt.Sprintf(`New%sPage shows one page of %s in Laravel's paginated shape, {"data": [...], "links": {...}, "meta": {...}}, with links to the other pages of the request r.`,
		g.name.Go(), r.Name.HumanPlural()))
	f.Func().Id(PageFunc(g.name)).Params(
		jen.Id("r").Op("*").Qual("net/http", "Request"),
		jen.Id("page").Qual(ormPkg, "Page").Types(g.model(r.Name.Go())),
	).Id("Page").Types(jen.Id(g.typ())).Block(
		jen.Return(jen.Id("Paginate").Call(jen.Id("r"), jen.Id("page"), jen.Id(NewFunc(g.name)))),
	)
}
