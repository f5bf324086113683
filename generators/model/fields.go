package model

import (
	"fmt"
	"strconv"

	"github.com/dave/jennifer/jen"

	"github.com/kilnhq/kiln/generators/spec"
	"github.com/kilnhq/kiln/runtime/orm/naming"
)

// fields lists the struct's fields: the id, the DSL fields in order, the
// timestamp columns, then (after a blank line) the relation fields.
func (g *gen) fields() ([]jen.Code, error) {
	r := g.r
	idType := jen.Int64()
	if r.UUID {
		idType = jen.Qual(uuidPkg, "UUID")
	}
	out := []jen.Code{column("ID", "id", idType)}
	for _, f := range r.Fields {
		out = append(out, g.field(f))
	}
	if r.Timestamps {
		out = append(out, column("CreatedAt", "created_at", jen.Qual("time", "Time")), column("UpdatedAt", "updated_at", jen.Qual("time", "Time")))
	}
	if r.SoftDeletes {
		out = append(out, column("DeletedAt", "deleted_at", jen.Op("*").Qual("time", "Time")))
	}
	rels := g.rels
	if len(rels) > 0 {
		out = append(out, jen.Line())
	}
	for _, rel := range rels {
		out = append(out, jen.Id(rel.name).Add(rel.fieldType).Tag(map[string]string{"db": "-", "json": naming.Snake(rel.name) + ",omitempty"}))
	}
	return out, g.declareMembers(rels)
}

// declareMembers records the field names, so a generated method cannot
// take one.
func (g *gen) declareMembers(rels []relation) error {
	for _, f := range g.r.Fields {
		if err := g.declare(true, f.GoName(), fmt.Sprintf("field %q", f.Name)); err != nil {
			return err
		}
	}
	for _, rel := range rels {
		if err := g.declare(true, rel.name, "relation "+rel.name); err != nil {
			return err
		}
	}
	return nil
}

// column is a struct field mapped to a column.
func column(goName, col string, typ jen.Code) *jen.Statement {
	return jen.Id(goName).Add(typ).Tag(map[string]string{"db": col, "json": col})
}

// field is the struct field of one DSL field. Date fields get the `date` tag
// option. A field with a column default
// gets the `default` tag option, so the ORM leaves it out of the INSERT
// while it is zero and the database fills it in — except a required bool,
// whose zero value false is a real value Create must write.
func (g *gen) field(f spec.Field) *jen.Statement {
	s := jen.Id(f.GoName()).Add(g.goType(f))
	tags := map[string]string{"db": f.Column(), "json": f.JSONName()}
	if f.IsSecret() {
		tags["json"] = "-" // shown raw (a relation of a model without a resource), a model keeps its credentials
	}
	if f.Type == spec.Date {
		tags["db"] += ",date" // the ORM stores and compares the calendar day, not an instant
	}
	switch {
	case f.Default == nil:
	case f.Type == spec.Bool && !f.Nullable:
		if *f.Default == "true" {
			return s.Tag(tags).Comment("Create always writes it; the column default true is for SQL inserts")
		}
	default:
		tags["db"] += ",default"
		return s.Tag(tags).Comment("default: " + defaultText(f))
	}
	return s.Tag(tags)
}

// defaultText is a default as Go readers expect it: strings quoted.
func defaultText(f spec.Field) string {
	switch f.Type {
	case spec.String, spec.Text, spec.Enum, spec.UUID:
		return strconv.Quote(*f.Default)
	}
	return *f.Default
}

// hasDefaultTag reports whether any field gets the `default` tag option.
func (g *gen) hasDefaultTag() bool {
	for _, f := range g.r.Fields {
		if f.Default != nil && (f.Type != spec.Bool || f.Nullable) {
			return true
		}
	}
	return false
}

// goType is the Go type of a DSL field in the model itself.
func (g *gen) goType(f spec.Field) jen.Code { return FieldType(g.r, f, "") }

// FieldType is the Go type of r's field f, per docs/data-layer.md: nullable
// fields are pointers, except where a Null type or nil already means NULL. Enum
// types are r's own (PostStatus); enumPkg is the import path to qualify them with
// from another package, "" inside the models package. The resource and request
// generators use it, so a model and the code around it can never disagree.
func FieldType(r spec.Resource, f spec.Field, enumPkg string) jen.Code {
	switch f.Type {
	case spec.Decimal:
		return jen.Qual(decimalPkg, pick(f.Nullable, "NullDecimal", "Decimal"))
	case spec.UUID:
		return jen.Qual(uuidPkg, pick(f.Nullable, "NullUUID", "UUID"))
	case spec.JSON:
		return jen.Qual(ormPkg, "JSON")
	}
	t := baseType(r, f, enumPkg)
	if f.Nullable {
		return jen.Op("*").Add(t)
	}
	return t
}

// baseType is the non-null Go type of the field types that become pointers
// when nullable.
func baseType(r spec.Resource, f spec.Field, enumPkg string) *jen.Statement {
	switch f.Type {
	case spec.Int:
		return jen.Int()
	case spec.BigInt:
		return jen.Int64()
	case spec.Float:
		return jen.Float64()
	case spec.Bool:
		return jen.Bool()
	case spec.Date, spec.DateTime:
		return jen.Qual("time", "Time")
	case spec.Enum:
		if enumPkg != "" {
			return jen.Qual(enumPkg, EnumType(r, f))
		}
		return jen.Id(EnumType(r, f))
	case spec.BelongsTo:
		if f.Relation != nil && f.Relation.TargetUUID {
			return jen.Qual(uuidPkg, "UUID")
		}
		return jen.Int64()
	}
	return jen.String() // string, text
}

func pick(cond bool, yes, no string) string {
	if cond {
		return yes
	}
	return no
}
