package frontend

import (
	"fmt"
	"io"
	"strings"
	"time"

	"charm.land/bubbles/v2/progress"
	tea "charm.land/bubbletea/v2"

	"github.com/kilnhq/kiln/commands"
)

// SeedProgress draws a bar per seeder, with rows/s, until events is closed.
// Bubble Tea v2, because v1 queries the terminal's colours in an init
// function, which would slow kiln-dev's start-up.
func (FrontEnd) SeedProgress(out io.Writer, events <-chan commands.SeedEvent) error {
	p := tea.NewProgram(newSeedView(), tea.WithOutput(out), tea.WithInput(nil), tea.WithoutSignalHandler())
	go func() {
		for e := range events {
			p.Send(e)
		}
		p.Send(seedDone{})
	}()
	_, err := p.Run()
	return err
}

type seedDone struct{}

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
	case commands.SeedEvent:
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
func (v *seedView) apply(e commands.SeedEvent) {
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
