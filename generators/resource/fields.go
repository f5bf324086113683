package resource

import (
	"github.com/dave/jennifer/jen"

	"github.com/kilnhq/kiln/generators/model"
	"github.com/kilnhq/kiln/generators/spec"
)

// column is one model column the resource shows.
type column struct {
	goName string   // the field in both the model and the resource: Title
	json   string   // its key: title
	typ    jen.Code // its Go type, the model's
}

// columns lists the model's columns the resource shows, in model order: the
// id, the fields, the timestamps. deleted_at is left out — a soft-deleted row
// is never served — and so are columns named like secrets (secrets returns
// them), which an API should not show by accident.
func (g gen) columns() []column {
	r := g.o.Model
	id := jen.Int64()
	if r.UUID {
		id = jen.Qual(uuidPkg, "UUID")
	}
	cols := []column{{"ID", "id", id}}
	for _, f := range r.Fields {
		if !f.IsSecret() {
			cols = append(cols, column{f.GoName(), f.JSONName(), g.goType(f)})
		}
	}
	if r.Timestamps {
		cols = append(cols, column{"CreatedAt", "created_at", jen.Qual("time", "Time")}, column{"UpdatedAt", "updated_at", jen.Qual("time", "Time")})
	}
	return cols
}

// secrets are the model's columns the resource leaves out as secrets
// (spec.Field.IsSecret).
func (g gen) secrets() []string {
	var out []string
	for _, f := range g.o.Model.Fields {
		if f.IsSecret() {
			out = append(out, f.Column())
		}
	}
	return out
}

// goType is the model field's Go type, exactly as the model declares it.
func (g gen) goType(f spec.Field) jen.Code { return model.FieldType(*g.o.Model, f, g.modelsPkg()) }

func pick(cond bool, yes, no string) string {
	if cond {
		return yes
	}
	return no
}
