package controller

import (
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/kilnhq/kiln/generators/gocode"
	"github.com/kilnhq/kiln/generators/plan"
	"github.com/kilnhq/kiln/generators/spec"
)

const (
	apptestPkg = "github.com/kilnhq/kiln/runtime/app/apptest"
	appPkg     = "github.com/kilnhq/kiln/runtime/app"
)

// TestPath is where the test of n's controller lives.
func TestPath(n spec.Name) string { return Dir + "/" + n.Snake() + "_controller_test.go" }

// GenerateTest returns the plan that writes a test of the model's API
// controller: it migrates a fresh SQLite database, serves the app's routes
// over loopback, builds a valid body with the model's factory (creating the
// rows it belongs to), then stores, lists, shows, updates and deletes one
// row over HTTP. It needs the model's factory and its required parents'
// factories (make scaffold and make model -a generate them).
func GenerateTest(res spec.Resource, module string) (plan.Plan, error) {
	path := TestPath(res.Name)
	g := testGen{r: res, module: module}
	f := jen.NewFilePathName(module+"/"+Dir, "controllers_test")
	g.file(f)
	return gocode.Plan(path, f, module, apptestPkg, appPkg, module+"/routes", module+"/database/migrations",
		module+"/database/factories")
}

type testGen struct {
	r      spec.Resource
	module string
}

func (g testGen) factories() string { return g.module + "/database/factories" }

func (g testGen) file(f *jen.File) {
	n := g.r.Name
	base := n.RoutePath()
	f.Commentf("Test%sController drives the %s API over real HTTP against a fresh SQLite", n.Go(), n.Human())
	f.Comment("database with the app's migrations, the way a client would. kiln generated it with")
	f.Comment("the controller; it is yours to extend.")
	var body []jen.Code
	if len(g.requiredParents()) > 0 {
		body = append(body, jen.Id("ctx").Op(":=").Qual("context", "Background").Call())
	}
	body = append(body,
		jen.Id("a").Op(":=").Qual(apptestPkg, "New").Call(jen.Id("t"), jen.Qual(appPkg, "Config").Values(jen.Dict{
			jen.Id("Routes"):     jen.Qual(g.module+"/routes", "API"),
			jen.Id("Migrations"): jen.Qual(g.module+"/database/migrations", "Set"),
		})),
	)
	body = append(body, g.parents()...)
	fields := g.bodyFields()
	if len(fields) > 0 {
		body = append(body, jen.Id("made").Op(":=").Add(g.madeRow()), jen.Line())
	}
	body = append(body, jen.Id("body").Op(":=").Map(jen.String()).Any().Values(fields...), jen.Line())
	body = append(body, g.crud(base)...)
	f.Func().Id("Test" + n.Go() + "Controller").Params(jen.Id("t").Op("*").Qual("testing", "T")).Block(body...)
}

// requiredParents are the belongs-to fields a valid body must point at an
// existing row.
func (g testGen) requiredParents() []spec.Field {
	var out []spec.Field
	for _, fl := range g.r.Fields {
		if fl.Type == spec.BelongsTo && !fl.Nullable && fl.Relation.Target.Go() != g.r.Name.Go() {
			out = append(out, fl)
		}
	}
	return out
}

// parents creates one row per required parent with its factory.
func (g testGen) parents() []jen.Code {
	var out []jen.Code
	for _, fl := range g.requiredParents() {
		v := parentVar(fl)
		out = append(out,
			jen.List(jen.Id(v), jen.Err()).Op(":=").Qual(g.factories(), "New"+fl.Relation.Target.Go()+"Factory").Call().
				Dot("CreateOne").Call(jen.Id("ctx"), jen.Id("a").Dot("DB")),
			jen.If(jen.Err().Op("!=").Nil()).Block(jen.Id("t").Dot("Fatal").Call(jen.Err())),
		)
	}
	return out
}

func parentVar(fl spec.Field) string {
	return strings.ToLower(fl.Name[:1]) + spec.Field{Name: fl.Name, Type: spec.String}.GoName()[1:]
}

// madeRow is factories.NewPostFactory()[.For(author, "author")…].MakeOne(): valid values, no row.
func (g testGen) madeRow() *jen.Statement {
	s := jen.Qual(g.factories(), "New"+g.r.Name.Go()+"Factory").Call()
	for _, fl := range g.requiredParents() {
		s = s.Dot("For").Call(jen.Id(parentVar(fl)), jen.Lit(fl.Name))
	}
	return s.Dot("MakeOne").Call()
}

// bodyFields maps each field the store request accepts to the made row's value.
func (g testGen) bodyFields() []jen.Code {
	var out []jen.Code
	for _, fl := range g.r.Fields {
		if fl.Type == spec.BelongsTo && (fl.Nullable || fl.Relation.Target.Go() == g.r.Name.Go()) {
			continue // optional: left out
		}
		out = append(out, jen.Line().Lit(fl.Column()).Op(":").Id("made").Dot(fl.GoName()))
	}
	if len(out) > 0 {
		out = append(out, jen.Line())
	}
	return out
}

// crud is the store, invalid store, index, show, update, destroy and
// missing-row sequence.
func (g testGen) crud(base string) []jen.Code {
	a := func() *jen.Statement { return jen.Id("a") }
	// The statuses are named, not numbered (net/http's constants): the
	// generator does not import net/http, whose initialisers every kiln
	// command would run.
	do := func(method string, path, body jen.Code, statusName string) *jen.Statement {
		return a().Dot("Do").Call(jen.Id("t"), jen.Lit(method), path, body).Dot("Expect").Call(jen.Id("t"), status(statusName))
	}
	loc := jen.Id("loc")
	out := []jen.Code{
		jen.Id("loc").Op(":=").Add(do("POST", jen.Lit(base), jen.Id("body"), "StatusCreated")).Dot("Header").Dot("Get").Call(jen.Lit("Location")),
		jen.If(jen.Op("!").Qual("strings", "HasPrefix").Call(loc, jen.Lit(base+"/"))).Block(
			jen.Id("t").Dot("Fatalf").Call(jen.Lit("Location = %q, want "+base+"/{id}"), loc),
		),
	}
	if g.hasRequiredField() {
		out = append(out, do("POST", jen.Lit(base), jen.Map(jen.String()).Any().Values(), "StatusUnprocessableEntity"))
	}
	out = append(out,
		do("GET", jen.Lit(base), jen.Nil(), "StatusOK"),
		do("GET", loc, jen.Nil(), "StatusOK"),
		do("PATCH", loc, jen.Id("body"), "StatusOK"),
	)
	if g.hasRequiredField() { // a PUT replaces the record: it must send them
		out = append(out, do("PUT", loc, jen.Map(jen.String()).Any().Values(), "StatusUnprocessableEntity"))
	}
	return append(out,
		do("PUT", loc, jen.Id("body"), "StatusOK"),
		do("DELETE", loc, jen.Nil(), "StatusNoContent"),
		do("GET", loc, jen.Nil(), "StatusNotFound"),
	)
}

// hasRequiredField reports whether an empty body fails validation.
func (g testGen) hasRequiredField() bool {
	for _, fl := range g.r.Fields {
		if !fl.Nullable && fl.Default == nil {
			return true
		}
	}
	return false
}
