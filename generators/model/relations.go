package model

import (
	"github.com/dave/jennifer/jen"

	"github.com/kilnhq/kiln/generators/spec"
)

// relation is one relation field and its entry in the Relations method.
type relation struct {
	name      string   // the struct field: Author, Comments
	fieldType jen.Code // *User, []Comment
	decl      jen.Code // orm.BelongsTo("Author", "author_id")
}

// relations lists the model's relations: belongs_to fields first, in field
// order, then has_one, has_many and belongs_to_many as given.
func (g *gen) relations() []relation {
	var out []relation
	for _, f := range g.r.Fields {
		if f.Relation != nil {
			out = append(out, newRelation(*f.Relation))
		}
	}
	for _, rel := range g.r.Relations {
		out = append(out, newRelation(rel))
	}
	return out
}

func newRelation(rel spec.Relation) relation {
	target := jen.Id(rel.Target.Go())
	name := jen.Lit(rel.Name)
	switch rel.Kind {
	case spec.RelBelongsTo:
		return relation{rel.Name, jen.Op("*").Add(target), orm("BelongsTo", name, jen.Lit(rel.ForeignKey))}
	case spec.RelHasOne:
		return relation{rel.Name, jen.Op("*").Add(target), orm("HasOne", name, jen.Lit(rel.ForeignKey))}
	case spec.RelHasMany:
		return relation{rel.Name, jen.Index().Add(target), orm("HasMany", name, jen.Lit(rel.ForeignKey))}
	}
	return relation{rel.Name, jen.Index().Add(target), orm("BelongsToMany", name,
		jen.Lit(rel.PivotTable), jen.Lit(rel.ForeignKey), jen.Lit(rel.RelatedKey))}
}

// orm is a call of one of runtime/orm's relation constructors.
func orm(fn string, args ...jen.Code) jen.Code { return jen.Qual(ormPkg, fn).Call(args...) }
