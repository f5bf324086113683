package routes

import (
	"fmt"
	"go/ast"
	"go/token"

	"github.com/kilnhq/kiln/generators/internal/goedit"
)

// wantSignature is the anchor the editor needs, as the message shows it.
const wantSignature = "func API(r *web.Router, database *db.DB)"

// anchor is where a registration goes: the body of func API and the names of
// its parameters, which the new line uses.
type anchor struct {
	fn     *ast.FuncDecl
	body   *ast.BlockStmt
	router string // the *web.Router parameter: r
	db     string // the *db.DB parameter: database
}

// findAnchor finds func API and its *web.Router and *db.DB parameters, or says
// what the file needs instead.
func findAnchor(f *goedit.File, path, controller string) (anchor, error) {
	fn := apiFunc(f.File)
	if fn == nil {
		return anchor{}, noAPI("has no", "add it", path, controller)
	}
	web, _ := importName(f.File, webPkg)
	db, _ := importName(f.File, dbPkg)
	a := anchor{fn: fn, body: fn.Body}
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

// declares reports whether name is declared anywhere in func API — as a
// parameter or result, a variable, a constant or a type, in any block —
// so that a package imported under name cannot be used there. A name
// declared only in a nested block is not in scope where the new line goes;
// counting it anyway is on the safe side.
func (a anchor) declares(name string) bool {
	found := false
	is := func(ids ...*ast.Ident) {
		for _, id := range ids {
			found = found || id != nil && id.Name == name
		}
	}
	fields := func(l *ast.FieldList) {
		if l != nil {
			for _, f := range l.List {
				is(f.Names...)
			}
		}
	}
	ast.Inspect(a.fn, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncType:
			fields(n.TypeParams)
			fields(n.Params)
			fields(n.Results)
		case *ast.AssignStmt:
			if n.Tok == token.DEFINE {
				for _, e := range n.Lhs {
					id, _ := e.(*ast.Ident)
					is(id)
				}
			}
		case *ast.RangeStmt:
			if n.Tok == token.DEFINE {
				k, _ := n.Key.(*ast.Ident)
				v, _ := n.Value.(*ast.Ident)
				is(k, v)
			}
		case *ast.ValueSpec:
			is(n.Names...)
		case *ast.TypeSpec:
			is(n.Name)
		}
		return !found
	})
	return found
}

// Missing is the error for an app without routes/api.go, in which r is to be
// registered; the command checks before planning its edit, which would fail
// with no more than "file does not exist".
func Missing(r Resource) error {
	return noAPI("does not exist, so there is no", "create the file (package routes) with it", r.Path, r.Controller)
}

// noAPI says that the file lacks func API, and what to do.
func noAPI(problem, fix, path, controller string) error {
	return fmt.Errorf("%s %s %s to register %s in: %s and pass routes.API to app.Config.Routes, or register the routes yourself with r.Resource(%q, &controllers.%s{DB: database})",
		File, problem, wantSignature, controller, fix, path, controller)
}

// apiFunc is the top-level func API, or nil.
func apiFunc(f *ast.File) *ast.FuncDecl {
	for _, d := range f.Decls {
		if fn, ok := d.(*ast.FuncDecl); ok && fn.Recv == nil && fn.Name.Name == "API" {
			return fn
		}
	}
	return nil
}

// isPointerTo reports whether t is *pkg.name. pkg is the file's name for the
// package, "" when it is not imported.
func isPointerTo(t ast.Expr, pkg, name string) bool {
	star, ok := t.(*ast.StarExpr)
	if !ok || pkg == "" {
		return false
	}
	sel, ok := star.X.(*ast.SelectorExpr)
	if !ok {
		return false
	}
	x, ok := sel.X.(*ast.Ident)
	return ok && x.Name == pkg && sel.Sel.Name == name
}

// insertion is the new statement's text and place in API's body, on a line
// of its own: before a final bare return, or else at the end of the body.
func (a anchor) insertion(f *goedit.File, stmt string) goedit.Insert {
	if n := len(a.body.List); n > 0 {
		if ret, ok := a.body.List[n-1].(*ast.ReturnStmt); ok {
			return beforeReturn(f, a.body, ret, stmt)
		}
	}
	return atEnd(f, a.body, stmt)
}

// atEnd places stmt below the body's last statement and any comments under
// it, so a "new resources go below" comment stays above the new line.
func atEnd(f *goedit.File, body *ast.BlockStmt, stmt string) goedit.Insert {
	last := body.Lbrace + 1
	if n := len(body.List); n > 0 {
		last = body.List[n-1].End()
	}
	last = f.LastCommentBefore(last, body.Rbrace)
	if f.Line(last) == f.Line(body.Rbrace) { // {} or { r.Get(…) }
		return goedit.Insert{At: last, Text: "\n\t" + stmt}
	}
	return goedit.Insert{At: f.LineStart(body.Rbrace), Text: "\t" + stmt + "\n"}
}

// beforeReturn places stmt above the body's final return. Comments between
// the statement before it and the return belong to the return, as in dave/dst
// (the editor this one replaced), unless a blank line separates them: those
// above the first blank line stay with the statement before, the new line goes
// below them, and the blank line is kept on both sides of it.
func beforeReturn(f *goedit.File, body *ast.BlockStmt, ret ast.Stmt, stmt string) goedit.Insert {
	n := len(body.List)
	if n == 1 {
		return goedit.Insert{At: f.LineEnd(body.Lbrace+1, ret.Pos()), Text: "\n\t" + stmt}
	}
	at := f.LineEnd(body.List[n-2].End(), ret.Pos())
	end := at // of the comments above the first blank line
	for _, c := range f.Comments(at, ret.Pos()) {
		if f.Line(c.Pos()) > f.Line(end)+1 {
			break
		}
		end = c.End()
	}
	if f.Line(ret.Pos()) > f.Line(end)+1 { // a blank line follows end
		return goedit.Insert{At: end, Text: "\n\n\t" + stmt}
	}
	return goedit.Insert{At: at, Text: "\n\t" + stmt}
}
