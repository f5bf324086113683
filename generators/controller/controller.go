// Package controller generates an app's HTTP controllers,
// app/http/controllers/<name>_controller.go (`kiln make controller`): a struct
// holding the database, and for a resource controller the five handlers of
// web.ResourceController, registered in routes/api.go through an AST edit.
//
// With a model, the handlers are a working CRUD API: requests validated by the
// app's request types (app/http/requests), rows read and written through
// runtime/orm, responses shaped by the app's resources (app/http/resources).
// Without one, they answer 501 until they are written.
//
// It is pure: names and a spec in, a plan.Plan out (DESIGN.md, convention 2).
package controller

import (
	"fmt"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/kilnhq/kiln/generators/gocode"
	"github.com/kilnhq/kiln/generators/plan"
	"github.com/kilnhq/kiln/generators/routes"
	"github.com/kilnhq/kiln/generators/spec"
)

// Import paths the generated code may use; gocode imports each by its own name.
const (
	dbPkg       = "github.com/kilnhq/kiln/runtime/db"
	ormPkg      = "github.com/kilnhq/kiln/runtime/orm"
	webPkg      = "github.com/kilnhq/kiln/runtime/web"
	validatePkg = "github.com/kilnhq/kiln/runtime/validate"
	uuidPkg     = "github.com/google/uuid"
)

// Dir is where an app's controllers live; their package is controllers.
const Dir = "app/http/controllers"

// Options describe one `kiln make controller`.
type Options struct {
	// Module is the app's module path, to import its packages and group imports.
	Module string
	// Resource (--resource or --api) gives the five handlers of
	// web.ResourceController and registers the controller in routes/api.go.
	// kiln controllers always speak JSON, so --api adds nothing to --resource.
	Resource bool
	// Model (--model) wires the handlers to a model and implies Resource. The
	// controller then uses requests.Store<Model>Request and
	// requests.Update<Model>Request (generators/request) and
	// resources.<Model>Resource (generators/resource), so the command plans
	// those files too unless they exist.
	Model *spec.Resource
	// SkipRoutes leaves routes/api.go alone.
	SkipRoutes bool
}

// ParseName parses a controller name as given on the command line: Post,
// blog_post, or with Laravel's suffix, PostController.
func ParseName(s string) (spec.Name, error) {
	n, err := spec.ParseName("controller name", s)
	if err != nil {
		return spec.Name{}, err
	}
	base, ok := strings.CutSuffix(n.Snake(), "_controller")
	switch {
	case n.Snake() == "controller":
		return spec.Name{}, &spec.Error{Kind: "controller name", Input: s, Msg: "give the resource's name, such as Post"}
	case ok:
		return spec.ParseName("controller name", base)
	}
	return n, nil
}

// Path is where the controller named n lives: app/http/controllers/post_controller.go.
func Path(n spec.Name) string { return Dir + "/" + n.Snake() + "_controller.go" }

// TypeName is the controller type of n: PostController.
func TypeName(n spec.Name) string { return n.Go() + "Controller" }

// Generate returns the plan that writes a controller for each name and, for
// resource controllers, one edit of routes/api.go registering them all under
// /api/<plural> (a plan edits a file once).
func Generate(names []spec.Name, o Options) (plan.Plan, error) {
	if o.Model != nil {
		o.Resource = true
	}
	var p plan.Plan
	var regs []routes.Resource
	for _, n := range names {
		src, err := generate(n, o)
		if err != nil {
			return plan.Plan{}, err
		}
		p.AddFormatted(Path(n), src)
		regs = append(regs, routes.Resource{Path: n.RoutePath(), Controller: TypeName(n)})
	}
	if o.Resource && !o.SkipRoutes && len(regs) > 0 {
		p.AddEdit(routes.File, registerDesc(regs), routes.Edit(o.Module, regs...))
	}
	return p, nil
}

// registerDesc says what the routes edit does: "register PostController at /api/posts".
func registerDesc(regs []routes.Resource) string {
	s := "register"
	for i, r := range regs {
		if i > 0 {
			s += ","
		}
		s += " " + r.Controller + " at " + r.Path
	}
	return s
}

// generate renders the controller named n.
func generate(n spec.Name, o Options) ([]byte, error) {
	path := Path(n)
	if n.IsZero() {
		return nil, fmt.Errorf("generate %s: the controller has no name", path)
	}
	g := newGen(n, o)
	f := jen.NewFilePathName(o.Module+"/"+Dir, "controllers")
	switch {
	case o.Model != nil:
		g.modelController(f)
	case o.Resource:
		g.emptyResource(f)
	default:
		g.plain(f)
	}
	return gocode.Render(path, f, o.Module, dbPkg, ormPkg, webPkg, validatePkg, uuidPkg,
		g.requestsPkg(), g.resourcesPkg(), g.modelsPkg())
}
