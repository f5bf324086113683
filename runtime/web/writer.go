package web

import (
	"bufio"
	"net"
	"net/http"
)

// responseWriter records the status and size of a response, for the access log and
// for WriteError (which must not write a second response over a started one), and
// turns the ServeMux's own plain-text 404 and 405 answers into JSON. Middleware and
// the router share one per request (see wrap), so stacking them costs one allocation.
type responseWriter struct {
	http.ResponseWriter
	routed *http.Request // the request the mux routed; its Pattern is "" when no route matched
	status int           // 0 until the header is written
	bytes  int64
	mute   bool // the mux's text body is being replaced by JSON
	// unclean is set when the request's path is not clean (/api//posts), so
	// the mux answers it with a redirect to the clean path, whose HTML body
	// is replaced by JSON.
	unclean bool
}

// wrap returns w itself if it is already a *responseWriter, else wraps it.
func wrap(w http.ResponseWriter) *responseWriter {
	if rw, ok := w.(*responseWriter); ok {
		return rw
	}
	return &responseWriter{ResponseWriter: w}
}

// findWriter finds our writer under any wrappers that other middleware added,
// through their Unwrap methods (the convention http.ResponseController follows).
func findWriter(w http.ResponseWriter) *responseWriter {
	for {
		switch v := w.(type) {
		case *responseWriter:
			return v
		case interface{ Unwrap() http.ResponseWriter }:
			w = v.Unwrap()
		default:
			return nil
		}
	}
}

// started reports whether a response has begun on w, as far as can be known.
func started(w http.ResponseWriter) bool {
	rw := findWriter(w)
	return rw != nil && rw.status != 0
}

// WriteHeader records the first final status. 1xx statuses and superfluous calls
// pass through untouched (net/http logs the latter).
func (w *responseWriter) WriteHeader(code int) {
	if code < 200 || w.status != 0 {
		w.ResponseWriter.WriteHeader(code)
		return
	}
	w.status = code
	if w.unrouted() && (code == http.StatusNotFound || code == http.StatusMethodNotAllowed) {
		w.writeFallback(code)
		return
	}
	if w.unclean && code == http.StatusTemporaryRedirect {
		w.writeRedirect()
		return
	}
	w.ResponseWriter.WriteHeader(code)
}

// Write counts the bytes written, and drops the mux's text body after writeFallback.
func (w *responseWriter) Write(p []byte) (int, error) {
	if w.status == 0 {
		w.WriteHeader(http.StatusOK)
	}
	if w.mute {
		return len(p), nil
	}
	n, err := w.ResponseWriter.Write(p)
	w.bytes += int64(n)
	return n, err
}

// Unwrap lets http.ResponseController reach the connection's own writer.
func (w *responseWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// Flush is here for code that type-asserts http.Flusher instead of using
// http.ResponseController (streaming, server-sent events).
func (w *responseWriter) Flush() {
	if w.status == 0 {
		w.WriteHeader(http.StatusOK)
	}
	_ = http.NewResponseController(w.ResponseWriter).Flush()
}

// Hijack is here for code that type-asserts http.Hijacker (WebSocket upgrades).
// The access log reports a hijacked connection as 101.
func (w *responseWriter) Hijack() (net.Conn, *bufio.ReadWriter, error) {
	conn, rw, err := http.NewResponseController(w.ResponseWriter).Hijack()
	if err == nil && w.status == 0 {
		w.status = http.StatusSwitchingProtocols
	}
	return conn, rw, err
}

// unrouted reports whether the mux found no route, so the status being written is
// the mux's own answer rather than a handler's.
func (w *responseWriter) unrouted() bool { return w.routed != nil && w.routed.Pattern == "" }

// writeFallback writes the JSON body for the mux's 404 or 405 and mutes the text
// body http.Error writes next. The mux has already set the Allow header for 405.
func (w *responseWriter) writeFallback(code int) {
	r := w.routed
	e := NotFound("no route for " + r.Method + " " + r.URL.Path)
	if code == http.StatusMethodNotAllowed {
		e = &Error{Status: code, Message: "method " + r.Method + " not allowed for " + r.URL.Path}
	}
	w.replaceBody(code, errorBody(e, ""))
}

// writeRedirect writes a JSON body for the mux's redirect to a clean path
// (/api//posts → /api/posts) in place of its HTML one.
func (w *responseWriter) writeRedirect() {
	w.replaceBody(http.StatusTemporaryRedirect, errorBody(&Error{Message: "moved to " + w.Header().Get("Location")}, ""))
}

// replaceBody writes code and a JSON body, and mutes the body the mux writes
// next.
func (w *responseWriter) replaceBody(code int, body []byte) {
	w.Header().Set("Content-Type", jsonType)
	w.ResponseWriter.WriteHeader(code)
	if w.routed.Method != http.MethodHead {
		n, _ := w.ResponseWriter.Write(body)
		w.bytes += int64(n)
	}
	w.mute = true
}
