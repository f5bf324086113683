// Package gocode renders jennifer files into Go source that reads like hand-written
// code: packages imported by their own names (no aliases), and imports grouped as
// goimports leaves them — standard library, then third-party, then the app's own.
package gocode

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"path"
	"strconv"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/kilnhq/kiln/generators/plan"
)

// Render renders f for the file at filePath (named in errors), importing each
// package in importPaths by its last path element rather than an alias. Imports of
// the app's own module (local) form the last group: a dotless module path like
// "blog/routes" would otherwise look like the standard library.
func Render(filePath string, f *jen.File, local string, importPaths ...string) ([]byte, error) {
	for _, p := range importPaths {
		f.ImportName(p, packageName(p))
	}
	var b bytes.Buffer
	if err := f.Render(&b); err != nil {
		return nil, fmt.Errorf("render %s: %w", filePath, err)
	}
	out, err := groupImports(b.Bytes(), local)
	if err != nil {
		return nil, fmt.Errorf("render %s: %w", filePath, err)
	}
	return out, nil
}

// groupImports rewrites the file's single import block into groups separated by
// blank lines. jennifer's output is gofmt'd with one block sorted by path, so each
// group is sorted too and the spliced file is still gofmt'd: no second format pass,
// which would cost as much as jennifer's own (a test checks the result is stable).
func groupImports(src []byte, local string) ([]byte, error) {
	fset := token.NewFileSet()
	file, err := parser.ParseFile(fset, "", src, parser.ParseComments|parser.ImportsOnly)
	if err != nil {
		return nil, err
	}
	if len(file.Imports) < 2 {
		return src, nil
	}
	decl := file.Decls[0].(*ast.GenDecl) // jennifer emits exactly one import declaration
	start := fset.Position(decl.Pos()).Offset
	end := fset.Position(decl.End()).Offset
	var groups [3][]string
	for _, spec := range file.Imports {
		p, err := strconv.Unquote(spec.Path.Value)
		if err != nil {
			return nil, err
		}
		line := spec.Path.Value
		if spec.Name != nil {
			line = spec.Name.Name + " " + line
		}
		groups[importGroup(p, local)] = append(groups[importGroup(p, local)], "\t"+line)
	}
	var block strings.Builder
	block.WriteString("import (\n")
	sep := ""
	for _, g := range groups {
		if len(g) > 0 {
			block.WriteString(sep + strings.Join(g, "\n") + "\n")
			sep = "\n"
		}
	}
	block.WriteString(")")
	out := append([]byte{}, src[:start]...)
	out = append(out, block.String()...)
	out = append(out, src[end:]...)
	return out, nil
}

// importGroup is 0 for the standard library, 1 for third-party and 2 for the app's
// own packages.
func importGroup(importPath, local string) int {
	switch {
	case local != "" && (importPath == local || strings.HasPrefix(importPath, local+"/")):
		return 2
	case !strings.Contains(strings.SplitN(importPath, "/", 2)[0], "."):
		return 0
	}
	return 1
}

// packageName guesses a package's name from its import path the way Go tooling
// does: the last element, without a major-version suffix or a "go-" prefix.
func packageName(importPath string) string {
	name := path.Base(importPath)
	if strings.HasPrefix(name, "v") && len(name) > 1 && strings.Trim(name[1:], "0123456789") == "" {
		name = path.Base(path.Dir(importPath))
	}
	name = strings.TrimPrefix(name, "go-")
	// strings.Map, not a strings.Replacer: building a Replacer costs 6 KB,
	// and this runs for every import of every file kiln renders.
	return strings.Map(func(r rune) rune {
		if r == '-' || r == '.' {
			return -1
		}
		return r
	}, name)
}

// Plan renders f like Render into a one-file plan, the shape most
// generators return.
func Plan(filePath string, f *jen.File, local string, importPaths ...string) (plan.Plan, error) {
	src, err := Render(filePath, f, local, importPaths...)
	if err != nil {
		return plan.Plan{}, err
	}
	var p plan.Plan
	p.AddFormatted(filePath, src)
	return p, nil
}
