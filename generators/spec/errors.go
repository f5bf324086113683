package spec

import "fmt"

// Error reports input that kiln cannot turn into a valid spec. Callers map
// it to exit status 2 (a usage error) with errors.As.
//
// Input holds the user's text verbatim; Error quotes it with %q so newlines,
// control characters and escape sequences are shown, never interpreted, by
// the terminal that prints the message.
type Error struct {
	Kind  string // what was being parsed: "model name", "field", "table name", …
	Input string // the offending input, exactly as given
	Msg   string // short, lower-case, says what is allowed
}

// Error renders `invalid <kind> "<input>": <msg>`.
func (e *Error) Error() string {
	return fmt.Sprintf("invalid %s %q: %s", e.Kind, e.Input, e.Msg)
}

// errorf builds an *Error; format follows fmt rules and should quote tokens
// with %q.
func errorf(kind, input, format string, args ...any) *Error {
	return &Error{Kind: kind, Input: input, Msg: fmt.Sprintf(format, args...)}
}
