package spec

import (
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// defaultProblem checks a default value against the field's type. The
// value ends up in both SQL (DEFAULT '…') and Go source, so it must be
// unambiguous in both: plain decimal notation, no single quotes.
func defaultProblem(f *Field, v string) string {
	if strings.ContainsRune(v, '\'') {
		return fmt.Sprintf("default %q contains ' (single quote), which defaults can't contain; remove it", v)
	}
	switch f.Type {
	case String:
		if n := utf8.RuneCountInString(v); n > f.Size {
			return fmt.Sprintf("default %q is %d characters, longer than size %d", v, n, f.Size)
		}
	case Int:
		return intDefaultProblem(v, 32, "int")
	case BigInt:
		return intDefaultProblem(v, 64, "bigint")
	case Float:
		return floatDefaultProblem(v)
	case Decimal:
		return decimalDefaultProblem(v, f.Precision, f.Scale)
	case Bool:
		if v != "true" && v != "false" {
			return fmt.Sprintf("default %q is not a bool; use true or false", v)
		}
	case Date:
		if _, err := time.Parse(time.DateOnly, v); err != nil && v != "now" {
			return fmt.Sprintf("default %q is not a date; use YYYY-MM-DD (e.g. 2024-01-31) or now", v)
		}
	case DateTime:
		if _, err := time.Parse(time.RFC3339, v); err != nil && v != "now" {
			return fmt.Sprintf("default %q is not a %s; use RFC 3339 (e.g. 2024-01-31T15:04:05Z) or now", v, f.TypeName)
		}
	case UUID:
		if !isUUID(v) {
			return fmt.Sprintf("default %q is not a uuid; use the 8-4-4-4-12 hex form (e.g. 123e4567-e89b-12d3-a456-426614174000)", v)
		}
	case JSON:
		if !json.Valid([]byte(v)) {
			return fmt.Sprintf("default %q is not valid JSON (e.g. {} or [])", v)
		}
	case Enum:
		for _, e := range f.EnumValues {
			if e == v {
				return ""
			}
		}
		return fmt.Sprintf("default %q is not one of the enum values %s", v, strings.Join(f.EnumValues, ","))
	}
	return ""
}

// intDefaultProblem accepts only canonical integers: 010 would be octal
// in Go but ten in SQL, and +5 is not how Go prints 5.
func intDefaultProblem(v string, bits int, typ string) string {
	n, err := strconv.ParseInt(v, 10, bits)
	if err != nil {
		if ne, ok := err.(*strconv.NumError); ok && ne.Err == strconv.ErrRange {
			hint := ""
			if bits == 32 {
				hint = "; use bigint"
			}
			return fmt.Sprintf("default %s doesn't fit %s (%d-bit)%s", v, typ, bits, hint)
		}
		return fmt.Sprintf("default %q is not a whole number (e.g. 0 or -5)", v)
	}
	if c := strconv.FormatInt(n, 10); c != v {
		return fmt.Sprintf("default %q is not written plainly; write default=%s", v, c)
	}
	return ""
}

// floatDefaultProblem accepts plain decimal notation with an optional
// exponent, finite only.
func floatDefaultProblem(v string) string {
	mant, exp, hasExp := strings.Cut(strings.ToLower(v), "e")
	ok := plainDecimal(mant)
	if hasExp {
		ok = ok && allDigits(strings.TrimPrefix(strings.TrimPrefix(exp, "-"), "+"))
	}
	if !ok {
		return fmt.Sprintf("default %q is not a number; write plain decimals such as 9.99 or -0.5", v)
	}
	if x, err := strconv.ParseFloat(v, 64); err != nil || math.IsInf(x, 0) {
		return fmt.Sprintf("default %s is out of range for float", v)
	}
	return ""
}

// decimalDefaultProblem accepts plain decimals that fit NUMERIC(p,s).
func decimalDefaultProblem(v string, p, s int) string {
	if !plainDecimal(v) {
		return fmt.Sprintf("default %q is not a number; write plain decimals such as 9.99 or -0.5", v)
	}
	whole, frac, _ := strings.Cut(strings.TrimPrefix(v, "-"), ".")
	if whole == "0" {
		whole = ""
	}
	if len(whole) > p-s || len(frac) > s {
		return fmt.Sprintf("default %s doesn't fit decimal(%d,%d): at most %d digits before the point and %d after",
			v, p, s, p-s, s)
	}
	return ""
}

// plainDecimal reports whether v is -?(0|[1-9][0-9]*)(\.[0-9]+)?.
func plainDecimal(v string) bool {
	whole, frac, hasFrac := strings.Cut(strings.TrimPrefix(v, "-"), ".")
	if !allDigits(whole) || len(whole) > 1 && whole[0] == '0' {
		return false
	}
	return !hasFrac || allDigits(frac)
}

// isUUID reports whether v has the canonical 8-4-4-4-12 hex form.
func isUUID(v string) bool {
	if len(v) != 36 {
		return false
	}
	for i := 0; i < len(v); i++ {
		c := v[i]
		if i == 8 || i == 13 || i == 18 || i == 23 {
			if c != '-' {
				return false
			}
			continue
		}
		if !isDigit(c) && !('a' <= c && c <= 'f') && !('A' <= c && c <= 'F') {
			return false
		}
	}
	return true
}
