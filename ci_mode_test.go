package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
)

// makeCommands are every make command with a name (and fields) that works in
// a fresh app, and what it says when the name is missing.
var makeCommands = []struct {
	args    []string
	missing string
}{
	{[]string{"make", "model", "Post", "title:string"}, "missing model name: kiln make model <Name> [field…]"},
	{[]string{"make", "migration", "create_tags_table"}, "missing migration name: kiln make migration <snake_name>"},
	{[]string{"make", "controller", "Post"}, "missing controller name: kiln make controller <Name>"},
	{[]string{"make", "request", "StorePostRequest"}, "missing request name: kiln make request <Name>"},
	{[]string{"make", "resource", "PostResource"}, "missing resource name: kiln make resource <Name>"},
	{[]string{"make", "factory", "Post"}, "missing factory name: kiln make factory <Name>"},
	{[]string{"make", "seeder", "Tag"}, "missing seeder name: kiln make seeder <Name>"},
	{[]string{"make", "scaffold", "Item", "name:string"}, "missing model name: kiln make scaffold <Name>"},
}

// TestCIModeNeverWaits runs every make command as CI would — CI=true, stdin
// closed — without its name: each exits 2 at once with what is missing and
// the usage line, and writes nothing. The one-second deadline is the issue's
// bound on "never blocks": a command that waited for input would be killed.
func TestCIModeNeverWaits(t *testing.T) {
	app := newApp(t)
	before := snapshot(t, app)
	for _, c := range makeCommands {
		code, _, stderr := runCI(t, app, time.Second, c.args[:2]...)
		if code != 2 || !strings.Contains(stderr, c.missing) {
			t.Errorf("kiln %s: exit %d, stderr %q; want exit 2 with %q", strings.Join(c.args[:2], " "), code, stderr, c.missing)
		}
	}
	if after := snapshot(t, app); !maps.EqualFunc(before, after, bytes.Equal) {
		t.Errorf("a command without its name changed the app: %v", slices.Sorted(maps.Keys(changedSince(before, after))))
	}
}

// TestCIModeConflictChangesNothing runs every make command once, edits what
// it wrote, and runs it again in CI mode: each fails, names the conflict, and
// leaves the tree as it was.
func TestCIModeConflictChangesNothing(t *testing.T) {
	app := newApp(t)
	for _, c := range makeCommands {
		code, stdout, stderr := runCI(t, app, hangGuard, slices.Concat(c.args, []string{"--json"})...)
		var res struct{ Created, Updated []string }
		if err := json.Unmarshal([]byte(stdout), &res); code != 0 || err != nil {
			t.Fatalf("kiln %s: exit %d %v\n%s%s", strings.Join(c.args, " "), code, err, stdout, stderr)
		}
		for _, path := range append(res.Created, res.Updated...) {
			appendTo(t, filepath.Join(app, path), "// mine\n")
		}
		before := snapshot(t, app)
		code, _, stderr = runCI(t, app, hangGuard, c.args...)
		if code == 0 || !conflictMessage.MatchString(stderr) {
			t.Errorf("kiln %s over edited files: exit %d, stderr %q", strings.Join(c.args, " "), code, stderr)
		}
		if after := snapshot(t, app); !maps.EqualFunc(before, after, bytes.Equal) {
			t.Errorf("kiln %s changed %v despite the conflict", strings.Join(c.args, " "), slices.Sorted(maps.Keys(changedSince(before, after))))
		}
	}
}

// conflictMessage is how kiln refuses to overwrite edited files (or, for a
// migration, to make a second one of the same name).
var conflictMessage = regexp.MustCompile(`exists? with different content|already exists`)

// hangGuard bounds a command that does real work, on a CI machine that may
// be busy compiling other packages: it only catches a wait for input.
const hangGuard = 30 * time.Second

// runCI runs the kiln binary in app with CI=true, stdin closed and output
// to pipes, killing it after limit; it must draw no ANSI escapes.
func runCI(t *testing.T, app string, limit time.Duration, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	bin := kilnBinary(t)
	ctx, cancel := context.WithTimeout(context.Background(), limit)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, slices.Concat(args, []string{"--dir", app})...)
	cmd.Env = append(withoutCI(os.Environ()), "CI=true", "GOFLAGS=-mod=mod")
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	w.Close() // stdin is closed: a read returns EOF at once
	cmd.Stdin = r
	err = cmd.Run()
	r.Close()
	if ctx.Err() != nil {
		t.Fatalf("kiln %s still running after %s: it waited for input", strings.Join(args, " "), limit)
	}
	if strings.Contains(out.String()+errOut.String(), "\x1b") {
		t.Errorf("kiln %s drew ANSI escapes without a terminal:\n%q", strings.Join(args, " "), out.String()+errOut.String())
	}
	var exit *exec.ExitError
	if errors.As(err, &exit) {
		return exit.ExitCode(), out.String(), errOut.String()
	}
	if err != nil {
		t.Fatal(err)
	}
	return 0, out.String(), errOut.String()
}
