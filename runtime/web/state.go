package web

import (
	"context"
	"log/slog"
	"net/http"
	"os"
	"strconv"
)

// ctxKey is the context key of the per-request state.
type ctxKey struct{}

// state is what the middleware tells the rest of the request: one pointer in the
// context, created by the outermost middleware and filled in by the others, so the
// stack clones the request once instead of once per middleware. Middleware set its
// fields before calling the next handler and nothing writes them afterwards, so
// handlers may read them from any goroutine.
type state struct {
	id      string   // the request id (RequestID)
	opts    *Options // from Defaults; nil when the app composed its own stack
	maxBody int64    // from BodyLimit: 0 not set, < 0 no limit
}

// stateOf returns the request's state, attaching a new one (and so a new request)
// if it has none yet.
func stateOf(r *http.Request) (*state, *http.Request) {
	if st := stateFrom(r.Context()); st != nil {
		return st, r
	}
	st := new(state)
	return st, r.WithContext(context.WithValue(r.Context(), ctxKey{}, st))
}

// stateFrom returns the state in ctx, or nil.
func stateFrom(ctx context.Context) *state {
	st, _ := ctx.Value(ctxKey{}).(*state)
	return st
}

// RequestIDFrom returns the request id the RequestID middleware put in ctx, or ""
// outside it. Pass it on to calls to other services so one id follows a request
// through all their logs.
func RequestIDFrom(ctx context.Context) string {
	if st := stateFrom(ctx); st != nil {
		return st.id
	}
	return ""
}

// Logger returns the app's logger (Options.Logger, else slog.Default) with the
// request id attached, so a handler's log lines can be matched to the access log.
func Logger(r *http.Request) *slog.Logger {
	var base *slog.Logger
	if st := stateFrom(r.Context()); st != nil && st.opts != nil {
		base = st.opts.Logger
	}
	return withRequestID(orDefault(base), r)
}

// withRequestID adds the request id, when there is one, to log.
func withRequestID(log *slog.Logger, r *http.Request) *slog.Logger {
	if id := RequestIDFrom(r.Context()); id != "" {
		return log.With("request_id", id)
	}
	return log
}

// orDefault is log, or slog.Default() when log is nil. It is resolved per call,
// so an app that sets the default logger after building its router still gets it.
func orDefault(log *slog.Logger) *slog.Logger {
	if log != nil {
		return log
	}
	return slog.Default()
}

// debugOn reports whether 500 responses may carry the error's text: Options.Debug
// under Defaults, else APP_DEBUG, so handlers tested without the stack behave as
// the deployed app does.
func debugOn(r *http.Request) bool {
	if st := stateFrom(r.Context()); st != nil && st.opts != nil {
		return st.opts.Debug
	}
	on, _ := strconv.ParseBool(os.Getenv("APP_DEBUG"))
	return on
}

// bodyLimit is the request body limit in force for r: BodyLimit's, else the default.
func bodyLimit(r *http.Request) int64 {
	if st := stateFrom(r.Context()); st != nil && st.maxBody != 0 {
		return st.maxBody
	}
	return DefaultMaxBody
}
