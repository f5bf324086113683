package main

import (
	"bytes"
	"encoding/json"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestWizardDryRunWritesNothing: the name is asked on a terminal, but
// --dry-run still writes nothing, and the printed command keeps --dry-run.
func TestWizardDryRunWritesNothing(t *testing.T) {
	app := newApp(t)
	before := snapshot(t, app)
	tm := startTerminal(t, app, "make", "controller", "--dry-run")
	tm.dialogue(0, ask("Controller name", "Health", enter))
	if code := tm.wait(); code != 0 {
		t.Fatalf("exit %d:\n%s", code, tm.text())
	}
	for _, want := range []string{"dry run: nothing was written", "kiln make controller Health --dry-run -n"} {
		if !strings.Contains(tm.text(), want) {
			t.Errorf("%q missing:\n%s", want, tm.text())
		}
	}
	if after := snapshot(t, app); !maps.EqualFunc(before, after, bytes.Equal) {
		t.Errorf("a dry run wrote %v", slices.Sorted(maps.Keys(changedSince(before, after))))
	}
}

// TestWizardWithStdoutRedirected asks on the terminal (stderr) while stdout
// goes to a file: with --json the file holds exactly one JSON document, no
// escape sequence, and the files are written.
func TestWizardWithStdoutRedirected(t *testing.T) {
	app := newApp(t)
	out, err := os.Create(filepath.Join(t.TempDir(), "out.json"))
	if err != nil {
		t.Fatal(err)
	}
	defer out.Close()
	tm := startTerminalWith(t, app, out, "make", "controller", "--json")
	m := tm.dialogue(0, ask("Controller name", "Health", enter))
	tm.waitFor(m, "The same without questions") // on the terminal, not in the JSON
	if code := tm.wait(); code != 0 {
		t.Fatalf("exit %d:\n%s", code, tm.text())
	}
	b, _ := os.ReadFile(out.Name())
	var res struct{ Created []string }
	if err := json.Unmarshal(b, &res); err != nil || bytes.Contains(b, []byte("\x1b")) {
		t.Fatalf("stdout is not one JSON document (%v):\n%q", err, b)
	}
	if !slices.Equal(res.Created, []string{"app/http/controllers/health_controller.go"}) {
		t.Errorf("created %v", res.Created)
	}
}

// TestWizardForceAsksNoConflictQuestion: --force already says what to do
// with edited files, so the wizard does not ask, and the printed command
// carries --force once.
func TestWizardForceAsksNoConflictQuestion(t *testing.T) {
	app := newApp(t)
	kiln(t, app, "make", "controller", "Health")
	controller := filepath.Join(app, "app/http/controllers/health_controller.go")
	appendTo(t, controller, "// edited\n")
	tm := startTerminal(t, app, "make", "controller", "--force")
	m := tm.dialogue(0, ask("Controller name", "Health", enter))
	tm.waitFor(m, "The same without questions")
	if code := tm.wait(); code != 0 {
		t.Fatalf("exit %d:\n%s", code, tm.text())
	}
	if strings.Contains(tm.text(), "differs from what kiln would write") {
		t.Errorf("asked about a conflict despite --force:\n%s", tm.text())
	}
	if !strings.Contains(tm.text(), "kiln make controller Health --force -n\r\n") {
		t.Errorf("printed command:\n%s", tm.text())
	}
	if b, _ := os.ReadFile(controller); bytes.Contains(b, []byte("// edited")) {
		t.Error("--force did not overwrite")
	}
}

// TestAccessibleCtrlC presses Ctrl-C at a line-based question, where the
// terminal turns it into SIGINT: kiln exits 130 at once, writing nothing.
func TestAccessibleCtrlC(t *testing.T) {
	app := newApp(t)
	t.Setenv("KILN_ACCESSIBLE", "1")
	before := snapshot(t, app)
	tm := startTerminal(t, app, "make", "model")
	m := tm.waitFor(0, "Model name")
	tm.send("Post", enter)
	tm.waitFor(m, "Field name")
	tm.send(ctrlC)
	if code := tm.wait(); code != 130 {
		t.Errorf("exit %d, want 130:\n%s", code, tm.text())
	}
	if after := snapshot(t, app); !maps.EqualFunc(before, after, bytes.Equal) {
		t.Errorf("written after Ctrl-C: %v", slices.Sorted(maps.Keys(changedSince(before, after))))
	}
}

// TestNewWizardChecksAsYouType: kiln new's directory is checked while it is
// typed (a name Go cannot use), and --module, given on the command line, is
// not asked again but is in the printed command.
func TestNewWizardChecksAsYouType(t *testing.T) {
	dir := t.TempDir()
	tm := startTerminal(t, dir, "new", "--module", "example.com/shop", "--db", "sqlite")
	m := tm.waitFor(0, "Directory of the new app")
	tm.send("my shop", enter)
	m = tm.waitFor(m, "invalid app name")
	tm.erase(len("my shop"))
	tm.send("shop", enter)
	tm.waitFor(m, "The same without questions")
	if code := tm.wait(); code != 0 {
		t.Fatalf("exit %d:\n%s", code, tm.text())
	}
	if strings.Contains(tm.text(), "Go module path") || strings.Contains(tm.text(), "Database") {
		t.Errorf("asked for what the flags gave:\n%s", tm.text())
	}
	if !strings.Contains(tm.text(), "kiln new shop --db sqlite --module example.com/shop -n") {
		t.Errorf("printed command:\n%s", tm.text())
	}
	if _, err := os.Stat(filepath.Join(dir, "shop", "go.mod")); err != nil {
		t.Error(err)
	}
}

// TestMigrationNameCheckedAsYouType: a migration name the app already has is
// refused at the question, not after it.
func TestMigrationNameCheckedAsYouType(t *testing.T) {
	app := newApp(t)
	kiln(t, app, "make", "migration", "create_tags_table")
	tm := startTerminal(t, app, "make", "migration")
	m := tm.waitFor(0, "Migration name")
	tm.send("create_tags_table", enter)
	m = tm.waitFor(m, "already exists")
	tm.erase(len("table"))
	tm.send("labels", enter)
	tm.waitFor(m, "kiln make migration create_tags_labels -n")
	if code := tm.wait(); code != 0 {
		t.Fatalf("exit %d:\n%s", code, tm.text())
	}
}
