package controller

import (
	"fmt"

	"github.com/dave/jennifer/jen"
)

// plain is a controller without handlers, for endpoints that are not a
// resource: the user adds methods and routes.
func (g gen) plain(f *jen.File) {
	comment(f, fmt.Sprintf("%s handles %s requests. Add handlers as methods with http.HandlerFunc's signature and register them in routes/api.go:",
		g.typ(), g.name.Human()))
	f.Comment("")
	f.Comment(fmt.Sprintf("\t%s := &controllers.%s{DB: database}", g.name.VarPlural(), g.typ()))
	f.Comment(fmt.Sprintf("\tr.Get(%q, %s.Index)", g.name.RoutePath(), g.name.VarPlural()))
	f.Type().Id(g.typ()).Struct(jen.Id("DB").Op("*").Qual(dbPkg, "DB"))
}

// emptyResource is a resource controller without a model: the five handlers
// exist, so the routes work at once, and answer 501 until they are written.
func (g gen) emptyResource(f *jen.File) {
	path := g.name.RoutePath()
	g.structDecl(f, fmt.Sprintf("%s serves %s as a JSON API; routes/api.go registers it with r.Resource(%q, …). Its handlers answer 501 Not Implemented until you write them.",
		g.typ(), g.name.HumanPlural(), path))
	for _, h := range []struct{ name, route string }{
		{"Index", "GET " + path}, {"Store", "POST " + path}, {"Show", "GET " + path + "/{id}"},
		{"Update", "PUT and PATCH " + path + "/{id}"}, {"Destroy", "DELETE " + path + "/{id}"},
	} {
		msg := fmt.Sprintf("%s.%s is not implemented", g.typ(), h.name)
		g.handler(f, h.name, fmt.Sprintf("%s answers %s.", h.name, h.route),
			writeError(jen.Qual(webPkg, "NewError").Call(status("StatusNotImplemented"), jen.Lit(msg))))
	}
}
