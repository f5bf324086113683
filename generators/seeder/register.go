package seeder

import (
	"fmt"
	"go/ast"
	"go/format"
	"go/token"

	"github.com/kilnhq/kiln/generators/internal/goedit"
)

// Register adds typ{} to the All list of database_seeder.go and to the
// s.Call(ctx, …) in DatabaseSeeder.Run. The entries are inserted into the
// file's text (see package goedit), so the user's comments and layout stay as
// they were, and the result is gofmt'd. It is idempotent: a seeder already in
// a list is not added to it again. A file without `var All = []seed.Seeder{…}`
// is refused with a message saying what to add; a Run without s.Call only
// gets the All entry (the user chose what Run does).
func Register(src []byte, typ string) ([]byte, error) {
	f, err := goedit.Parse(RootFile, src)
	if err != nil {
		return nil, fmt.Errorf("%s does not parse, so kiln cannot register %s in it: %w", RootFile, typ, err)
	}
	all := findAll(f.File)
	if all == nil {
		return nil, fmt.Errorf("%s has no `var All = []seed.Seeder{…}` list: add one listing DatabaseSeeder{} so kiln can register %s", RootFile, typ)
	}
	var ins []goedit.Insert
	if !listed(all.Elts, typ) {
		ins = append(ins, appendElem(f, all.Elts, all.Rbrace, typ))
	}
	if call := findCall(f.File); call != nil && call.Ellipsis == token.NoPos && !listed(call.Args, typ) {
		ins = append(ins, appendElem(f, call.Args, call.Rparen, typ))
	}
	if len(ins) == 0 {
		return src, nil
	}
	return format.Source(f.Apply(ins...))
}

// findAll is the composite literal of `var All = []seed.Seeder{…}`.
func findAll(f *ast.File) *ast.CompositeLit {
	for _, d := range f.Decls {
		gd, ok := d.(*ast.GenDecl)
		if !ok || gd.Tok != token.VAR {
			continue
		}
		for _, s := range gd.Specs {
			vs := s.(*ast.ValueSpec)
			for i, n := range vs.Names {
				if n.Name != "All" || i >= len(vs.Values) {
					continue
				}
				if lit, ok := vs.Values[i].(*ast.CompositeLit); ok {
					return lit
				}
			}
		}
	}
	return nil
}

// findCall is the first s.Call(…) in DatabaseSeeder's Run method.
func findCall(f *ast.File) *ast.CallExpr {
	for _, d := range f.Decls {
		fn, ok := d.(*ast.FuncDecl)
		if !ok || fn.Name.Name != "Run" || fn.Recv == nil || len(fn.Recv.List) != 1 || recvName(fn.Recv.List[0].Type) != "DatabaseSeeder" || fn.Body == nil {
			continue
		}
		var found *ast.CallExpr
		ast.Inspect(fn.Body, func(n ast.Node) bool {
			if c, ok := n.(*ast.CallExpr); ok && found == nil {
				if sel, ok := c.Fun.(*ast.SelectorExpr); ok && sel.Sel.Name == "Call" {
					found = c
				}
			}
			return found == nil
		})
		return found
	}
	return nil
}

func recvName(e ast.Expr) string {
	if s, ok := e.(*ast.StarExpr); ok {
		e = s.X
	}
	if id, ok := e.(*ast.Ident); ok {
		return id.Name
	}
	return ""
}

// listed reports whether list has a typ{} or &typ{}.
func listed(list []ast.Expr, typ string) bool {
	for _, e := range list {
		if u, ok := e.(*ast.UnaryExpr); ok {
			e = u.X
		}
		if lit, ok := e.(*ast.CompositeLit); ok && recvName(lit.Type) == typ {
			return true
		}
	}
	return false
}

// appendElem plans typ{} at the end of list, which open and close delimit:
// on a line of its own, below any comments closing the list, when the list
// ends with a line break (one entry per line, as gofmt keeps them with a
// trailing comma), else after a comma on the last entry's line.
func appendElem(f *goedit.File, list []ast.Expr, close token.Pos, typ string) goedit.Insert {
	elem := typ + "{}"
	if len(list) == 0 {
		return goedit.Insert{At: close, Text: elem}
	}
	last := list[len(list)-1].End()
	if f.Line(last) == f.Line(close) {
		return goedit.Insert{At: last, Text: ", " + elem}
	}
	return goedit.Insert{At: f.LastCommentBefore(f.AfterComma(last), close), Text: "\n" + elem + ","}
}
