package devserver

import (
	"go/parser"
	"go/token"
	"path/filepath"
	"strconv"
)

// kilnRuntime is the package a kiln app's main.go hands control to.
const kilnRuntime = "github.com/kilnhq/kiln/runtime/app"

// isKilnApp reports whether the app at root is a kiln app, whose binary serves with
// `serve`, reads ADDR and answers /health/live. Anything else is a plain Go main
// package that only has to listen on $PORT.
func isKilnApp(root string) bool {
	f, err := parser.ParseFile(token.NewFileSet(), filepath.Join(root, "main.go"), nil, parser.ImportsOnly)
	if err != nil {
		return false
	}
	for _, imp := range f.Imports {
		if path, _ := strconv.Unquote(imp.Path.Value); path == kilnRuntime {
			return true
		}
	}
	return false
}
