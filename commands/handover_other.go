//go:build !unix

package commands

import (
	"errors"
	"os"
	"os/exec"
)

// handOver runs the front end's binary on kiln's streams and ends kiln with
// its exit code, as exec(2) would on Unix. Ctrl-C reaches both processes
// (they share the console); kiln's own handler only cancels its context.
func handOver(path string, argv, env []string) error {
	cmd := exec.Command(path, argv[1:]...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr, cmd.Env = os.Stdin, os.Stdout, os.Stderr, env
	err := cmd.Run()
	var exit *exec.ExitError
	if errors.As(err, &exit) {
		return &exitError{code: exit.ExitCode()}
	}
	if err != nil {
		return err
	}
	return &exitError{code: exitOK}
}
