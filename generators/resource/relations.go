package resource

import (
	"slices"

	"github.com/dave/jennifer/jen"

	"github.com/kilnhq/kiln/generators/spec"
	"github.com/kilnhq/kiln/runtime/orm/naming"
)

// relation is one relation field of the resource.
type relation struct {
	name  string   // the field in both the model and the resource: Author
	json  string   // its key: author
	many  bool     // has_many or belongs_to_many: a slice
	typ   jen.Code // *UserResource, []CommentResource, or the model's own type
	value jen.Code // how the constructor fills it from the model m
}

// relations lists the model's relations in model order — belongs_to fields,
// then has_one, has_many and belongs_to_many — each shown only when it was
// loaded (nil when not: the key is left out).
func (g gen) relations(m string) []relation {
	r := g.o.Model
	var rels []spec.Relation
	for _, f := range r.Fields {
		if f.Relation != nil {
			rels = append(rels, *f.Relation)
		}
	}
	rels = append(rels, r.Relations...)
	out := make([]relation, len(rels))
	for i, rel := range rels {
		out[i] = g.relation(rel, m)
	}
	return out
}

// relation shows rel as the target's resource when the app has one, through
// One or Many so an unloaded relation stays nil; otherwise as the model's own
// field, so the file compiles before the target has a resource.
func (g gen) relation(rel spec.Relation, m string) relation {
	one := rel.Kind == spec.RelBelongsTo || rel.Kind == spec.RelHasOne
	out := relation{name: rel.Name, json: naming.Snake(rel.Name), many: !one}
	field := jen.Id(m).Dot(rel.Name)
	if !g.nests(rel.Target) {
		out.typ = shape(one, g.model(rel.Target.Go()))
		out.value = field
		return out
	}
	target := TypeName(rel.Target)
	out.typ = shape(one, jen.Id(target))
	out.value = jen.Id(pick(one, "One", "Many")).Call(field, jen.Id(NewFunc(rel.Target)))
	return out
}

// nests reports whether a relation to target is shown as target's resource.
func (g gen) nests(target spec.Name) bool {
	return target == g.o.Model.Name || slices.Contains(g.o.Nested, target.Go())
}

// shape is *t for a to-one relation and []t for a to-many one.
func shape(one bool, t *jen.Statement) *jen.Statement {
	if one {
		return jen.Op("*").Add(t)
	}
	return jen.Index().Add(t)
}

// tag is a relation's json tag: to-one relations use omitempty (nil: not
// loaded); to-many ones use omitzero, so a loaded relation with no rows
// still shows as [] and only an unloaded (nil) one is left out.
func (rel relation) tag() map[string]string {
	return map[string]string{"json": rel.json + pick(rel.many, ",omitzero", ",omitempty")}
}
