package commands

import (
	"errors"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/kilnhq/kiln/generators/newapp"
	"github.com/kilnhq/kiln/generators/spec"
)

// usageError is bad input: a wrong argument, flag or name. It exits 2.
type usageError struct{ err error }

func (e *usageError) Error() string { return e.err.Error() }
func (e *usageError) Unwrap() error { return e.err }

// usagef reports bad input.
func usagef(format string, args ...any) error {
	return &usageError{fmt.Errorf(format, args...)}
}

// asUsage marks validation errors from the generators as usage errors, so every
// rejected name or option exits 2 wherever it was detected.
func asUsage(err error) error {
	var specErr *spec.Error
	var optErr *newapp.OptionError
	if errors.As(err, &specErr) || errors.As(err, &optErr) {
		return &usageError{err}
	}
	return err
}

// exactArgs requires one argument per name, naming what is missing or extra and
// showing the usage line: `missing directory: kiln new <dir>`.
func exactArgs(names ...string) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		switch {
		case len(args) < len(names):
			return usagef("missing %s: %s", names[len(args)], cmd.UseLine())
		case len(args) > len(names):
			return usagef("unexpected argument %q: %s", args[len(names)], cmd.UseLine())
		}
		return nil
	}
}

// exitError passes on the exit code of a program kiln ran (the app binary), which
// has already reported its own error.
type exitError struct{ code int }

func (e *exitError) Error() string { return fmt.Sprintf("exit status %d", e.code) }
