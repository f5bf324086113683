package ddl

import (
	"encoding/json"
	"fmt"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"
)

// litKind says how a default renders; most kinds render the same on both dialects.
type litKind int

const (
	litNull    litKind = iota + 1
	litNumber          // a validated number, written bare
	litDecimal         // bare on PostgreSQL, a string on SQLite (stored as TEXT, exact)
	litString          // a quoted string
	litBool            // TRUE/FALSE on PostgreSQL, 1/0 on SQLite (INTEGER 0/1)
	litNow             // CURRENT_TIMESTAMP
	litToday           // CURRENT_DATE
	litTime            // a timestamp, formatted per dialect
)

// literal is a column default, validated when Default is called and rendered per
// dialect later, because builders don't know the dialect.
type literal struct {
	kind litKind
	text string
	at   time.Time
}

// sql renders the literal for d.
func (l literal) sql(d Dialect) string {
	switch l.kind {
	case litNull:
		return "NULL"
	case litNumber:
		return l.text
	case litDecimal:
		if d == SQLite {
			return quoteString(l.text)
		}
		return l.text
	case litBool:
		if d == SQLite {
			return map[string]string{"true": "1", "false": "0"}[l.text]
		}
		return strings.ToUpper(l.text)
	case litNow:
		return "CURRENT_TIMESTAMP"
	case litToday:
		return "CURRENT_DATE"
	case litTime:
		return quoteString(formatTime(d, l.at))
	}
	return quoteString(l.text)
}

// constant reports whether the default is a constant, which SQLite's ADD COLUMN
// requires (it refuses CURRENT_TIMESTAMP and friends on an existing table).
func (l literal) constant() bool { return l.kind != litNow && l.kind != litToday }

// formatTime writes a timestamp the way each database reads it back: SQLite in the
// format modernc.org/sqlite writes with _time_format=sqlite (which SQLite's date
// functions understand), PostgreSQL in ISO 8601.
func formatTime(d Dialect, t time.Time) string {
	if d == SQLite {
		return t.Format("2006-01-02 15:04:05.999999999-07:00")
	}
	return t.Format(time.RFC3339Nano)
}

// quoteString writes an SQL string literal, doubling single quotes.
func quoteString(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }

// plainDecimal matches the numbers kiln writes as defaults: no exponent, no leading +.
var plainDecimal = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^-?(0|[1-9][0-9]*)(\.[0-9]+)?$`) })

// defaultFor validates v as a default of column c and returns its literal. The
// accepted Go types follow the column: numbers for numeric columns, bool for
// Boolean, strings (or time.Time) for the rest; "now" means the current date or time.
func defaultFor(c *Column, v any) (literal, error) {
	if v == nil {
		return literal{kind: litNull}, nil
	}
	switch c.kind {
	case kindInteger, kindBigInteger:
		return intDefault(v, c.kind == kindInteger)
	case kindFloat:
		return floatDefault(v)
	case kindDecimal:
		return decimalDefault(v, c.precision, c.scale)
	case kindBoolean:
		return boolDefault(v)
	case kindDate:
		return dateDefault(v)
	case kindDateTime:
		return dateTimeDefault(v)
	case kindID:
		return literal{}, fmt.Errorf("an auto-increment id takes no default")
	}
	return textDefault(c, v)
}

func intDefault(v any, int32Only bool) (literal, error) {
	var n int64
	switch x := v.(type) {
	case int:
		n = int64(x)
	case int8:
		n = int64(x)
	case int16:
		n = int64(x)
	case int32:
		n = int64(x)
	case int64:
		n = x
	case uint8:
		n = int64(x)
	case uint16:
		n = int64(x)
	case uint32:
		n = int64(x)
	case string:
		var err error
		if n, err = strconv.ParseInt(x, 10, 64); err != nil || strconv.FormatInt(n, 10) != x {
			return literal{}, fmt.Errorf("default %q is not a whole number", x)
		}
	default:
		return literal{}, fmt.Errorf("default %v (%T) is not a whole number", v, v)
	}
	if int32Only && (n < math.MinInt32 || n > math.MaxInt32) {
		return literal{}, fmt.Errorf("default %d doesn't fit a 32-bit integer; use BigInteger", n)
	}
	return literal{kind: litNumber, text: strconv.FormatInt(n, 10)}, nil
}

func floatDefault(v any) (literal, error) {
	var f float64
	switch x := v.(type) {
	case float64:
		f = x
	case float32:
		f = float64(x)
	case int, int8, int16, int32, int64:
		lit, err := intDefault(x, false)
		return lit, err
	case string:
		if !plainDecimal().MatchString(x) {
			return literal{}, fmt.Errorf("default %q is not a plain number such as 9.5", x)
		}
		f, _ = strconv.ParseFloat(x, 64)
	default:
		return literal{}, fmt.Errorf("default %v (%T) is not a number", v, v)
	}
	if math.IsInf(f, 0) || math.IsNaN(f) {
		return literal{}, fmt.Errorf("default %v is not a finite number", f)
	}
	return literal{kind: litNumber, text: strconv.FormatFloat(f, 'g', -1, 64)}, nil
}

// decimalDefault keeps decimals exact: strings (and decimal.Decimal, through
// fmt.Stringer) are taken digit for digit; floats are written in their shortest form.
func decimalDefault(v any, precision, scale int) (literal, error) {
	var s string
	switch x := v.(type) {
	case string:
		s = x
	case float64:
		s = strconv.FormatFloat(x, 'f', -1, 64)
	case float32:
		s = strconv.FormatFloat(float64(x), 'f', -1, 32)
	case int, int8, int16, int32, int64:
		s = fmt.Sprint(x)
	case fmt.Stringer:
		s = x.String()
	default:
		return literal{}, fmt.Errorf("default %v (%T) is not a decimal", v, v)
	}
	if !plainDecimal().MatchString(s) {
		return literal{}, fmt.Errorf("default %q is not a plain decimal such as 9.99", s)
	}
	whole, frac, _ := strings.Cut(strings.TrimPrefix(s, "-"), ".")
	if whole == "0" {
		whole = ""
	}
	if len(whole) > precision-scale || len(frac) > scale {
		return literal{}, fmt.Errorf("default %s doesn't fit decimal(%d,%d)", s, precision, scale)
	}
	return literal{kind: litDecimal, text: s}, nil
}

func boolDefault(v any) (literal, error) {
	switch x := v.(type) {
	case bool:
		return literal{kind: litBool, text: strconv.FormatBool(x)}, nil
	case string:
		if x == "true" || x == "false" {
			return literal{kind: litBool, text: x}, nil
		}
	}
	return literal{}, fmt.Errorf("default %v is not a bool; use true or false", v)
}

func dateDefault(v any) (literal, error) {
	switch x := v.(type) {
	case time.Time:
		return literal{kind: litString, text: x.Format(time.DateOnly)}, nil
	case string:
		if x == "now" {
			return literal{kind: litToday}, nil
		}
		if _, err := time.Parse(time.DateOnly, x); err == nil {
			return literal{kind: litString, text: x}, nil
		}
	}
	return literal{}, fmt.Errorf("default %v is not a date; use YYYY-MM-DD or now", v)
}

func dateTimeDefault(v any) (literal, error) {
	switch x := v.(type) {
	case time.Time:
		return literal{kind: litTime, at: x}, nil
	case string:
		if x == "now" {
			return literal{kind: litNow}, nil
		}
		if at, err := time.Parse(time.RFC3339Nano, x); err == nil {
			return literal{kind: litTime, at: at}, nil
		}
	}
	return literal{}, fmt.Errorf("default %v is not a time; use RFC 3339 (2024-01-31T15:04:05Z) or now", v)
}

// textDefault handles the string-valued kinds: string, text, enum, uuid, json.
func textDefault(c *Column, v any) (literal, error) {
	var s string
	switch x := v.(type) {
	case string:
		s = x
	case []byte: // json.RawMessage
		s = string(x)
	default:
		return literal{}, fmt.Errorf("default %v (%T) is not a string", v, v)
	}
	if strings.ContainsRune(s, 0) {
		return literal{}, fmt.Errorf("default %q contains a NUL byte", s)
	}
	switch c.kind {
	case kindString:
		if n := utf8.RuneCountInString(s); n > c.size {
			return literal{}, fmt.Errorf("default %q is %d characters, longer than %d", s, n, c.size)
		}
	case kindEnum:
		if !slices.Contains(c.values, s) {
			return literal{}, fmt.Errorf("default %q is not one of %s", s, strings.Join(c.values, ", "))
		}
	case kindJSON:
		if !json.Valid([]byte(s)) {
			return literal{}, fmt.Errorf("default %q is not valid JSON", s)
		}
	case kindUUID:
		if !uuidPattern().MatchString(s) {
			return literal{}, fmt.Errorf("default %q is not a UUID", s)
		}
	}
	return literal{kind: litString, text: s}, nil
}

var uuidPattern = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`)
})
