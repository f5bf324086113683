package commands

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"
)

// runSeedWithProgress runs the app's seed subcommand with --events and has
// the front end draw a progress bar per seeder, with rows/s, on the terminal
// (stderr): what `kiln db seed` does on a terminal. The app's own lines (the
// summary, errors) pass through as they are.
func runSeedWithProgress(ctx context.Context, g *globals, fe FrontEnd, proj project, args []string) error {
	cmd, err := appCommand(ctx, g, proj, append(args, "--events")...)
	if err != nil {
		return err
	}
	cmd.Stdout = nil // the events are read below
	out, err := cmd.StdoutPipe()
	if err != nil {
		return err
	}
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("run the app: %w", err)
	}
	events := make(chan SeedEvent, 64)
	var rest strings.Builder
	go feedEvents(out, events, &rest)
	err = fe.SeedProgress(g.stderr, events)
	for range events {
		// The view ended early (it failed): the app still runs to its end,
		// and its output must keep flowing or it would block on a full pipe.
	}
	if err != nil {
		cmd.Wait()
		return err
	}
	io.WriteString(g.stdout, rest.String())
	return appExit(cmd.Wait())
}

// feedEvents turns the app's JSON event lines into events for the view; any
// other line (the summary, an error) is kept in rest, printed once the bars
// are final, so the summary comes last. It closes events when the app closes
// its stdout.
func feedEvents(r io.Reader, events chan<- SeedEvent, rest *strings.Builder) {
	defer close(events)
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		var e SeedEvent
		if line := sc.Bytes(); json.Unmarshal(line, &e) == nil && e.Kind != "" {
			events <- e
		} else {
			rest.Write(line)
			rest.WriteByte('\n')
		}
	}
}
