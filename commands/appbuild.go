package commands

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"

	"github.com/kilnhq/kiln/devserver/devconfig"
)

// appBinary is where kiln builds the app for commands that run app code
// (migrations, seeders): inside .kiln/, which the app's .gitignore excludes.
const appBinary = ".kiln/bin/app"

// buildApp compiles the app with `go build`, reusing the Go build cache, so user code
// (Go migrations, seeders) runs exactly as the app binary would run it; without
// debug info or a VCS stamp, like the dev server's builds, because the user waits
// for it (devconfig.DevBuildFlags). The compiler's output is returned in the
// error, so a broken build says what to fix.
func buildApp(ctx context.Context, proj project) (string, error) {
	out := filepath.Join(proj.root, filepath.FromSlash(appBinary))
	args := slices.Concat([]string{"build"}, devconfig.DevBuildFlags(), []string{"-o", out, "."})
	cmd := exec.CommandContext(ctx, "go", args...)
	cmd.Dir = proj.root
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		if errors.Is(err, exec.ErrNotFound) {
			return "", fmt.Errorf("build the app: the go command is not installed or not in PATH")
		}
		return "", fmt.Errorf("build the app (go build): %v\n%s", err, strings.TrimSpace(stderr.String()))
	}
	return out, nil
}

// runApp builds the app and runs it with args in the project root, connected to
// kiln's own streams. A non-zero exit is passed on as kiln's exit code.
func runApp(ctx context.Context, g *globals, proj project, args ...string) error {
	cmd, err := appCommand(ctx, g, proj, args...)
	if err != nil {
		return err
	}
	return appExit(cmd.Run())
}

// appCommand builds the app and returns it ready to run with args in the
// project root, on kiln's streams (a caller may take stdout for itself).
func appCommand(ctx context.Context, g *globals, proj project, args ...string) (*exec.Cmd, error) {
	bin, err := buildApp(ctx, proj)
	if err != nil {
		return nil, err
	}
	cmd := exec.CommandContext(ctx, bin, args...)
	cmd.Dir = proj.root
	cmd.Stdin, cmd.Stdout, cmd.Stderr = g.stdin, g.stdout, g.stderr
	cmd.Env = os.Environ()
	return cmd, nil
}

// appExit turns the app's exit into kiln's: its exit code passes through
// (its own message is already printed), anything else is an error.
func appExit(err error) error {
	if err == nil {
		return nil
	}
	var exit *exec.ExitError
	if errors.As(err, &exit) && exit.ExitCode() > 0 {
		return &exitError{code: exit.ExitCode()}
	}
	return fmt.Errorf("run the app: %w", err)
}
