package main

import (
	"bytes"
	"io"
	"io/fs"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/creack/pty"

	"github.com/kilnhq/kiln/commands"
	"github.com/kilnhq/kiln/frontend"
	"github.com/kilnhq/kiln/generators/goldentest"
	"github.com/kilnhq/kiln/generators/plan"
)

// terminal is kiln running on a real pseudo-terminal, with what it printed.
type terminal struct {
	t    *testing.T
	pty  *os.File
	cmd  *exec.Cmd
	mu   sync.Mutex
	out  bytes.Buffer
	done chan struct{}
}

// ansi matches the escape sequences a terminal UI draws with.
var ansi = regexp.MustCompile(`\x1b\[[0-9;?<>=$ ]*[a-zA-Z~]|\x1b\][^\x07]*\x07|\x1b[=>]`)

func startTerminal(t *testing.T, dir string, args ...string) *terminal {
	t.Helper()
	return startTerminalWith(t, dir, nil, args...)
}

// startTerminalWith is startTerminal with stdout elsewhere (a file, a pipe)
// when it is not nil: stdin and stderr stay on the terminal.
func startTerminalWith(t *testing.T, dir string, stdout *os.File, args ...string) *terminal {
	t.Helper()
	cmd := exec.Command(kilnBinary(t), args...)
	cmd.Dir = dir
	if stdout != nil {
		cmd.Stdout = stdout // pty leaves a stream it is given alone
	}
	cmd.Env = append(withoutCI(os.Environ()), "TERM=xterm-256color", "GOFLAGS=-mod=mod")
	return startTerminalCmd(t, cmd)
}

// startTerminalCmd starts cmd on a new pseudo-terminal of 40×120.
func startTerminalCmd(t *testing.T, cmd *exec.Cmd) *terminal {
	t.Helper()
	f, err := pty.StartWithSize(cmd, &pty.Winsize{Rows: 40, Cols: 120})
	if err != nil {
		t.Fatal(err)
	}
	term := &terminal{t: t, pty: f, cmd: cmd, done: make(chan struct{})}
	go func() {
		defer close(term.done)
		buf := make([]byte, 4096)
		for {
			n, err := f.Read(buf)
			term.mu.Lock()
			term.out.Write(buf[:n])
			term.mu.Unlock()
			if err != nil {
				return
			}
		}
	}()
	t.Cleanup(func() { cmd.Process.Kill(); f.Close() })
	return term
}

// text is everything printed so far, without escape sequences.
func (tm *terminal) text() string {
	tm.mu.Lock()
	defer tm.mu.Unlock()
	return ansi.ReplaceAllString(tm.out.String(), "")
}

// waitFor waits (at most 20 s) until the output since mark contains s, and
// returns the new mark.
func (tm *terminal) waitFor(mark int, s string) int {
	tm.t.Helper()
	// A hang guard, not a timing assertion: db seed builds the app first,
	// which under a loaded CI machine can take tens of seconds.
	deadline := time.Now().Add(90 * time.Second)
	for time.Now().Before(deadline) {
		text := tm.text()
		if i := strings.Index(text[min(mark, len(text)):], s); i >= 0 {
			return mark + i + len(s)
		}
		time.Sleep(20 * time.Millisecond)
	}
	tm.t.Fatalf("no %q on the terminal; it shows:\n%s", s, tm.text()[min(mark, len(tm.text())):])
	return 0
}

// send types keys, one write each, as a person would.
func (tm *terminal) send(keys ...string) {
	for _, k := range keys {
		if _, err := tm.pty.Write([]byte(k)); err != nil {
			tm.t.Fatal(err)
		}
		time.Sleep(30 * time.Millisecond)
	}
}

// erase presses backspace n times.
func (tm *terminal) erase(n int) {
	for range n {
		tm.send("\x7f")
	}
}

// wait waits for kiln to exit and returns its exit code.
func (tm *terminal) wait() int {
	tm.t.Helper()
	err := tm.cmd.Wait()
	<-tm.done
	if exit, ok := err.(*exec.ExitError); ok {
		return exit.ExitCode()
	}
	if err != nil {
		tm.t.Fatal(err)
	}
	return 0
}

// step is one question of a wizard and the keys that answer it.
type step struct {
	prompt string
	keys   []string
}

func ask(prompt string, keys ...string) step { return step{prompt, keys} }

// dialogue answers prompts in order, each once it appears after mark, and
// returns the new mark.
func (tm *terminal) dialogue(mark int, steps ...step) int {
	tm.t.Helper()
	for _, st := range steps {
		mark = tm.waitFor(mark, st.prompt)
		tm.send(st.keys...)
	}
	return mark
}

// postWithTitle starts the model wizard's answers: Post, with title:string.
var postWithTitle = []step{
	ask("Model name", "Post", "\r"), ask("Field name", "title", "\r"),
	ask("Type of title", "\r"), ask("Modifiers", "\r"), ask("Default value", "\r"),
}

const (
	enter = "\r"
	down  = "\x1b[B"
	up    = "\x1b[A"
	space = " "
	ctrlC = "\x03"
)

var (
	kilnOnce sync.Once
	kilnPath string
)

// kilnBinary builds kiln, and kiln-dev beside it, once per test run: the
// tests run kiln as users do, so a wizard or a progress bar goes through the
// hand-over to kiln-dev.
func kilnBinary(t *testing.T) string {
	kilnOnce.Do(func() {
		dir, err := os.MkdirTemp("", "kiln-pty-")
		if err != nil {
			t.Fatal(err)
		}
		kilnPath = filepath.Join(dir, "kiln")
		for _, b := range [][2]string{{kilnPath, "."}, {filepath.Join(dir, "kiln-dev"), "./cmd/kiln-dev"}} {
			if out, err := exec.Command("go", "build", "-o", b[0], b[1]).CombinedOutput(); err != nil {
				t.Fatalf("build %s: %v\n%s", b[1], err, out)
			}
		}
	})
	return kilnPath
}

func withoutCI(env []string) []string { return withoutEnv(env, "CI") }

// withoutEnv is env without the variable key.
func withoutEnv(env []string, key string) []string {
	var out []string
	for _, kv := range env {
		if !strings.HasPrefix(kv, key+"=") {
			out = append(out, kv)
		}
	}
	return out
}

// newApp makes an app non-interactively, as `kiln new` does in CI.
func newApp(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "blog")
	var out bytes.Buffer
	if code := commands.Main([]string{"new", dir, "-n"}, nil, &out, &out); code != 0 {
		t.Fatalf("kiln new: %d\n%s", code, out.String())
	}
	return dir
}

// TestModelWizardOnATerminal answers the make model wizard on a real
// pseudo-terminal — three fields, one a relation to a model chosen from the
// app's, companions picked, one conflict overwritten and one kept — then
// runs the command it prints in a second app without a terminal and checks
// both wrote the same files.
func TestModelWizardOnATerminal(t *testing.T) {
	app := newApp(t)
	kiln(t, app, "make", "model", "User", "name:string")
	kiln(t, app, "make", "model", "Post", "title:string", "-f")
	model, factory := filepath.Join(app, "app/models/post.go"), filepath.Join(app, "database/factories/post_factory.go")
	for _, f := range []string{model, factory} {
		appendTo(t, f, "// edited\n")
	}
	before := snapshot(t, app)
	tm := startTerminal(t, app, "make", "model")
	m := tm.dialogue(0, postWithTitle...) // title: string, the first type
	m = tm.dialogue(m,
		ask("Field name", "views", enter),
		ask("Type of views", down, down, enter),                // int
		ask("Modifiers", down, down, space, enter),             // index
		ask("Default value", "0", enter),                       // default=0
		ask("Field name", "author", enter),                     // a relation
		ask("Type of author", strings.Repeat(down, 12), enter), // belongs_to
		ask("Belongs to", down, down, enter),                   // (from the name), Post, User
		ask("Modifiers", enter),
		ask("On delete", down, down, enter),       // set null…
		ask("needs a nullable column", up, enter), // …is refused on a required column; cascade
		ask("Field name", enter),
		ask("Also generate", space, down, space, down, space, enter), // migration, factory, seeder
		ask("app/models/post.go differs", down, enter),               // overwrite
		ask("database/factories/post_factory.go differs", enter),     // skip: keep my file
	)
	m = tm.waitFor(m, "The same without questions")
	if code := tm.wait(); code != 0 {
		t.Fatalf("exit %d:\n%s", code, tm.text())
	}
	checkSummary(t, "wizard_summary_model", tm.text())
	line := regexp.MustCompile(`kiln make model [^\r\n]*-n`).FindString(tm.text()[m:])
	want := "kiln make model Post title:string views:int:index:default=0 author:belongs_to=users:on_delete=cascade -m -f -s -n"
	if line != want {
		t.Fatalf("equivalent command %q, want %q; terminal:\n%s", line, want, tm.text())
	}
	if b, _ := os.ReadFile(factory); !bytes.HasSuffix(b, []byte("// edited\n")) {
		t.Error("the kept factory was overwritten")
	}
	// The printed command, without a terminal, makes the same files in an
	// app that had the same models: everything the wizard wrote is
	// byte-identical (the kept factory aside).
	other := newApp(t)
	kiln(t, other, "make", "model", "User", "name:string")
	otherBefore := snapshot(t, other)
	kiln(t, other, strings.Fields(line)[1:]...)
	wrote, made := changedSince(before, snapshot(t, app)), changedSince(otherBefore, snapshot(t, other))
	delete(wrote, ".kiln/manifest.json") // records the kept file's hash
	delete(made, ".kiln/manifest.json")
	delete(made, "database/factories/post_factory.go") // the file the wizard kept
	if len(wrote) < 5 || !slices.Equal(slices.Sorted(maps.Keys(wrote)), slices.Sorted(maps.Keys(made))) {
		t.Fatalf("the wizard wrote %v, its command %v", slices.Sorted(maps.Keys(wrote)), slices.Sorted(maps.Keys(made)))
	}
	for path, content := range wrote {
		if !bytes.Equal(content, made[path]) {
			t.Errorf("%s differs between the wizard and its command:\n%s\n---\n%s", path, content, made[path])
		}
	}
}

// kiln runs kiln in app without a terminal and fails the test on an error.
func kiln(t *testing.T, app string, args ...string) {
	t.Helper()
	var out bytes.Buffer
	if code := commands.Main(append(args, "-n", "--dir", app), nil, &out, &out); code != 0 {
		t.Fatalf("kiln %s: exit %d\n%s", strings.Join(args, " "), code, out.String())
	}
}

func appendTo(t *testing.T, file, text string) {
	t.Helper()
	b, err := os.ReadFile(file)
	if err == nil {
		err = os.WriteFile(file, append(b, text...), 0o644)
	}
	if err != nil {
		t.Fatal(err)
	}
}

// snapshot reads every file of an app, by slash path; migrations are keyed
// and compared without their version (a timestamp), which differs between
// two runs a second apart.
func snapshot(t *testing.T, root string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(path)
		rel, _ := filepath.Rel(root, path)
		key := migrationStamp.ReplaceAllString(filepath.ToSlash(rel), "")
		if key != filepath.ToSlash(rel) {
			b = migrationVersion.ReplaceAll(b, []byte("VERSION"))
		}
		files[key] = b
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

var (
	migrationStamp   = regexp.MustCompile(`\d{14}_`)
	migrationVersion = regexp.MustCompile(`\b\d{14}\b`)
)

// changedSince is the files of after that are new or differ from before.
func changedSince(before, after map[string][]byte) map[string][]byte {
	changed := map[string][]byte{}
	for path, b := range after {
		if old, ok := before[path]; !ok || !bytes.Equal(old, b) {
			changed[path] = b
		}
	}
	return changed
}

// TestWizardCtrlCWritesNothing presses Ctrl-C in the middle of the wizard,
// and sends SIGINT to another: either way kiln exits 130 and writes nothing.
func TestWizardCtrlCWritesNothing(t *testing.T) {
	for _, how := range []string{"Ctrl-C", "SIGINT"} {
		t.Run(how, func(t *testing.T) {
			app := newApp(t)
			before := snapshot(t, app)
			tm := startTerminal(t, app, "make", "model")
			m := tm.waitFor(0, "Model name")
			tm.send("Post", enter)
			tm.waitFor(m, "Field name")
			if how == "SIGINT" {
				tm.cmd.Process.Signal(os.Interrupt)
			} else {
				tm.send(ctrlC)
			}
			if code := tm.wait(); code != 130 {
				t.Errorf("exit %d, want 130", code)
			}
			if after := snapshot(t, app); !maps.EqualFunc(before, after, bytes.Equal) {
				t.Errorf("written after %s: %v", how, slices.Sorted(maps.Keys(changedSince(before, after))))
			}
		})
	}
}

// TestWizardSettlesConflictsOneByOne edits two generated files, runs the
// wizard for the same model, looks at one diff, keeps one file and
// overwrites the other.
func TestWizardSettlesConflictsOneByOne(t *testing.T) {
	app := newApp(t)
	kiln(t, app, "make", "model", "Post", "title:string", "-f")
	model, factory := filepath.Join(app, "app/models/post.go"), filepath.Join(app, "database/factories/post_factory.go")
	for _, f := range []string{model, factory} {
		appendTo(t, f, "// edited\n")
	}
	tm := startTerminal(t, app, "make", "model")
	m := tm.dialogue(0, postWithTitle...)
	m = tm.dialogue(m,
		ask("Field name", enter),
		ask("Also generate", down, space, enter),             // factory
		ask("app/models/post.go differs", down, down, enter), // show the diff
		ask("-// edited"),
		ask("app/models/post.go differs", enter),                       // skip: keep my file
		ask("database/factories/post_factory.go differs", down, enter), // overwrite
	)
	tm.waitFor(m, "The same without questions")
	if code := tm.wait(); code != 0 {
		t.Fatalf("exit %d:\n%s", code, tm.text())
	}
	if b, _ := os.ReadFile(model); !bytes.HasSuffix(b, []byte("// edited\n")) {
		t.Error("the skipped model was overwritten")
	}
	if b, _ := os.ReadFile(factory); bytes.Contains(b, []byte("// edited")) {
		t.Error("the factory was not overwritten")
	}
	checkSummary(t, "wizard_summary_conflicts", tm.text())
	if !strings.Contains(tm.text(), "overwrote some and kept others") {
		t.Errorf("the printed command does not say the choice was mixed:\n%s", tm.text())
	}
}

// TestNameWizardOfOtherCommands asks make controller for its name on a
// terminal, validating it live, and prints the equivalent command with the
// flags that were given.
func TestNameWizardOfOtherCommands(t *testing.T) {
	app := newApp(t)
	tm := startTerminal(t, app, "make", "controller", "--resource")
	m := tm.waitFor(0, "Controller name")
	tm.send("../x", enter)
	m = tm.waitFor(m, "invalid")
	tm.erase(len("../x"))
	tm.send("Health", enter)
	m = tm.waitFor(m, "The same without questions")
	if code := tm.wait(); code != 0 {
		t.Fatalf("exit %d:\n%s", code, tm.text())
	}
	if !strings.Contains(tm.text()[m:], "kiln make controller Health --resource -n") {
		t.Errorf("equivalent command missing:\n%s", tm.text())
	}
	if _, err := os.Stat(filepath.Join(app, "app/http/controllers/health_controller.go")); err != nil {
		t.Error(err)
	}
}

// TestAccessibleWizard answers the model wizard in huh's accessible,
// line-based mode (KILN_ACCESSIBLE=1), one line per answer, and checks every
// answer landed in the files.
func TestAccessibleWizard(t *testing.T) {
	app := newApp(t)
	t.Setenv("KILN_ACCESSIBLE", "1")
	tm := startTerminal(t, app, "make", "model")
	m := tm.waitFor(0, "Model name")
	tm.send("Tag", enter)
	m = tm.waitFor(m, "Field name")
	tm.send("label", enter)
	m = tm.waitFor(m, "Type of label")
	tm.send("1", enter) // string
	m = tm.waitFor(m, "Modifiers")
	tm.send("2", enter, "0", enter) // unique, then confirm
	m = tm.waitFor(m, "Default value")
	tm.send(enter) // none
	m = tm.waitFor(m, "Field name")
	tm.send(enter)
	m = tm.waitFor(m, "Also generate")
	tm.send("1", enter, "0", enter) // migration, then confirm
	tm.waitFor(m, "The same without questions")
	if code := tm.wait(); code != 0 {
		t.Fatalf("exit %d:\n%s", code, tm.text())
	}
	if !strings.Contains(tm.text(), "kiln make model Tag label:string:unique -m -n") {
		t.Errorf("equivalent command missing:\n%s", tm.text())
	}
	b, _ := os.ReadFile(filepath.Join(app, "app/models/tag.go"))
	if !bytes.Contains(b, []byte("Label")) {
		t.Errorf("tag.go:\n%s", b)
	}
}

// TestNewWizard creates an app by answering kiln new's questions.
func TestNewWizard(t *testing.T) {
	dir := t.TempDir()
	tm := startTerminal(t, dir, "new")
	m := tm.waitFor(0, "Directory of the new app")
	tm.send("shop", enter)
	m = tm.waitFor(m, "Go module path")
	tm.send("example.com/shop", enter)
	m = tm.waitFor(m, "Database")
	tm.send(down, enter) // PostgreSQL
	tm.waitFor(m, "The same without questions")
	if code := tm.wait(); code != 0 {
		t.Fatalf("exit %d:\n%s", code, tm.text())
	}
	if !strings.Contains(tm.text(), "kiln new shop --db postgres --module example.com/shop -n") {
		t.Errorf("equivalent command missing:\n%s", tm.text())
	}
	b, err := os.ReadFile(filepath.Join(dir, "shop", "go.mod"))
	if err != nil || !bytes.HasPrefix(b, []byte("module example.com/shop\n")) {
		t.Errorf("go.mod: %s %v", b, err)
	}
	if env, _ := os.ReadFile(filepath.Join(dir, "shop", ".env")); !bytes.Contains(env, []byte("DB_DRIVER=postgres")) {
		t.Errorf(".env:\n%s", env)
	}
}

// checkSummary compares the plan summary a wizard printed (ANSI stripped,
// migration timestamps masked) with golden/<name>/summary.txt.golden.
func checkSummary(t *testing.T, name, screen string) {
	t.Helper()
	screen = strings.ReplaceAll(screen, "\r\n", "\n")
	start := strings.Index(screen, "kiln will write:")
	if start < 0 {
		t.Fatalf("no summary on the terminal:\n%s", screen)
	}
	lines := strings.Split(screen[start:], "\n")
	end := 1
	for end < len(lines) && strings.HasPrefix(lines[end], " ") {
		end++ // the list: one indented line per file
	}
	summary := strings.Join(lines[:end], "\n")
	summary = regexp.MustCompile(`\d{14}_`).ReplaceAllString(summary, "YYYYMMDDHHMMSS_")
	var p plan.Plan
	p.Add("summary.txt", []byte(summary+"\n"))
	goldentest.Check(t, name, p)
}

// oneByte hands out its input a byte per Read, as a person typing would:
// huh's accessible prompts read each answer with a fresh scanner, and a
// reader that returns more would let one answer swallow the next.
type oneByte struct{ r *strings.Reader }

func (o oneByte) Read(p []byte) (int, error) {
	if len(p) == 0 {
		return 0, nil
	}
	return o.r.Read(p[:1])
}

// TestAccessibleWizardThroughStdin answers the model wizard's line-based
// prompts on a plain stdin (KILN_ACCESSIBLE=1, no terminal) — fed one byte
// per read, as a person types, and all at once, as a pipe delivers — and
// checks that every answer landed and nothing was drawn in colour.
func TestAccessibleWizardThroughStdin(t *testing.T) {
	t.Setenv("CI", "")
	t.Setenv("KILN_ACCESSIBLE", "1")
	answers := strings.Join([]string{
		"Order",       // model name
		"total",       // field
		"6",           // decimal
		"0",           // no modifiers
		"",            // no default
		"status",      // field
		"12",          // enum
		"open,paid",   // its values
		"0",           // no modifiers
		"open",        // default
		"",            // no more fields
		"1", "2", "0", // migration, factory
	}, "\n") + "\n"
	for name, stdin := range map[string]func() io.Reader{
		"one byte per read": func() io.Reader { return oneByte{strings.NewReader(answers)} },
		"piped":             func() io.Reader { return strings.NewReader(answers) },
	} {
		t.Run(name, func(t *testing.T) {
			app := newApp(t)
			var out bytes.Buffer
			code := frontend.Main([]string{"make", "model", "--dir", app}, stdin(), &out, &out)
			if code != 0 {
				t.Fatalf("exit %d:\n%s", code, out.String())
			}
			want := "kiln make model Order total:decimal status:enum=open,paid:default=open -m -f --dir " + app + " -n"
			if !strings.Contains(out.String(), want) {
				t.Errorf("equivalent command %q missing:\n%s", want, out.String())
			}
			if strings.Contains(out.String(), "\x1b[") {
				t.Errorf("colour escapes without a terminal:\n%q", out.String())
			}
			model, _ := os.ReadFile(filepath.Join(app, "app/models/order.go"))
			for _, want := range []string{"Total     decimal.Decimal", "OrderStatusPaid"} {
				if !bytes.Contains(model, []byte(want)) {
					t.Errorf("order.go lacks %q:\n%s", want, model)
				}
			}
			if _, err := os.Stat(filepath.Join(app, "database/factories/order_factory.go")); err != nil {
				t.Error(err)
			}
		})
	}
}

// TestSeedProgressOnATerminal runs kiln db seed on a real pseudo-terminal:
// a progress bar per seeder with its rate, then the app's summary.
func TestSeedProgressOnATerminal(t *testing.T) {
	app := newApp(t)
	kiln(t, app, "make", "model", "Post", "title:string", "-m", "-f", "-s")
	kiln(t, app, "db", "migrate")
	tm := startTerminal(t, app, "db", "seed", "--faker-seed", "7")
	m := tm.waitFor(0, "PostSeeder")
	tm.waitFor(m, "rows/s")
	if code := tm.wait(); code != 0 {
		t.Fatalf("exit %d:\n%s", code, tm.text())
	}
	// The screen is the raw output without escapes: a redraw may rewrite only
	// the changed end of a line, so the name and the final count need not be
	// next to each other.
	screen := tm.text()
	if !regexp.MustCompile(`(?s)PostSeeder\s+\S+.*10/10 rows.*10 rows in .*faker seed 7`).MatchString(screen) {
		t.Errorf("want the finished bar, then the summary:\n%s", screen)
	}
	if strings.Contains(screen, "DatabaseSeeder ") {
		t.Errorf("a bar for the seeder that only calls others:\n%s", screen)
	}

	// Seeding production asks first, on the terminal, with no bars over the
	// question; no (the default) seeds nothing.
	t.Setenv("APP_ENV", "production")
	tm = startTerminal(t, app, "db", "seed")
	tm.dialogue(0, ask("Seed the production database? [y/N]", enter))
	if code := tm.wait(); code == 0 || !strings.Contains(tm.text(), "cancelled: nothing was seeded") {
		t.Errorf("exit %d:\n%s", code, tm.text())
	}
}
