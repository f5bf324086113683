package routes

import (
	"fmt"
	"go/ast"
	"go/token"
	"slices"
	"strconv"
	"strings"

	"github.com/kilnhq/kiln/generators/internal/goedit"
)

// registration is the line that registers controller:
// r.Resource("/api/posts", &controllers.PostController{DB: database}).
func registration(a anchor, path, pkg, controller string) string {
	return fmt.Sprintf("%s.Resource(%s, &%s.%s{DB: %s})", a.router, strconv.Quote(path), pkg, controller, a.db)
}

// registered reports whether the file already registers the controller type
// with Resource, anywhere: a registration the user moved into a Group or a
// helper function, or wrote with the conventional constructor, still counts.
// pkgs are the file's names for the controllers package.
func registered(f *ast.File, pkgs []string, controller string) bool {
	found := false
	ast.Inspect(f, func(n ast.Node) bool {
		if call, ok := n.(*ast.CallExpr); ok && !found && isResourceCall(call) {
			for _, pkg := range pkgs {
				found = found || mentions(call.Args[1], pkg, controller)
			}
		}
		return !found
	})
	return found
}

// route is a method and a path suffix.
type route struct{ method, suffix string }

// resourceRoutes are the method and pattern pairs Resource registers, {id}
// standing for any single-segment wildcard.
var resourceRoutes = []route{
	{"GET", ""}, {"POST", ""}, {"GET", "/{id}"}, {"PUT", "/{id}"}, {"PATCH", "/{id}"}, {"DELETE", "/{id}"},
}

// routeMethods are the web.Router methods that register a route, with the
// HTTP method each registers: "" for Resource (all of resourceRoutes) and
// "?" for Handle, whose first argument says ("" there is every method).
var routeMethods = map[string]string{"Resource": "", "Get": "GET", "Post": "POST", "Put": "PUT", "Patch": "PATCH", "Delete": "DELETE", "Handle": "?"}

// conflicts returns the calls in f that register a route Resource(path, …)
// would register too — GET or POST path, or GET, PUT, PATCH or DELETE
// path/{…} — which http.ServeMux panics on at start-up, or which would take
// the place of the user's handler. Paths inside r.Group(prefix, func(…) {…})
// count with their prefix; routes whose path or method is not a literal are
// not known, and not counted.
func conflicts(f *ast.File, path string) []*ast.CallExpr {
	funcs := map[string]*ast.BlockStmt{} // the file's functions, for r.Group("/api", apiRoutes)
	for _, d := range f.Decls {
		if fd, ok := d.(*ast.FuncDecl); ok && fd.Recv == nil && fd.Body != nil {
			funcs[fd.Name.Name] = fd.Body
		}
	}
	targets := groupTargets(f)
	var out []*ast.CallExpr
	var walk func(n ast.Node, prefix string, depth int)
	walk = func(n ast.Node, prefix string, depth int) {
		ast.Inspect(n, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			sel, ok := call.Fun.(*ast.SelectorExpr)
			if !ok {
				return true
			}
			if sel.Sel.Name == "Group" && len(call.Args) == 2 {
				body := groupBody(call.Args[1], funcs)
				if body != nil {
					if p, known := stringLit(call.Args[0]); known && depth < 8 { // 8: a group calling itself ends
						walk(body, prefix+strings.TrimSuffix(p, "/"), depth+1)
					}
					return false // a group whose prefix is unknown: its paths are too
				}
			}
			if claims(call, sel.Sel.Name, prefix, path) {
				out = append(out, call)
			}
			return true
		})
	}
	for _, d := range f.Decls { // the top-level code; group functions are walked from their Group
		if fd, ok := d.(*ast.FuncDecl); !ok || !targets[fd.Name.Name] {
			walk(d, "", 0)
		}
	}
	return out
}

// groupBody is the body of a Group's function: a literal, or a function of
// this file named by the call; nil for anything else.
func groupBody(fn ast.Expr, funcs map[string]*ast.BlockStmt) *ast.BlockStmt {
	switch fn := fn.(type) {
	case *ast.FuncLit:
		return fn.Body
	case *ast.Ident:
		return funcs[fn.Name]
	}
	return nil
}

// groupTargets are the names of the functions f passes to Group calls, whose
// routes are walked with the group's prefix instead.
func groupTargets(f *ast.File) map[string]bool {
	names := map[string]bool{}
	ast.Inspect(f, func(n ast.Node) bool {
		if call, ok := n.(*ast.CallExpr); ok && len(call.Args) == 2 {
			if sel, ok := call.Fun.(*ast.SelectorExpr); ok && sel.Sel.Name == "Group" {
				if id, ok := call.Args[1].(*ast.Ident); ok {
					names[id.Name] = true
				}
			}
		}
		return true
	})
	return names
}

// claims reports whether call, a call of the method name under the group
// prefix, registers one of the routes Resource(path, …) would.
func claims(call *ast.CallExpr, name, prefix, path string) bool {
	method, ok := routeMethods[name]
	if !ok {
		return false
	}
	args := call.Args
	if method == "?" { // Handle(method, path, h)
		if len(args) != 3 {
			return false
		}
		m, known := stringLit(args[0])
		if !known {
			return false
		}
		method, args = m, args[1:] // ServeMux's methods are case-sensitive
		if method == "" {
			method = "*" // every method
		}
	}
	if len(args) != 2 {
		return false
	}
	p, known := stringLit(args[0])
	if !known {
		return false
	}
	p = prefix + p
	theirs := []route{{method, ""}} // (an explicit HEAD route is more specific than GET: no clash)
	if method == "" {               // another Resource: each of its routes
		p, theirs = strings.TrimSuffix(p, "/"), resourceRoutes
	}
	for _, t := range theirs {
		for _, r := range resourceRoutes {
			if (r.method == t.method || t.method == "*") && samePattern(p+t.suffix, path+r.suffix) {
				return true
			}
		}
	}
	return false
}

// samePattern reports whether ServeMux paths a and b match the same requests:
// equal, but for the names of single-segment wildcards ({id}, {post}).
func samePattern(a, b string) bool {
	as, bs := strings.Split(a, "/"), strings.Split(b, "/")
	if len(as) != len(bs) {
		return false
	}
	for i := range as {
		if as[i] != bs[i] && !(isWildcard(as[i]) && isWildcard(bs[i])) {
			return false
		}
	}
	return true
}

// isWildcard reports whether a path segment is a single-segment wildcard:
// {id}, but not {rest...} or {$}.
func isWildcard(seg string) bool {
	return len(seg) > 2 && seg[0] == '{' && seg[len(seg)-1] == '}' && seg != "{$}" && !strings.HasSuffix(seg, "...}")
}

// conflictError refuses to register controller at path, which calls in the
// file register already, naming each with its line.
func conflictError(f *goedit.File, calls []*ast.CallExpr, path, controller string) error {
	lines := make([]string, 0, len(calls))
	for _, c := range calls {
		lines = append(lines, fmt.Sprintf("%s:%d: %s", File, f.Line(c.Pos()), callText(f, c)))
	}
	slices.Sort(lines)
	return fmt.Errorf("cannot register %s at %s: the path is already in use (%s); remove or move those routes, or register %s at another path yourself",
		controller, path, strings.Join(lines, "; "), controller)
}

// callText is call's source, on one line, shortened when long.
func callText(f *goedit.File, call *ast.CallExpr) string {
	s := string(f.Src[f.Offset(call.Pos()):f.Offset(call.End())])
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = strings.TrimSpace(s[:i]) + " …"
	}
	if r := []rune(s); len(r) > 100 {
		s = string(r[:99]) + "…"
	}
	return s
}

// isResourceCall reports whether call looks like router.Resource(path, c).
func isResourceCall(call *ast.CallExpr) bool {
	sel, ok := call.Fun.(*ast.SelectorExpr)
	return ok && sel.Sel.Name == "Resource" && len(call.Args) == 2
}

// stringLit is the value of a string literal, and whether e is one.
func stringLit(e ast.Expr) (string, bool) {
	lit, ok := e.(*ast.BasicLit)
	if !ok || lit.Kind != token.STRING {
		return "", false
	}
	s, err := strconv.Unquote(lit.Value)
	return s, err == nil
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
