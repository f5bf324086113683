package spec

import (
	"fmt"
	"strings"
)

const fieldKind = "field"

// ParseField parses one `name:type[:modifier…]` token, for example
// title:string:size=100, price:decimal:precision=8:scale=2,
// status:enum=draft,published:default=draft or
// author:belongs_to=users:nullable. Every problem is reported as a
// *Error naming the token and the offending part of it.
func ParseField(s string) (Field, error) {
	f, msg := parseField(s)
	if msg != "" {
		return Field{}, errorf(fieldKind, s, "%s", msg)
	}
	return f, nil
}

// ParseFields parses the field arguments of one model and rejects
// duplicates after normalisation: firstName and first_name are the same
// column, and author:belongs_to and author:string both want the Go name
// Author.
func ParseFields(args []string) ([]Field, error) {
	var fields []Field
	for _, a := range args {
		f, err := ParseField(a)
		if err != nil {
			return nil, err
		}
		fields = append(fields, f)
	}
	if j, i, what := fieldClash(fields); what != "" {
		return nil, errorf(fieldKind, args[i], "%q and %q both map to the %s; keep one or rename it", args[j], args[i], what)
	}
	return fields, nil
}

// parseField returns the field or a message for the first problem.
func parseField(s string) (Field, string) {
	if s == "" {
		return Field{}, "is empty; write name:type, e.g. title:string"
	}
	if msg := textProblem(s, "pass one field per argument, each as name:type[:modifier…] (e.g. title:string:nullable)"); msg != "" {
		return Field{}, msg
	}
	segs := strings.Split(s, ":")
	if segs[0] == "" {
		return Field{}, `missing field name before ":"; write name:type, e.g. title:string`
	}
	name, msg := parseFieldName(segs[0])
	if msg != "" {
		return Field{}, msg
	}
	if len(segs) == 1 || segs[1] == "" {
		ex := name + ":string"
		if len(segs) > 2 {
			ex += ":" + strings.Join(segs[2:], ":")
		}
		return Field{}, fmt.Sprintf("missing type; add one, e.g. %s (types: %s)", ex, typeList)
	}
	f := Field{Name: name}
	if msg := f.parseType(segs[1]); msg != "" {
		return Field{}, msg
	}
	mods, msg := splitModifiers(segs[2:])
	if msg != "" {
		return Field{}, msg
	}
	if msg := f.applyModifiers(mods); msg != "" {
		return Field{}, msg
	}
	if msg := f.finish(mods); msg != "" {
		return Field{}, msg
	}
	return f, ""
}

// parseFieldName checks the name segment and normalises it to snake_case.
// Go keywords are fine here: a column named type becomes the Go field Type.
func parseFieldName(s string) (string, string) {
	if len(s) > maxNameLen {
		return "", fmt.Sprintf("field name is %d characters long; use at most %d", len(s), maxNameLen)
	}
	if msg := identProblem(s, "title"); msg != "" {
		return "", "field name " + msg
	}
	return strings.Join(splitWords(s), "_"), ""
}

// parseType reads the type segment, including enum values and the
// belongs_to table.
func (f *Field) parseType(seg string) string {
	name, arg, hasArg := strings.Cut(seg, "=")
	t, ok := typeNames[name]
	if !ok {
		return unknownType(name)
	}
	f.Type, f.TypeName = t, name
	switch t {
	case Enum:
		if !hasArg || arg == "" {
			return fmt.Sprintf("enum needs its values, e.g. %s:enum=draft,published", f.Name)
		}
		values, msg := parseEnumValues(arg)
		if msg != "" {
			return msg
		}
		f.EnumValues = values
	case BelongsTo:
		return f.parseBelongsTo(arg, hasArg)
	default:
		if hasArg {
			return typeArgProblem(t, name, seg)
		}
	}
	return ""
}

// typeArgProblem explains that only enum and belongs_to take "=".
func typeArgProblem(t Type, name, seg string) string {
	switch t {
	case String:
		return fmt.Sprintf("%q: type string takes no value; set its length with string:size=N", seg)
	case Decimal:
		return fmt.Sprintf("%q: type decimal takes no value; use decimal:precision=P:scale=S", seg)
	}
	return fmt.Sprintf("%q: type %s takes no value; write just %s", seg, name, name)
}

// parseEnumValues checks enum=a,b,c values: lower snake_case words that
// make distinct Go constants.
func parseEnumValues(arg string) ([]string, string) {
	values := strings.Split(arg, ",")
	seen := map[string]string{} // Go name → value
	for _, v := range values {
		if v == "" {
			return nil, "enum has an empty value; write values like enum=draft,published"
		}
		if len(v) > maxIdentLen {
			return nil, fmt.Sprintf("enum value %q is %d characters long; use at most %d", v, len(v), maxIdentLen)
		}
		if msg := identProblem(v, "draft"); msg != "" {
			return nil, fmt.Sprintf("enum value %q %s", v, msg)
		}
		if strings.ToLower(v) != v {
			return nil, fmt.Sprintf("enum value %q must be lower case (e.g. %s)", v, strings.Join(splitWords(v), "_"))
		}
		g := goCamel(splitSnake(v))
		if prev, dup := seen[g]; dup {
			if prev == v {
				return nil, fmt.Sprintf("enum value %q is given twice", v)
			}
			return nil, fmt.Sprintf("enum values %q and %q both become the Go name %s; rename one", prev, v, g)
		}
		seen[g] = v
	}
	return values, ""
}

// parseBelongsTo resolves the relation of a belongs_to field: the target
// model comes from the table when one is given (author:belongs_to=users →
// User) and otherwise from the field name (user:belongs_to → User, table
// users).
func (f *Field) parseBelongsTo(table string, hasTable bool) string {
	base := relationBase(f.Name)
	r := &Relation{
		Kind: RelBelongsTo, Name: goCamel(splitSnake(base)),
		ForeignKey: base + "_id",
	}
	if hasTable {
		if table == "" {
			return fmt.Sprintf("belongs_to= needs a table name, e.g. %s:belongs_to=users", f.Name)
		}
		target, err := SingularFromTable(table)
		if err != nil {
			return fmt.Sprintf("belongs_to table %q: %s", table, err.(*Error).Msg)
		}
		r.Target, r.Table = target, table
	} else {
		target, err := ParseName("model name", base)
		if err != nil {
			return fmt.Sprintf("belongs_to target %q is not a usable model name (%s); name its table instead, e.g. %s:belongs_to=users",
				base, err.(*Error).Msg, f.Name)
		}
		r.Target, r.Table = target, target.Table()
	}
	f.Relation = r
	return ""
}

// unknownType names the bad type and suggests the closest known one.
func unknownType(name string) string {
	if strings.Contains(name, ",") {
		return fmt.Sprintf("unknown type %q; separate fields with spaces, not commas (e.g. title:string body:text)", name)
	}
	if hint, ok := typeHints[strings.ToLower(name)]; ok {
		return fmt.Sprintf("unknown type %q; %s", name, hint)
	}
	if s := closest(name, typeSpellings); s != "" {
		return fmt.Sprintf("unknown type %q; did you mean %q? (types: %s)", name, s, typeList)
	}
	return fmt.Sprintf("unknown type %q; use one of: %s", name, typeList)
}
