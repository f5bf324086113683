package commands

import (
	"errors"
	"io"
	"os"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/kilnhq/kiln/internal/form"
)

// wizard asks, with the front end's forms on the terminal (huh, in
// kiln-dev), for what a command line left out. It exists only when g.interactive(): in CI, with -n or without a
// terminal on stdin, commands fail with a usage error instead (DESIGN.md:
// fail closed).
//
// Its conversation (questions, the plan, diffs, the spinner) goes to stderr;
// stdout gets what the same command without questions prints (the result, as
// text or --json) and, in text mode, that command line.
type wizard struct {
	g  *globals
	fe FrontEnd
	// accessible asks line by line, for screen readers and dumb terminals:
	// KILN_ACCESSIBLE=1 or TERM=dumb.
	accessible bool
}

// newWizard starts a wizard, or hands the command over to kiln-dev when this
// binary has no front end (see globals.frontEnd).
func newWizard(g *globals) (*wizard, error) {
	fe, err := g.frontEnd("the wizard", "give the arguments, with -n, to run without questions")
	if err != nil {
		return nil, err
	}
	return &wizard{g: g, fe: fe, accessible: os.Getenv("KILN_ACCESSIBLE") == "1" || os.Getenv("TERM") == "dumb"}, nil
}

// out is where the wizard talks.
func (w *wizard) out() io.Writer { return w.g.stderr }

// color reports whether the conversation may use ANSI colours.
func (w *wizard) color() bool { return w.g.colorOn(w.out()) }

// terminal is where the wizard asks.
func (w *wizard) terminal() Terminal {
	return Terminal{In: w.g.stdin, Out: w.out(), Accessible: w.accessible, Color: w.color()}
}

// ask runs one form made of groups; Ctrl-C, Esc or SIGINT ends kiln with
// exit 130 and nothing written.
func (w *wizard) ask(groups ...form.Group) error {
	err := w.fe.Ask(w.terminal(), groups...)
	if errors.Is(err, form.ErrAborted) {
		return &exitError{code: exitInterrupted}
	}
	return err
}

// askName makes cmd ask for its missing name on a terminal: cmd's Args and
// RunE are wrapped so that, with no arguments and a terminal, the wizard asks
// for the name (checked by parse, as the argument would be), the command runs
// with it, and the plan goes through applyAsked. Outside a project it fails
// before asking.
func askName(g *globals, cmd *cobra.Command, title, placeholder string, parse func(string) error) *cobra.Command {
	cmd.Args = wizardArgs(g, cmd.Args)
	run := cmd.RunE
	cmd.RunE = func(cmd *cobra.Command, args []string) error {
		if len(args) > 0 {
			return run(cmd, args)
		}
		if _, err := g.projectRoot(); err != nil {
			return err
		}
		w, err := newWizard(g)
		if err != nil {
			return err
		}
		var name string
		err = w.ask(form.Group{&form.Input{Title: title, Placeholder: placeholder, Value: &name, Validate: parse}})
		if err != nil {
			return err
		}
		g.wizard, g.askedArgs = w, []string{name}
		return run(cmd, g.askedArgs)
	}
	return cmd
}

// equivalentCommand is cmd run with args and its own flags that were set, as
// one shell-quoted command line; applyAsked adds the global ones.
func equivalentCommand(cmd *cobra.Command, args []string) string {
	parts := append(strings.Fields(cmd.CommandPath()), args...)
	cmd.LocalFlags().VisitAll(func(f *pflag.Flag) { // Visit sees only flags set on that FlagSet: none
		if f.Changed {
			parts = append(parts, flagArgs(f)...)
		}
	})
	return shellLine(parts)
}

// flagArgs is a set flag as command-line arguments.
func flagArgs(f *pflag.Flag) []string {
	switch {
	case f.Value.Type() == "bool" && f.Value.String() == "true":
		return []string{"--" + f.Name}
	case f.Value.Type() == "bool":
		return nil
	case strings.HasSuffix(f.Value.Type(), "Slice"), strings.HasSuffix(f.Value.Type(), "Array"):
		var out []string
		for _, v := range f.Value.(pflag.SliceValue).GetSlice() {
			out = append(out, "--"+f.Name, v)
		}
		return out
	}
	return []string{"--" + f.Name, f.Value.String()}
}

// replayFlags are the global flags of this run that change what a command
// does, for the printed command line.
func (g *globals) replayFlags() []string {
	var out []string
	if g.dir != "" {
		out = append(out, "--dir", g.dir)
	}
	for _, f := range []struct {
		on   bool
		flag string
	}{{g.force, "--force"}, {g.skipExisting, "--skip-existing"}, {g.dryRun, "--dry-run"}, {g.json, "--json"}} {
		if f.on {
			out = append(out, f.flag)
		}
	}
	return out
}

// replayLine is a printed command line with the global flags of this run
// added.
func (g *globals) replayLine(line string) string {
	if flags := g.replayFlags(); len(flags) > 0 {
		return line + " " + shellLine(flags)
	}
	return line
}

// shellLine joins arguments into a line a POSIX shell reads back as the same
// arguments.
func shellLine(parts []string) string {
	quoted := make([]string, len(parts))
	for i, p := range parts {
		quoted[i] = shellQuote(p)
	}
	return strings.Join(quoted, " ")
}
