package commands

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/spf13/cobra"

	"github.com/kilnhq/kiln/generators/plan"
)

// run calls Main in-process with captured output; stdin is not a terminal.
func run(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = Main(args, strings.NewReader(""), &out, &errOut)
	return code, out.String(), errOut.String()
}

func TestExitCodes(t *testing.T) {
	dir := t.TempDir()
	busy := filepath.Join(dir, "busy")
	if err := os.MkdirAll(busy, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(busy, "x"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		args   []string
		code   int
		stderr string
	}{
		{[]string{"--version"}, 0, ""},
		{[]string{"help"}, 0, ""},
		{[]string{"nope"}, 2, `unknown command "nope"`},
		{[]string{"new"}, 2, "missing directory: kiln new <dir>"},
		{[]string{"new", "a", "b"}, 2, `unexpected argument "b"`},
		{[]string{"new", "x", "--bogus"}, 2, "unknown flag: --bogus"},
		{[]string{"new", filepath.Join(dir, "x"), "--db", "mysql"}, 2, `invalid database "mysql"`},
		{[]string{"new", filepath.Join(dir, "x"), "--module", "a b"}, 2, `invalid module path "a b"`},
		{[]string{"new", filepath.Join(dir, "x"), "--kiln-path", dir}, 2, "invalid --kiln-path"},
		{[]string{"new", busy}, 1, "is not empty"},
	}
	for _, c := range cases {
		code, _, stderr := run(t, c.args...)
		if code != c.code || !strings.Contains(stderr, c.stderr) {
			t.Errorf("kiln %s: exit %d, stderr %q; want exit %d with %q", strings.Join(c.args, " "), code, stderr, c.code, c.stderr)
		}
		if code == 2 && !strings.Contains(stderr, "--help' for usage") {
			t.Errorf("kiln %s: usage error without a pointer to --help: %q", strings.Join(c.args, " "), stderr)
		}
	}
	// A name that is only the kind's suffix is bad input too, in every make command.
	app := filepath.Join(dir, "app")
	if code, _, stderr := run(t, "new", app, "-n"); code != 0 {
		t.Fatalf("kiln new: %d %s", code, stderr)
	}
	for _, args := range [][]string{{"make", "seeder", "Database"}, {"make", "factory", "Factory"},
		{"make", "controller", "Controller"}, {"make", "resource", "Resource"}} {
		if code, _, stderr := run(t, append(args, "--dir", app, "-n")...); code != 2 || !strings.Contains(stderr, "invalid ") {
			t.Errorf("kiln %s: exit %d, stderr %q; want exit 2", strings.Join(args, " "), code, stderr)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "x")); !os.IsNotExist(err) {
		t.Errorf("a rejected kiln new created its directory: %v", err)
	}
	// A factory of a model that does not exist would break the app's build.
	code, _, stderr := run(t, "make", "factory", "Tag", "--dir", app, "-n")
	if code != 2 || !strings.Contains(stderr, "no model Tag in app/models") {
		t.Errorf("make factory of no model: exit %d, stderr %q", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(app, "database/factories/tag_factory.go")); !os.IsNotExist(err) {
		t.Errorf("make factory of no model wrote its file: %v", err)
	}
	// A model written by hand gets an empty definition to fill in.
	os.WriteFile(filepath.Join(app, "app/models/tag.go"), []byte("package models\n\ntype Tag struct{ ID int64 }\n"), 0o644)
	if code, _, stderr := run(t, "make", "factory", "Tag", "--dir", app, "-n"); code != 0 {
		t.Errorf("make factory of a hand-written model: exit %d, stderr %q", code, stderr)
	}
}

func TestVersion(t *testing.T) {
	code, out, _ := run(t, "--version")
	if code != 0 || !strings.HasPrefix(out, "kiln ") {
		t.Errorf("kiln --version = %d %q", code, out)
	}
	code, out, _ = run(t, "--version", "--json")
	var v struct{ Version, Go string }
	if code != 0 || json.Unmarshal([]byte(out), &v) != nil || v.Version == "" || !strings.HasPrefix(v.Go, "go") {
		t.Errorf("kiln --version --json = %d %q", code, out)
	}
}

func TestNewCreatesAppAndReportsJSON(t *testing.T) {
	target := filepath.Join(t.TempDir(), "blog")
	code, out, stderr := run(t, "new", target, "--json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.HasPrefix(out, `{"created":[".env",`) || !strings.Contains(out, `"conflicts":[]`) {
		t.Errorf("json = %s", out)
	}
	if _, err := os.Stat(filepath.Join(target, "main.go")); err != nil {
		t.Error(err)
	}
	if err := os.WriteFile(filepath.Join(target, "main.go"), []byte("package main\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, stderr = run(t, "new", target, "--dry-run", "--force")
	if code != 0 || !strings.Contains(out, "update  main.go") || !strings.Contains(out, "+// Command blog is a kiln app") {
		t.Errorf("dry-run --force: exit %d, out %q, stderr %q", code, out, stderr)
	}
}

func TestExpandColonForm(t *testing.T) {
	root := &cobra.Command{Use: "kiln"}
	root.PersistentFlags().String("dir", "", "")
	root.PersistentFlags().BoolP("no-interaction", "n", false, "")
	mk := &cobra.Command{Use: "make"}
	mk.AddCommand(&cobra.Command{Use: "model", Run: func(*cobra.Command, []string) {}})
	db := &cobra.Command{Use: "db"}
	db.AddCommand(&cobra.Command{Use: "seed", Run: func(*cobra.Command, []string) {}})
	root.AddCommand(mk, db)
	cases := []struct{ in, want string }{
		{"make:model Post", "make model Post"},
		{"db:seed", "db seed"},
		{"-n make:model Post title:string", "-n make model Post title:string"},
		{"--dir app make:model Post", "--dir app make model Post"},
		{"--dir=app db:seed", "--dir=app db seed"},
		{"make model Post db:string", "make model Post db:string"}, // only the first positional
		{"make:nothing", "make nothing"},                           // the group reports the unknown subcommand
		{"nothing:x", "nothing:x"},                                 // not a command: left for cobra to reject
		{"title:string", "title:string"},
		{"-- make:model", "-- make:model"},
	}
	for _, c := range cases {
		got := strings.Join(expandColonForm(root, strings.Fields(c.in)), " ")
		if got != c.want {
			t.Errorf("expandColonForm(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestInteractiveOnlyOnATerminalOutsideCI(t *testing.T) {
	t.Setenv("CI", "")
	tty := func(any) bool { return true }
	if !(&globals{isTTY: tty}).interactive() {
		t.Fatal("a terminal outside CI should be interactive")
	}
	if (&globals{isTTY: func(any) bool { return false }}).interactive() {
		t.Error("a non-terminal stdin must not be interactive")
	}
	if (&globals{isTTY: tty, noInteraction: true}).interactive() {
		t.Error("-n must not be interactive")
	}
	t.Setenv("CI", "true")
	if (&globals{isTTY: tty}).interactive() {
		t.Error("CI must not be interactive")
	}
}

func TestColorOnlyOnATerminalWithoutNoColor(t *testing.T) {
	t.Setenv("NO_COLOR", "")
	tty := func(any) bool { return true }
	if !(&globals{isTTY: tty}).color() {
		t.Fatal("a terminal should get colors")
	}
	for name, g := range map[string]*globals{
		"--no-color": {isTTY: tty, noColor: true},
		"--json":     {isTTY: tty, json: true},
		"no tty":     {isTTY: func(any) bool { return false }},
	} {
		if g.color() {
			t.Errorf("%s: colors on", name)
		}
	}
	t.Setenv("NO_COLOR", "1")
	if (&globals{isTTY: tty}).color() {
		t.Error("NO_COLOR set but colors on")
	}
}

func TestProjectRootFindsNearestGoMod(t *testing.T) {
	root := t.TempDir()
	deep := filepath.Join(root, "a", "b")
	if err := os.MkdirAll(deep, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(root, "go.mod"), []byte("module x\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Chdir(deep)
	got, err := (&globals{}).projectRoot()
	if err != nil {
		t.Fatal(err)
	}
	want, _ := filepath.EvalSymlinks(root)
	if g, _ := filepath.EvalSymlinks(got); g != want {
		t.Errorf("projectRoot = %q, want %q", got, want)
	}
}

// A dry run that finds conflicts must fail like the real run would, so a CI check
// with --dry-run catches them; with --force it passes.
func TestReportFailsDryRunWithConflicts(t *testing.T) {
	res := plan.Result{Conflicts: []string{"main.go"}, DryRun: true}
	var out bytes.Buffer
	err := report(&globals{dryRun: true, stdout: &out}, res, nil)
	var conflict *plan.ConflictError
	if !errors.As(err, &conflict) || conflict.Paths[0] != "main.go" {
		t.Errorf("err = %v, want a conflict naming main.go", err)
	}
	if err := report(&globals{dryRun: true, force: true, stdout: &out}, res, nil); err != nil {
		t.Errorf("with --force: %v", err)
	}
}
