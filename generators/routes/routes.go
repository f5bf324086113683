// Package routes edits an app's routes/api.go in place, registering a resource
// controller inside func API with one line:
//
//	r.Resource("/api/posts", &controllers.PostController{DB: database})
//
// The file belongs to the user, so the edit inserts that line (and the import
// of the controllers package) into the file's text at places found with
// go/ast, and changes nothing else: every comment stays where it was, no
// import is reordered, and the result is only gofmt'd. The edit is idempotent
// — a controller that is already registered with Resource anywhere in the
// file leaves it byte for byte as it was — and its result must parse before
// it is returned. Refused, with a message saying what to change, so that
// nothing half-done is ever written: a file without the anchor it needs
// (func API(r *web.Router, database *db.DB)), and a path another route uses
// already (the new routes would never be registered, or ServeMux would panic).
package routes

import (
	"fmt"
	"go/format"
	"go/token"
	"regexp"
	"sync"

	"github.com/kilnhq/kiln/generators/internal/goedit"
)

// File is the routes file the editor changes, relative to the app's root.
const File = "routes/api.go"

// Import paths the editor looks for in the routes file.
const (
	webPkg = "github.com/kilnhq/kiln/runtime/web"
	dbPkg  = "github.com/kilnhq/kiln/runtime/db"
)

// ControllersPath is the import path of an app's controllers package.
func ControllersPath(module string) string { return module + "/app/http/controllers" }

// Resource is one controller to register: r.Resource(Path, &controllers.Controller{DB: database}).
type Resource struct {
	Path       string // the collection path: /api/posts
	Controller string // the type in app/http/controllers: PostController
}

// Edit returns a plan.Edit change function registering every resource in
// one edit, for plan.AddEdit(routes.File, desc, routes.Edit(…)): a plan may
// edit a file only once.
func Edit(module string, resources ...Resource) func([]byte) ([]byte, error) {
	return func(src []byte) ([]byte, error) {
		var err error
		for _, r := range resources {
			if src, err = RegisterResource(src, module, r.Path, r.Controller); err != nil {
				return nil, err
			}
		}
		return src, nil
	}
}

// RegisterResource adds
//
//	r.Resource(path, &controllers.<controller>{DB: database})
//
// at the end of func API in src, the content of routes/api.go, importing the
// app's controllers package (module + "/app/http/controllers") if needed. r and
// database are whatever API names its *web.Router and *db.DB parameters. When the
// path or the controller type is already registered with Resource anywhere in
// the file, src is returned unchanged.
func RegisterResource(src []byte, module, path, controller string) ([]byte, error) {
	if err := checkArgs(module, path, controller); err != nil {
		return nil, err
	}
	f, err := goedit.Parse(File, src)
	if err != nil {
		return nil, fmt.Errorf("%s does not parse, so kiln cannot register %s in it: %w", File, controller, err)
	}
	pkgs := importNames(f.File, ControllersPath(module))
	if registered(f.File, pkgs, controller) {
		return src, nil
	}
	if calls := conflicts(f.File, path); len(calls) > 0 {
		return nil, conflictError(f, calls, path, controller)
	}
	a, err := findAnchor(f, path, controller)
	if err != nil {
		return nil, err
	}
	pkg := ""
	for _, name := range pkgs {
		if !a.declares(name) { // not shadowed where the new line goes
			pkg = name
			break
		}
	}
	var ins []goedit.Insert
	if pkg == "" {
		var imp goedit.Insert
		if pkg, imp, err = addImport(f, ControllersPath(module), module, identsIn(f.File)); err != nil {
			return nil, err
		}
		ins = append(ins, imp)
	}
	ins = append(ins, a.insertion(f, registration(a, path, pkg, controller)))
	return render(f.Apply(ins...))
}

// routePath is the paths Resource is given here: slash-separated segments of
// URL-safe characters, with no ServeMux wildcards or spaces.
var routePath = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^(/[A-Za-z0-9._~-]+)+$`) })

// checkArgs refuses inputs that would make an invalid or surprising edit.
func checkArgs(module, path, controller string) error {
	switch {
	case module == "":
		return fmt.Errorf("register %s: the app's module path is empty", controller)
	case !routePath().MatchString(path):
		return fmt.Errorf("register %s: invalid route path %q: use /segments of letters, digits, - and _", controller, path)
	case !token.IsIdentifier(controller) || !token.IsExported(controller):
		return fmt.Errorf("register controller %q: not an exported Go type name", controller)
	}
	return nil
}

// render gofmts the edited file, which also parses it again, so a bug in the
// edit is an error here rather than a broken file on disk.
func render(src []byte) ([]byte, error) {
	out, err := format.Source(src)
	if err != nil {
		return nil, fmt.Errorf("edit %s: the result does not parse: %w", File, err)
	}
	return out, nil
}
