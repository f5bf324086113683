// Package gocode renders jennifer files into Go source that reads like hand-written
// code: packages imported by their own names (no aliases), and standard-library
// imports grouped apart from the rest, as goimports would leave them.
package gocode

import (
	"bytes"
	"fmt"
	"path"
	"strings"
	"sync"

	"github.com/dave/jennifer/jen"
	"golang.org/x/tools/imports"
)

// localPrefixMu guards imports.LocalPrefix, which x/tools exposes only as a package
// variable.
var localPrefixMu sync.Mutex

// Render renders f for the file at filePath (named in errors), importing each
// package in importPaths by its last path element rather than an alias. Imports of
// the app's own module (local) form the last group: without that, goimports would
// file a dotless module path like "blog/routes" with the standard library.
func Render(filePath string, f *jen.File, local string, importPaths ...string) ([]byte, error) {
	for _, p := range importPaths {
		f.ImportName(p, packageName(p))
	}
	var b bytes.Buffer
	if err := f.Render(&b); err != nil {
		return nil, fmt.Errorf("render %s: %w", filePath, err)
	}
	localPrefixMu.Lock()
	imports.LocalPrefix = local
	out, err := imports.Process(filePath, b.Bytes(), &imports.Options{FormatOnly: true, Comments: true, TabIndent: true, TabWidth: 8})
	localPrefixMu.Unlock()
	if err != nil {
		return nil, fmt.Errorf("render %s: %w", filePath, err)
	}
	return out, nil
}

// packageName guesses a package's name from its import path the way Go tooling
// does: the last element, without a major-version suffix or a "go-" prefix.
func packageName(importPath string) string {
	name := path.Base(importPath)
	if strings.HasPrefix(name, "v") && len(name) > 1 && strings.Trim(name[1:], "0123456789") == "" {
		name = path.Base(path.Dir(importPath))
	}
	name = strings.TrimPrefix(name, "go-")
	return strings.NewReplacer("-", "", ".", "").Replace(name)
}
