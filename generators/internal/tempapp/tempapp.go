// Package tempapp builds throwaway app modules for the generators' compile
// tests: a go.mod that requires this checkout of kiln through a replace
// directive, its go.sum, generated files, and the go command run offline.
// Only tests import it.
package tempapp

import (
	"bufio"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kilnhq/kiln/generators/plan"
)

// kilnModule is the module path of this checkout.
const kilnModule = "github.com/kilnhq/kiln"

// goEnv keeps the go command offline and on the local toolchain, resolving
// kiln from the checkout and everything else from the module cache.
var goEnv = []string{"GOFLAGS=-mod=mod", "GOPROXY=off", "GOWORK=off", "GOTOOLCHAIN=local"}

// App is a temporary module in a test's temporary directory.
type App struct {
	t   testing.TB
	Dir string // the module's root directory
}

// New creates a module named module that requires this checkout of kiln,
// with the checkout's go.sum.
func New(t testing.TB, module string) *App {
	t.Helper()
	root := KilnRoot(t)
	sum, err := os.ReadFile(filepath.Join(root, "go.sum"))
	if err != nil {
		t.Fatal(err)
	}
	a := &App{t: t, Dir: t.TempDir()}
	a.Write("go.mod", "module "+module+"\n\ngo 1.26.0\n\nrequire "+kilnModule+" v0.0.0\n\nreplace "+kilnModule+" => "+root+"\n")
	a.Write("go.sum", string(sum))
	return a
}

// Write writes content to the slash-separated path under the module,
// creating its directories.
func (a *App) Write(path, content string) {
	a.t.Helper()
	full := filepath.Join(a.Dir, filepath.FromSlash(path))
	if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
		a.t.Fatal(err)
	}
	if err := os.WriteFile(full, []byte(content), 0o644); err != nil {
		a.t.Fatal(err)
	}
}

// WritePlan writes every file of p at its path; it ignores p's edits.
func (a *App) WritePlan(p plan.Plan) {
	a.t.Helper()
	for _, f := range p.Files {
		a.Write(f.Path, string(f.Content))
	}
}

// Go runs the go command with args in the module, offline, and returns its
// combined output; it fails the test with that output if the command fails.
func (a *App) Go(args ...string) []byte {
	a.t.Helper()
	cmd := exec.Command("go", args...)
	cmd.Dir = a.Dir
	cmd.Env = append(os.Environ(), goEnv...)
	out, err := cmd.CombinedOutput()
	if err != nil {
		a.t.Fatalf("go %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return out
}

// KilnRoot is the absolute path of this checkout: the nearest directory,
// from the working directory up, whose go.mod declares the kiln module.
func KilnRoot(t testing.TB) string {
	t.Helper()
	dir, err := filepath.Abs(".")
	if err != nil {
		t.Fatal(err)
	}
	for {
		if isKilnModule(filepath.Join(dir, "go.mod")) {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatalf("kiln checkout not found above the working directory")
		}
		dir = parent
	}
}

// isKilnModule reports whether the go.mod at path declares the kiln module.
func isKilnModule(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	s := bufio.NewScanner(f)
	for s.Scan() {
		if fields := strings.Fields(s.Text()); len(fields) == 2 && fields[0] == "module" {
			return strings.Trim(fields[1], `"`) == kilnModule
		}
	}
	return false
}
