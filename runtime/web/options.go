package web

import (
	"fmt"
	"log/slog"
	"net/http"
	"os"
	"strconv"
	"strings"
)

// DefaultMaxBody is the request body limit when none is configured: 1 MiB is
// plenty for JSON and small enough that a flood of large bodies cannot exhaust
// memory.
const DefaultMaxBody = 1 << 20

// Options configure the default middleware stack.
type Options struct {
	Logger  *slog.Logger // access log, panics and 5xx causes; nil means slog.Default()
	MaxBody int64        // request body limit in bytes; 0 means DefaultMaxBody, < 0 no limit
	Debug   bool         // put 5xx causes (panic values, SQL errors) in bodies: development only
}

// OptionsFromEnv reads APP_DEBUG (true/false) and APP_MAX_BODY (bytes, or a size
// such as 512KiB or 2M; K, M and G are binary). On an invalid value it returns an
// error naming the variable, together with Options holding defaults for it, so a
// server can refuse to start while a listing command can still go on.
func OptionsFromEnv() (Options, error) {
	var o Options
	var errs []string
	if s := os.Getenv("APP_DEBUG"); s != "" {
		on, err := strconv.ParseBool(s)
		if err != nil {
			errs = append(errs, fmt.Sprintf("invalid APP_DEBUG %q: use true or false", s))
		}
		o.Debug = on
	}
	if s := os.Getenv("APP_MAX_BODY"); s != "" {
		n, err := parseSize(s)
		if err != nil {
			errs = append(errs, fmt.Sprintf("invalid APP_MAX_BODY %q: use bytes or a size such as 512KiB or 2MiB", s))
		}
		o.MaxBody = n
	}
	if errs != nil {
		return o, fmt.Errorf("%s", strings.Join(errs, "; "))
	}
	return o, nil
}

// sizeUnit is the multiplier of a size suffix, all binary: people who write
// "1MB" for a body limit mean 1 MiB. ok is false for an unknown suffix.
func sizeUnit(suffix string) (n int64, ok bool) {
	switch strings.ToLower(suffix) {
	case "", "b":
		return 1, true
	case "k", "kb", "kib":
		return 1 << 10, true
	case "m", "mb", "mib":
		return 1 << 20, true
	case "g", "gb", "gib":
		return 1 << 30, true
	}
	return 0, false
}

// parseSize parses a positive size: "1048576", "512KiB", "2M".
func parseSize(s string) (int64, error) {
	s = strings.TrimSpace(s)
	digits := len(s) - len(strings.TrimLeft(s, "0123456789"))
	unit, ok := sizeUnit(strings.TrimSpace(s[digits:]))
	n, err := strconv.ParseInt(s[:digits], 10, 64)
	if !ok || err != nil || n < 1 || n > (1<<62)/unit {
		return 0, fmt.Errorf("invalid size %q", s)
	}
	return n * unit, nil
}

// Defaults is the middleware stack every kiln app runs (runtime/app installs it),
// outermost first:
//
//  1. the options, for WriteError and Logger further in;
//  2. RequestID, so everything after can log the id;
//  3. AccessLog, outside Recover so a panic is logged as the 500 it became;
//  4. Recover;
//  5. BodyLimit.
func Defaults(o Options) []Middleware {
	opts := &o
	limit := o.MaxBody
	if limit == 0 {
		limit = DefaultMaxBody
	}
	return []Middleware{configure(opts), RequestID, AccessLog(o.Logger), Recover(o.Logger), BodyLimit(limit)}
}

// configure puts the options in the request's state.
func configure(o *Options) Middleware {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			st, r := stateOf(r)
			st.opts = o
			next.ServeHTTP(w, r)
		})
	}
}
