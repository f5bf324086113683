package resource

import (
	"slices"
	"strings"

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
		if !isSecret(f.Column()) {
			cols = append(cols, column{f.GoName(), f.JSONName(), g.goType(f)})
		}
	}
	if r.Timestamps {
		cols = append(cols, column{"CreatedAt", "created_at", jen.Qual("time", "Time")}, column{"UpdatedAt", "updated_at", jen.Qual("time", "Time")})
	}
	return cols
}

// secrets are the model's columns the resource leaves out as secrets.
func (g gen) secrets() []string {
	var out []string
	for _, f := range g.o.Model.Fields {
		if isSecret(f.Column()) {
			out = append(out, f.Column())
		}
	}
	return out
}

// secretNames are column names that hold credentials, as Laravel's default
// User model hides password and remember_token.
var secretNames = []string{"password", "password_hash", "password_digest", "encrypted_password", "secret", "token"}

// isSecret reports whether a column looks like a credential: a secret name,
// or one ending in _secret or _token (api_token, remember_token, client_secret).
func isSecret(col string) bool {
	return slices.Contains(secretNames, col) || strings.HasSuffix(col, "_secret") || strings.HasSuffix(col, "_token")
}

// goType is the model field's Go type, exactly as the model declares it.
func (g gen) goType(f spec.Field) jen.Code { return model.FieldType(*g.o.Model, f, g.modelsPkg()) }

func pick(cond bool, yes, no string) string {
	if cond {
		return yes
	}
	return no
}
