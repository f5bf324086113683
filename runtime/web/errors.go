package web

import (
	"fmt"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"time"
)

// StatusClientClosedRequest is the status WriteError records when the client went
// away before the answer (nginx's 499): no body is sent, as nobody would read it,
// but the access log then says what happened instead of a misleading 200 or 500.
const StatusClientClosedRequest = 499

// Error is an error with an HTTP status, answered by WriteError as JSON:
// {"message": …} plus, for 422, "errors" keyed by JSON field name. Handlers return
// one (or WriteError it) to choose the status; the constructors below fill in the
// usual messages.
type Error struct {
	Status  int                 // the HTTP status, 400–599
	Message string              // for the client: never internals such as SQL
	Errors  map[string][]string // per-field messages, for 422
	// Order lists Errors' keys in the order the body shows them (Laravel's
	// rule order: the form's first field first); keys it leaves out follow,
	// sorted.
	Order  []string
	Header http.Header // extra response headers: Allow, Retry-After
	Err    error       // the cause, for logs (and for bodies under APP_DEBUG on 5xx)
}

func (e *Error) Error() string {
	s := strconv.Itoa(e.Status) + " " + e.Message
	if e.Err != nil {
		s += ": " + e.Err.Error()
	}
	return s
}

// Unwrap returns the cause, so errors.Is and errors.As see through an *Error.
func (e *Error) Unwrap() error { return e.Err }

// WithRetryAfter sets the Retry-After header, for 429 and 503, and returns e.
func (e *Error) WithRetryAfter(d time.Duration) *Error {
	if e.Header == nil {
		e.Header = http.Header{}
	}
	e.Header.Set("Retry-After", strconv.Itoa(int((d+time.Second-1)/time.Second)))
	return e
}

// NewError returns an error with status and msg; an empty msg becomes the status
// text in lower case ("not found").
func NewError(status int, msg string) *Error {
	if msg == "" {
		msg = strings.ToLower(http.StatusText(status))
	}
	return &Error{Status: status, Message: msg}
}

// BadRequest is 400: the request is malformed (bad JSON, a junk id).
func BadRequest(msg string) *Error { return NewError(http.StatusBadRequest, msg) }

// Unauthorized is 401: the client is not authenticated.
func Unauthorized(msg string) *Error { return NewError(http.StatusUnauthorized, msg) }

// Forbidden is 403: the client is authenticated but may not do this.
func Forbidden(msg string) *Error { return NewError(http.StatusForbidden, msg) }

// NotFound is 404.
func NotFound(msg string) *Error { return NewError(http.StatusNotFound, msg) }

// MethodNotAllowed is 405 with an Allow header listing the allowed methods.
func MethodNotAllowed(allowed ...string) *Error {
	e := NewError(http.StatusMethodNotAllowed, "")
	e.Header = http.Header{"Allow": {strings.Join(allowed, ", ")}}
	return e
}

// Conflict is 409: the request conflicts with the current state (a duplicate).
func Conflict(msg string) *Error { return NewError(http.StatusConflict, msg) }

// TooLarge is 413: the request body is over limit bytes.
func TooLarge(limit int64) *Error {
	return NewError(http.StatusRequestEntityTooLarge, "request body too large: the limit is "+formatBytes(limit))
}

// UnsupportedMediaType is 415: the body is not in a format the endpoint reads.
func UnsupportedMediaType(msg string) *Error {
	return NewError(http.StatusUnsupportedMediaType, msg)
}

// Unprocessable is 422 with per-field messages keyed by JSON field name. An empty
// msg is derived from errs the way Laravel does it: the first message plus
// "(and N more errors)", taking fields in sorted order so the body is stable.
func Unprocessable(msg string, errs map[string][]string) *Error {
	if msg == "" {
		msg = summarize(errs)
	}
	return &Error{Status: http.StatusUnprocessableEntity, Message: msg, Errors: errs}
}

// TooManyRequests is 429; add WithRetryAfter to say when to come back.
func TooManyRequests(msg string) *Error { return NewError(http.StatusTooManyRequests, msg) }

// Internal is 500 caused by err. The client sees "internal server error" (and the
// error's text only under APP_DEBUG); the log gets err.
func Internal(err error) *Error {
	e := NewError(http.StatusInternalServerError, "")
	e.Err = err
	return e
}

// Unavailable is 503: try again later; add WithRetryAfter to say when.
func Unavailable(msg string) *Error { return NewError(http.StatusServiceUnavailable, msg) }

// summarize is Laravel's 422 message: "The title field is required. (and 1 more error)".
func summarize(errs map[string][]string) string {
	fields := make([]string, 0, len(errs))
	total := 0
	for f, msgs := range errs {
		if len(msgs) > 0 {
			fields = append(fields, f)
			total += len(msgs)
		}
	}
	if total == 0 {
		return "The given data was invalid."
	}
	sort.Strings(fields)
	msg := errs[fields[0]][0]
	switch total {
	case 1:
		return msg
	case 2:
		return msg + " (and 1 more error)"
	}
	return fmt.Sprintf("%s (and %d more errors)", msg, total-1)
}

// formatBytes writes a size the way people configure it: 1 MiB, 512 KiB, 1000 bytes.
func formatBytes(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return strconv.FormatInt(n>>20, 10) + " MiB"
	case n >= 1<<10 && n%(1<<10) == 0:
		return strconv.FormatInt(n>>10, 10) + " KiB"
	}
	return strconv.FormatInt(n, 10) + " bytes"
}
