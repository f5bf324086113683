package commands

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"time"

	"charm.land/bubbles/v2/progress"
	tea "charm.land/bubbletea/v2"
)

// runSeedWithProgress runs the app's seed subcommand with --events and draws
// a progress bar per seeder, with rows/s, on the terminal (stderr): what
// `kiln db seed` does on a terminal. The app's own lines (the summary, errors)
// pass through as they are. Bubble Tea v2, because v1 queries the terminal's
// colours in an init function, which would slow every kiln command's start-up.
func runSeedWithProgress(ctx context.Context, g *globals, proj project, args []string) error {
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
	p := tea.NewProgram(newSeedView(), tea.WithOutput(g.stderr), tea.WithInput(nil), tea.WithoutSignalHandler())
	var rest strings.Builder
	go feedEvents(out, p, &rest)
	if _, err := p.Run(); err != nil {
		return err
	}
	io.WriteString(g.stdout, rest.String())
	return appExit(cmd.Wait())
}

// feedEvents turns the app's JSON event lines into messages for the view;
// any other line (the summary, an error) is kept in rest, printed once the
// bars are final, so the summary comes last. It ends the view when the app
// closes its stdout.
func feedEvents(r io.Reader, p *tea.Program, rest *strings.Builder) {
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		var e seedEvent
		if line := sc.Bytes(); json.Unmarshal(line, &e) == nil && e.Kind != "" {
			p.Send(e)
		} else {
			rest.Write(line)
			rest.WriteByte('\n')
		}
	}
	p.Send(seedDone{})
}

type seedDone struct{}

// seedEvent is one line of the app's `seed --events` output: the JSON form of
// runtime/seed.Event. kiln reads it without importing runtime/seed, which
// would link the database drivers and go-faker into kiln and add their
// start-up cost to every command.
type seedEvent struct {
	Kind   string        `json:"kind"`
	Seeder string        `json:"seeder"`
	Table  string        `json:"table"`
	Rows   int           `json:"rows"`
	At     time.Duration `json:"at_ns"`
}

// seedView is the bubbletea model: one line per seeder with a bar of rows
// created against rows planned, and its rate.
type seedView struct {
	seeders []*seederRow
	byName  map[string]*seederRow
	done    bool
}

type seederRow struct {
	name             string
	planned, created int
	start, last      time.Duration
	finished         bool
	bar              progress.Model
}

func newSeedView() *seedView { return &seedView{byName: map[string]*seederRow{}} }

func (v *seedView) Init() tea.Cmd { return nil }

func (v *seedView) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch m := msg.(type) {
	case seedEvent:
		v.apply(m)
	case seedDone:
		v.done = true
		return v, tea.Quit
	case tea.KeyPressMsg:
		if m.String() == "ctrl+c" {
			return v, tea.Quit
		}
	}
	return v, nil
}

// apply records one event on its seeder's row.
func (v *seedView) apply(e seedEvent) {
	row := v.byName[e.Seeder]
	if row == nil {
		row = &seederRow{name: e.Seeder, start: e.At, bar: progress.New(progress.WithDefaultBlend(), progress.WithWidth(20), progress.WithoutPercentage())}
		v.byName[e.Seeder] = row
		v.seeders = append(v.seeders, row)
	}
	row.last = e.At
	switch e.Kind {
	case "planned":
		row.planned += e.Rows
	case "rows":
		row.created += e.Rows
	case "done":
		row.finished = true
	}
}

func (v *seedView) View() tea.View { return tea.NewView(v.text()) }

func (v *seedView) text() string {
	var b strings.Builder
	for _, r := range v.seeders {
		if r.planned == 0 && r.created == 0 {
			continue // a seeder that only calls others, or has not started
		}
		b.WriteString(r.line())
		b.WriteByte('\n')
	}
	return b.String()
}

// line is "PostSeeder  [=====     ]  5000/10000 rows  48,000 rows/s".
func (r *seederRow) line() string {
	frac := 0.0
	if r.planned > 0 {
		frac = float64(r.created) / float64(r.planned)
	}
	if r.finished {
		frac = 1
	}
	rate := 0.0
	if d := (r.last - r.start).Seconds(); d > 0 {
		rate = float64(r.created) / d
	}
	count := fmt.Sprintf("%d/%d", r.created, r.planned)
	return fmt.Sprintf("%-18s %s %15s rows %7.0f rows/s", r.name, r.bar.ViewAs(frac), count, rate)
}
