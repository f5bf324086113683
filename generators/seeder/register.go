package seeder

import (
	"bytes"
	"fmt"
	"go/format"
	"go/parser"
	"go/token"

	"github.com/dave/dst"
	"github.com/dave/dst/decorator"
)

// Register adds typ{} to the All list of database_seeder.go and to the
// s.Call(ctx, …) in DatabaseSeeder.Run, through dave/dst so the user's
// comments and layout stay as they were. It is idempotent: a seeder already
// in a list is not added to it again. A file without `var All = []seed.Seeder{…}`
// is refused with a message saying what to add; a Run without s.Call only
// gets the All entry (the user chose what Run does).
func Register(src []byte, typ string) ([]byte, error) {
	fset := token.NewFileSet()
	f, err := decorator.ParseFile(fset, RootFile, src, parser.ParseComments)
	if err != nil {
		return nil, fmt.Errorf("%s does not parse, so kiln cannot register %s in it: %w", RootFile, typ, err)
	}
	all := findAll(f)
	if all == nil {
		return nil, fmt.Errorf("%s has no `var All = []seed.Seeder{…}` list: add one listing DatabaseSeeder{} so kiln can register %s", RootFile, typ)
	}
	changed := appendOnce(&all.Elts, typ)
	if call := findCall(f); call != nil {
		changed = appendOnce(&call.Args, typ) || changed
	}
	if !changed {
		return src, nil
	}
	var out bytes.Buffer
	if err := decorator.Fprint(&out, f); err != nil {
		return nil, err
	}
	return format.Source(out.Bytes())
}

// findAll is the composite literal of `var All = []seed.Seeder{…}`.
func findAll(f *dst.File) *dst.CompositeLit {
	for _, d := range f.Decls {
		gd, ok := d.(*dst.GenDecl)
		if !ok || gd.Tok != token.VAR {
			continue
		}
		for _, s := range gd.Specs {
			vs := s.(*dst.ValueSpec)
			for i, n := range vs.Names {
				if n.Name != "All" || i >= len(vs.Values) {
					continue
				}
				if lit, ok := vs.Values[i].(*dst.CompositeLit); ok {
					return lit
				}
			}
		}
	}
	return nil
}

// findCall is the first s.Call(…) in DatabaseSeeder's Run method.
func findCall(f *dst.File) *dst.CallExpr {
	for _, d := range f.Decls {
		fn, ok := d.(*dst.FuncDecl)
		if !ok || fn.Name.Name != "Run" || fn.Recv == nil || len(fn.Recv.List) != 1 || recvName(fn.Recv.List[0].Type) != "DatabaseSeeder" {
			continue
		}
		var found *dst.CallExpr
		dst.Inspect(fn.Body, func(n dst.Node) bool {
			if c, ok := n.(*dst.CallExpr); ok && found == nil {
				if sel, ok := c.Fun.(*dst.SelectorExpr); ok && sel.Sel.Name == "Call" {
					found = c
				}
			}
			return found == nil
		})
		return found
	}
	return nil
}

func recvName(e dst.Expr) string {
	if s, ok := e.(*dst.StarExpr); ok {
		e = s.X
	}
	if id, ok := e.(*dst.Ident); ok {
		return id.Name
	}
	return ""
}

// appendOnce appends typ{} to list unless a typ{} or &typ{} is there,
// reporting whether it did. New entries go one per line.
func appendOnce(list *[]dst.Expr, typ string) bool {
	for _, e := range *list {
		if u, ok := e.(*dst.UnaryExpr); ok {
			e = u.X
		}
		if lit, ok := e.(*dst.CompositeLit); ok && recvName(lit.Type) == typ {
			return false
		}
	}
	lit := &dst.CompositeLit{Type: dst.NewIdent(typ)}
	if n := len(*list); n > 0 && (*list)[n-1].Decorations().After == dst.NewLine {
		lit.Decs.Before, lit.Decs.After = dst.NewLine, dst.NewLine
	}
	*list = append(*list, lit)
	return true
}
