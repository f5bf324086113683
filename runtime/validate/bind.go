package validate

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"reflect"

	"github.com/go-playground/validator/v10"

	"github.com/kilnhq/kiln/runtime/db"
)

// Bind reads the request's JSON body into a new T and validates it; T is a
// request struct with json and validate tags. The body is decoded strictly,
// so only T's declared fields can be set (mass assignment is impossible).
// Its errors are ready for web.WriteError:
//
//   - a wrong or missing Content-Type is 415, a body over the limit 413, and
//     an empty, malformed or non-object body 400, as with web.Decode;
//   - an unknown key or a value of the wrong type is 422 naming the field,
//     reported with the rules the other fields fail;
//   - failed rules are 422 with Laravel's messages (see the package doc);
//   - a database error from unique or exists is returned as is (500).
//
// q runs the unique and exists rules; it may be nil when T has none. When T
// implements RowIgnorer its unique rules skip the row being updated; when it
// implements Replacer a PUT must send every required field, and no request
// may send one as null; when it implements NullRefuser no request may send
// a NotNull field as null; and an embedded Sent is filled with the keys the
// body had.
func Bind[T any](r *http.Request, q db.Querier) (T, error) {
	var v, zero T
	raw, typeFails, covered, err := decodeBody(r, &v)
	if err != nil {
		return zero, err
	}
	var members []member // the body's top-level keys, scanned once for Sent, Replacer and NullRefuser
	if checksMembers(&v) {
		members = topLevelMembers(raw)
	}
	if sent, ok := any(&v).(sentSetter); ok {
		sent.setSent(keysOf(members))
	}
	ctx := r.Context()
	if ig, ok := any(&v).(RowIgnorer); ok {
		row, err := ig.IgnoreRow(r)
		if err != nil {
			return zero, err
		}
		ctx = Ignoring(ctx, row)
	}
	fails, err := structFailures(ctx, q, &v)
	if err != nil {
		return zero, err
	}
	missing := missingRequired(r.Method, members, &v)
	if missing != nil || typeFails != nil {
		fails = append(missing, withoutCovered(fails, covered)...)
		fails = inFieldOrder(reflect.TypeFor[T](), append(typeFails, fails...))
	}
	if len(fails) > 0 {
		return zero, unprocessable(fails, customMessages(&v))
	}
	return v, nil
}

// Struct validates v, a struct or a pointer to one, with its validate tags:
// nil, a *web.Error 422 listing every failed field, or the error that kept a
// rule from running (a failed query, an unregistered pattern). It is Bind
// without the HTTP, for values that arrive some other way (a queue message,
// a CLI flag). q may be nil when v has no unique or exists rules; Ignoring
// sets the row unique rules skip.
func Struct(ctx context.Context, q db.Querier, v any) error {
	fails, err := structFailures(ctx, q, v)
	if err != nil {
		return err
	}
	if len(fails) > 0 {
		return unprocessable(fails, customMessages(v))
	}
	return nil
}

// structFailures runs v's validate tags: the rules that failed, in field
// order, or the error that kept a rule from running.
func structFailures(ctx context.Context, q db.Querier, v any) ([]failure, error) {
	st := &callState{q: q, ignore: ignoredRow(ctx)}
	err := engine().StructCtx(context.WithValue(ctx, ctxKey{}, st), v)
	if st.err != nil {
		return nil, st.err
	}
	var verrs validator.ValidationErrors
	if !errors.As(err, &verrs) {
		if err != nil {
			return nil, fmt.Errorf("validate: %w", err) // not a struct: a programming error
		}
		return nil, nil
	}
	root := deref(reflect.TypeOf(v))
	fails := make([]failure, len(verrs))
	for i, fe := range verrs {
		fails[i] = fromFieldError(root, fe)
	}
	return fails, nil
}

// customMessages returns v's own messages, if it has any.
func customMessages(v any) map[string]string {
	if m, ok := v.(Messager); ok {
		return m.Messages()
	}
	return nil
}
