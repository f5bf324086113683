package validate

import (
	"context"
	"reflect"
	"strings"
	"sync"

	"github.com/go-playground/validator/v10"
)

// emailRule is validator's own email rule (net/mail parses the value and a
// long regular expression matches it) with a fast path in front: an address
// of the everyday shape, plainEmail's, passes at once. validator's check
// costs over a microsecond an address, most of it in the regular
// expression's backtracking: a fifth of a typical Bind. Every other value
// goes to validator's check, so the rule accepts exactly what validator's
// does: plainEmail only accepts what that check accepts
// (TestPlainEmailIsValidatorEmail, FuzzPlainEmail).
func emailRule(_ context.Context, fl validator.FieldLevel) bool {
	v := fl.Field()
	if v.Kind() != reflect.String {
		return false // validator's rule checks the value's String(), "<T Value>" for any other kind
	}
	s := v.String()
	return plainEmail(s) || validatorEmail(s)
}

// stockEngine is a validator with only its built-in rules, for the values
// plainEmail does not decide.
var stockEngine = sync.OnceValue(func() *validator.Validate { return validator.New() })

// validatorEmail is validator's built-in email rule.
func validatorEmail(s string) bool {
	return stockEngine().Var(s, "email") == nil
}

// plainEmail reports whether s is an address of the shape almost every
// address has: an ASCII dot-atom local part (RFC 5322 atext in dot-separated
// runs), one @, and a host of two or more dot-separated labels of letters,
// digits and inner hyphens, the last starting and ending with a letter.
// Quoted local parts, IP literals, non-ASCII characters and trailing dots
// are valid too, but are left to validator's check.
func plainEmail(s string) bool {
	local, host, ok := strings.Cut(s, "@")
	if !ok || !dotSeparated(local, isAtext) || !dotSeparated(host, isHostChar) {
		return false
	}
	for label := range strings.SplitSeq(host, ".") {
		if label[0] == '-' || label[len(label)-1] == '-' {
			return false
		}
	}
	tld := host[strings.LastIndexByte(host, '.')+1:]
	return strings.Contains(host, ".") && isLetter(tld[0]) && isLetter(tld[len(tld)-1])
}

// dotSeparated reports whether s is one or more non-empty runs of bytes
// allowed by ok, separated by single dots.
func dotSeparated(s string, ok func(byte) bool) bool {
	if s == "" || s[0] == '.' || s[len(s)-1] == '.' {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] == '.' {
			if s[i-1] == '.' {
				return false
			}
		} else if !ok(s[i]) {
			return false
		}
	}
	return true
}

// isAtext is RFC 5322's atext, restricted to ASCII: letters, digits and
// !#$%&'*+-/=?^_`{|}~.
func isAtext(c byte) bool {
	return isLetter(c) || isDigit(c) || strings.IndexByte("!#$%&'*+-/=?^_`{|}~", c) >= 0
}

// isHostChar is a byte of a host name label: a letter, a digit or a hyphen.
func isHostChar(c byte) bool { return isLetter(c) || isDigit(c) || c == '-' }

func isLetter(c byte) bool { return 'a' <= c|0x20 && c|0x20 <= 'z' }

func isDigit(c byte) bool { return '0' <= c && c <= '9' }
