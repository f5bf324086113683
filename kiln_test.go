package main

import (
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/kilnhq/kiln/commands"
	"github.com/kilnhq/kiln/frontend"
	"github.com/kilnhq/kiln/internal/pgtest"
)

// TestMain lets scripts run the real kiln CLI as the "kiln" command, in-process
// compiled but in its own process, exactly as a user would — with kiln-dev
// beside it, to which kiln hands `serve` as the installed binaries do.
func TestMain(m *testing.M) {
	testscript.Main(stopsPostgres{m}, map[string]func(){
		"kiln":     func() { os.Exit(commands.Main(os.Args[1:], os.Stdin, os.Stdout, os.Stderr)) },
		"kiln-dev": func() { os.Exit(frontend.Main(os.Args[1:], os.Stdin, os.Stdout, os.Stderr)) },
	})
}

// stopsPostgres stops the throwaway PostgreSQL server, if a script started one,
// after the tests ran, and removes the kiln binary the terminal tests built.
type stopsPostgres struct{ m *testing.M }

func (s stopsPostgres) Run() int {
	code := pgtest.Main(s.m)
	if kilnPath != "" { // built by the pseudo-terminal tests
		os.RemoveAll(filepath.Dir(kilnPath))
	}
	return code
}

// TestScripts runs testdata/script/*.txtar end to end: kiln writes an app, the go
// command builds it against this checkout's runtime/, and the app serves real HTTP.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir:   "testdata/script",
		Setup: setupScriptEnv,
		Cmds: map[string]func(*testscript.TestScript, bool, []string){
			"freeport": cmdFreePort,
			"waithttp": cmdWaitHTTP,
			"pgdb":     cmdPostgresDatabase(t),
			"http":     cmdHTTP,
			"sqldump":  cmdSQLDump,
		},
		Condition:           scriptCondition,
		RequireExplicitExec: true,
		UpdateScripts:       os.Getenv("UPDATE_SCRIPTS") != "",
	})
}

// setupScriptEnv passes the go command's caches and proxy settings into the script,
// so building generated apps reuses what the developer or CI already downloaded, and
// gives the script its own HOME (as root, the go command writes under $HOME).
func setupScriptEnv(env *testscript.Env) error {
	out, err := exec.Command("go", "env", "GOCACHE", "GOMODCACHE", "GOPATH", "GOPROXY", "GOROOT").Output()
	if err != nil {
		return fmt.Errorf("go env: %w", err)
	}
	vals := strings.Split(strings.TrimSpace(string(out)), "\n")
	for i, name := range []string{"GOCACHE", "GOMODCACHE", "GOPATH", "GOPROXY", "GOROOT"} {
		env.Setenv(name, vals[i])
	}
	env.Setenv("HOME", filepath.Join(env.WorkDir, "home"))
	env.Setenv("GOTOOLCHAIN", "local")
	env.Setenv("GOFLAGS", "-buildvcs=false")
	env.Setenv("CI", "true") // kiln must never prompt inside a script
	root, err := os.Getwd()
	if err != nil {
		return err
	}
	env.Setenv("KILN_SRC", root)
	return nil
}

// cmdFreePort sets an environment variable to a free loopback TCP port.
func cmdFreePort(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: freeport VAR")
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	ts.Check(err)
	port := ln.Addr().(*net.TCPAddr).Port
	ts.Check(ln.Close())
	ts.Setenv(args[0], strconv.Itoa(port))
}

// cmdWaitHTTP polls a URL until it answers with the wanted status, for at most 30 s.
func cmdWaitHTTP(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: waithttp URL STATUS")
	}
	want, err := strconv.Atoi(args[1])
	ts.Check(err)
	client := &http.Client{Timeout: 2 * time.Second}
	deadline := time.Now().Add(30 * time.Second)
	last := "no answer"
	for time.Now().Before(deadline) {
		resp, err := client.Get(args[0])
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == want {
				return
			}
			last = resp.Status
		} else {
			last = err.Error()
		}
		time.Sleep(50 * time.Millisecond)
	}
	ts.Fatalf("GET %s: want %d, last answer: %s", args[0], want, last)
}

// cmdPostgresDatabase sets an environment variable to the DSN of a fresh database on
// the throwaway PostgreSQL server (started on first use). Scripts guard it with
// `[!postgres] skip`, see scriptCondition.
func cmdPostgresDatabase(t *testing.T) func(*testscript.TestScript, bool, []string) {
	return func(ts *testscript.TestScript, neg bool, args []string) {
		if neg || len(args) != 1 {
			ts.Fatalf("usage: pgdb VAR")
		}
		dsn, err := pgtest.TryNewDatabase(t)
		ts.Check(err)
		ts.Setenv(args[0], dsn)
	}
}

// scriptCondition adds [postgres]: true when PostgreSQL server binaries exist. Under
// CI their absence is an error, so a PostgreSQL script can never pass by skipping.
func scriptCondition(cond string) (bool, error) {
	if cond != "postgres" {
		return false, fmt.Errorf("unknown condition %q", cond)
	}
	if pgtest.Available() {
		return true, nil
	}
	if os.Getenv("CI") != "" {
		return false, fmt.Errorf("CI is set but PostgreSQL server binaries are missing (install the postgresql package)")
	}
	return false, nil
}

// cmdHTTP sends one request and checks the status: http METHOD URL STATUS [JSON-BODY].
// The response body goes to the command's stdout, for stdout checks, after a
// "Location: …" line when the response has one. A body of @bytes=N sends a JSON
// object N bytes long.
func cmdHTTP(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 3 || len(args) > 4 {
		ts.Fatalf("usage: http METHOD URL STATUS [JSON-BODY]")
	}
	want, err := strconv.Atoi(args[2])
	ts.Check(err)
	var body io.Reader
	if len(args) == 4 {
		body = strings.NewReader(args[3])
		if n, ok := strings.CutPrefix(args[3], "@bytes="); ok {
			size, err := strconv.Atoi(n)
			ts.Check(err)
			body = strings.NewReader(`{"title":"` + strings.Repeat("x", max(size-12, 0)) + `"}`)
		}
	}
	req, err := http.NewRequest(args[0], args[1], body)
	ts.Check(err)
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := (&http.Client{Timeout: 10 * time.Second}).Do(req)
	ts.Check(err)
	defer resp.Body.Close()
	got, err := io.ReadAll(resp.Body)
	ts.Check(err)
	if loc := resp.Header.Get("Location"); loc != "" {
		fmt.Fprintf(ts.Stdout(), "Location: %s\n", loc)
	}
	ts.Stdout().Write(got)
	if resp.StatusCode != want {
		ts.Fatalf("%s %s: status %d, want %d; body: %s", args[0], args[1], resp.StatusCode, want, got)
	}
}
