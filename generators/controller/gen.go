package controller

import (
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/kilnhq/kiln/generators/request"
	"github.com/kilnhq/kiln/generators/spec"
)

// gen builds one controller file.
type gen struct {
	name spec.Name
	o    Options
	recv string        // the handlers' receiver: c
	reqs request.Names // with a model: its request types and their methods
}

// newGen prepares the controller named n. The receiver is c, unless the
// model's variable would be c too and shadow it inside the handlers.
func newGen(n spec.Name, o Options) gen {
	g := gen{name: n, o: o, recv: "c"}
	if m := o.Model; m != nil {
		g.reqs = request.ModelNames(*m)
		if m.Name.Var() == "c" || m.Name.VarPlural() == "c" {
			g.recv = "ctl"
		}
	}
	return g
}

func (g gen) typ() string          { return TypeName(g.name) }
func (g gen) requestsPkg() string  { return g.o.Module + "/app/http/requests" }
func (g gen) resourcesPkg() string { return g.o.Module + "/app/http/resources" }
func (g gen) modelsPkg() string    { return g.o.Module + "/app/models" }

// structDecl declares the controller: the database is its one dependency,
// set where routes/api.go registers it.
func (g gen) structDecl(f *jen.File, doc string) {
	comment(f, doc)
	f.Type().Id(g.typ()).Struct(jen.Id("DB").Op("*").Qual(dbPkg, "DB"))
}

// handler declares a method with http.HandlerFunc's signature.
func (g gen) handler(f *jen.File, name, doc string, body ...jen.Code) {
	f.Line()
	comment(f, doc)
	f.Func().Params(jen.Id(g.recv).Op("*").Id(g.typ())).Id(name).Params(
		jen.Id("w").Qual("net/http", "ResponseWriter"),
		jen.Id("r").Op("*").Qual("net/http", "Request"),
	).Block(body...)
}

// db is the controller's database: c.DB.
func (g gen) db() *jen.Statement { return jen.Id(g.recv).Dot("DB") }

// ctx is the request's context: r.Context().
func ctx() *jen.Statement { return jen.Id("r").Dot("Context").Call() }

// writeError answers err: web.WriteError(w, r, err).
func writeError(err jen.Code) *jen.Statement {
	return jen.Qual(webPkg, "WriteError").Call(jen.Id("w"), jen.Id("r"), err)
}

// onError is `if err != nil { web.WriteError(w, r, err); return }`.
func onError() *jen.Statement {
	return jen.If(jen.Err().Op("!=").Nil()).Block(writeError(jen.Err()), jen.Return())
}

// status is a net/http status constant: http.StatusOK.
func status(name string) *jen.Statement { return jen.Qual("net/http", name) }

// wrapWidth is where doc comments wrap, as in gofmt'd hand-written code.
const wrapWidth = 80

// comment adds text to f as a doc comment wrapped at wrapWidth.
func comment(f *jen.File, text string) {
	line := ""
	for _, w := range strings.Fields(text) {
		if line != "" && len(line)+1+len(w) > wrapWidth-3 {
			f.Comment(line)
			line = ""
		}
		line = strings.TrimPrefix(line+" "+w, " ")
	}
	f.Comment(line)
}
