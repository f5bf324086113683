package validate

import (
	"context"
	"fmt"
	"reflect"
	"regexp"
	"strings"
	"sync"

	"github.com/go-playground/validator/v10"
)

// patterns holds the apps' named patterns for regex=name. A tag cannot hold
// a regular expression (validator splits tags at commas and pipes), so tags
// name one instead.
var patterns sync.Map // name → *regexp.Regexp

// builtinPatterns are named patterns every app has: Laravel's alpha,
// alpha_num and alpha_dash (Unicode letters, as Laravel's are) and a
// URL slug.
var builtinPatterns = sync.OnceValue(func() map[string]*regexp.Regexp {
	return map[string]*regexp.Regexp{
		"alpha":      regexp.MustCompile(`^[\pL\pM]+$`),
		"alpha_num":  regexp.MustCompile(`^[\pL\pM\pN]+$`),
		"alpha_dash": regexp.MustCompile(`^[\pL\pM\pN_-]+$`),
		"slug":       regexp.MustCompile(`^[a-z0-9]+(?:-[a-z0-9]+)*$`),
	}
})

// RegisterPattern names a regular expression for regex=name rules. Call it
// at startup, before serving; a name registered twice keeps the last
// pattern, so an app may replace a built-in one (alpha, alpha_num,
// alpha_dash, slug). It panics on an invalid expression, like
// regexp.MustCompile, because a bad pattern is a bug in the app.
func RegisterPattern(name, expr string) {
	patterns.Store(name, regexp.MustCompile(expr))
}

// pattern returns the pattern registered under name.
func pattern(name string) (*regexp.Regexp, bool) {
	if re, ok := patterns.Load(name); ok {
		return re.(*regexp.Regexp), true
	}
	re, ok := builtinPatterns()[name]
	return re, ok
}

// regexRule is regex=name: the string matches the named pattern.
func regexRule(ctx context.Context, fl validator.FieldLevel) bool {
	re, ok := pattern(fl.Param())
	if !ok {
		return stateFrom(ctx).fail(fmt.Errorf("validate: regex=%s: no pattern has that name; register it at startup with validate.RegisterPattern(%q, `…`)", fl.Param(), fl.Param()))
	}
	v := fl.Field()
	return v.Kind() == reflect.String && re.MatchString(v.String())
}

// confirmedRule is Laravel's confirmed: the field equals its sibling
// <json name>_confirmation (password and password_confirmation).
func confirmedRule(ctx context.Context, fl validator.FieldLevel) bool {
	other, err := sibling(fl, fl.FieldName()+"_confirmation")
	if err != nil {
		return stateFrom(ctx).fail(err)
	}
	for other.Kind() == reflect.Pointer {
		if other.IsNil() {
			return false
		}
		other = other.Elem()
	}
	v := fl.Field()
	return other.Type() == v.Type() && other.Equal(v)
}

// notblankRule is required for values that can be present yet empty: a
// string that is empty or only white space, or an empty array, is missing,
// as Laravel (which trims input) treats it. Other values pass: a number or
// a boolean that was sent is never blank, whatever its value.
func notblankRule(_ context.Context, fl validator.FieldLevel) bool {
	v := fl.Field()
	switch v.Kind() {
	case reflect.String:
		return strings.TrimSpace(v.String()) != ""
	case reflect.Slice, reflect.Map, reflect.Array:
		return v.Len() > 0
	case reflect.Pointer, reflect.Interface:
		return !v.IsNil()
	}
	return true
}
