package web

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"regexp"
	"slices"
	"strings"

	"github.com/kilnhq/kiln/runtime/db"
	"github.com/kilnhq/kiln/runtime/orm"
	"github.com/kilnhq/kiln/runtime/orm/naming"
)

// WriteError answers err as JSON with the status it maps to:
//
//   - *Error: its own status, message, field errors and headers;
//   - orm.ErrNotFound: 404 "post 7 not found";
//   - a unique violation (db.ConstraintError, or a driver error ClassifyError
//     recognizes): 409; a foreign-key, not-null or check violation, or a value
//     the column cannot hold: 422 naming the column when the database does (409
//     for a foreign key on DELETE: the row is still referenced);
//   - orm.ErrUnknownColumn: 400; *http.MaxBytesError: 413;
//   - context.Canceled after the client went away: 499 and no body;
//     context.DeadlineExceeded: 503;
//   - anything else: 500 "internal server error".
//
// Every 5xx is logged with its cause and request id. Bodies never carry a 5xx's
// cause (SQL, file paths) unless debug is on (Options.Debug, APP_DEBUG=true). If
// the response has already started, WriteError only logs, whatever the status.
func WriteError(w http.ResponseWriter, r *http.Request, err error) {
	if err == nil {
		return
	}
	if errors.Is(err, context.Canceled) && r.Context().Err() != nil {
		if !started(w) {
			w.WriteHeader(StatusClientClosedRequest)
		}
		return
	}
	e := classify(r, err)
	var answered *encodeError
	encodeFailed := errors.As(err, &answered)
	late := started(w) || encodeFailed // nothing more can reach the client
	if (e.Status >= 500 || late) && !(encodeFailed && answered.logged) {
		logFailure(r, e.Status, err)
	}
	if !late {
		respond(w, r, e)
	}
}

// logFailure logs a request that failed with status, and why.
func logFailure(r *http.Request, status int, err error) {
	Logger(r).Error("request failed", "method", r.Method, "path", r.URL.Path, "status", status, "err", err)
}

// respond writes e as the response.
func respond(w http.ResponseWriter, r *http.Request, e *Error) {
	h := w.Header()
	for k, v := range e.Header {
		h[k] = v
	}
	detail := ""
	if e.Status >= 500 && e.Err != nil && debugOn(r) {
		detail = e.Err.Error()
	}
	writeJSON(w, e.Status, errorBody(e, detail))
}

// errorBody is the JSON of an error response; detail is the cause's text, sent
// only in debug mode.
func errorBody(e *Error, detail string) []byte {
	var errs *fieldErrors
	if len(e.Errors) > 0 {
		errs = &fieldErrors{e.Errors, e.Order}
	}
	body, _ := json.Marshal(struct { // strings and string maps always encode
		Message string       `json:"message"`
		Errors  *fieldErrors `json:"errors,omitempty"`
		Error   string       `json:"error,omitempty"`
	}{e.Message, errs, detail})
	return append(body, '\n')
}

// fieldErrors is a 422's errors map, written in its order.
type fieldErrors struct {
	byField map[string][]string
	order   []string
}

// MarshalJSON writes the fields in order, then any others sorted.
func (f *fieldErrors) MarshalJSON() ([]byte, error) {
	keys := make([]string, 0, len(f.byField))
	for _, k := range f.order {
		if _, ok := f.byField[k]; ok && !slices.Contains(keys, k) {
			keys = append(keys, k)
		}
	}
	rest := len(keys)
	for k := range f.byField {
		if !slices.Contains(keys[:rest], k) {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys[rest:])
	b := []byte{'{'}
	for i, k := range keys {
		if i > 0 {
			b = append(b, ',')
		}
		name, _ := json.Marshal(k)
		msgs, _ := json.Marshal(f.byField[k])
		b = append(append(append(b, name...), ':'), msgs...)
	}
	return append(b, '}'), nil
}

// classify maps err to the *Error that answers it. Explicit *Errors win over
// what is inferred from the cause.
func classify(r *http.Request, err error) *Error {
	var he *Error
	var ce *db.ConstraintError
	var tooLarge *http.MaxBytesError
	switch {
	case errors.As(err, &he):
		return he
	case errors.Is(err, orm.ErrNotFound):
		return notFound(err)
	case errors.Is(err, orm.ErrUnknownColumn):
		return unknownColumn(err)
	case errors.As(db.ClassifyError(err), &ce):
		return constraint(r, ce)
	case errors.As(err, &tooLarge):
		return TooLarge(tooLarge.Limit)
	case errors.Is(err, context.DeadlineExceeded):
		e := Unavailable("request timed out")
		e.Err = err
		return e
	}
	return Internal(err)
}

// notFound says which record was missing when the ORM says: "post 7 not found".
func notFound(err error) *Error {
	e := NotFound("")
	var nf *orm.NotFoundError
	if errors.As(err, &nf) {
		nf = &orm.NotFoundError{Model: words(nf.Model), Key: nf.Key}
		e.Message = nf.Error()
	}
	e.Err = err
	return e
}

// unknownQuoted finds the column name in the ORM's unknown-column error.
var unknownQuoted = regexp.MustCompile(`unknown column ("[^"]*")`)

// unknownColumn names the column, which usually comes from the query string
// (?sort=titel), and nothing else of the query.
func unknownColumn(err error) *Error {
	e := BadRequest("unknown column")
	if m := unknownQuoted.FindStringSubmatch(err.Error()); m != nil {
		e.Message += " " + m[1]
	}
	e.Err = err
	return e
}

// constraint maps a constraint violation. The 422 messages follow the shape and
// wording of validation errors, so clients handle both alike.
func constraint(r *http.Request, ce *db.ConstraintError) *Error {
	field := ce.Column
	var e *Error
	switch {
	case ce.Kind == db.Unique && field != "":
		e = Conflict("the " + words(field) + " has already been taken")
	case ce.Kind == db.Unique:
		e = Conflict("the record conflicts with an existing one")
	case ce.Kind == db.ForeignKey && r.Method == http.MethodDelete:
		e = Conflict("the record is still referenced by other records")
	case ce.Kind == db.ForeignKey:
		e = fieldError(field, "The selected "+words(field)+" is invalid.", "A related record does not exist.")
	case ce.Kind == db.NotNull:
		e = fieldError(field, "The "+words(field)+" field is required.", "A required field is missing.")
	default:
		e = fieldError(field, "The "+words(field)+" field is invalid.", "The given data was invalid.")
	}
	e.Err = ce
	return e
}

// fieldError is a 422 with msg under field, or a bare 422 with anonymous when the
// database did not name the column.
func fieldError(field, msg, anonymous string) *Error {
	if field == "" {
		return Unprocessable(anonymous, nil)
	}
	return Unprocessable(msg, map[string][]string{field: {msg}})
}

// words turns a Go or column name into lower-case words: BlogPost, blog_post → blog post.
func words(name string) string { return strings.ReplaceAll(naming.Snake(name), "_", " ") }
