package validate

import (
	"fmt"
	"reflect"
	"slices"
	"strings"

	"github.com/go-playground/validator/v10"

	"github.com/kilnhq/kiln/runtime/web"
)

// Messager is implemented by request types that word some messages
// themselves, as Laravel's messages() does. Keys are a rule ("required") or
// a field and a rule ("title.required", "items.*.qty.min"); values may use
// :attribute, :Attribute and the rule's parameters (:min, :max, :date,
// :values, :other).
type Messager interface {
	Messages() map[string]string
}

// templates are Laravel's English messages (lang/en/validation.php), keyed
// by rule; min, max and between have a form per kind of value.
var templates = map[string]string{
	"required":        "The :attribute field is required.",
	"filled":          "The :attribute field must have a value.",
	"email":           "The :attribute field must be a valid email address.",
	"url":             "The :attribute field must be a valid URL.",
	"uuid":            "The :attribute field must be a valid UUID.",
	"in":              "The selected :attribute is invalid.",
	"regex":           "The :attribute field format is invalid.",
	"confirmed":       "The :attribute field confirmation does not match.",
	"unique":          "The :attribute has already been taken.",
	"exists":          "The selected :attribute is invalid.",
	"date":            "The :attribute field must be a valid date.",
	"before":          "The :attribute field must be a date before :date.",
	"after":           "The :attribute field must be a date after :date.",
	"before_or_equal": "The :attribute field must be a date before or equal to :date.",
	"after_or_equal":  "The :attribute field must be a date after or equal to :date.",
	"min.string":      "The :attribute field must be at least :min characters.",
	"min.numeric":     "The :attribute field must be at least :min.",
	"min.array":       "The :attribute field must have at least :min items.",
	"max.string":      "The :attribute field must not be greater than :max characters.",
	"max.numeric":     "The :attribute field must not be greater than :max.",
	"max.array":       "The :attribute field must not have more than :max items.",
	"between.string":  "The :attribute field must be between :min and :max characters.",
	"between.numeric": "The :attribute field must be between :min and :max.",
	"between.array":   "The :attribute field must have between :min and :max items.",
	"decimal":         "The :attribute field must have :decimal decimal places.",
	// What a JSON value of the wrong type or an unknown key gets.
	"string":     "The :attribute field must be a string.",
	"integer":    "The :attribute field must be an integer.",
	"numeric":    "The :attribute field must be a number.",
	"boolean":    "The :attribute field must be true or false.",
	"array":      "The :attribute field must be an array.",
	"object":     "The :attribute field must be an object.",
	"prohibited": "The :attribute field is prohibited.",
	"invalid":    "The :attribute field is invalid.",
}

// ruleNames maps validator tags to the Laravel rule a message is for.
var ruleNames = map[string]string{
	"notblank": "required",
	"oneof":    "in",
}

// failure is one field's failed rule.
type failure struct {
	path   string            // the JSON path: title, items.0.qty
	rule   string            // the Laravel rule: required, min, in
	form   string            // string, numeric or array, for min, max and between
	params map[string]string // placeholder → value, without the colon
}

// fromFieldError describes a validator error in Laravel's terms.
func fromFieldError(root reflect.Type, fe validator.FieldError) failure {
	f := failure{path: errorPath(root, fe.StructNamespace()), rule: fe.Tag()}
	if r, ok := ruleNames[f.rule]; ok {
		f.rule = r
	}
	param := fe.Param()
	switch f.rule {
	case "min", "max":
		f.form = sizeForm(fe)
		f.params = map[string]string{f.rule: param}
	case "between":
		lo, hi, _ := strings.Cut(param, " ")
		f.form = sizeForm(fe)
		f.params = map[string]string{"min": lo, "max": hi}
	case "before", "after", "before_or_equal", "after_or_equal":
		f.params = map[string]string{"date": dateWords(param)}
	case "in":
		f.params = map[string]string{"values": strings.Join(strings.Fields(param), ", ")}
	case "decimal":
		f.params = map[string]string{"decimal": strings.ReplaceAll(param, " ", "-")} // Laravel's 0-2
	case "confirmed":
		f.params = map[string]string{"other": attribute(f.path + "_confirmation")}
	}
	return f
}

// sizeForm picks the message form of a size rule from the value's kind.
func sizeForm(fe validator.FieldError) string {
	switch fe.Kind() {
	case reflect.String:
		return "string"
	case reflect.Slice, reflect.Array, reflect.Map:
		return "array"
	}
	return "numeric"
}

// dateWords is how a before/after parameter reads in a message: a date as
// given, another field by its attribute name (Laravel's wording for
// after:starts_on is "a date after starts on").
func dateWords(param string) string {
	if _, ok := relativeDate(param); ok || (param != "" && param[0] >= '0' && param[0] <= '9') {
		return param
	}
	return attribute(param)
}

// errorPath turns validator's namespace of a field of root
// (StorePostRequest.Items[0].Qty) into the JSON path Laravel reports
// (items.0.qty). It walks the Go names because validator names embedded
// structs, which JSON flattens away. The namespace starts with root's name,
// which may hold dots (reqGeneric[example.com/app.Item]), unless root is
// unnamed.
func errorPath(root reflect.Type, structNS string) string {
	if name := root.Name(); name != "" {
		structNS = strings.TrimPrefix(structNS, name+".")
	}
	segs := strings.Split(structNS, ".")
	t := root
	var path []string
	for _, seg := range segs {
		name, idx, _ := strings.Cut(seg, "[")
		t = deref(t)
		f, ok := t.FieldByName(name)
		if !ok || t.Kind() != reflect.Struct {
			return strings.Join(append(path, seg), ".") // not expected: keep what is known
		}
		t = f.Type
		if json := jsonName(f); !f.Anonymous || json != f.Name {
			path = append(path, json)
		}
		for idx != "" { // "0]" or "0][1]"
			i, rest, _ := strings.Cut(idx, "]")
			path = append(path, i)
			idx = strings.TrimPrefix(rest, "[")
			t = deref(t).Elem()
		}
	}
	return strings.Join(path, ".")
}

func deref(t reflect.Type) reflect.Type {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	return t
}

// attribute is a field's name in messages: Laravel's underscores to spaces.
func attribute(path string) string { return strings.ReplaceAll(path, "_", " ") }

// message words f, preferring the request's own messages.
func (f failure) message(custom map[string]string) string {
	tmpl := f.template(custom)
	attr := attribute(f.path)
	pairs := []string{":attribute", attr, ":Attribute", upperFirst(attr)}
	for k, v := range f.params {
		pairs = append(pairs, ":"+k, v)
	}
	return strings.NewReplacer(pairs...).Replace(tmpl)
}

// template looks the message up: the field's own (exact path, then with
// array indexes as *), the rule's in custom, then Laravel's.
func (f failure) template(custom map[string]string) string {
	if custom != nil {
		for _, key := range []string{f.path + "." + f.rule, wildcard(f.path) + "." + f.rule, f.rule} {
			if m, ok := custom[key]; ok {
				return m
			}
		}
	}
	if f.form != "" {
		return templates[f.rule+"."+f.form]
	}
	if t, ok := templates[f.rule]; ok {
		return t
	}
	return templates["invalid"]
}

// wildcard replaces the array indexes of a path with *: items.0.qty →
// items.*.qty.
func wildcard(path string) string {
	parts := strings.Split(path, ".")
	for i, p := range parts {
		if p != "" && strings.Trim(p, "0123456789") == "" {
			parts[i] = "*"
		}
	}
	return strings.Join(parts, ".")
}

func upperFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// unprocessable is the 422 for failures, in the order found: Laravel's
// summary names the first one and counts the rest.
func unprocessable(fails []failure, custom map[string]string) *web.Error {
	errs := make(map[string][]string, len(fails))
	var order []string
	first, total := "", 0
	for _, f := range fails {
		msg := f.message(custom)
		if slices.Contains(errs[f.path], msg) {
			continue // a key sent twice ({"title":1,"title":2}) fails twice alike
		}
		if first == "" {
			first = msg
		}
		if _, seen := errs[f.path]; !seen {
			order = append(order, f.path)
		}
		errs[f.path] = append(errs[f.path], msg)
		total++
	}
	e := web.Unprocessable(summary(first, total), errs)
	e.Order = order // the fields in rule order, as Laravel lists them
	return e
}

// summary is Laravel's top-level message: "The title field is required.
// (and 2 more errors)".
func summary(first string, total int) string {
	switch total {
	case 0:
		return "The given data was invalid."
	case 1:
		return first
	case 2:
		return first + " (and 1 more error)"
	}
	return fmt.Sprintf("%s (and %d more errors)", first, total-1)
}
