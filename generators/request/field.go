package request

import (
	"fmt"
	"strings"

	"github.com/kilnhq/kiln/generators/spec"
)

// kind is the JSON shape of a request field.
type kind int

const (
	scalar kind = iota // a string, number, boolean, date, UUID or JSON document
	object             // a nested object: a struct
	array              // a list: a slice of scalars or of structs
)

// field is one field of a request struct, parsed from a token or derived
// from a model field.
type field struct {
	name  string // the JSON key, snake_case
	token string // the token it was declared by, for messages ("" if implicit)
	kind  kind

	typ     spec.Type // scalar type; 0 for objects and arrays
	enum    []string  // enum values
	rules   ruleSet
	fk      bool   // a belongs_to foreign key: a pointer even when nullable
	fkUUID  bool   // ... to a model with UUID keys
	confirm bool   // the x_confirmation field a confirmed rule added
	note    string // a line comment for the struct field

	children []*field // an object's fields, in declaration order
	elem     *field   // an array's element: a scalar or an object

	model *spec.Field // the model field it maps to, for Store/Update requests
}

// goName is the exported Go field name, with spec's initialisms (author_id
// → AuthorID), so request fields line up with model fields.
func (f *field) goName() string { return goName(f.name) }

func goName(snake string) string { return spec.Field{Name: snake, Type: spec.String}.GoName() }

// child returns the object's field called name, or nil.
func (f *field) child(name string) *field {
	for _, c := range f.children {
		if c.name == name {
			return c
		}
	}
	return nil
}

// typeNames are the type spellings a request field may use: the model
// DSL's scalar types, plus object and array for nested data.
var typeNames = map[string]spec.Type{
	"string": spec.String, "text": spec.Text, "int": spec.Int, "bigint": spec.BigInt,
	"float": spec.Float, "decimal": spec.Decimal, "bool": spec.Bool, "date": spec.Date,
	"datetime": spec.DateTime, "timestamp": spec.DateTime, "uuid": spec.UUID,
	"json": spec.JSON, "enum": spec.Enum,
}

const typeList = "string, text, int, bigint, float, decimal, bool, date, datetime, timestamp, uuid, json, enum=a,b, object, array"

// parseType reads a token's type segment into f.
func (f *field) parseType(seg string) string {
	name, arg, hasArg := strings.Cut(seg, "=")
	switch name {
	case "object", "array":
		if hasArg {
			return fmt.Sprintf("%s takes no value; declare its fields as %s.field:type (arrays: %s.*.field:type)", name, f.name, f.name)
		}
		f.kind = map[string]kind{"object": object, "array": array}[name]
		return ""
	case "belongs_to":
		return fmt.Sprintf("belongs_to is for models; in a request write the key and check it, e.g. %s_id:bigint:exists=users.id", strings.TrimSuffix(f.name, "_id"))
	case "":
		return fmt.Sprintf("missing type; write %s:string (types: %s)", snake(f.name), typeList)
	}
	t, ok := typeNames[name]
	if !ok {
		return fmt.Sprintf("unknown type %q; use one of: %s", name, typeList)
	}
	f.typ = t
	if t != spec.Enum {
		if hasArg {
			return fmt.Sprintf("type %s takes no value; put rules after it, e.g. %s:%s:max=255", name, f.name, name)
		}
		return ""
	}
	if !hasArg || arg == "" {
		return fmt.Sprintf("enum needs its values, e.g. %s:enum=draft,published", f.name)
	}
	values, msg := parseList("enum", arg)
	f.enum = values
	return msg
}

// parseList splits a comma-separated list of values (enum, in): each a
// word validator's oneof can hold, so no spaces, commas or quotes.
func parseList(what, arg string) ([]string, string) {
	values := strings.Split(arg, ",")
	seen := map[string]bool{}
	for _, v := range values {
		switch {
		case v == "":
			return nil, fmt.Sprintf("%s has an empty value; write values like %s=draft,published", what, what)
		case strings.ContainsAny(v, " \t'\"|"):
			return nil, fmt.Sprintf("%s value %q contains a space, quote or |; use single words", what, v)
		case seen[v]:
			return nil, fmt.Sprintf("%s value %q is given twice", what, v)
		}
		seen[v] = true
	}
	return values, ""
}

// nameProblem checks one path segment: snake_case, because it is the JSON
// key clients send and the Go name is derived from it.
func nameProblem(s string) string {
	if s == "" {
		return `empty name in the path; write names like items.*.qty`
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_') {
			return fmt.Sprintf("name %q: use snake_case (lower-case letters, digits and _), e.g. %s", s, snake(s))
		}
	}
	switch {
	case s[0] < 'a' || s[0] > 'z':
		return fmt.Sprintf("name %q must start with a letter", s)
	case strings.HasSuffix(s, "_") || strings.Contains(s, "__"):
		return fmt.Sprintf("name %q: separate words with a single _", s)
	case len(s) > 63:
		return fmt.Sprintf("name %q is %d characters long; use at most 63", s, len(s))
	}
	return ""
}

// snake suggests a snake_case spelling: firstName → first_name.
func snake(s string) string {
	rs := []rune(s)
	isUpper := func(i int) bool { return i >= 0 && i < len(rs) && rs[i] >= 'A' && rs[i] <= 'Z' }
	isLowerOrDigit := func(i int) bool {
		return i >= 0 && i < len(rs) && (rs[i] >= 'a' && rs[i] <= 'z' || rs[i] >= '0' && rs[i] <= '9')
	}
	var b strings.Builder
	for i, r := range rs {
		switch {
		case isUpper(i):
			// A word starts here: after a lower-case letter or digit
			// (firstName), or at the last capital of an acronym (HTTPCode).
			if isLowerOrDigit(i-1) || isUpper(i-1) && isLowerOrDigit(i+1) {
				b.WriteByte('_')
			}
			b.WriteRune(r + 'a' - 'A')
		case r == '-' || r == ' ':
			b.WriteByte('_')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}
