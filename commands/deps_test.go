package commands

import (
	"os/exec"
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
