package commands

import (
	"os/exec"
	"slices"
	"strings"
	"testing"
)

// TestCLIDoesNotLinkTheRuntime keeps kiln's start-up light: the database
// drivers, go-faker and the app runtime belong to generated apps (kiln uses
// only the pure naming and DDL packages), and their
// package initialisers would run on every kiln command (go-faker's alone
// took 3.7 ms when runtime/seed was imported by mistake).
func TestCLIDoesNotLinkTheRuntime(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", "github.com/kilnhq/kiln").Output()
	if err != nil {
		t.Fatal(err)
	}
	for _, pkg := range strings.Fields(string(out)) {
		for _, banned := range []string{"github.com/kilnhq/kiln/runtime/db", "github.com/kilnhq/kiln/runtime/seed",
			"github.com/kilnhq/kiln/runtime/factory", "github.com/kilnhq/kiln/runtime/app", "modernc.org/sqlite",
			"github.com/jackc/pgx", "github.com/go-faker/faker"} {
			if pkg == banned || strings.HasPrefix(pkg, banned+"/") {
				t.Errorf("kiln links %s", pkg)
			}
		}
	}
}

// TestKilnDoesNotLinkTheFrontEnd keeps the kiln binary free of what only
// kiln-dev needs (see FrontEnd): huh and the Bubble Tea stack, the dev
// server and net/http under it. Linked in, their initialisers and pages cost
// every kiln command about 6 ms of start-up (kiln --version: 16 ms, 10 ms
// without them, on the team's VM).
func TestKilnDoesNotLinkTheFrontEnd(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", "github.com/kilnhq/kiln").Output()
	if err != nil {
		t.Fatal(err)
	}
	for _, pkg := range strings.Fields(string(out)) {
		for _, banned := range []string{"charm.land", "github.com/charmbracelet", "github.com/fsnotify",
			"github.com/kilnhq/kiln/frontend", "net/http", "html/template", "crypto/tls"} {
			if pkg == banned || strings.HasPrefix(pkg, banned+"/") {
				t.Errorf("kiln links %s", pkg)
			}
		}
		if pkg == "github.com/kilnhq/kiln/devserver" {
			t.Errorf("kiln links %s (only devserver/devconfig belongs in kiln)", pkg)
		}
	}
}

// TestOnlyTheKilnBinaryImportsColdstart: coldstart's initialiser turns memory
// profiling off and populates heap memory, which suits the kiln process
// alone; a package importing it would do that to every test binary and
// program that links the package (kiln-dev, the generated apps' tests).
func TestOnlyTheKilnBinaryImportsColdstart(t *testing.T) {
	const kiln, coldstart = "github.com/kilnhq/kiln", "github.com/kilnhq/kiln/internal/coldstart"
	out, err := exec.Command("go", "list", "-test", "-f", `{{.ImportPath}}|{{join .Imports " "}}`, kiln+"/...").Output()
	if err != nil {
		t.Fatal(err)
	}
	importers := 0
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		pkg, imports, _ := strings.Cut(line, "|")
		if !slices.Contains(strings.Fields(imports), coldstart) {
			continue
		}
		importers++
		// "X [X.test]" is X compiled for its tests, "X.test" their main.
		name, _, _ := strings.Cut(strings.TrimSuffix(pkg, ".test"), " ")
		if name != kiln && name != coldstart {
			t.Errorf("%s imports %s; only the kiln binary's main package may", pkg, coldstart)
		}
	}
	if importers == 0 {
		t.Errorf("the kiln binary does not import %s", coldstart)
	}
}
