package commands

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/debug"
)

// frontEndBinary is the binary with kiln's front end (see FrontEnd),
// installed beside kiln.
const frontEndBinary = "kiln-dev"

// handedOverEnv carries the version of the kiln that handed a command over;
// kiln-dev refuses a command from another build, whose flags could differ.
const handedOverEnv = "KILN_HANDED_OVER_BY"

// frontEnd returns the front end. The kiln binary has none: there it hands
// the whole command line over to kiln-dev and returns only if that failed —
// on Unix kiln-dev replaces this process (same pid, terminal, signals and
// exit code); elsewhere kiln waits for it and ends with its exit code. So a
// command calls frontEnd before it changes anything, since kiln-dev runs it
// again from the start. what names the need in the error when kiln-dev is
// missing (an errNoFrontEnd), and instead how to do without it, if there is
// a way.
func (g *globals) frontEnd(what, instead string) (FrontEnd, error) {
	if g.fe != nil {
		return g.fe, nil
	}
	if g.stdin != os.Stdin || g.stdout != os.Stdout || g.stderr != os.Stderr {
		return nil, &errNoFrontEnd{what: what, why: "an in-process run without a front end cannot hand over its streams"}
	}
	path, err := findFrontEnd()
	if err != nil {
		return nil, &errNoFrontEnd{what: what, instead: instead, why: err.Error()}
	}
	env := append(os.Environ(), handedOverEnv+"="+version())
	return nil, handOver(path, append([]string{frontEndBinary}, g.args...), env)
}

// findFrontEnd looks for kiln-dev beside the running kiln (symlinks
// resolved), then on PATH.
func findFrontEnd() (string, error) {
	name := frontEndBinary
	if runtime.GOOS == "windows" {
		name += ".exe"
	}
	if self, err := os.Executable(); err == nil {
		if self, err = filepath.EvalSymlinks(self); err == nil {
			p := filepath.Join(filepath.Dir(self), name)
			if _, err := os.Stat(p); err == nil {
				return p, nil
			}
		}
	}
	if p, err := exec.LookPath(frontEndBinary); err == nil {
		return p, nil
	}
	return "", errors.New("not found beside kiln or on PATH")
}

// errNoFrontEnd is a command's need for kiln-dev where there is none.
type errNoFrontEnd struct{ what, instead, why string }

func (e *errNoFrontEnd) Error() string {
	msg := fmt.Sprintf("%s needs %s, kiln's interactive half (wizards, progress bars, the dev server): %s; install both binaries:\n  %s",
		e.what, frontEndBinary, e.why, installCommand())
	if e.instead != "" {
		msg += "\nor " + e.instead
	}
	return msg
}

// installCommand is the command that installs both binaries at this one's
// version.
func installCommand() string {
	v := "latest"
	if info, ok := debug.ReadBuildInfo(); ok && info.Main.Version != "" && info.Main.Version != "(devel)" {
		v = info.Main.Version
	}
	return "go install github.com/kilnhq/kiln@" + v + " github.com/kilnhq/kiln/cmd/kiln-dev@" + v +
		"   (from a checkout: go install . ./cmd/kiln-dev)"
}

// checkHandedOver refuses, in kiln-dev, a command handed over by a kiln of
// another version, and clears the variable so the app and builds kiln-dev
// starts do not inherit it.
func checkHandedOver() error {
	by, ok := os.LookupEnv(handedOverEnv)
	if !ok {
		return nil
	}
	os.Unsetenv(handedOverEnv)
	if by != version() {
		return fmt.Errorf("kiln is %s but %s is %s: install both from the same version:\n  %s", by, frontEndBinary, version(), installCommand())
	}
	return nil
}
