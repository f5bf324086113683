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
	env := append(os.Environ(), "PATH="+filepath.Dir(alone)+string(os.PathListSeparator)+"/usr/bin:/bin")
	cmd := exec.Command(alone, "serve", "--dir", t.TempDir())
	cmd.Env = env
	out, err := cmd.CombinedOutput()
	for _, want := range []string{"needs kiln-dev", "go install github.com/kilnhq/kiln@", "github.com/kilnhq/kiln/cmd/kiln-dev@"} {
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
