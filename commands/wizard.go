package commands

import (
	"errors"
	"os"
	"strings"

	"charm.land/huh/v2"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// wizard asks, with huh forms on the terminal, for what a command line left
// out. It exists only when g.interactive(): in CI, with -n or without a
// terminal on stdin, commands fail with a usage error instead (DESIGN.md:
// fail closed).
type wizard struct {
	g *globals
	// accessible uses huh's line-based prompts, for screen readers and dumb
	// terminals: KILN_ACCESSIBLE=1 or TERM=dumb.
	accessible bool
}

func newWizard(g *globals) *wizard {
	return &wizard{g: g, accessible: os.Getenv("KILN_ACCESSIBLE") == "1" || os.Getenv("TERM") == "dumb"}
}

// ask runs one form made of groups; Ctrl-C or Esc ends kiln with exit 130
// and nothing written.
func (w *wizard) ask(groups ...*huh.Group) error {
	form := huh.NewForm(groups...).
		WithInput(w.g.stdin).
		WithOutput(w.g.stdout).
		WithAccessible(w.accessible).
		WithShowHelp(!w.accessible)
	if err := form.Run(); err != nil {
		if errors.Is(err, huh.ErrUserAborted) {
			return &exitError{code: exitInterrupted}
		}
		return err
	}
	return nil
}

// askName makes cmd ask for its missing name on a terminal: cmd's Args and
// RunE are wrapped so that, with no arguments and a terminal, the wizard asks
// for the name (checked by parse, as the argument would be), the command runs
// with it, and the plan goes through applyAsked.
func askName(g *globals, cmd *cobra.Command, title, placeholder string, parse func(string) error) *cobra.Command {
	cmd.Args = wizardArgs(g, cmd.Args)
	run := cmd.RunE
	cmd.RunE = func(cmd *cobra.Command, args []string) error {
		if len(args) > 0 {
			return run(cmd, args)
		}
		w := newWizard(g)
		var name string
		err := w.ask(huh.NewGroup(huh.NewInput().Title(title).Placeholder(placeholder).Value(&name).Validate(parse)))
		if err != nil {
			return err
		}
		g.wizard, g.askedArgs = w, []string{name}
		return run(cmd, g.askedArgs)
	}
	return cmd
}

// equivalentCommand is cmd run with args and the flags that were set, as
// one non-interactive command line.
func equivalentCommand(cmd *cobra.Command, args []string) string {
	parts := append(strings.Fields(cmd.CommandPath()), args...)
	cmd.Flags().Visit(func(f *pflag.Flag) {
		switch {
		case f.Value.Type() == "bool" && f.Value.String() == "true":
			parts = append(parts, "--"+f.Name)
		case f.Value.Type() != "bool":
			parts = append(parts, "--"+f.Name, f.Value.String())
		}
	})
	return strings.Join(parts, " ") + " -n"
}
