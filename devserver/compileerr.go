package devserver

import (
	"regexp"
	"strings"
	"sync"
)

// fileLine finds the position at the start of a compiler message, e.g.
// "./main.go:12:2: undefined: x" or "routes/api.go:7: syntax error".
var fileLine = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^(\s*)([^\s:]+\.go:\d+(?::\d+)?):(.*)$`)
})

// msgLine is one line of compiler output, split so file:line can be highlighted.
type msgLine struct {
	Indent string
	Pos    string // file:line[:col], or "" when the line has none
	Text   string
}

func splitMessages(output string) []msgLine {
	var out []msgLine
	for _, l := range strings.Split(strings.TrimRight(output, "\n"), "\n") {
		if m := fileLine().FindStringSubmatch(l); m != nil {
			out = append(out, msgLine{Indent: m[1], Pos: m[2], Text: m[3]})
			continue
		}
		out = append(out, msgLine{Text: l})
	}
	return out
}

// highlight returns compiler output with each file:line in bold red, for the terminal.
func (c *console) highlight(output string) string {
	var b strings.Builder
	for _, m := range splitMessages(output) {
		switch {
		case m.Pos != "":
			b.WriteString(m.Indent + c.paint(ansiRed+ansiBold, m.Pos) + ":" + m.Text + "\n")
		case strings.HasPrefix(m.Text, "# "):
			b.WriteString(c.paint(ansiDim, m.Text) + "\n") // "# package" headers
		default:
			b.WriteString(m.Text + "\n")
		}
	}
	return b.String()
}

// firstMessage is the first line that names a position, or else the first line: the
// summary a JSON client gets.
func firstMessage(output string) string {
	lines := splitMessages(output)
	for _, m := range lines {
		if m.Pos != "" {
			return m.Pos + ":" + m.Text
		}
	}
	for _, m := range lines {
		if t := strings.TrimSpace(m.Text); t != "" {
			return t
		}
	}
	return ""
}
