// Package templates holds kiln's text/template stubs for the non-Go files it generates
// (go.mod, .env, README …). Go source is built with jennifer instead, so it is always
// syntactically valid; these stubs are embedded so the kiln binary is self-contained.
package templates

import (
	"bytes"
	"embed"
	"fmt"
	"path"
	"text/template"
)

//go:embed app
var files embed.FS

// Render executes the embedded stub at name (e.g. "app/env.tmpl") with data.
// Templates are parsed per call: kiln renders a handful per run, and parsing lazily
// keeps every other command's start-up free of the cost.
func Render(name string, data any) ([]byte, error) {
	t, err := template.New(name).Option("missingkey=error").ParseFS(files, name)
	if err != nil {
		return nil, fmt.Errorf("parse stub %s: %w", name, err)
	}
	var b bytes.Buffer
	if err := t.ExecuteTemplate(&b, path.Base(name), data); err != nil {
		return nil, fmt.Errorf("render stub %s: %w", name, err)
	}
	return b.Bytes(), nil
}
