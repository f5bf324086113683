package validate

import (
	"context"
	"reflect"
	"strings"
	"sync"

	"github.com/go-playground/validator/v10"

	"github.com/kilnhq/kiln/runtime/db"
)

// engine is the process's one validator. validator caches each struct's
// parsed tags per instance, so sharing one instance is what makes validation
// cheap; it is built on first use so importing the package costs nothing.
var engine = sync.OnceValue(newEngine)

// rules are the validations kiln adds to validator's own. min and max replace
// the built-in ones so that they also compare decimal.Decimal values; email
// replaces the built-in one with a faster path to the same answers.
var rules = map[string]validator.FuncCtx{
	"email":           emailRule,
	"min":             sizeRule(func(c int) bool { return c >= 0 }),
	"max":             sizeRule(func(c int) bool { return c <= 0 }),
	"between":         betweenRule,
	"decimal":         decimalRule,
	"notblank":        notblankRule,
	"regex":           regexRule,
	"confirmed":       confirmedRule,
	"unique":          uniqueRule,
	"exists":          existsRule,
	"date":            dateRule,
	"before":          dateCompareRule(func(c int) bool { return c < 0 }),
	"after":           dateCompareRule(func(c int) bool { return c > 0 }),
	"before_or_equal": dateCompareRule(func(c int) bool { return c <= 0 }),
	"after_or_equal":  dateCompareRule(func(c int) bool { return c >= 0 }),
}

func newEngine() *validator.Validate {
	v := validator.New(validator.WithRequiredStructEnabled())
	v.RegisterTagNameFunc(jsonName)
	for tag, fn := range rules {
		if err := v.RegisterValidationCtx(tag, fn); err != nil {
			panic("validate: register " + tag + ": " + err.Error()) // a bug in this package
		}
	}
	return v
}

// jsonName names fields in errors by their JSON key, the name clients know.
func jsonName(f reflect.StructField) string {
	name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
	switch name {
	case "-":
		return ""
	case "":
		return f.Name
	}
	return name
}

// ctxKey is the context key of a validation's callState.
type ctxKey struct{}

// callState is what the database rules need from one Struct call, passed in
// the context because the validator is shared by every request.
type callState struct {
	q      db.Querier
	ignore *Row
	err    error // the first database or configuration error
}

// fail records err, so Struct returns it instead of a 422 (a query that
// failed says nothing about the client's data), and returns false: a rule
// that could not run does not pass.
func (s *callState) fail(err error) bool {
	if s.err == nil {
		s.err = err
	}
	return false
}

// stateFrom returns the callState Struct put in ctx.
func stateFrom(ctx context.Context) *callState {
	st, _ := ctx.Value(ctxKey{}).(*callState)
	if st == nil {
		return &callState{} // only Struct validates, so this is never used but keeps rules nil-safe
	}
	return st
}
