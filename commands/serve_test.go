package commands

import (
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestServeUsageErrors(t *testing.T) {
	cases := []struct {
		args   []string
		stderr string
	}{
		{[]string{"serve", "extra"}, `unexpected argument "extra": put the app's arguments after --`},
		{[]string{"serve", "--port", "0"}, "invalid --port 0"},
		{[]string{"serve", "--debounce", "-1s"}, "invalid --debounce -1s"},
		{[]string{"serve", "--grace", "0s"}, "invalid --grace 0s"},
		{[]string{"serve", "--also", "css"}, `invalid --also "css": use name=command`},
		{[]string{"serve", "--also", "a b=x"}, `invalid --also name "a b"`},
		{[]string{"serve", "--also", "app=x"}, `invalid --also name "app": already used`},
		{[]string{"serve", "--also", "x=a", "--also", "x=b"}, `invalid --also name "x": already used`},
		{[]string{"serve", "--dry-run"}, "kiln serve has no --dry-run"},
		{[]string{"dev"}, "kiln dev has one command: kiln dev serve"},
		{[]string{"dev", "run"}, "kiln dev has one command: kiln dev serve"},
		{[]string{"dev", "serve", "x"}, `unexpected argument "x"`},
	}
	for _, c := range cases {
		code, _, stderr := run(t, c.args...)
		if code != 2 || !strings.Contains(stderr, c.stderr) {
			t.Errorf("kiln %s: exit %d, stderr %q; want exit 2 with %q", strings.Join(c.args, " "), code, stderr, c.stderr)
		}
	}
}

// `kiln dev serve` and `kiln dev:serve` are kiln serve: they get as far as looking
// for the app, and fail the same way where there is none.
func TestDevServeIsServe(t *testing.T) {
	empty := t.TempDir()
	for _, args := range [][]string{
		{"serve", "--dir", empty},
		{"dev", "serve", "--dir", empty},
		{"--dir", empty, "dev:serve"},
		{"dev", "serve", "--dir", empty, "--", "--app-flag"},
	} {
		code, _, stderr := run(t, args...)
		if code != 1 || !strings.Contains(stderr, "has no go.mod") {
			t.Errorf("kiln %s: exit %d, stderr %q", strings.Join(args, " "), code, stderr)
		}
	}
}

func TestServeHelpDocumentsThePortContract(t *testing.T) {
	code, out, _ := run(t, "serve", "--help")
	for _, want := range []string{"$PORT", "/health/live", "--debounce duration", "(default 50ms)",
		"--port int", "(default 8000)", "(default \"127.0.0.1\")", "kiln dev serve", "Aliases:"} {
		if code != 0 || !strings.Contains(out, want) {
			t.Errorf("kiln serve --help lacks %q", want)
		}
	}
}

// Without --watch, a build failure ends kiln serve with the compiler's error.
func TestServeWithoutWatchFailsOnABrokenBuild(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("go.mod", "module broken\n\ngo 1.21\n")
	write("main.go", "package main\n\nfunc main() { undefinedThing() }\n")
	code, out, stderr := run(t, "serve", "--dir", dir, "--port", fmt.Sprint(freePort(t)))
	if code != 1 || !strings.Contains(stderr, "build failed") || !strings.Contains(out, "./main.go:3:") {
		t.Errorf("exit %d\nstdout: %s\nstderr: %s", code, out, stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, ".kiln", "serve", "pids")); !os.IsNotExist(err) {
		t.Errorf("pid file left behind: %v", err)
	}
}

func freePort(t *testing.T) int {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port
}
