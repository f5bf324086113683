package spec

import (
	"fmt"
	"strconv"
	"strings"
)

// modifier is one `key[=value]` segment after the type.
type modifier struct {
	key, val     string
	hasVal       bool
	afterDefault bool // directly follows a default=… segment
}

// modifierList is the list of modifiers shown in messages.
const modifierList = "nullable, unique, index, default=V, size=N, precision=P, scale=S, on_delete=cascade|set_null|restrict"

// splitModifiers turns the segments after the type into modifiers. A
// default value may itself contain ':' (2024-01-02T15:04:05Z,
// {"a":1}), so segments after default= that do not look like a modifier
// (a lower-case word, optionally followed by =value) are glued back onto
// the value. Parsed defaults therefore never contain a modifier-like
// segment, which keeps String output (default last) unambiguous.
func splitModifiers(segs []string) ([]modifier, string) {
	var mods []modifier
	afterDefault := false
	for i := 0; i < len(segs); i++ {
		if segs[i] == "" {
			return nil, `empty modifier ("::" or a trailing ":"); remove the extra ":"`
		}
		key, val, hasVal := strings.Cut(segs[i], "=")
		if key == "default" && hasVal {
			for i+1 < len(segs) && segs[i+1] != "" && !modifierLike(segs[i+1]) {
				val += ":" + segs[i+1]
				i++
			}
		}
		mods = append(mods, modifier{key: key, val: val, hasVal: hasVal, afterDefault: afterDefault})
		afterDefault = key == "default"
	}
	return mods, ""
}

// modifierLike reports whether seg reads as a modifier: [a-z_][a-z0-9_]*
// optionally followed by =anything.
func modifierLike(seg string) bool {
	key, _, _ := strings.Cut(seg, "=")
	if key == "" || isDigit(key[0]) {
		return false
	}
	for i := 0; i < len(key); i++ {
		if !isLower(key[i]) && !isDigit(key[i]) && key[i] != '_' {
			return false
		}
	}
	return true
}

// applyModifiers records each modifier on f, checking its own value; the
// checks that need the whole field run in finish.
func (f *Field) applyModifiers(mods []modifier) string {
	seen := map[string]bool{}
	for _, m := range mods {
		if seen[m.key] {
			return fmt.Sprintf("modifier %q is given twice; keep one", m.key)
		}
		seen[m.key] = true
		if msg := f.apply(m); msg != "" {
			return msg
		}
	}
	return ""
}

func (f *Field) apply(m modifier) string {
	switch m.key {
	case "nullable", "unique", "index":
		if m.hasVal {
			return fmt.Sprintf("%s takes no value; write just %s", m.key, m.key)
		}
		switch m.key {
		case "nullable":
			f.Nullable = true
		case "unique":
			f.Unique = true
		default:
			f.Index = true
		}
		return ""
	case "default":
		if m.val == "" {
			return "default needs a value, e.g. default=draft"
		}
		v := m.val
		f.Default = &v
		return ""
	case "size", "precision", "scale":
		return f.applyNumber(m)
	case "on_delete":
		a, ok := onDeleteNames[m.val]
		if !ok {
			return fmt.Sprintf("on_delete takes cascade, set_null or restrict, got %q", m.val)
		}
		if f.Relation == nil {
			return fmt.Sprintf("on_delete applies only to belongs_to fields, not %s", f.TypeName)
		}
		f.Relation.OnDelete = a
		return ""
	}
	msg := unknownModifier(m.key)
	if m.afterDefault {
		msg += fmt.Sprintf(`; if it belongs to the default value: a default can contain ":" only before text that is not a word (":%s" reads as a modifier)`, m.key)
	}
	return msg
}

// numberLimits bounds the numeric modifiers: VARCHAR lengths PostgreSQL
// and MySQL-minded users expect, and NUMERIC's common 65-digit ceiling.
var numberLimits = map[string][2]int{
	"size":      {1, 65535},
	"precision": {1, 65},
	"scale":     {0, 65},
}

var numberExamples = map[string]int{"size": 100, "precision": 8, "scale": 2}

// applyNumber parses size, precision and scale. The value is checked
// before the type so `price:decimal:size=abc` says what is wrong with abc.
func (f *Field) applyNumber(m modifier) string {
	if !m.hasVal || m.val == "" {
		return fmt.Sprintf("%s needs a value, e.g. %s=%d", m.key, m.key, numberExamples[m.key])
	}
	lo, hi := numberLimits[m.key][0], numberLimits[m.key][1]
	what := "a positive whole number"
	if lo == 0 {
		what = "a whole number"
	}
	if !allDigits(m.val) {
		return fmt.Sprintf("%s takes %s, got %q", m.key, what, m.val)
	}
	n, err := strconv.Atoi(m.val)
	if err != nil || n < lo || n > hi {
		return fmt.Sprintf("%s must be between %d and %d, got %s", m.key, lo, hi, m.val)
	}
	switch {
	case m.key == "size" && f.Type == String:
		f.Size = n
	case m.key != "size" && f.Type == Decimal:
		if m.key == "precision" {
			f.Precision = n
		} else {
			f.Scale = n
		}
	case m.key == "size":
		return fmt.Sprintf("size applies only to string fields, not %s", f.TypeName)
	default:
		return fmt.Sprintf("%s applies only to decimal fields, not %s", m.key, f.TypeName)
	}
	return ""
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			return false
		}
	}
	return s != ""
}

// finish fills in type defaults and runs the checks that need the whole
// field: conflicting modifiers, the foreign key, the column name and the
// default value.
func (f *Field) finish(mods []modifier) string {
	given := map[string]bool{}
	for _, m := range mods {
		given[m.key] = true
	}
	if f.Type == String && !given["size"] {
		f.Size = DefaultSize
	}
	if f.Type == Decimal {
		if !given["precision"] {
			f.Precision = DefaultPrecision
		}
		if !given["scale"] {
			f.Scale = defaultScale(f.Precision)
		}
		if f.Scale > f.Precision {
			return fmt.Sprintf("scale %d is larger than precision %d; scale counts the digits after the point and must be at most the precision", f.Scale, f.Precision)
		}
	}
	if msg := f.modifierConflict(); msg != "" {
		return msg
	}
	if msg := f.passwordProblem(); msg != "" {
		return msg
	}
	if msg := f.columnProblem(); msg != "" {
		return msg
	}
	if f.Default != nil {
		return defaultProblem(f, *f.Default)
	}
	return ""
}

// bcryptLen is the length of a bcrypt hash, what a password column stores.
const bcryptLen = 60

// passwordProblem refuses what cannot work for a column that stores a
// password's bcrypt hash (HoldsPassword): one too small for the hash, a
// default (the database would store it as written, unhashed), and unique
// (two hashes of one password differ, so it would never catch a duplicate).
func (f *Field) passwordProblem() string {
	if !f.HoldsPassword() {
		return ""
	}
	switch {
	case f.Type == String && f.Size < bcryptLen:
		return fmt.Sprintf("%s stores a password's bcrypt hash, %d characters: give it size=%d or more", f.Name, bcryptLen, bcryptLen)
	case f.Default != nil:
		return fmt.Sprintf("%s stores a password's hash; a default would be stored as written, unhashed: drop default", f.Name)
	case f.Unique:
		return fmt.Sprintf("%s stores a password's hash, and two hashes of one password differ, so unique would never catch a duplicate: drop unique", f.Name)
	}
	return ""
}

// modifierConflict rejects combinations that are redundant or cannot
// work, rather than silently dropping one of them.
func (f *Field) modifierConflict() string {
	switch {
	case f.Unique && f.Index:
		return "unique already creates an index; drop index"
	case f.Type == JSON && (f.Unique || f.Index):
		return "json columns can't take a plain index; drop unique/index"
	}
	if f.Type != BelongsTo {
		return ""
	}
	r := f.Relation
	switch {
	case f.Index:
		return "belongs_to columns are always indexed; drop index"
	case f.Default != nil:
		return "belongs_to fields take no default; make the field nullable instead"
	case r.OnDelete == SetNull && !f.Nullable:
		return "on_delete=set_null needs a nullable column; add :nullable"
	}
	if r.OnDelete == 0 {
		r.OnDelete = defaultOnDelete(f.Nullable)
	}
	f.Index = !f.Unique
	return ""
}
