package factory

import (
	"github.com/dave/jennifer/jen"

	"github.com/kilnhq/kiln/generators/model"
	"github.com/kilnhq/kiln/generators/spec"
)

// state is one named state method of a factory.
type state struct {
	method string
	doc    string
	body   []jen.Code
	faker  bool // the body draws from f
}

// reserved are the methods a factory already has through factory.Factory;
// a state may not shadow one.
var reserved = map[string]bool{
	"Count": true, "State": true, "With": true, "Sequence": true, "AfterMaking": true,
	"AfterCreating": true, "Recycle": true, "BelongsTo": true, "For": true, "Has": true,
	"Make": true, "MakeOne": true, "Create": true, "CreateOne": true, "Insert": true,
}

// states are the model's named states: one per boolean (Published sets
// published to true), one per enum value (StatusArchived), and Trashed for a
// soft-deleting model. A name another state or a Factory method has is
// skipped, so the file always compiles.
func (g *gen) states() []state {
	m := g.o.Model
	if m == nil {
		return nil
	}
	var out []state
	seen := map[string]bool{}
	add := func(s state) {
		if !reserved[s.method] && !seen[s.method] {
			seen[s.method] = true
			out = append(out, s)
		}
	}
	r := g.recv()
	for _, fl := range m.Fields {
		switch fl.Type {
		case spec.Bool:
			add(state{method: fl.GoName(), doc: fl.GoName() + " makes " + g.name.HumanPlural() + " whose " + fl.Name + " is true.",
				body: []jen.Code{jen.Id(r).Dot(fl.GoName()).Op("=").Add(nullable(fl, jen.True()))}})
		case spec.Enum:
			for _, v := range fl.EnumValues {
				c := model.EnumConst(*m, fl, v)
				name := fl.GoName() + c[len(model.EnumType(*m, fl)):]
				add(state{method: name, doc: name + " makes " + g.name.HumanPlural() + " whose " + fl.Name + " is " + v + ".",
					body: []jen.Code{jen.Id(r).Dot(fl.GoName()).Op("=").Add(nullable(fl, jen.Qual(g.modelsPkg, c)))}})
			}
		}
	}
	if m.SoftDeletes {
		add(state{method: "Trashed", doc: "Trashed makes soft-deleted " + g.name.HumanPlural() + ".", faker: true,
			body: []jen.Code{jen.Id(r).Dot("DeletedAt").Op("=").Qual(factoryPkg, "Ptr").Call(jen.Id("f").Dot("Time").Call())}})
	}
	return out
}

// nullable wraps v in factory.Ptr for a nullable field.
func nullable(fl spec.Field, v jen.Code) jen.Code {
	if fl.Nullable {
		return jen.Qual(factoryPkg, "Ptr").Call(v)
	}
	return v
}
