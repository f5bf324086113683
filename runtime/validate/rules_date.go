package validate

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"time"

	"github.com/go-playground/validator/v10"
)

// dateLayouts are the ISO 8601 forms the date rule accepts: a calendar date,
// RFC 3339 (with fractional seconds and any offset), and local date-times
// with a T or a space, read as UTC.
var dateLayouts = [...]string{
	time.DateOnly,
	time.RFC3339Nano,
	"2006-01-02T15:04:05",
	time.DateTime,
	"2006-01-02T15:04",
	"2006-01-02 15:04",
}

// ParseDate parses s in one of the forms the date rule accepts, in the
// years 1 to 9999 once in UTC.
func ParseDate(s string) (time.Time, error) {
	for _, layout := range dateLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			if !storable(t) {
				return time.Time{}, fmt.Errorf("invalid date %q: the year must be 1 to 9999 in UTC", s)
			}
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("invalid date %q: use YYYY-MM-DD or RFC 3339", s)
}

// storable reports whether t is in the years 1 to 9999 in UTC. Outside them
// a time does not survive the trip: SQLite stores text it cannot read back,
// PostgreSQL gives a BC year, and encoding/json refuses to write one, so one
// such row would make every list of its table a 500.
func storable(t time.Time) bool {
	y := t.UTC().Year()
	return 1 <= y && y <= 9999
}

// Time is ParseDate, in UTC, for values a date rule has already accepted,
// so request types can hand them to a model for a datetime column without
// error handling: an invalid s gives the zero time. In UTC, the model holds
// what the database gives back, so a 201 shows the record as a GET will.
func Time(s string) time.Time {
	t, _ := ParseDate(s)
	return t.UTC()
}

// TimePtr is Time for a nullable field: nil stays nil.
func TimePtr(s *string) *time.Time { return ptrTo(Time, s) }

// Date is Time for a date column: midnight UTC of the calendar date s names,
// as written (2026-01-02T23:30:00-05:00 is January 2), which is what the
// column keeps.
func Date(s string) time.Time {
	t, _ := ParseDate(s)
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// DatePtr is Date for a nullable field: nil stays nil.
func DatePtr(s *string) *time.Time { return ptrTo(Date, s) }

// ptrTo applies parse to *s, keeping nil.
func ptrTo(parse func(string) time.Time, s *string) *time.Time {
	if s == nil {
		return nil
	}
	t := parse(*s)
	return &t
}

// dateRule accepts a string ParseDate reads, or a time.Time.
func dateRule(_ context.Context, fl validator.FieldLevel) bool {
	_, ok := dateOf(fl.Field())
	return ok
}

// dateCompareRule builds before, after and their _or_equal forms: ok gets the
// sign of (value - other). The other date is the parameter (an ISO date, or
// today, tomorrow, yesterday, now) or a sibling field named by its JSON key;
// an empty sibling passes, as its own rules report it.
func dateCompareRule(ok func(c int) bool) validator.FuncCtx {
	return func(ctx context.Context, fl validator.FieldLevel) bool {
		v, valid := dateOf(fl.Field())
		if !valid {
			return false
		}
		other, present, err := dateParam(fl)
		if err != nil {
			return stateFrom(ctx).fail(err)
		}
		return !present || ok(v.Compare(other))
	}
}

// dateParam resolves the date a before/after rule compares with.
func dateParam(fl validator.FieldLevel) (time.Time, bool, error) {
	p := fl.Param()
	if t, ok := relativeDate(p); ok {
		return t, true, nil
	}
	if p != "" && p[0] >= '0' && p[0] <= '9' {
		t, err := ParseDate(p)
		if err != nil {
			return time.Time{}, false, fmt.Errorf("validate: %s=%s: %w", fl.GetTag(), p, err)
		}
		return t, true, nil
	}
	sib, err := sibling(fl, p)
	if err != nil {
		return time.Time{}, false, err
	}
	t, ok := dateOf(sib)
	return t, ok, nil
}

// relativeDate reads today, tomorrow, yesterday (midnight UTC) and now.
func relativeDate(p string) (time.Time, bool) {
	now := time.Now().UTC()
	today := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC)
	switch p {
	case "now":
		return now, true
	case "today":
		return today, true
	case "tomorrow":
		return today.AddDate(0, 0, 1), true
	case "yesterday":
		return today.AddDate(0, 0, -1), true
	}
	return time.Time{}, false
}

// dateOf reads a date from a string, a time.Time or a pointer to either; ok is
// false when there is none or it does not parse.
func dateOf(v reflect.Value) (time.Time, bool) {
	for v.Kind() == reflect.Pointer {
		if v.IsNil() {
			return time.Time{}, false
		}
		v = v.Elem()
	}
	switch {
	case v.Kind() == reflect.String:
		t, err := ParseDate(v.String())
		return t, err == nil
	case v.Type() == reflect.TypeFor[time.Time]():
		t := v.Interface().(time.Time)
		return t, storable(t)
	}
	return time.Time{}, false
}

// errNoSibling is wrapped by sibling's errors.
var errNoSibling = errors.New("no such field")

// sibling returns the field of the validated field's struct whose JSON key is
// name: the other date of after=starts_on, the x_confirmation of confirmed.
func sibling(fl validator.FieldLevel, name string) (reflect.Value, error) {
	parent := fl.Parent()
	for parent.Kind() == reflect.Pointer {
		parent = parent.Elem()
	}
	if parent.Kind() == reflect.Struct {
		if i, ok := fieldsOf(parent.Type())[name]; ok {
			return parent.Field(i), nil
		}
	}
	return reflect.Value{}, fmt.Errorf("validate: %s=%s on %s: %w %q in %s", fl.GetTag(), fl.Param(), fl.FieldName(), errNoSibling, name, parent.Type())
}
