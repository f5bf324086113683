package main

import (
	"os"
	"path/filepath"
	"testing"
)

// TestDepsFileIsCurrent fails when kiln's dependencies changed without regenerating
// the requirements that `kiln new` writes into apps.
func TestDepsFileIsCurrent(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a probe app")
	}
	root, err := filepath.Abs("../../..")
	if err != nil {
		t.Fatal(err)
	}
	want, err := Render(root)
	if err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(filepath.Join(root, "generators", "newapp", "deps_gen.go"))
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != string(want) {
		t.Fatal("generators/newapp/deps_gen.go is stale: run go generate ./generators/newapp")
	}
}
