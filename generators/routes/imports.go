package routes

import (
	"fmt"
	"go/token"
	"path"
	"strconv"
	"strings"

	"github.com/dave/dst"
)

// importName is the name the file uses for the package at importPath — its
// alias, or the last path element — and whether the file imports it at all.
// Blank and dot imports give no usable name.
func importName(f *dst.File, importPath string) (string, bool) {
	for _, spec := range f.Imports {
		if p, _ := strconv.Unquote(spec.Path.Value); p != importPath {
			continue
		}
		name := path.Base(importPath)
		if spec.Name != nil {
			name = spec.Name.Name
		}
		if name == "_" || name == "." {
			return "", false
		}
		return name, true
	}
	return path.Base(importPath), false
}

// addImport imports importPath into f under its own name and returns that
// name. The app's own packages form the last import group, as goimports keeps
// them: the new import joins the imports of module, or starts that group.
func addImport(f *dst.File, importPath, module string) (string, error) {
	name := path.Base(importPath)
	if taken := nameTaken(f, name); taken != "" {
		return "", fmt.Errorf("%s already uses the name %s for %s, so kiln cannot import %s; rename that, or register the controller yourself",
			File, name, taken, importPath)
	}
	spec := &dst.ImportSpec{Path: &dst.BasicLit{Kind: token.STRING, Value: strconv.Quote(importPath)}}
	decl := importDecl(f)
	at, sameGroup := len(decl.Specs), false
	for i, s := range decl.Specs {
		if p, _ := strconv.Unquote(s.(*dst.ImportSpec).Path.Value); p == module || strings.HasPrefix(p, module+"/") {
			at, sameGroup = i+1, true
		}
	}
	spec.Decs.Before = dst.EmptyLine
	if sameGroup || len(decl.Specs) == 0 {
		spec.Decs.Before = dst.NewLine
	}
	decl.Specs = append(decl.Specs[:at:at], append([]dst.Spec{spec}, decl.Specs[at:]...)...)
	decl.Lparen = len(decl.Specs) > 1
	f.Imports = append(f.Imports, spec)
	return name, nil
}

// nameTaken says what already uses name at the top of f — another import or a
// declaration — or "" when it is free.
func nameTaken(f *dst.File, name string) string {
	for _, spec := range f.Imports {
		p, _ := strconv.Unquote(spec.Path.Value)
		if n, _ := importName(f, p); n == name {
			return "the import of " + p
		}
	}
	if f.Scope != nil && f.Scope.Lookup(name) != nil {
		return "a declaration"
	}
	return ""
}

// importDecl is the import declaration a new import joins: the first one in
// parentheses. A file that writes one import per declaration gets a new
// declaration after its last import, in its own style; a file without
// imports gets one after the package clause.
func importDecl(f *dst.File) *dst.GenDecl {
	last := -1
	for i, d := range f.Decls {
		g, ok := d.(*dst.GenDecl)
		if !ok || g.Tok != token.IMPORT {
			continue
		}
		if g.Lparen {
			return g
		}
		last = i
	}
	g := &dst.GenDecl{Tok: token.IMPORT}
	g.Decs.Before = dst.NewLine
	if last < 0 {
		g.Decs.Before = dst.EmptyLine
	}
	g.Decs.After = dst.EmptyLine
	f.Decls = append(f.Decls[:last+1:last+1], append([]dst.Decl{g}, f.Decls[last+1:]...)...)
	return g
}
