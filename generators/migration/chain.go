package migration

import (
	"math"
	"strconv"

	"github.com/kilnhq/kiln/generators/spec"
)

// call is one schema-builder method call with literal arguments, e.g.
// {"String", ["title", 120]}.
type call struct {
	method string
	args   []any
}

// chain is one statement of a table definition: a builder call on t and the
// modifiers chained onto its result, e.g. t.String("title", 120).Nullable(). Go
// files print chains; SQL files replay them on runtime/migrate/ddl's Table, so both
// describe the very same columns.
type chain []call

func newChain(method string, args ...any) chain { return chain{{method, args}} }

func (c chain) then(method string, args ...any) chain {
	return append(c, call{method, args})
}

// builders maps field types to the builder method making their column.
var builders = map[spec.Type]string{
	spec.String: "String", spec.Text: "Text", spec.Int: "Integer", spec.BigInt: "BigInteger",
	spec.Float: "Float", spec.Decimal: "Decimal", spec.Bool: "Boolean", spec.Date: "Date",
	spec.DateTime: "DateTime", spec.UUID: "UUID", spec.JSON: "JSON", spec.Enum: "Enum",
}

// fieldChain is the builder chain of a field's column.
func fieldChain(f spec.Field) chain {
	col := f.Column()
	if f.Type == spec.BelongsTo {
		return foreignChain(f)
	}
	var c chain
	switch f.Type {
	case spec.String:
		c = newChain("String", col, f.Size)
	case spec.Decimal:
		c = newChain("Decimal", col, f.Precision, f.Scale)
	case spec.Enum:
		args := []any{col}
		for _, v := range f.EnumValues {
			args = append(args, v)
		}
		c = newChain("Enum", args...)
	default:
		c = newChain(builders[f.Type], col)
	}
	if f.Nullable {
		c = c.then("Nullable")
	}
	if f.Unique {
		c = c.then("Unique")
	}
	if f.Index {
		c = c.then("Index")
	}
	if f.Default != nil {
		c = c.then("Default", defaultValue(f, *f.Default))
	}
	return c
}

// foreignChain is t.ForeignID(col)[.Nullable()][.Unique()].Constrained(table).<OnDelete>().
func foreignChain(f spec.Field) chain {
	c := newChain(foreignBuilder(f.Relation.TargetUUID), f.Column())
	if f.Nullable {
		c = c.then("Nullable")
	}
	if f.Unique {
		c = c.then("Unique")
	}
	c = c.then("Constrained", f.Relation.Table)
	switch f.Relation.OnDelete {
	case spec.Cascade:
		c = c.then("CascadeOnDelete")
	case spec.SetNull:
		c = c.then("NullOnDelete")
	case spec.Restrict:
		c = c.then("RestrictOnDelete")
	}
	return c
}

// foreignBuilder picks ForeignUUID for a parent with a UUID primary key.
func foreignBuilder(parentUUID bool) string {
	if parentUUID {
		return "ForeignUUID"
	}
	return "ForeignID"
}

// defaultValue converts a validated DSL default to the Go value Default takes:
// numbers for numeric columns (int64 only beyond int32, so the generated constant
// compiles on 32-bit platforms too), a bool for bool, and the text itself otherwise —
// decimals included, which stay exact as strings.
func defaultValue(f spec.Field, v string) any {
	switch f.Type {
	case spec.Int, spec.BigInt:
		n, _ := strconv.ParseInt(v, 10, 64)
		if n < math.MinInt32 || n > math.MaxInt32 {
			return n
		}
		return int(n)
	case spec.Float:
		x, _ := strconv.ParseFloat(v, 64)
		return x
	case spec.Bool:
		return v == "true"
	}
	return v
}

// modelChains are the statements creating a model's table: its key, its fields,
// then timestamps and soft deletes as the resource asks.
func modelChains(r spec.Resource) []chain {
	var out []chain
	if r.UUID {
		out = append(out, newChain("UUID", "id").then("Primary"))
	} else {
		out = append(out, newChain("ID"))
	}
	for _, f := range r.Fields {
		out = append(out, fieldChain(f))
	}
	if r.Timestamps {
		out = append(out, newChain("Timestamps"))
	}
	if r.SoftDeletes {
		out = append(out, newChain("SoftDeletes"))
	}
	return out
}

// createChains are the statements of a create_X_table migration: an id, the
// fields and timestamps, like Laravel's make:migration.
func createChains(fields []chain) []chain {
	out := append([]chain{newChain("ID")}, fields...)
	return append(out, newChain("Timestamps"))
}

// dropChain drops the columns of chains (each chain's first argument).
func dropChain(chains []chain) chain {
	var cols []any
	for _, c := range chains {
		cols = append(cols, c[0].args[0])
	}
	return newChain("DropColumn", cols...)
}
