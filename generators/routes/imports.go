package routes

import (
	"fmt"
	"go/ast"
	"go/token"
	"path"
	"strconv"
	"strings"

	"github.com/kilnhq/kiln/generators/internal/goedit"
)

// importName is the name the file uses for the package at importPath — its
// alias, or the last path element — and whether the file imports it under a
// usable name at all (blank and dot imports give none).
func importName(f *ast.File, importPath string) (string, bool) {
	if names := importNames(f, importPath); len(names) > 0 {
		return names[0], true
	}
	return path.Base(importPath), false
}

// importNames are every name the file uses for the package at importPath:
// usually one, but a file may import a package twice under two names.
func importNames(f *ast.File, importPath string) []string {
	var names []string
	for _, spec := range f.Imports {
		if p, _ := strconv.Unquote(spec.Path.Value); p != importPath {
			continue
		}
		name := path.Base(importPath)
		if spec.Name != nil {
			name = spec.Name.Name
		}
		if name != "_" && name != "." {
			names = append(names, name)
		}
	}
	return names
}

// addImport plans the import of importPath and returns the name the file
// will use for it: its own name or, when the file uses that name already (an
// import, a declaration, or any identifier in used, such as a variable in
// func API), the alias app<name>, then app<name>2, …. The alias is found on
// a second run like any import name, so the edit stays idempotent. The app's own
// packages form the last import group, as goimports keeps them: the new
// import joins the imports of module, or starts that group at the end of the
// first parenthesised import declaration. A file that writes one import per
// declaration gets a new declaration after its last import, in its own style.
func addImport(f *goedit.File, importPath, module string, used map[string]bool) (string, goedit.Insert, error) {
	base := path.Base(importPath)
	name := ""
	for i := 0; i < 100 && name == ""; i++ {
		c := base
		switch {
		case i == 1:
			c = "app" + base
		case i > 1:
			c = "app" + base + strconv.Itoa(i)
		}
		if !used[c] && nameTaken(f.File, c) == "" {
			name = c
		}
	}
	if name == "" {
		return "", goedit.Insert{}, fmt.Errorf("%s uses every name kiln would import %s under; register the controller yourself", File, importPath)
	}
	spec := strconv.Quote(importPath)
	if name != base {
		spec = name + " " + spec
	}
	decl, last := importDecls(f.File)
	switch {
	case decl != nil:
		return name, addSpec(f, decl, spec, module), nil
	case last != nil:
		return name, goedit.Insert{At: f.LineEnd(last.End(), token.NoPos), Text: "\n\nimport " + spec}, nil
	}
	return name, goedit.Insert{At: f.LineEnd(f.Name.End(), token.NoPos), Text: "\n\nimport " + spec}, nil
}

// addSpec plans spec's line (a quoted path, with its alias if any) in the
// parenthesised import declaration decl:
// after the last import of module, or as a new group at the end, below any
// comments closing the declaration.
func addSpec(f *goedit.File, decl *ast.GenDecl, spec, module string) goedit.Insert {
	var after ast.Spec
	for _, s := range decl.Specs {
		if p, _ := strconv.Unquote(s.(*ast.ImportSpec).Path.Value); p == module || strings.HasPrefix(p, module+"/") {
			after = s
		}
	}
	switch {
	case after != nil:
		return goedit.Insert{At: f.LineEnd(after.End(), decl.Rparen), Text: "\n\t" + spec}
	case len(decl.Specs) > 0:
		end := decl.Specs[len(decl.Specs)-1].End()
		return goedit.Insert{At: f.LastCommentBefore(end, decl.Rparen), Text: "\n\n\t" + spec}
	}
	return goedit.Insert{At: decl.Lparen + 1, Text: "\n\t" + spec + "\n"}
}

// importDecls returns the first parenthesised import declaration, which a new
// import joins, and the last import declaration.
func importDecls(f *ast.File) (paren, last *ast.GenDecl) {
	for _, d := range f.Decls {
		g, ok := d.(*ast.GenDecl)
		if !ok || g.Tok != token.IMPORT {
			continue
		}
		if g.Lparen.IsValid() && paren == nil {
			paren = g
		}
		last = g
	}
	return paren, last
}

// identsIn is every identifier f's declarations mention: the names they
// declare and use, including func API's parameters and variables.
func identsIn(f *ast.File) map[string]bool {
	used := map[string]bool{}
	for _, d := range f.Decls {
		ast.Inspect(d, func(n ast.Node) bool {
			if id, ok := n.(*ast.Ident); ok {
				used[id.Name] = true
			}
			return true
		})
	}
	return used
}

// nameTaken says what already uses name at the top of f — another import or a
// declaration — or "" when it is free.
func nameTaken(f *ast.File, name string) string {
	for _, spec := range f.Imports {
		p, _ := strconv.Unquote(spec.Path.Value)
		if n, _ := importName(f, p); n == name {
			return "the import of " + p
		}
	}
	if declares(f, name) {
		return "a declaration"
	}
	return ""
}

// declares reports whether f declares name at package level: a function
// (not a method), type, variable or constant.
func declares(f *ast.File, name string) bool {
	for _, d := range f.Decls {
		switch d := d.(type) {
		case *ast.FuncDecl:
			if d.Recv == nil && d.Name.Name == name {
				return true
			}
		case *ast.GenDecl:
			if genDeclares(d, name) {
				return true
			}
		}
	}
	return false
}

func genDeclares(d *ast.GenDecl, name string) bool {
	for _, s := range d.Specs {
		switch s := s.(type) {
		case *ast.TypeSpec:
			if s.Name.Name == name {
				return true
			}
		case *ast.ValueSpec:
			for _, n := range s.Names {
				if n.Name == name {
					return true
				}
			}
		}
	}
	return false
}
