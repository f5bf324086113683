package commands

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
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
// exit code); elsewhere kiln waits for it and returns its exit code as an
// *exitError. So a command calls frontEnd before it changes anything, since
// kiln-dev runs it again from the start. When there is no usable kiln-dev,
// the error is an *errNoFrontEnd: what names the need in it, and instead
// how to do without, if there is a way.
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
	env := append(withoutEnv(os.Environ(), handedOverEnv), handedOverEnv+"="+version())
	err = handOver(path, append([]string{frontEndBinary}, g.args...), env)
	if isExit(err) {
		return nil, err
	}
	return nil, &errNoFrontEnd{what: what, instead: instead, why: fmt.Sprintf("%s: %v", path, err)}
}

// isExit reports whether err is the exit code of a kiln-dev that ran.
func isExit(err error) bool {
	var exit *exitError
	return errors.As(err, &exit)
}

// findFrontEnd looks for a kiln-dev of this kiln's version beside the
// running kiln (symlinks resolved), then on PATH. Each candidate is asked
// its version (`kiln-dev --version --json`, a few milliseconds, paid only
// by commands that are about to hand over): once exec'd, kiln-dev could no
// longer fall back to kiln if it were stale or broken.
func findFrontEnd() (string, error) {
	name := frontEndBinary
	if runtime.GOOS == "windows" {
		name += ".exe"
	}
	var candidates []string
	if self, err := os.Executable(); err == nil {
		if self, err = filepath.EvalSymlinks(self); err == nil {
			candidates = append(candidates, filepath.Join(filepath.Dir(self), name))
		}
	}
	if p, err := exec.LookPath(frontEndBinary); err == nil {
		candidates = append(candidates, p)
	}
	var problems []string
	for _, p := range candidates {
		if _, err := os.Stat(p); err != nil {
			continue
		}
		v, err := binaryVersion(p)
		switch {
		case err != nil:
			problems = append(problems, fmt.Sprintf("%s does not run: %v", p, err))
		case v != version():
			problems = append(problems, fmt.Sprintf("%s is version %s, not kiln's %s", p, v, version()))
		default:
			return p, nil
		}
	}
	if len(problems) == 0 {
		return "", errors.New("not found beside kiln or on PATH")
	}
	return "", errors.New(strings.Join(problems, "; "))
}

// binaryVersion asks a kiln binary its version.
func binaryVersion(path string) (string, error) {
	cmd := exec.Command(path, "--version", "--json")
	cmd.Env = withoutEnv(os.Environ(), handedOverEnv)
	out, err := cmd.Output()
	if err != nil {
		return "", err
	}
	var v struct{ Version string }
	if err := json.Unmarshal(out, &v); err != nil || v.Version == "" {
		return "", fmt.Errorf("unexpected --version output %q", out)
	}
	return v.Version, nil
}

// withoutEnv is env without the variable key.
func withoutEnv(env []string, key string) []string {
	out := env[:0:0]
	for _, kv := range env {
		if !strings.HasPrefix(kv, key+"=") {
			out = append(out, kv)
		}
	}
	return out
}

// errNoFrontEnd is a command's need for kiln-dev where there is no usable one.
type errNoFrontEnd struct{ what, instead, why string }

func (e *errNoFrontEnd) Error() string {
	msg := fmt.Sprintf("%s needs %s, kiln's interactive half (wizards, progress bars, the dev server): %s; install both binaries:\n  %s",
		e.what, frontEndBinary, e.why, installCommand(version()))
	if e.instead != "" {
		msg += "\nor " + e.instead
	}
	return msg
}

// installCommand is the command that installs kiln and kiln-dev at version
// v (as version() prints it): from the module proxy for a release, from the
// checkout otherwise (a build from a checkout has "(devel)" or a
// pseudo-version the proxy may not know).
func installCommand(v string) string {
	const checkout = "go install . ./cmd/kiln-dev   (in the kiln checkout)"
	v, _, _ = strings.Cut(v, " ") // the module version, without the revision
	if v == "(devel)" || isPseudoVersion(v) {
		return checkout
	}
	return "go install github.com/kilnhq/kiln@" + v + " github.com/kilnhq/kiln/cmd/kiln-dev@" + v
}

// isPseudoVersion reports a version like v0.0.0-20261124021502-3a505f5efd83
// (what `go build` in a checkout records): its last part is a 12-digit
// commit hash after a 14-digit timestamp.
func isPseudoVersion(v string) bool {
	parts := strings.Split(strings.TrimSuffix(v, "+dirty"), "-")
	if len(parts) < 3 {
		return false
	}
	hash, stamp := parts[len(parts)-1], parts[len(parts)-2]
	stamp = stamp[strings.LastIndexByte(stamp, '.')+1:]
	return len(hash) == 12 && len(stamp) == 14 && strings.Trim(hash, "0123456789abcdef") == "" && strings.Trim(stamp, "0123456789") == ""
}

// checkHandedOver refuses, in kiln-dev, a command handed over by a kiln of
// another version (kiln checks first; this catches a swap in between), and
// clears the variable so the app and builds kiln-dev starts do not inherit
// it.
func checkHandedOver() error {
	by, ok := os.LookupEnv(handedOverEnv)
	if !ok {
		return nil
	}
	os.Unsetenv(handedOverEnv)
	if by != version() {
		return fmt.Errorf("kiln is %s but %s is %s: install both from the same version:\n  %s", by, frontEndBinary, version(), installCommand(by))
	}
	return nil
}
