package routes

import (
	"fmt"

	"github.com/dave/dst"
)

// wantSignature is the anchor the editor needs, as the message shows it.
const wantSignature = "func API(r *web.Router, database *db.DB)"

// anchor is where a registration goes: the body of func API and the names of
// its parameters, which the new line uses.
type anchor struct {
	body   *dst.BlockStmt
	router string // the *web.Router parameter: r
	db     string // the *db.DB parameter: database
}

// findAnchor finds func API and its *web.Router and *db.DB parameters, or says
// what the file needs instead.
func findAnchor(f *dst.File, path, controller string) (anchor, error) {
	fn := apiFunc(f)
	if fn == nil {
		return anchor{}, fmt.Errorf("%s has no %s to register %s in: add it and pass routes.API to app.Config.Routes, or register the routes yourself with r.Resource(%q, &controllers.%s{DB: database})",
			File, wantSignature, controller, path, controller)
	}
	web, _ := importName(f, webPkg)
	db, _ := importName(f, dbPkg)
	a := anchor{body: fn.Body}
	for _, p := range fn.Type.Params.List {
		for _, n := range p.Names {
			switch {
			case isPointerTo(p.Type, web, "Router") && a.router == "":
				a.router = n.Name
			case isPointerTo(p.Type, db, "DB") && a.db == "":
				a.db = n.Name
			}
		}
	}
	if a.router == "" || a.router == "_" || a.db == "" || a.db == "_" || fn.Body == nil {
		return anchor{}, fmt.Errorf("%s: func API needs a named *web.Router and a named *db.DB parameter to register %s, which uses the database: change it to %s, importing %s (runtime/app passes the database)",
			File, controller, wantSignature, dbPkg)
	}
	return a, nil
}

// apiFunc is the top-level func API, or nil.
func apiFunc(f *dst.File) *dst.FuncDecl {
	for _, d := range f.Decls {
		if fn, ok := d.(*dst.FuncDecl); ok && fn.Recv == nil && fn.Name.Name == "API" {
			return fn
		}
	}
	return nil
}

// isPointerTo reports whether t is *pkg.name. pkg is the file's name for the
// package, "" when it is not imported.
func isPointerTo(t dst.Expr, pkg, name string) bool {
	star, ok := t.(*dst.StarExpr)
	if !ok || pkg == "" {
		return false
	}
	sel, ok := star.X.(*dst.SelectorExpr)
	if !ok {
		return false
	}
	x, ok := sel.X.(*dst.Ident)
	return ok && x.Name == pkg && sel.Sel.Name == name
}

// append adds stmt at the end of API's body, before a final bare return.
func (a anchor) append(stmt dst.Stmt) {
	list := a.body.List
	at := len(list)
	if at > 0 {
		if _, ok := list[at-1].(*dst.ReturnStmt); ok {
			at--
		}
	}
	a.body.List = append(list[:at:at], append([]dst.Stmt{stmt}, list[at:]...)...)
}
