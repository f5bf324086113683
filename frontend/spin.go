package frontend

import (
	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"

	"github.com/kilnhq/kiln/commands"
)

// Spin shows title with a spinner while work runs.
func (FrontEnd) Spin(t commands.Terminal, title string, interrupt func(), work func()) (bool, error) {
	v := &spinView{spin: spinner.New(spinner.WithSpinner(spinner.Dot)), title: title, interrupt: interrupt, work: work}
	prog := tea.NewProgram(v, tea.WithInput(t.In), tea.WithOutput(t.Out), tea.WithoutSignalHandler())
	if _, err := prog.Run(); err != nil {
		return false, err
	}
	return v.interrupted, nil
}

// spinView is the spinner shown while work runs. It draws nothing once the
// work is done, so what kiln prints next follows the questions directly.
type spinView struct {
	spin        spinner.Model
	title       string
	work        func()
	interrupt   func()
	done        bool
	interrupted bool
}

type workDone struct{}

func (v *spinView) Init() tea.Cmd {
	return tea.Batch(v.spin.Tick, func() tea.Msg {
		v.work()
		return workDone{}
	})
}

func (v *spinView) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch m := msg.(type) {
	case workDone:
		v.done = true
		return v, tea.Quit
	case tea.KeyPressMsg:
		if m.String() == "ctrl+c" {
			v.interrupted = true
			v.interrupt() // the work returns once it has rolled back
		}
		return v, nil
	}
	var cmd tea.Cmd
	v.spin, cmd = v.spin.Update(msg)
	return v, cmd
}

func (v *spinView) View() tea.View {
	if v.done {
		return tea.NewView("")
	}
	return tea.NewView(v.spin.View() + v.title) // the frames end in a space
}
