package request

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/kilnhq/kiln/generators/spec"
)

// modelFields derives the Store request's fields from a model, in the
// model's order, with the rules its columns imply:
//
//   - required unless the column is nullable or has a default;
//   - max=N for string(N), the enum's values, a valid date for dates;
//   - for int, the 32-bit range its integer column holds;
//   - for decimal(P,S), min and max at what the column holds and at most S
//     decimal places, so PostgreSQL neither rounds nor overflows;
//   - email for the columns spec.Field.HoldsEmail names (email, work_email,
//     email_address), which factories fill with addresses: the column's
//     type cannot say the value must be one;
//   - min=8 for the columns spec.Field.HoldsPassword names, which store the
//     hash of what was sent;
//   - unique=table.column for unique columns;
//   - exists=table.id for belongs_to foreign keys.
//
// extra are the user's own tokens: one naming a model field adds rules to it
// (email:string:email), any other adds a request-only field.
func modelFields(m spec.Resource, extra []string) (*field, error) {
	root := &field{kind: object}
	for i := range m.Fields {
		root.children = append(root.children, fromModel(m, &m.Fields[i]))
	}
	for _, tok := range extra {
		if err := root.addExtra(m, tok); err != nil {
			return nil, err
		}
	}
	if err := root.finish(""); err != nil {
		return nil, err
	}
	return root, nil
}

// fromModel is the request field of one model field.
func fromModel(m spec.Resource, mf *spec.Field) *field {
	f := &field{name: mf.JSONName(), kind: scalar, typ: mf.Type, enum: mf.EnumValues, rules: ruleSet{}, model: mf}
	switch {
	case mf.Nullable:
		f.rules["nullable"] = ""
	case mf.Default == nil:
		f.rules["required"] = ""
	default:
		f.note = "default: " + defaultText(mf)
	}
	if mf.Type == spec.String && !mf.HoldsPassword() { // a password's column holds its hash, whatever its length
		f.rules["max"] = strconv.Itoa(mf.Size)
	}
	if mf.HoldsEmail() {
		f.rules["email"] = ""
	}
	if mf.HoldsPassword() { // stored hashed (modelGen.value); at least 8 characters, as Laravel's Password::defaults()
		f.rules["min"] = "8"
	}
	if mf.Type == spec.Int { // a 32-bit integer column: PostgreSQL refuses more
		f.rules["min"], f.rules["max"] = strconv.Itoa(math.MinInt32), strconv.Itoa(math.MaxInt32)
	}
	if mf.Type == spec.Decimal { // what numeric(P,S) holds without rounding or overflowing
		limit := decimalLimit(mf.Precision, mf.Scale)
		f.rules["min"], f.rules["max"] = "-"+limit, limit
		f.rules["decimal"] = "0 " + strconv.Itoa(mf.Scale)
	}
	if mf.Unique {
		f.rules["unique"] = m.Table() + "." + mf.Column()
	}
	if rel := mf.Relation; rel != nil {
		f.fk, f.fkUUID = true, rel.TargetUUID
		f.typ = spec.BigInt
		if rel.TargetUUID {
			f.typ = spec.UUID
		}
		f.rules["exists"] = rel.Table + ".id"
	}
	return f
}

// decimalLimit is the largest value a numeric(precision, scale) column
// holds: 99999999.99 for (10, 2).
func decimalLimit(precision, scale int) string {
	whole := strings.Repeat("9", precision-scale)
	if whole == "" {
		whole = "0"
	}
	if scale == 0 {
		return whole
	}
	return whole + "." + strings.Repeat("9", scale)
}

// addExtra merges one user token into the model-derived fields.
func (root *field) addExtra(m spec.Resource, tok string) error {
	name, _, _ := strings.Cut(tok, ":")
	existing := root.child(name)
	if existing == nil || existing.model == nil {
		if msg := root.add(tok); msg != "" {
			return fieldError(tok, msg)
		}
		if added := root.child(name); added != nil && added.token == tok {
			added.note = fmt.Sprintf("not a column of models.%s: set it yourself", m.Name.Go())
		}
		return nil
	}
	probe := &field{kind: object}
	if msg := probe.add(tok); msg != "" {
		return fieldError(tok, msg)
	}
	f := probe.children[0]
	if f.kind != scalar || f.typ != existing.typ || strings.Join(f.enum, ",") != strings.Join(existing.enum, ",") {
		return fieldError(tok, fmt.Sprintf("%s is %s in model %s; write it with that type to add rules (e.g. %s:%s:…)",
			name, existing.modelType(), m.Name.Go(), name, existing.modelType()))
	}
	if msg := existing.beyondColumn(f.rules); msg != "" {
		return fieldError(tok, msg)
	}
	if msg := existing.mergeRules(f.rules); msg != "" {
		return fieldError(tok, msg)
	}
	if msg := existing.rules.sizeConflict(); msg != "" {
		if !f.rules.has("max") {
			msg += fmt.Sprintf(" (max=%s is the column's size)", existing.rules["max"])
		}
		return fieldError(tok, msg)
	}
	return nil
}

// mergeRules adds the user's rules to a model field's; the user's win where
// both set one (max=100 on a string(255) column), except that whether the
// field may be left out is the column's decision.
func (f *field) mergeRules(user ruleSet) string {
	for name, v := range user {
		switch {
		case name == "required" && !f.rules.has("required"):
			return fmt.Sprintf("%s cannot be required: its column is nullable or has a default", f.name)
		case name == "nullable" && !f.rules.has("nullable"):
			return fmt.Sprintf("%s cannot be nullable: its column is NOT NULL", f.name)
		}
		f.rules[name] = v
	}
	return ""
}

// beyondColumn refuses a user's bound that lets through what the column
// cannot hold: a max above a string column's size, a min or max outside an
// int column's range. The database would refuse such a value, with a 500 or
// a 422 that names no field, where the request can name it.
func (f *field) beyondColumn(user ruleSet) string {
	switch f.model.Type {
	case spec.String:
		if f.model.HoldsPassword() {
			return "" // the column holds the password's hash, whatever its length
		}
		if v, ok := user["max"]; ok && mustFloat(v) > float64(f.model.Size) {
			return fmt.Sprintf("max=%s is more than the %s column holds (size=%d); raise its size with a migration first", v, f.name, f.model.Size)
		}
	case spec.Int:
		for _, rule := range []string{"min", "max"} {
			if v, ok := user[rule]; ok && (mustFloat(v) < math.MinInt32 || mustFloat(v) > math.MaxInt32) {
				return fmt.Sprintf("%s=%s is outside what the %s column holds (a 32-bit int, %d to %d)", rule, v, f.name, math.MinInt32, math.MaxInt32)
			}
		}
	}
	return ""
}

// modelType is the DSL spelling of a model-derived field's request type.
func (f *field) modelType() string {
	if f.typ == spec.Enum {
		return "enum=" + strings.Join(f.enum, ",")
	}
	return f.typ.String()
}

// forUpdate copies a Store request's fields for the Update request, where
// every top-level field may be left out so PATCH can send only what
// changes: a required field becomes "filled" (if sent, not empty), and
// nullable fields stay nullable. Nested objects keep their rules: an object
// that is sent is sent whole.
func forUpdate(root *field) *field {
	out := &field{kind: object}
	for _, c := range root.children {
		u := *c
		if c.model != nil {
			u.note = "" // a default applies on create only
		}
		u.rules = ruleSet{}
		for k, v := range c.rules {
			u.rules[k] = v
		}
		if u.rules.has("required") {
			delete(u.rules, "required")
			if !u.confirm {
				u.rules["filled"] = ""
			}
		}
		out.children = append(out.children, &u)
	}
	return out
}

// defaultText is a column default as Go readers expect it: strings quoted,
// as generators/model writes it.
func defaultText(mf *spec.Field) string {
	switch mf.Type {
	case spec.String, spec.Text, spec.Enum, spec.UUID:
		return strconv.Quote(*mf.Default)
	}
	return *mf.Default
}
