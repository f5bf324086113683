package routes

import (
	"fmt"
	"go/ast"
	"go/token"
	"strconv"
)

// registration is the line that registers controller:
// r.Resource("/api/posts", &controllers.PostController{DB: database}).
func registration(a anchor, path, pkg, controller string) string {
	return fmt.Sprintf("%s.Resource(%s, &%s.%s{DB: %s})", a.router, strconv.Quote(path), pkg, controller, a.db)
}

// registered reports whether the file already serves the resource: a
// Resource call for path or for the controller type, or a route of its own
// for path or path/{id} (which Resource would register a second time, and
// ServeMux panics on). It looks everywhere, so a registration the user moved
// into a Group or a helper function still counts. pkg is the file's name for
// the controllers package; imported says whether it is imported at all.
func registered(f *ast.File, path, pkg string, imported bool, controller string) bool {
	found := false
	ast.Inspect(f, func(n ast.Node) bool {
		if call, ok := n.(*ast.CallExpr); ok && !found {
			found = routesPath(call, path) || (imported && isResourceCall(call) && mentions(call.Args[1], pkg, controller))
		}
		return !found
	})
	return found
}

// routeMethods are the web.Router methods that take a path.
var routeMethods = map[string]bool{"Resource": true, "Get": true, "Post": true, "Put": true, "Patch": true, "Delete": true, "Handle": true}

// routesPath reports whether call registers path or path/{id}:
// r.Resource("/api/posts", …), r.Get("/api/posts/{id}", …), r.Handle("GET", "/api/posts", …).
func routesPath(call *ast.CallExpr, path string) bool {
	sel, ok := call.Fun.(*ast.SelectorExpr)
	if !ok || !routeMethods[sel.Sel.Name] {
		return false
	}
	for _, arg := range call.Args {
		if s := stringLit(arg); s == path || s == path+"/{id}" {
			return true
		}
	}
	return false
}

// isResourceCall reports whether call looks like router.Resource(path, c).
func isResourceCall(call *ast.CallExpr) bool {
	sel, ok := call.Fun.(*ast.SelectorExpr)
	return ok && sel.Sel.Name == "Resource" && len(call.Args) == 2
}

// stringLit is the value of a string literal, or "" for any other expression.
func stringLit(e ast.Expr) string {
	lit, ok := e.(*ast.BasicLit)
	if !ok || lit.Kind != token.STRING {
		return ""
	}
	s, err := strconv.Unquote(lit.Value)
	if err != nil {
		return ""
	}
	return s
}

// mentions reports whether e refers to the controller type pkg.name or to its
// conventional constructor pkg.Newname: &controllers.PostController{…} and
// controllers.NewPostController(database) both register PostController.
func mentions(e ast.Expr, pkg, name string) bool {
	found := false
	ast.Inspect(e, func(n ast.Node) bool {
		if sel, ok := n.(*ast.SelectorExpr); ok {
			x, ok := sel.X.(*ast.Ident)
			found = ok && x.Name == pkg && (sel.Sel.Name == name || sel.Sel.Name == "New"+name)
		}
		return !found
	})
	return found
}
