package devserver

import (
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"time"
)

// logLine is one line of `kiln serve --json`: what the text form shows after a
// source prefix. Source is "kiln" (kiln's own messages, with a level), "build"
// (compiler output), "app", or an --also command's name.
type logLine struct {
	Time    string `json:"time"`
	Source  string `json:"source"`
	Level   string `json:"level,omitempty"` // info, warn or error; kiln's messages only
	Message string `json:"message"`
}

// requestLogLine is the JSON form of a request log line (source "http").
// Status is 0 when the client went away before an answer; HeldNS is how long
// the request waited for a ready app.
type requestLogLine struct {
	Time       string `json:"time"`
	Source     string `json:"source"`
	Method     string `json:"method"`
	Path       string `json:"path"`
	Status     int    `json:"status"`
	DurationNS int64  `json:"duration_ns"`
	Bytes      int64  `json:"bytes"`
	HeldNS     int64  `json:"held_ns,omitempty"`
}

const jsonTime = "2006-01-02T15:04:05.000Z07:00"

// jsonLines writes text as one object per line, so a multi-line message (a
// compiler error, a stack trace) stays one line per object as in the text form.
func (c *console) jsonLines(source, level, text string) {
	now := time.Now().Format(jsonTime)
	var b strings.Builder
	for _, l := range strings.Split(strings.TrimRight(text, "\n"), "\n") {
		writeJSONLine(&b, logLine{Time: now, Source: source, Level: level, Message: l})
	}
	c.write(b.String())
}

func (c *console) jsonRequest(start time.Time, r *http.Request, rec *recorder, took, held time.Duration) {
	var b strings.Builder
	writeJSONLine(&b, requestLogLine{Time: start.Format(jsonTime), Source: "http", Method: r.Method,
		Path: r.URL.RequestURI(), Status: rec.status, DurationNS: took.Nanoseconds(), Bytes: rec.bytes, HeldNS: held.Nanoseconds()})
	c.write(b.String())
}

func writeJSONLine(b *strings.Builder, v any) {
	out, _ := json.Marshal(v) // plain strings and numbers: cannot fail
	b.Write(out)
	b.WriteByte('\n')
}

// write puts whole lines on the console, never interleaved with another's.
func (c *console) write(s string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	io.WriteString(c.w, s)
}
