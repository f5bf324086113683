package web

import (
	"crypto/rand"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"runtime/debug"
	"time"
)

// RequestIDHeader carries the request id in requests and responses.
const RequestIDHeader = "X-Request-ID"

// maxRequestID bounds an incoming id, so a client cannot fill logs with it.
const maxRequestID = 128

// RequestID gives every request an id: the incoming X-Request-ID when it is sane
// (1–128 visible ASCII characters, as a proxy or caller sets it, so one id follows
// a request across services), else a new random one. The id goes in the response
// header, the access log and the context (RequestIDFrom).
func RequestID(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id := r.Header.Get(RequestIDHeader)
		if !saneRequestID(id) {
			id = rand.Text()
		}
		st, r := stateOf(r)
		st.id = id
		w.Header().Set(RequestIDHeader, id)
		next.ServeHTTP(w, r)
	})
}

// saneRequestID accepts 1–128 visible ASCII characters: no spaces or control
// characters that could forge or break log lines.
func saneRequestID(id string) bool {
	if id == "" || len(id) > maxRequestID {
		return false
	}
	for i := 0; i < len(id); i++ {
		if id[i] < '!' || id[i] > '~' {
			return false
		}
	}
	return true
}

// AccessLog logs one line per request at Info: method, path, status, bytes,
// duration and request id. The query string is left out, as it may carry tokens.
// log nil means slog.Default().
func AccessLog(log *slog.Logger) Middleware {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			start := time.Now()
			rw := wrap(w)
			st, r := stateOf(r)
			defer func() { // deferred, so a request that panics past Recover is logged too
				status := rw.status
				if status == 0 {
					status = http.StatusOK // net/http's answer when a handler writes nothing
				}
				orDefault(log).LogAttrs(r.Context(), slog.LevelInfo, "request",
					slog.String("method", r.Method), slog.String("path", r.URL.Path),
					slog.Int("status", status), slog.Int64("bytes", rw.bytes),
					slog.Duration("duration", time.Since(start)), slog.String("request_id", st.id))
			}()
			next.ServeHTTP(rw, r)
		})
	}
}

// Recover turns a panic into a 500 JSON answer, so one bad request cannot take
// the connection down with a bare reset, and logs the panic with its stack at
// Error. The body never carries the stack; under debug it carries the panic value.
// If the response had already started, the connection is aborted instead, so the
// client sees a failure rather than a truncated success. http.ErrAbortHandler is
// passed on, as net/http means it. log nil means slog.Default().
func Recover(log *slog.Logger) Middleware {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			rw := wrap(w)
			defer func() {
				if v := recover(); v != nil {
					recovered(rw, r, orDefault(log), v)
				}
			}()
			next.ServeHTTP(rw, r)
		})
	}
}

// recovered answers and logs the panic value v.
func recovered(w *responseWriter, r *http.Request, log *slog.Logger, v any) {
	if err, ok := v.(error); ok && errors.Is(err, http.ErrAbortHandler) {
		panic(v)
	}
	cause := fmt.Errorf("panic: %v", v)
	withRequestID(log, r).Error("panic", "method", r.Method, "path", r.URL.Path,
		"err", cause, "stack", string(debug.Stack()))
	if w.status != 0 {
		panic(http.ErrAbortHandler)
	}
	clearHeader(w.Header())
	respond(w, r, Internal(cause))
}

// clearHeader drops what the handler set before it panicked (a Location, a
// cookie), which does not belong on a 500, keeping the request id.
func clearHeader(h http.Header) {
	keep := http.CanonicalHeaderKey(RequestIDHeader)
	for k := range h {
		if k != keep {
			delete(h, k)
		}
	}
}

// BodyLimit caps request bodies at n bytes (n ≤ 0: no limit). A body declared
// larger is refused with 413 before the handler runs; one that turns out larger
// fails the read, which Decode and WriteError answer with 413. Decode uses the same
// limit.
func BodyLimit(n int64) Middleware {
	if n <= 0 {
		n = -1
	}
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			st, r := stateOf(r)
			st.maxBody = n
			if n > 0 && r.ContentLength > n {
				WriteError(w, r, TooLarge(n))
				return
			}
			if n > 0 && r.Body != nil {
				// The connection's own writer, so net/http learns the body was
				// cut off and closes the connection instead of reading on.
				r.Body = http.MaxBytesReader(unwrapAll(w), r.Body, n)
			}
			next.ServeHTTP(w, r)
		})
	}
}

// unwrapAll follows Unwrap methods down to the connection's writer.
func unwrapAll(w http.ResponseWriter) http.ResponseWriter {
	for {
		u, ok := w.(interface{ Unwrap() http.ResponseWriter })
		if !ok {
			return w
		}
		w = u.Unwrap()
	}
}
