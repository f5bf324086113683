// Package frontend is kiln's front end (see commands.FrontEnd): it draws the
// wizards' forms with huh, the spinner and the seed progress bars with
// Bubble Tea, and serves with package devserver. Only kiln-dev links it;
// the kiln binary hands it the commands that need it.
package frontend

import (
	"context"
	"io"

	"github.com/kilnhq/kiln/commands"
	"github.com/kilnhq/kiln/devserver"
	"github.com/kilnhq/kiln/devserver/devconfig"
)

// Main is kiln-dev: kiln with this front end.
func Main(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	return commands.MainWithFrontEnd(FrontEnd{}, args, stdin, stdout, stderr)
}

// FrontEnd implements commands.FrontEnd.
type FrontEnd struct{}

var _ commands.FrontEnd = FrontEnd{}

// Serve runs the dev server until ctx ends.
func (FrontEnd) Serve(ctx context.Context, cfg devconfig.Config) error {
	srv, err := devserver.New(cfg)
	if err != nil {
		return err
	}
	return srv.Run(ctx)
}
