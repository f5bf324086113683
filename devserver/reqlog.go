package devserver

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"time"
)

// requestLog writes one line per request to the console: time, method, path,
// status, duration, bytes, and how long the request was held when it arrived
// while no app was ready. Kiln's own /__kiln/ requests (the overlay's polling)
// are not logged.
func requestLog(c *console, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasPrefix(r.URL.Path, "/__kiln/") {
			next.ServeHTTP(w, r)
			return
		}
		info := &requestInfo{}
		r = r.WithContext(context.WithValue(r.Context(), requestInfoKey{}, info))
		rec := &recorder{ResponseWriter: w}
		start := time.Now()
		next.ServeHTTP(rec, r)
		took := time.Since(start)
		if c.json {
			c.jsonRequest(start, r, rec, took, info.held)
			return
		}
		c.line("http", ansiBlue, c.requestLine(start, r, rec, took, info.held))
	})
}

// requestInfo carries what the proxy learnt about a request back to the log.
type requestInfo struct{ held time.Duration }

type requestInfoKey struct{}

// noteHeld records that a request waited for a ready app.
func noteHeld(ctx context.Context, d time.Duration) {
	if info, ok := ctx.Value(requestInfoKey{}).(*requestInfo); ok {
		info.held = d
	}
}

func (c *console) requestLine(start time.Time, r *http.Request, rec *recorder, took, held time.Duration) string {
	status := "-" // the client went away before an answer
	if rec.status != 0 {
		status = c.paint(statusStyle(rec.status), fmt.Sprint(rec.status))
	}
	line := fmt.Sprintf("%s %s %s %s %s %s", c.paint(ansiDim, start.Format("15:04:05.000")),
		r.Method, r.URL.RequestURI(), status, formatDuration(took), formatBytes(rec.bytes))
	if held > 0 {
		line += c.paint(ansiYellow, " (held "+formatDuration(held)+" until the app was ready)")
	}
	return line
}

func statusStyle(code int) string {
	switch {
	case code >= 500:
		return ansiRed
	case code >= 400:
		return ansiYellow
	case code >= 300:
		return ansiCyan
	}
	return ansiGreen
}

// formatDuration is short and human: 840µs, 12.5ms, 250ms, 1.25s, 2s.
func formatDuration(d time.Duration) string {
	switch {
	case d < time.Millisecond:
		return fmt.Sprintf("%dµs", d.Microseconds())
	case d < time.Second:
		return trimZeros(fmt.Sprintf("%.1f", float64(d)/float64(time.Millisecond))) + "ms"
	}
	return trimZeros(fmt.Sprintf("%.2f", d.Seconds())) + "s"
}

func trimZeros(s string) string {
	return strings.TrimSuffix(strings.TrimRight(s, "0"), ".")
}

func formatBytes(n int64) string {
	switch {
	case n < 1<<10:
		return fmt.Sprintf("%dB", n)
	case n < 1<<20:
		return fmt.Sprintf("%.1fKiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%.1fMiB", float64(n)/(1<<20))
}

// recorder notes the status and size of a response. Unwrap lets the reverse proxy
// reach the real writer to flush streams and hijack upgraded connections.
type recorder struct {
	http.ResponseWriter
	status int
	bytes  int64
}

func (r *recorder) WriteHeader(code int) {
	if r.status == 0 && code >= 200 || code == http.StatusSwitchingProtocols {
		r.status = code
	}
	r.ResponseWriter.WriteHeader(code)
}

func (r *recorder) Write(p []byte) (int, error) {
	if r.status == 0 {
		r.status = http.StatusOK
	}
	n, err := r.ResponseWriter.Write(p)
	r.bytes += int64(n)
	return n, err
}

func (r *recorder) Unwrap() http.ResponseWriter { return r.ResponseWriter }
