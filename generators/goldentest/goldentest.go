// Package goldentest compares generator output with golden files: golden/<case>/
// holds the expected files as <path>.golden. Run `go test ./generators/... -update`
// to rewrite them from the current output, then review the diff like code.
package goldentest

import (
	"errors"
	"flag"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/diff"

	"github.com/kilnhq/kiln/generators/plan"
)

// update is a test flag, registered only in test binaries that import this package.
var update = flag.Bool("update", false, "rewrite golden files from the generators' output")

// Check compares p's files (after gofmt, as plan.Apply would write them) with
// golden/<name>/ at the module root. Paths in skip are left out of the comparison.
func Check(t *testing.T, name string, p plan.Plan, skip ...string) {
	t.Helper()
	dir := filepath.Join(moduleRoot(t), "golden", name)
	got := map[string]string{}
	for _, f := range p.Files {
		if contains(skip, f.Path) {
			continue
		}
		content, err := plan.Render(f)
		if err != nil {
			t.Fatal(err)
		}
		got[f.Path] = string(content)
	}
	if *update {
		write(t, dir, got)
		return
	}
	want := read(t, dir)
	for _, path := range sortedKeys(got) {
		w, ok := want[path]
		if !ok {
			t.Errorf("%s: no golden file %s.golden (run with -update)", path, path)
			continue
		}
		if w != got[path] {
			t.Errorf("%s differs from golden (-want +got):\n%s", path, diff.Diff("want", []byte(w), "got", []byte(got[path])))
		}
	}
	for _, path := range sortedKeys(want) {
		if _, ok := got[path]; !ok {
			t.Errorf("%s.golden: the generator no longer writes %s (run with -update)", path, path)
		}
	}
}

// moduleRoot walks up from the test's directory to kiln's go.mod.
func moduleRoot(t *testing.T) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("no go.mod above the test directory")
		}
		dir = parent
	}
}

func read(t *testing.T, dir string) map[string]string {
	t.Helper()
	files := map[string]string{}
	if _, err := os.Stat(dir); errors.Is(err, fs.ErrNotExist) {
		return files // a new case: every file is reported missing
	}
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".golden") {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, strings.TrimSuffix(path, ".golden"))
		files[filepath.ToSlash(rel)] = string(data)
		return nil
	})
	if err != nil {
		t.Fatalf("read golden files: %v", err)
	}
	return files
}

// write replaces the case's *.golden files, keeping any other files (such as the
// case's input) in place.
func write(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for path := range read(t, dir) {
		if err := os.Remove(filepath.Join(dir, filepath.FromSlash(path)+".golden")); err != nil {
			t.Fatal(err)
		}
	}
	for path, content := range files {
		full := filepath.Join(dir, filepath.FromSlash(path)+".golden")
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}
