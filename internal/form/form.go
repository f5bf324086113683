// Package form describes the questions kiln's wizards ask without drawing
// them. Package commands builds its forms from these types, and the front
// end (package frontend, linked only into kiln-dev) draws them with huh:
// huh and the Bubble Tea stack under it would otherwise be linked into the
// kiln binary, and their package initialisers run on every command, however
// non-interactive (about 6 ms of kiln's start-up on the team's VM).
package form

import "errors"

// ErrAborted is what a front end returns when the user ends a form (Ctrl-C,
// Esc, or SIGINT in the line-based mode): nothing was answered.
var ErrAborted = errors.New("form aborted by the user")

// Group is one screen of questions.
type Group []Field

// Field is one question: an *Input, *Select or *MultiSelect.
type Field interface{ isField() }

// Input asks for a line of text. Validate, when set, runs on every change,
// and the answer is accepted only when it returns nil.
type Input struct {
	Title       string
	Description string
	Placeholder string
	Value       *string
	Validate    func(string) error
}

// Option is one choice of a Select or MultiSelect: Label is shown, Value is
// the answer. Selected preselects it in a MultiSelect.
type Option struct {
	Label    string
	Value    string
	Selected bool
}

// Options are choices whose labels are their values.
func Options(values ...string) []Option {
	out := make([]Option, len(values))
	for i, v := range values {
		out[i] = Option{Label: v, Value: v}
	}
	return out
}

// Select asks for one of Options; Value starts at the preselected one.
type Select struct {
	Title    string
	Options  []Option
	Value    *string
	Validate func(string) error
}

// MultiSelect asks for any number of Options.
type MultiSelect struct {
	Title    string
	Options  []Option
	Value    *[]string
	Validate func([]string) error
}

func (*Input) isField()       {}
func (*Select) isField()      {}
func (*MultiSelect) isField() {}
