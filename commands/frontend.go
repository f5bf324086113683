package commands

import (
	"context"
	"io"
	"time"

	"github.com/kilnhq/kiln/devserver/devconfig"
	"github.com/kilnhq/kiln/internal/form"
)

// FrontEnd is the part of kiln that draws on a terminal or serves: the
// wizards' forms (huh), the spinner and seed progress bars (Bubble Tea) and
// the dev server (net/http, fsnotify). It is an interface so that package
// commands does not import those libraries: linked in, their package
// initialisers and pages cost every command, however non-interactive, about
// 6 ms of start-up on the team's VM (kiln --version took 16 ms against 9).
//
// So kiln ships as two binaries built from this package. `kiln` has no front
// end: a command that needs one hands its whole command line over to
// `kiln-dev` (see globals.frontEnd), which is kiln with the front end of
// package frontend, before it has changed anything. Scripts, CI and every
// command given all its arguments run in `kiln` alone.
type FrontEnd interface {
	// Ask shows the groups one screen at a time on t and returns once each
	// question is answered and valid, or form.ErrAborted.
	Ask(t Terminal, groups ...form.Group) error
	// Spin shows title with a spinner on t while work runs; Ctrl-C calls
	// interrupt (which makes work roll back and return) and reports it.
	Spin(t Terminal, title string, interrupt func(), work func()) (interrupted bool, err error)
	// SeedProgress draws a progress bar per seeder on out from events until
	// the channel is closed or the user presses Ctrl-C.
	SeedProgress(out io.Writer, events <-chan SeedEvent) error
	// Serve runs the dev server until ctx ends.
	Serve(ctx context.Context, cfg devconfig.Config) error
}

// Terminal is where a front end asks: the streams and how to draw.
type Terminal struct {
	In  io.Reader
	Out io.Writer
	// Accessible asks line by line, for screen readers and dumb terminals.
	Accessible bool
	// Color allows ANSI colours.
	Color bool
}

// SeedEvent is one line of the app's `seed --events` output: the JSON form
// of runtime/seed.Event. kiln reads it without importing runtime/seed, which
// would link the database drivers and go-faker into kiln and add their
// start-up cost to every command.
type SeedEvent struct {
	Kind   string        `json:"kind"` // seeder, planned, rows or done
	Seeder string        `json:"seeder"`
	Table  string        `json:"table"`
	Rows   int           `json:"rows"`
	At     time.Duration `json:"at_ns"` // since the seed run started
}
