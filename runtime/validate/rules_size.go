package validate

import (
	"context"
	"database/sql/driver"
	"fmt"
	"math/big"
	"reflect"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/go-playground/validator/v10"
)

// sizeRule builds min and max: ok reports whether the sign of (size - limit)
// passes. Strings are measured in characters, arrays in items and numbers by
// value, as Laravel's min and max do.
func sizeRule(ok func(c int) bool) validator.FuncCtx {
	return func(ctx context.Context, fl validator.FieldLevel) bool {
		c, err := compareSize(fl.Field(), fl.Param())
		if err != nil {
			return stateFrom(ctx).fail(err)
		}
		return ok(c)
	}
}

// betweenRule is between=A B: min=A and max=B in one rule, with one message.
func betweenRule(ctx context.Context, fl validator.FieldLevel) bool {
	lo, hi, ok := strings.Cut(fl.Param(), " ")
	if !ok {
		return stateFrom(ctx).fail(fmt.Errorf("validate: between=%q: write between=min max", fl.Param()))
	}
	cLo, err := compareSize(fl.Field(), lo)
	if err != nil {
		return stateFrom(ctx).fail(err)
	}
	cHi, err := compareSize(fl.Field(), hi)
	if err != nil {
		return stateFrom(ctx).fail(err)
	}
	return cLo >= 0 && cHi <= 0
}

// compareSize compares v's size with the limit: -1, 0 or +1.
func compareSize(v reflect.Value, limit string) (int, error) {
	switch v.Kind() {
	case reflect.String:
		return compareInt(int64(utf8.RuneCountInString(v.String())), limit)
	case reflect.Slice, reflect.Map, reflect.Array:
		return compareInt(int64(v.Len()), limit)
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return compareInt(v.Int(), limit)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		if v.Uint() > 1<<63-1 {
			return 1, nil
		}
		return compareInt(int64(v.Uint()), limit)
	case reflect.Float32, reflect.Float64:
		l, err := parseLimit(limit)
		if err != nil {
			return 0, err
		}
		return compareFloat(v.Float(), l), nil
	}
	return compareDecimal(v, limit)
}

// compareInt compares exactly when the limit is a whole number.
func compareInt(n int64, limit string) (int, error) {
	if l, err := strconv.ParseInt(limit, 10, 64); err == nil {
		switch {
		case n < l:
			return -1, nil
		case n > l:
			return 1, nil
		}
		return 0, nil
	}
	l, err := parseLimit(limit)
	if err != nil {
		return 0, err
	}
	return compareFloat(float64(n), l), nil
}

func compareFloat(f, l float64) int {
	switch {
	case f < l:
		return -1
	case f > l:
		return 1
	}
	return 0
}

func parseLimit(limit string) (float64, error) {
	l, err := strconv.ParseFloat(limit, 64)
	if err != nil {
		return 0, fmt.Errorf("validate: size limit %q is not a number", limit)
	}
	return l, nil
}

// compareDecimal compares exact decimal types (shopspring's Decimal and
// NullDecimal) through the text their driver.Valuer or String gives, so the
// package needs no decimal dependency. A NULL compares as passing both ways:
// it has no size, and required is what rejects it.
func compareDecimal(v reflect.Value, limit string) (int, error) {
	text, ok := decimalText(v)
	if !ok {
		return 0, fmt.Errorf("validate: min, max and between do not apply to %s", v.Type())
	}
	if text == "" {
		return 0, nil
	}
	n, ok1 := new(big.Rat).SetString(text)
	l, ok2 := new(big.Rat).SetString(limit)
	if !ok1 || !ok2 {
		return 0, fmt.Errorf("validate: cannot compare %q with %q", text, limit)
	}
	return n.Cmp(l), nil
}

// decimalText is a decimal's digits, "" for NULL.
func decimalText(v reflect.Value) (string, bool) {
	if !v.CanInterface() {
		return "", false
	}
	switch x := v.Interface().(type) {
	case driver.Valuer:
		dv, err := x.Value()
		if err != nil {
			return "", false
		}
		if dv == nil {
			return "", true
		}
		s, ok := dv.(string)
		return s, ok
	case fmt.Stringer:
		return x.String(), true
	}
	return "", false
}

// decimalRule is Laravel's decimal:min,max, written decimal=MIN MAX (or
// decimal=N for exactly N): the number of decimal places a decimal or float
// value may have. It keeps a value the column would round (12.345 in a
// numeric(10,2)) from being stored as something else than what was sent.
func decimalRule(ctx context.Context, fl validator.FieldLevel) bool {
	lo, hi, err := placesRange(fl.Param())
	if err != nil {
		return stateFrom(ctx).fail(err)
	}
	places, ok := decimalPlaces(fl.Field())
	if !ok {
		return stateFrom(ctx).fail(fmt.Errorf("validate: decimal does not apply to %s", fl.Field().Type()))
	}
	return places < 0 || places >= lo && places <= hi
}

// placesRange parses decimal's parameter: "N" or "MIN MAX".
func placesRange(param string) (lo, hi int, err error) {
	a, b, two := strings.Cut(param, " ")
	lo, err1 := strconv.Atoi(a)
	hi, err2 := lo, error(nil)
	if two {
		hi, err2 = strconv.Atoi(b)
	}
	if err1 != nil || err2 != nil || lo < 0 || hi < lo {
		return 0, 0, fmt.Errorf("validate: decimal=%q: write decimal=places or decimal=min max", param)
	}
	return lo, hi, nil
}

// decimalPlaces counts v's digits after the point, trailing zeros aside
// (12.50 has one); -1 for NULL, which has none to count.
func decimalPlaces(v reflect.Value) (int, bool) {
	var text string
	switch v.Kind() {
	case reflect.Float32, reflect.Float64:
		text = strconv.FormatFloat(v.Float(), 'f', -1, 64)
	default:
		t, ok := decimalText(v)
		if !ok {
			return 0, false
		}
		if t == "" {
			return -1, true
		}
		text = t
	}
	_, frac, _ := strings.Cut(text, ".")
	return len(strings.TrimRight(frac, "0")), true
}
