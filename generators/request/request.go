package request

import (
	"fmt"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/kilnhq/kiln/generators/gocode"
	"github.com/kilnhq/kiln/generators/plan"
	"github.com/kilnhq/kiln/generators/spec"
)

// Dir is where request files live in an app.
const Dir = "app/http/requests/"

// Options are what `kiln make request <Name> [--model <Model>] [field…]`
// asks for.
type Options struct {
	// Name names the request: StoreOrder or StoreOrderRequest both give the
	// type StoreOrderRequest. With Model it is the base of the two names,
	// without a Store or Update prefix and a Request suffix (Post,
	// StorePost or PostRequest: StorePostRequest, UpdatePostRequest), and
	// may be empty, meaning the model's name.
	Name string
	// Fields are field tokens, path:type[:rule…] (see the package doc). With
	// Model, a token naming a model field adds rules to it, and any other
	// adds a field the request has but the model does not.
	Fields []string
	// Model, when set, derives a Store and an Update request from it.
	Model *spec.Resource
	// Module is the app's module path: the requests import its app/models.
	Module string
}

// Names are what the controller generator needs to use a model's requests.
type Names struct {
	Store, Update         string // the types: StorePostRequest, UpdatePostRequest
	StorePath, UpdatePath string // their files: app/http/requests/store_post_request.go
	// Build is the Store request's method returning a new model (Post);
	// Apply the Update request's method copying what was sent into a
	// loaded one.
	Build, Apply string
}

// ModelNames returns the names Generate uses for m's requests when
// Options.Name is empty or m's own name.
func ModelNames(m spec.Resource) Names { return modelNames(m.Name.Snake(), m) }

func modelNames(base string, m spec.Resource) Names {
	store, update := "store_"+base+"_request", "update_"+base+"_request"
	return Names{
		Store: goName(store), Update: goName(update),
		StorePath: Dir + store + ".go", UpdatePath: Dir + update + ".go",
		Build: m.Name.Go(), Apply: "Apply",
	}
}

// Generate returns the plan that writes the request file (or, with a model,
// the Store and Update request files).
func Generate(o Options) (plan.Plan, error) {
	if o.Model != nil {
		return generateForModel(o)
	}
	n, err := spec.ParseName("request name", o.Name)
	if err != nil {
		return plan.Plan{}, err
	}
	file := strings.TrimSuffix(n.Snake(), "_request") + "_request"
	typeName, path := goName(file), Dir+file+".go"
	root, err := parseFields(o.Fields)
	if err != nil {
		return plan.Plan{}, err
	}
	g := newGen()
	if err := g.structs(typeName, plainDoc(typeName, root), root, ""); err != nil {
		return plan.Plan{}, fmt.Errorf("generate %s: %w", path, err)
	}
	return render(path, g.file, o.Module)
}

// modelBase is the base of the Store and Update request names in a
// snake_case request name: store_post, update_post and post_request are
// all post.
func modelBase(snake string) string {
	for _, prefix := range []string{"store", "update"} {
		if snake == prefix {
			return ""
		}
		if rest, ok := strings.CutPrefix(snake, prefix+"_"); ok {
			snake = rest
			break
		}
	}
	if snake == "request" {
		return ""
	}
	return strings.TrimSuffix(snake, "_request")
}

// generateForModel writes StoreXRequest and UpdateXRequest for o.Model.
func generateForModel(o Options) (plan.Plan, error) {
	m := *o.Model
	base := m.Name.Snake()
	if o.Name != "" {
		n, err := spec.ParseName("request name", o.Name)
		if err != nil {
			return plan.Plan{}, err
		}
		if base = n.Snake(); base != m.Name.Snake() { // the model's own name is its base, Store in it or not
			base = modelBase(base)
		}
		if base == "" {
			return plan.Plan{}, &spec.Error{Kind: "request name", Input: o.Name,
				Msg: fmt.Sprintf("is only a Store/Update prefix or a Request suffix; with --model, give the model's name (%s) or leave the name out", m.Name.Go())}
		}
	}
	names := modelNames(base, m)
	store, err := modelFields(m, o.Fields)
	if err != nil {
		return plan.Plan{}, err
	}
	mg := modelGen{m: m, modelsPkg: strings.TrimSuffix(o.Module, "/") + "/app/models"}
	var p plan.Plan
	for _, file := range []func() (string, *jen.File, error){
		func() (string, *jen.File, error) { return storeFile(mg, names, store) },
		func() (string, *jen.File, error) { return updateFile(mg, names, store) },
	} {
		path, f, err := file()
		if err != nil {
			return plan.Plan{}, fmt.Errorf("generate %s: %w", path, err)
		}
		fp, err := render(path, f, o.Module, mg.modelsPkg)
		if err != nil {
			return plan.Plan{}, err
		}
		p.Files = append(p.Files, fp.Files...)
	}
	return p, nil
}

func storeFile(mg modelGen, n Names, root *field) (string, *jen.File, error) {
	g := newGen()
	g.method = []string{n.Build}
	notNull := columnsWith(root, optional)
	if len(notNull) > 0 {
		g.method = append(g.method, "NotNull")
	}
	if err := g.structs(n.Store, storeDoc(mg.m, n, root), root, ""); err != nil {
		return n.StorePath, nil, err
	}
	g.file.Line()
	mg.build(g.file, n.Store, n.Build, root)
	if len(notNull) > 0 {
		g.file.Line()
		mg.notNull(g.file, n.Store, notNull)
	}
	return n.StorePath, g.file, nil
}

// updateFile writes the Update request of the Store request's fields,
// store.
func updateFile(mg modelGen, n Names, store *field) (string, *jen.File, error) {
	root := forUpdate(store)
	g := newGen()
	g.method = []string{n.Apply}
	unique := false
	for _, c := range root.children {
		g.sent = g.sent || (c.model != nil && c.presence() == nullable)
		unique = unique || c.rules.has("unique")
	}
	mustSend, notNull := columnsWith(store, required), columnsWith(store, optional)
	if len(mustSend) > 0 {
		g.method = append(g.method, "Required")
	}
	if len(notNull) > 0 {
		g.method = append(g.method, "NotNull")
	}
	if unique {
		g.method = append(g.method, "IgnoreRow")
	}
	if err := g.structs(n.Update, updateDoc(mg.m, n, g.sent, unique, len(mustSend) > 0), root, ""); err != nil {
		return n.UpdatePath, nil, err
	}
	g.file.Line()
	mg.apply(g.file, n.Update, root)
	if len(mustSend) > 0 {
		g.file.Line()
		mg.required(g.file, n.Update, mustSend)
	}
	if len(notNull) > 0 {
		g.file.Line()
		mg.notNull(g.file, n.Update, notNull)
	}
	if unique {
		g.file.Line()
		mg.ignoreRow(g.file, n.Update)
	}
	return n.UpdatePath, g.file, nil
}

// columnsWith are the JSON keys, in field order, of the model fields of the
// Store request with presence p: required for NOT NULL columns without a
// default, optional for those with one.
func columnsWith(store *field, p presence) []string {
	var keys []string
	for _, c := range store.children {
		if c.model != nil && c.presence() == p {
			keys = append(keys, c.name)
		}
	}
	return keys
}

func newGen() *gen {
	return &gen{file: jen.NewFile("requests"), types: map[string]string{}}
}

// render gofmts the file into a one-file plan.
func render(path string, f *jen.File, module string, more ...string) (plan.Plan, error) {
	return gocode.Plan(path, f, module, append([]string{validatePkg, webPkg, ormPkg, uuidPkg, decimalPkg, passwordPkg}, more...)...)
}

// pointerNote explains the request's pointer fields, when it has any.
func pointerNote(root *field) string {
	for _, c := range root.children {
		if c.pointer() && c.kind == scalar {
			return "\n\nFields other than required strings are pointers, nil when not sent, so a 0, false or \"\" the client sent is never mistaken for a missing value."
		}
	}
	return ""
}

func plainDoc(typeName string, root *field) string {
	return fmt.Sprintf("%s is the JSON body of a request, with the rules it must pass. In a handler:\n\n"+
		"\treq, err := validate.Bind[requests.%s](r, db)\n\n"+
		"Bind answers unknown fields and broken rules with a 422 listing them.", typeName, typeName) + pointerNote(root)
}

func storeDoc(m spec.Resource, n Names, root *field) string {
	v := m.Name.Var()
	return fmt.Sprintf("%s is the JSON body that creates %s %s: the fields of models.%s a client may set, "+
		"with the rules its columns imply. In a handler:\n\n"+
		"\treq, err := validate.Bind[requests.%s](r, db)\n"+
		"\t%s := req.%s()\n"+
		"\terr = orm.Create(ctx, db, &%s)",
		n.Store, article(m.Name.Human()), m.Name.Human(), m.Name.Go(), n.Store, v, n.Build, v) + pointerNote(root)
}

func updateDoc(m spec.Resource, n Names, sent, unique, required bool) string {
	human := m.Name.Human()
	s := fmt.Sprintf("%s is the JSON body that changes %s %s. A PATCH may leave any field out; "+
		"a PUT replaces the %s and must send every required field (see Required), "+
		"and neither may send one of those as null. Apply copies only the fields that were sent.",
		n.Update, article(human), human, human)
	if !required {
		s = fmt.Sprintf("%s is the JSON body that changes %s %s. A PATCH or PUT may leave any field out, "+
			"as %s %s has no required field, and Apply copies only the fields that were sent.",
			n.Update, article(human), human, article(human), human)
	}
	if sent {
		s += " A nullable field sent as null clears its column."
	}
	if unique {
		s += fmt.Sprintf(" Unique rules skip the %s being updated (see IgnoreRow).", m.Name.Human())
	}
	return s
}

// article is "a" or "an" for a noun phrase, by its first letter; good
// enough for model names in doc comments.
func article(phrase string) string {
	if phrase != "" && strings.ContainsRune("aeio", rune(phrase[0])) {
		return "an"
	}
	return "a"
}
