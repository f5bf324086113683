package request

import (
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/kilnhq/kiln/generators/spec"
)

// Import paths of generated request files.
const (
	validatePkg = "github.com/kilnhq/kiln/runtime/validate"
	webPkg      = "github.com/kilnhq/kiln/runtime/web"
	ormPkg      = "github.com/kilnhq/kiln/runtime/orm"
	uuidPkg     = "github.com/google/uuid"
	decimalPkg  = "github.com/shopspring/decimal"
	passwordPkg = "github.com/kilnhq/kiln/runtime/password"
)

// presence is whether a field may be left out, and what "left out" means.
type presence int

const (
	required presence = iota // must be sent, not null, not empty
	filled                   // may be left out; if sent, not null or empty (Update requests)
	optional                 // may be left out or null
	nullable                 // may be null, which the model stores as NULL
)

func (f *field) presence() presence {
	switch {
	case f.rules.has("required"):
		return required
	case f.rules.has("filled"):
		return filled
	case f.rules.has("nullable"):
		return nullable
	}
	return optional
}

// stringish fields are strings in Go: text, enum values and ISO dates.
func (f *field) stringish() bool {
	switch f.typ {
	case spec.String, spec.Text, spec.Enum, spec.Date, spec.DateTime:
		return f.kind == scalar
	}
	return false
}

// nullType reports whether a nullable field uses the model's Null type
// (decimal.NullDecimal, uuid.NullUUID) rather than a pointer, so a request
// value assigns to the model without conversion.
func (f *field) nullType() bool {
	return f.kind == scalar && !f.fk && f.presence() == nullable && (f.typ == spec.Decimal || f.typ == spec.UUID)
}

// pointer reports whether the field's Go type is a pointer. Only required
// strings are plain values: a pointer is how Go tells "not sent" (nil) from
// 0, false or "", which are real values.
func (f *field) pointer() bool {
	if f.kind != scalar || f.typ == spec.JSON || f.nullType() {
		return f.kind == object
	}
	return !(f.stringish() && f.presence() == required)
}

// baseType is the Go type of a scalar value.
func baseType(t spec.Type) *jen.Statement {
	switch t {
	case spec.Int:
		return jen.Int()
	case spec.BigInt:
		return jen.Int64()
	case spec.Float:
		return jen.Float64()
	case spec.Bool:
		return jen.Bool()
	case spec.Decimal:
		return jen.Qual(decimalPkg, "Decimal")
	case spec.UUID:
		return jen.Qual(uuidPkg, "UUID")
	case spec.JSON:
		return jen.Qual(ormPkg, "JSON")
	}
	return jen.String()
}

// goType is the field's Go type; typeName names nested struct types.
func (f *field) goType(typeName string) *jen.Statement {
	switch {
	case f.kind == object:
		return jen.Op("*").Id(typeName)
	case f.kind == array && f.elem.kind == object:
		return jen.Index().Id(typeName)
	case f.kind == array:
		return jen.Index().Add(baseType(f.elem.typ))
	case f.nullType() && f.typ == spec.Decimal:
		return jen.Qual(decimalPkg, "NullDecimal")
	case f.nullType():
		return jen.Qual(uuidPkg, "NullUUID")
	case f.pointer():
		return jen.Op("*").Add(baseType(f.typ))
	}
	return baseType(f.typ)
}

// validateTag is the field's validate tag, "" when it needs none.
func (f *field) validateTag() string {
	if f.confirm {
		return "" // checked through the confirmed rule of the field it confirms
	}
	checks := f.ruleTags()
	if f.kind == array {
		if dive := f.elem.elemTag(); dive != "" {
			checks = append(checks, dive)
		}
	}
	var lead string
	switch p := f.presence(); {
	case p == required && (f.kind == array || f.stringish()):
		// An empty list, or a string of only white space, is missing: Laravel
		// trims strings. notblank's message is required's.
		lead = "notblank"
	case p == required:
		// For an object: present and not null (validator's required on a
		// struct pointer).
		lead = "required"
	case p == filled && f.stringish():
		lead = "omitnil,notblank"
	case len(checks) == 0:
		return ""
	case f.pointer():
		lead = "omitnil"
	default:
		lead = "omitempty"
	}
	return strings.Join(append([]string{lead}, checks...), ",")
}

// elemTag is the part of an array's tag after dive: the element's rules,
// or dive alone so validator checks each element struct.
func (f *field) elemTag() string {
	if f.kind == object {
		return "dive"
	}
	checks := f.ruleTags()
	if f.rules.has("required") {
		checks = append([]string{"notblank"}, checks...) // only string elements can be required
	}
	if len(checks) == 0 {
		return ""
	}
	return strings.Join(append([]string{"dive"}, checks...), ",")
}

// ruleTags are the validator tags of the field's rules, in ruleOrder, with
// the checks its type implies: an enum's values, a date's format.
func (f *field) ruleTags() []string {
	var out []string
	for _, name := range ruleOrder {
		v, ok := f.rules[name]
		switch {
		case name == "in" && f.typ == spec.Enum && f.kind == scalar:
			v, ok = strings.Join(f.enum, " "), true
		case name == "date" && f.kind == scalar && (f.typ == spec.Date || f.typ == spec.DateTime || f.hasDateRule()):
			ok = true
		case name == "uuid" && f.typ == spec.UUID:
			ok = false // the type checks it
		}
		if !ok {
			continue
		}
		switch {
		case name == "in":
			out = append(out, "oneof="+v)
		case v == "":
			out = append(out, name)
		default:
			out = append(out, name+"="+v)
		}
	}
	return out
}

// hasDateRule reports a before/after rule, which needs a valid date first.
func (f *field) hasDateRule() bool {
	for _, r := range []string{"before", "after", "before_or_equal", "after_or_equal"} {
		if f.rules.has(r) {
			return true
		}
	}
	return false
}
