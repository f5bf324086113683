package devserver

import (
	"fmt"
	"io"
	"strings"
	"sync"
)

// ANSI styles. They are used only when Config.Color is set: on a terminal, without
// NO_COLOR or --no-color (the command decides).
const (
	ansiReset  = "\x1b[0m"
	ansiBold   = "\x1b[1m"
	ansiDim    = "\x1b[2m"
	ansiRed    = "\x1b[31m"
	ansiGreen  = "\x1b[32m"
	ansiYellow = "\x1b[33m"
	ansiBlue   = "\x1b[34m"
	ansiCyan   = "\x1b[36m"
)

// console is the terminal: kiln's messages, the request log and the output of the
// app and --also commands, one whole line at a time, each after a source prefix —
// or, with json, one JSON object per line (see jsonlog.go).
type console struct {
	mu    sync.Mutex
	w     io.Writer
	color bool
	json  bool
}

// prefixWidth aligns the text after the prefixes ("kiln │", "app  │", …).
const prefixWidth = 5

func (c *console) paint(style, s string) string {
	if !c.color || style == "" {
		return s
	}
	return style + s + ansiReset
}

// line writes text, which may hold several lines, each after the source's prefix.
func (c *console) line(source, style, text string) {
	if c.json {
		c.jsonLines(source, "", text)
		return
	}
	bar := "|"
	if c.color {
		bar = "│"
	}
	prefix := c.paint(style, fmt.Sprintf("%-*s", prefixWidth, source)) + " " + c.paint(ansiDim, bar) + " "
	var b strings.Builder
	for _, l := range strings.Split(strings.TrimRight(text, "\n"), "\n") {
		b.WriteString(prefix + l + "\n")
	}
	c.write(b.String())
}

func (c *console) info(format string, args ...any) { c.say("info", "", format, args...) }

func (c *console) warn(format string, args ...any) { c.say("warn", ansiYellow, format, args...) }

func (c *console) fail(format string, args ...any) { c.say("error", ansiRed+ansiBold, format, args...) }

// say writes one of kiln's own messages at a level, which the text form shows
// as a colour.
func (c *console) say(level, style, format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	if c.json {
		c.jsonLines("kiln", level, msg)
		return
	}
	c.line("kiln", ansiCyan, c.paint(style, msg))
}

// stream is a writer for a child's stdout or stderr: complete lines go to the
// console after the prefix, and into tail when it is not nil.
func (c *console) stream(source, style string, tail *tail) *lineWriter {
	return &lineWriter{c: c, source: source, style: style, tail: tail}
}

// lineWriter cuts a child's output into lines, so the output of two processes
// writing at once never interleaves within a line.
type lineWriter struct {
	c       *console
	source  string
	style   string
	tail    *tail
	mu      sync.Mutex
	partial []byte
}

func (w *lineWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.partial = append(w.partial, p...)
	for {
		i := strings.IndexByte(string(w.partial), '\n')
		if i < 0 {
			break
		}
		w.emit(string(w.partial[:i]))
		w.partial = w.partial[i+1:]
	}
	return len(p), nil
}

// flush writes a last line that had no newline.
func (w *lineWriter) flush() {
	w.mu.Lock()
	defer w.mu.Unlock()
	if len(w.partial) > 0 {
		w.emit(string(w.partial))
		w.partial = nil
	}
}

func (w *lineWriter) emit(l string) {
	l = strings.TrimRight(l, "\r")
	w.c.line(w.source, w.style, l)
	if w.tail != nil {
		w.tail.add(l)
	}
}

// tail keeps the last lines a process wrote, to show in the browser when it
// crashed before it was ready.
type tail struct {
	mu    sync.Mutex
	lines []string
}

const tailLines = 40

func (t *tail) add(l string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.lines = append(t.lines, l)
	if len(t.lines) > tailLines {
		t.lines = t.lines[len(t.lines)-tailLines:]
	}
}

func (t *tail) String() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	return strings.Join(t.lines, "\n")
}
