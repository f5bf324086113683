package frontend

import (
	"bytes"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// run runs kiln-dev in-process, with this front end.
func run(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = Main(args, strings.NewReader(""), &out, &errOut)
	return code, out.String(), errOut.String()
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
