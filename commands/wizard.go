package commands

import (
	"errors"
	"os"

	"charm.land/huh/v2"
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
			return &exitError{code: 130}
		}
		return err
	}
	return nil
}
