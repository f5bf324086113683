package request

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/kilnhq/kiln/generators/spec"
)

// ruleSet holds a field's rules by name, each value already in the form
// its validator tag takes ("admin user" for in=admin,user).
type ruleSet map[string]string

func (r ruleSet) has(name string) bool { _, ok := r[name]; return ok }

// ruleOrder is the order tags are written in: presence first (see tags.go),
// then format checks, sizes, and the database rules last, because each
// field reports only its first failure and queries are the costly ones.
var ruleOrder = []string{
	"email", "url", "uuid", "date", "min", "max", "between", "decimal", "in", "regex", "confirmed",
	"before", "after", "before_or_equal", "after_or_equal", "unique", "exists",
}

const ruleList = "required, nullable, email, url, uuid, date, min=N, max=N, between=A,B, decimal=A,B, in=a,b, regex=name, confirmed, " +
	"unique=table.column, exists=table.column, before=D, after=D, before_or_equal=D, after_or_equal=D"

// laravelOnly answers rules Laravel has that kiln expresses another way.
var laravelOnly = map[string]string{
	"string": "the field's type says it", "integer": "the field's type says it (int)",
	"numeric": "the field's type says it (float or decimal)", "boolean": "the field's type says it (bool)",
	"array":     "the field's type says it (array)",
	"sometimes": "fields without required are optional already",
	"bail":      "each field reports its first failing rule already",
}

// parseRules reads the rule segments of a token into f.rules. A rule that
// takes a value may be written kiln's way, min=3, or Laravel's, min:3: a
// value-taking rule without "=" takes the next segment as its value, unless
// that segment is a rule itself (title:string:max:required lacks the max).
func (f *field) parseRules(segs []string) string {
	f.rules = ruleSet{}
	for i := 0; i < len(segs); i++ {
		seg := segs[i]
		if laravelValue(seg, segs[i+1:]) {
			seg, i = seg+"="+segs[i+1], i+1
		}
		if msg := f.parseRule(seg, segs[i+1:]); msg != "" {
			return msg
		}
	}
	if f.rules.has("required") && f.rules.has("nullable") {
		return "required and nullable contradict each other: a nullable field may be left out or null; keep one"
	}
	return f.rules.sizeConflict()
}

// sizeConflict refuses a min larger than the max, which no value could
// pass, as between refuses its values the wrong way round.
func (r ruleSet) sizeConflict() string {
	lo, hasMin := r["min"]
	hi, hasMax := r["max"]
	if hasMin && hasMax && mustFloat(lo) > mustFloat(hi) {
		return fmt.Sprintf("min=%s and max=%s contradict each other: min must not be larger than max", lo, hi)
	}
	return ""
}

func (f *field) parseRule(seg string, rest []string) string {
	if strings.Contains(seg, "|") {
		return fmt.Sprintf("%q: separate rules with \":\", not \"|\" (e.g. %s:string:required:max=255)", seg, f.name)
	}
	name, val, hasVal := strings.Cut(seg, "=")
	if name == "" {
		return `empty rule ("::" or a trailing ":"); remove the extra ":"`
	}
	if f.rules.has(name) {
		return fmt.Sprintf("rule %q is given twice; keep one", name)
	}
	parse, ok := ruleParsers[name]
	if !ok {
		if why, ok := laravelOnly[name]; ok {
			return fmt.Sprintf("rule %q is not needed: %s", name, why)
		}
		return fmt.Sprintf("unknown rule %q; rules: %s", name, ruleList)
	}
	takesValue := !flagRules[name]
	switch {
	case takesValue && (!hasVal || val == ""):
		ex := ruleExamples[name]
		if len(rest) > 0 && !hasVal {
			return fmt.Sprintf("rule %s needs a value: write %s (or Laravel's %s)", name, ex, strings.Replace(ex, "=", ":", 1))
		}
		return fmt.Sprintf("rule %s needs a value, e.g. %s", name, ex)
	case !takesValue && hasVal:
		return fmt.Sprintf("rule %s takes no value; write just %s", name, name)
	}
	if msg := f.ruleApplies(name); msg != "" {
		return msg
	}
	v, msg := parse(f, val)
	if msg != "" {
		return msg
	}
	f.rules[name] = v
	return ""
}

// laravelValue reports whether seg is a rule that takes a value written the
// Laravel way, its value being the first of rest. What may follow depends on
// the rule: a size is a number (max:requird is a missing value, not a bad
// one), a regex a pattern's name, which may be a rule's too (regex:email);
// for the others a rule's name is taken for the next rule, as in
// in:required, a list forgotten before required.
func laravelValue(seg string, rest []string) bool {
	if strings.Contains(seg, "=") || len(rest) == 0 || rest[0] == "" || flagRules[seg] {
		return false
	}
	if _, isRule := ruleParsers[seg]; !isRule {
		return false
	}
	switch seg {
	case "min", "max", "between":
		return strings.ContainsAny(rest[0][:1], "0123456789-+.")
	case "regex":
		return true
	}
	next, _, _ := strings.Cut(rest[0], "=")
	_, nextIsRule := ruleParsers[next]
	_, nextIsLaravel := laravelOnly[next]
	return !nextIsRule && !nextIsLaravel
}

// flagRules take no value.
var flagRules = map[string]bool{
	"required": true, "nullable": true, "email": true, "url": true, "uuid": true, "date": true, "confirmed": true,
}

var ruleExamples = map[string]string{
	"min": "min=3", "max": "max=255", "between": "between=1,10", "decimal": "decimal=0,2", "in": "in=admin,user", "regex": "regex=slug",
	"unique": "unique=users.email", "exists": "exists=users.id", "before": "before=2030-01-01",
	"after": "after=starts_on", "before_or_equal": "before_or_equal=today", "after_or_equal": "after_or_equal=today",
}

// ruleParsers check a rule's value and turn it into the tag's parameter.
var ruleParsers = map[string]func(f *field, val string) (string, string){
	"required": noValue, "nullable": noValue, "email": noValue, "url": noValue,
	"uuid": noValue, "date": noValue, "confirmed": noValue,
	"min": sizeValue, "max": sizeValue,
	"between": func(f *field, val string) (string, string) {
		lo, hi, ok := strings.Cut(val, ",")
		if !ok {
			return "", fmt.Sprintf("between takes two values, e.g. between=1,10, got %q", val)
		}
		for _, v := range []string{lo, hi} {
			if _, msg := sizeValue(f, v); msg != "" {
				return "", "between: " + msg
			}
		}
		if a, b := mustFloat(lo), mustFloat(hi); a > b {
			return "", fmt.Sprintf("between=%s: the first value must not be larger than the second", val)
		}
		return lo + " " + hi, ""
	},
	"decimal": func(_ *field, val string) (string, string) {
		lo, hi, ok := strings.Cut(val, ",")
		a, errA := strconv.Atoi(lo)
		b, errB := strconv.Atoi(hi)
		if !ok || errA != nil || errB != nil || a < 0 || b < a {
			return "", fmt.Sprintf("decimal takes the fewest and most decimal places, e.g. decimal=0,2, got %q", val)
		}
		return lo + " " + hi, ""
	},
	"in": func(f *field, val string) (string, string) {
		values, msg := parseList("in", val)
		if msg != "" {
			return "", msg
		}
		if f.typ == spec.Int || f.typ == spec.BigInt {
			for _, v := range values {
				if _, err := strconv.ParseInt(v, 10, 64); err != nil {
					return "", fmt.Sprintf("in value %q is not a whole number, as %s is", v, f.name)
				}
			}
		}
		return strings.Join(values, " "), ""
	},
	"regex": func(_ *field, val string) (string, string) {
		if nameProblem(val) != "" {
			return "", fmt.Sprintf("regex takes the name of a pattern the app registers with validate.RegisterPattern, such as slug, got %q", val)
		}
		return val, ""
	},
	"unique": targetValue("unique"), "exists": targetValue("exists"),
	"before": dateValue("before"), "after": dateValue("after"),
	"before_or_equal": dateValue("before_or_equal"), "after_or_equal": dateValue("after_or_equal"),
}

func noValue(*field, string) (string, string) { return "", "" }

// sizeValue checks min, max and between values: whole numbers for lengths,
// counts and integers; any decimal number for float and decimal fields.
func sizeValue(f *field, val string) (string, string) {
	if f.typ == spec.Float || f.typ == spec.Decimal {
		if !decimalNumber().MatchString(val) {
			return "", fmt.Sprintf("%q is not a number", val)
		}
		return val, ""
	}
	if f.kind == scalar && (f.typ == spec.Int || f.typ == spec.BigInt) {
		if _, err := strconv.ParseInt(val, 10, 64); err != nil {
			return "", fmt.Sprintf("%q is not a whole number", val)
		}
		return val, ""
	}
	if n, err := strconv.Atoi(val); err != nil || n < 0 {
		return "", fmt.Sprintf("%q is not a length: use a whole number of %s", val, map[bool]string{true: "items", false: "characters"}[f.kind == array])
	}
	return val, ""
}

var decimalNumber = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^-?[0-9]+(\.[0-9]+)?$`) })

func mustFloat(s string) float64 {
	v, _ := strconv.ParseFloat(s, 64)
	return v
}

// targetValue parses unique/exists: table.column (or Laravel's
// table,column), or just table, when the column is the field's own name
// (Laravel's unique:users).
func targetValue(rule string) func(f *field, val string) (string, string) {
	return func(f *field, val string) (string, string) {
		if strings.Count(val, ",") == 1 && !strings.Contains(val, ".") {
			val = strings.Replace(val, ",", ".", 1) // Laravel's table,column
		}
		table, column, hasColumn := strings.Cut(val, ".")
		if strings.Contains(val, ",") {
			return "", fmt.Sprintf("%s=%s: write %s=table.column (Laravel's extra parameters, such as the row to ignore, are not needed: update requests ignore their own row)", rule, val, rule)
		}
		if !hasColumn {
			column = f.name
		}
		for _, id := range []string{table, column} {
			if msg := nameProblem(id); msg != "" {
				return "", fmt.Sprintf("%s=%s: %s", rule, val, msg)
			}
		}
		return table + "." + column, ""
	}
}

var isoDate = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[0-9]{4}-[0-9]{2}-[0-9]{2}$`) })

// dateValue checks a before/after value: an ISO date that exists, a
// relative day, or a sibling field (checked once all fields are known, in
// finish). A date that does not exist would fail every request at run time.
func dateValue(rule string) func(*field, string) (string, string) {
	return func(_ *field, val string) (string, string) {
		switch {
		case isoDate().MatchString(val):
			if _, err := time.Parse(time.DateOnly, val); err != nil {
				why := ""
				if pe, ok := err.(*time.ParseError); ok && pe.Message != "" {
					why = " (" + strings.TrimPrefix(pe.Message, ": ") + ")"
				}
				return "", fmt.Sprintf("%s=%s: %s is not a date%s; write a real date as YYYY-MM-DD", rule, val, val, why)
			}
			return val, ""
		case val == "today" || val == "tomorrow" || val == "yesterday" || val == "now":
			return val, ""
		case val[0] >= '0' && val[0] <= '9':
			return "", fmt.Sprintf("date %q: write YYYY-MM-DD (a time of day cannot be written here, as ':' separates rules)", val)
		}
		if strings.ContainsAny(val, ".*") {
			key := val[strings.LastIndexAny(val, ".*")+1:]
			if key == "" {
				key = "starts_on"
			}
			return "", fmt.Sprintf("%s=%s: name a field beside this one by its key (%s=%s), not a path", rule, val, rule, snake(key))
		}
		if msg := nameProblem(val); msg != "" {
			return "", "date or field " + msg
		}
		return val, ""
	}
}

// ruleApplies rejects a rule the field's type cannot take.
func (f *field) ruleApplies(name string) string {
	text := f.kind == scalar && (f.typ == spec.String || f.typ == spec.Text)
	dateLike := text || f.typ == spec.Date || f.typ == spec.DateTime
	ok := true
	switch name {
	case "required", "nullable":
	case "email", "url", "regex":
		ok = text
	case "uuid":
		ok = text || f.typ == spec.UUID
	case "date", "before", "after", "before_or_equal", "after_or_equal":
		ok = f.kind == scalar && dateLike
	case "min", "max", "between":
		ok = f.kind == array || text || (f.kind == scalar && numeric(f.typ))
	case "decimal":
		ok = f.kind == scalar && (f.typ == spec.Float || f.typ == spec.Decimal)
	case "in":
		ok = text || f.typ == spec.Int || f.typ == spec.BigInt
	case "confirmed", "unique", "exists":
		ok = f.kind == scalar && f.typ != spec.Bool && f.typ != spec.JSON
	}
	switch {
	case !ok && name == "in" && f.typ == spec.Enum:
		return "rule in does not apply to enum fields: they accept only their own values already"
	case !ok:
		return fmt.Sprintf("rule %s does not apply to %s fields", name, f.typeWord())
	}
	return ""
}

func numeric(t spec.Type) bool {
	return t == spec.Int || t == spec.BigInt || t == spec.Float || t == spec.Decimal
}

// typeWord names the field's type in messages.
func (f *field) typeWord() string {
	switch f.kind {
	case object:
		return "object"
	case array:
		return "array"
	}
	return f.typ.String()
}
