package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// kiln hands `serve` over to kiln-dev: the dev server's own check of the
// project can only come from kiln-dev, which kiln does not link. (Every
// wizard test goes through the hand-over too.)
func TestKilnHandsServeOverToKilnDev(t *testing.T) {
	out, err := exec.Command(kilnBinary(t), "serve", "--dir", t.TempDir()).CombinedOutput()
	if code := exitCode(err); code != 1 || !strings.Contains(string(out), "has no go.mod: kiln serve runs a Go module") {
		t.Errorf("exit %d:\n%s", code, out)
	}
}

// Without kiln-dev beside kiln or on PATH, a command that needs it fails
// with how to install it, and a command that does not still works.
func TestKilnWithoutKilnDevSaysHowToInstallIt(t *testing.T) {
	alone := filepath.Join(t.TempDir(), "kiln")
	copyFile(t, kilnBinary(t), alone)
	env := append(withoutEnv(os.Environ(), "PATH"), "PATH="+filepath.Dir(alone)+string(os.PathListSeparator)+"/usr/bin:/bin")
	cmd := exec.Command(alone, "serve", "--dir", t.TempDir())
	cmd.Env = env
	out, err := cmd.CombinedOutput()
	for _, want := range []string{"kiln serve needs kiln-dev", "not found beside kiln or on PATH", "go install . ./cmd/kiln-dev"} {
		if exitCode(err) != 1 || !strings.Contains(string(out), want) {
			t.Errorf("exit %d, output lacks %q:\n%s", exitCode(err), want, out)
		}
	}
	cmd = exec.Command(alone, "--version")
	cmd.Env = env
	if out, err := cmd.CombinedOutput(); err != nil || !strings.HasPrefix(string(out), "kiln ") {
		t.Errorf("kiln --version without kiln-dev: %v\n%s", err, out)
	}
}

// kiln-dev refuses a command handed over by a kiln of another version, and
// says how to install matching ones.
func TestKilnDevRefusesAnotherVersion(t *testing.T) {
	cmd := exec.Command(filepath.Join(filepath.Dir(kilnBinary(t)), "kiln-dev"), "--version")
	cmd.Env = append(os.Environ(), "KILN_HANDED_OVER_BY=v0.0.1-other")
	out, err := cmd.CombinedOutput()
	if exitCode(err) != 1 || !strings.Contains(string(out), "kiln is v0.0.1-other but kiln-dev is") || !strings.Contains(string(out), "go install") {
		t.Errorf("exit %d:\n%s", exitCode(err), out)
	}
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	data, err := os.ReadFile(from)
	if err == nil {
		err = os.WriteFile(to, data, 0o755)
	}
	if err != nil {
		t.Fatal(err)
	}
}

// exitCode is a finished command's exit code: 0 without an error, -1 when
// it did not run.
func exitCode(err error) int {
	if err == nil {
		return 0
	}
	if exit, ok := err.(*exec.ExitError); ok {
		return exit.ExitCode()
	}
	return -1
}

// Without kiln-dev, `kiln db seed` on a terminal still seeds, once, with the
// app's plain lines instead of bars.
func TestSeedWithoutKilnDevPrintsPlainLines(t *testing.T) {
	app := newApp(t)
	kiln(t, app, "make", "model", "Post", "title:string", "-m", "-f", "-s")
	kiln(t, app, "db", "migrate")
	alone := filepath.Join(t.TempDir(), "kiln")
	copyFile(t, kilnBinary(t), alone)
	cmd := exec.Command(alone, "db", "seed", "--faker-seed", "7")
	cmd.Dir = app
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Fatal(err)
	}
	// Not the test's PATH: testscript puts its kiln-dev on it.
	path := strings.Join([]string{filepath.Dir(alone), filepath.Dir(goTool), "/usr/bin", "/bin"}, string(os.PathListSeparator))
	for _, dir := range filepath.SplitList(path)[1:] {
		if _, err := os.Stat(filepath.Join(dir, "kiln-dev")); err == nil {
			t.Fatalf("a kiln-dev in %s would make this test meaningless", dir)
		}
	}
	cmd.Env = append(withoutEnv(withoutCI(os.Environ()), "PATH"), "PATH="+path, "TERM=xterm-256color", "GOFLAGS=-mod=mod")
	tm := startTerminalCmd(t, cmd)
	if code := tm.wait(); code != 0 {
		t.Fatalf("exit %d:\n%s", code, tm.text())
	}
	screen := tm.text()
	if n := strings.Count(screen, "10 rows in "); n != 1 || strings.Contains(screen, "10/10 rows") || !strings.Contains(screen, "seeding PostSeeder") {
		t.Errorf("want one plain summary and no bars:\n%s", screen)
	}
}

// A kiln-dev of another version, or one that does not run, is not handed
// anything: kiln says which and why (the serve case), instead of exec'ing
// a front end that would then refuse.
func TestKilnRefusesAStaleOrBrokenKilnDev(t *testing.T) {
	for name, script := range map[string]string{
		"stale":  "#!/bin/sh\necho '{\"version\":\"v0.0.1-old\",\"go\":\"go1.26\"}'\n",
		"broken": "#!/bin/sh\nexit 3\n",
	} {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			alone := filepath.Join(dir, "kiln")
			copyFile(t, kilnBinary(t), alone)
			if err := os.WriteFile(filepath.Join(dir, "kiln-dev"), []byte(script), 0o755); err != nil {
				t.Fatal(err)
			}
			cmd := exec.Command(alone, "serve", "--dir", t.TempDir())
			cmd.Env = append(withoutEnv(os.Environ(), "PATH"), "PATH="+dir+":/usr/bin:/bin")
			out, err := cmd.CombinedOutput()
			want := map[string]string{"stale": "is version v0.0.1-old, not kiln's", "broken": "does not run: exit status 3"}[name]
			if exitCode(err) != 1 || !strings.Contains(string(out), want) || !strings.Contains(string(out), "kiln serve needs kiln-dev") {
				t.Errorf("exit %d, want %q:\n%s", exitCode(err), want, out)
			}
		})
	}
}
