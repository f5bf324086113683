package commands

import (
	"context"
	"fmt"

	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"

	"github.com/kilnhq/kiln/generators/plan"
)

// write applies a plan the wizard settled, with a spinner on the terminal
// while it runs: a plan is written in milliseconds on a local disk, but on a
// slow or network file system the user sees that kiln is working, and
// Ctrl-C still rolls everything back (plan.Apply undoes a cancelled run) and
// exits 130. Accessible mode prints one plain line instead of animating.
func (w *wizard) write(ctx context.Context, root string, p plan.Plan, o plan.Options) (plan.Result, error) {
	const title = "Writing the files…"
	if w.accessible {
		fmt.Fprintln(w.out(), title)
		return plan.Apply(ctx, root, p, o)
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	v := &writeView{spin: spinner.New(spinner.WithSpinner(spinner.Dot)), title: title, cancel: cancel,
		apply: func() (plan.Result, error) { return plan.Apply(ctx, root, p, o) }}
	prog := tea.NewProgram(v, tea.WithInput(w.g.stdin), tea.WithOutput(w.out()), tea.WithoutSignalHandler())
	if _, err := prog.Run(); err != nil {
		return plan.Result{}, err
	}
	if v.interrupted && v.err != nil {
		return v.res, &exitError{code: exitInterrupted}
	}
	return v.res, v.err
}

// writeView is the spinner shown while a plan is applied. It draws nothing
// once the plan is written, so the result list follows the questions
// directly.
type writeView struct {
	spin        spinner.Model
	title       string
	apply       func() (plan.Result, error)
	cancel      context.CancelFunc
	res         plan.Result
	err         error
	done        bool
	interrupted bool
}

type writeDone struct {
	res plan.Result
	err error
}

func (v *writeView) Init() tea.Cmd {
	return tea.Batch(v.spin.Tick, func() tea.Msg {
		res, err := v.apply()
		return writeDone{res, err}
	})
}

func (v *writeView) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch m := msg.(type) {
	case writeDone:
		v.res, v.err, v.done = m.res, m.err, true
		return v, tea.Quit
	case tea.KeyPressMsg:
		if m.String() == "ctrl+c" {
			v.interrupted = true
			v.cancel() // the apply returns once it has rolled back
		}
		return v, nil
	}
	var cmd tea.Cmd
	v.spin, cmd = v.spin.Update(msg)
	return v, cmd
}

func (v *writeView) View() tea.View {
	if v.done {
		return tea.NewView("")
	}
	return tea.NewView(v.spin.View() + v.title) // the frames end in a space
}
