// Package commands is kiln's command line: one file per command, each building its
// *cobra.Command from a local options struct. Main is the only entry point, and
// nothing below it exits the process.
package commands

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime"
	"slices"
	"strings"
)

// Exit codes.
const (
	exitOK      = 0
	exitFailure = 1
	exitUsage   = 2
	// exitInterrupted is the shell's code for a process ended by SIGINT
	// (128+2): Ctrl-C in a wizard, or a signal while kiln worked.
	exitInterrupted = 130
)

// Main runs kiln with args (without the program name) and returns the exit
// code. It has no front end: a command that needs one is handed over to
// kiln-dev (see FrontEnd).
func Main(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	return MainWithFrontEnd(nil, args, stdin, stdout, stderr)
}

// MainWithFrontEnd is Main with a front end: kiln-dev's entry point.
func MainWithFrontEnd(fe FrontEnd, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	return runKiln(fe, args, stdin, stdout, stderr, false)
}

// Exit runs kiln like Main, with the process's standard streams, and ends
// the process with the exit code: the kiln binary's entry point. Knowing the
// process ends with the run, a command writing a plan may ignore SIGINT and
// SIGTERM for the milliseconds of the write instead of installing a handler
// (see writePlan).
func Exit(args []string) {
	os.Exit(runKiln(nil, args, os.Stdin, os.Stdout, os.Stderr, true))
}

// runKiln is Main; exiting says the process ends right after.
func runKiln(fe FrontEnd, args []string, stdin io.Reader, stdout, stderr io.Writer, exiting bool) int {
	if fe != nil {
		if err := checkHandedOver(); err != nil {
			fmt.Fprintf(stderr, "kiln: %v\n", err)
			return exitFailure
		}
	}
	if asJSON, ok := versionRequest(args); ok {
		// Answered before the command tree is built: scripts and shell prompts ask
		// for the version often, and on a VM every page of code touched costs time.
		if asJSON {
			fmt.Fprintf(stdout, "{\"version\":%q,\"go\":%q}\n", version(), runtime.Version())
		} else {
			fmt.Fprintf(stdout, "kiln %s\n", version())
		}
		return exitOK
	}
	ctx := newInterruptContext(exiting)
	defer ctx.stop()
	g := &globals{stdin: stdin, stdout: stdout, stderr: stderr, fe: fe, args: args}
	root := newRootCmd(g)
	root.SetArgs(expandColonForm(root, args))
	root.SetIn(stdin)
	root.SetOut(stdout)
	root.SetErr(stderr)
	err := root.ExecuteContext(ctx)
	if err == nil {
		return exitOK
	}
	if ctx.Err() != nil && errors.Is(err, context.Canceled) {
		fmt.Fprintln(stderr, "kiln: interrupted") // what was being written was rolled back
		return exitInterrupted
	}
	code := exitCode(err)
	var exit *exitError
	if errors.As(err, &exit) {
		return exit.code // the app printed its own error
	}
	fmt.Fprintf(stderr, "kiln: %v\n", err)
	if code == exitUsage {
		cmd, _, findErr := root.Find(expandColonForm(root, args))
		if findErr != nil || cmd == nil {
			cmd = root
		}
		fmt.Fprintf(stderr, "Run '%s --help' for usage.\n", cmd.CommandPath())
	}
	return code
}

// exitCode maps an error to kiln's exit codes: 2 for bad input, 1 otherwise.
func exitCode(err error) int {
	var usage *usageError
	switch {
	case errors.As(err, &usage):
		return exitUsage
	case strings.HasPrefix(err.Error(), "unknown command"):
		return exitUsage // cobra's own usage error, which it does not type
	}
	return exitFailure
}

// versionRequest reports whether args ask only for the version (--version or
// -v, with or without --json), and whether as JSON.
func versionRequest(args []string) (asJSON, ok bool) {
	switch {
	case len(args) == 1:
		return false, args[0] == "--version" || args[0] == "-v"
	case len(args) == 2 && slices.Contains(args, "--json"):
		return true, slices.Contains(args, "--version") || slices.Contains(args, "-v")
	}
	return false, false
}
