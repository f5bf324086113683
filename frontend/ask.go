package frontend

import (
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"

	"charm.land/huh/v2"
	"github.com/charmbracelet/colorprofile"

	"github.com/kilnhq/kiln/commands"
	"github.com/kilnhq/kiln/internal/form"
)

// Ask draws the groups as one huh form, a screen per group.
func (FrontEnd) Ask(t commands.Terminal, groups ...form.Group) error {
	hgroups := make([]*huh.Group, len(groups))
	for i, g := range groups {
		fields := make([]huh.Field, len(g))
		for j, f := range g {
			fields[j] = huhField(f)
		}
		hgroups[i] = huh.NewGroup(fields...)
	}
	f := huh.NewForm(hgroups...).WithShowHelp(!t.Accessible)
	if t.Accessible {
		return askLines(t, f)
	}
	err := f.WithInput(t.In).WithOutput(t.Out).Run()
	if errors.Is(err, huh.ErrUserAborted) {
		return form.ErrAborted
	}
	return err
}

// huhField is one question as huh's field.
func huhField(f form.Field) huh.Field {
	switch f := f.(type) {
	case *form.Input:
		in := huh.NewInput().Title(f.Title).Description(f.Description).Placeholder(f.Placeholder).Value(f.Value)
		if f.Validate != nil {
			in = in.Validate(f.Validate)
		}
		return in
	case *form.Select:
		s := huh.NewSelect[string]().Title(f.Title).Options(huhOptions(f.Options)...).Value(f.Value)
		if f.Validate != nil {
			s = s.Validate(f.Validate)
		}
		return s
	case *form.MultiSelect:
		m := huh.NewMultiSelect[string]().Title(f.Title).Options(huhOptions(f.Options)...).Value(f.Value)
		if f.Validate != nil {
			m = m.Validate(f.Validate)
		}
		return m
	}
	panic(fmt.Sprintf("frontend: unknown form field %T", f))
}

func huhOptions(opts []form.Option) []huh.Option[string] {
	out := make([]huh.Option[string], len(opts))
	for i, o := range opts {
		out[i] = huh.NewOption(o.Label, o.Value).Selected(o.Selected)
	}
	return out
}

// askLines runs a form in huh's accessible, line-based mode. That mode reads
// each answer with a new bufio.Scanner, which would swallow the answers after
// the first from a pipe, so stdin is handed over one byte per read. It draws
// colours only where the terminal has them (colorprofile strips them for a
// pipe or TERM=dumb). And as it reads on in cooked mode, where Ctrl-C is a
// SIGINT rather than a key, the signal is watched here.
func askLines(t commands.Terminal, f *huh.Form) error {
	out := colorprofile.NewWriter(t.Out, os.Environ())
	if !t.Color {
		out.Profile = colorprofile.NoTTY
	}
	f = f.WithAccessible(true).WithInput(oneByteReader{t.In}).WithOutput(out)
	interrupt := make(chan os.Signal, 1)
	signal.Notify(interrupt, os.Interrupt)
	defer signal.Stop(interrupt)
	done := make(chan error, 1)
	go func() { done <- f.Run() }()
	select {
	case err := <-done:
		if errors.Is(err, huh.ErrUserAborted) {
			return form.ErrAborted
		}
		return err
	case <-interrupt:
		return form.ErrAborted // the reader stays blocked; kiln exits
	}
}

// oneByteReader reads one byte at a time, so no reader above it buffers
// input that belongs to the next question.
type oneByteReader struct{ r io.Reader }

func (o oneByteReader) Read(p []byte) (int, error) {
	if len(p) > 1 {
		p = p[:1]
	}
	return o.r.Read(p)
}
