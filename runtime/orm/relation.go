package orm

import (
	"reflect"
)

// Relation declares how a model links to another model. A model lists its
// relations in a Relations method, and the ORM finds the related type from
// the struct field the relation names:
//
//	func (Post) Relations() []orm.Relation {
//		return []orm.Relation{
//			orm.BelongsTo("Author", "author_id"),            // Author *User
//			orm.HasMany("Comments", "post_id"),              // Comments []Comment
//			orm.BelongsToMany("Tags", "post_tag", "post_id", "tag_id"), // Tags []Tag
//		}
//	}
type Relation struct {
	kind       relKind
	field      string // the struct field that holds the related model(s)
	foreignKey string
	pivot      string
	relatedKey string
}

type relKind int

const (
	belongsTo relKind = iota + 1
	hasOne
	hasMany
	belongsToMany
)

func (k relKind) String() string {
	return [...]string{"", "belongs-to", "has-one", "has-many", "belongs-to-many"}[k]
}

// Relater is implemented by models that declare relations.
type Relater interface{ Relations() []Relation }

// BelongsTo declares that this model's foreignKey column holds the id of the
// model in field (a *Parent field): a Post's author_id → Author *User.
func BelongsTo(field, foreignKey string) Relation {
	return Relation{kind: belongsTo, field: field, foreignKey: foreignKey}
}

// HasOne declares that the related model's foreignKey column holds this
// model's id, for at most one row (a *Child field): User.Profile via
// profiles.user_id.
func HasOne(field, foreignKey string) Relation {
	return Relation{kind: hasOne, field: field, foreignKey: foreignKey}
}

// HasMany declares that the related model's foreignKey column holds this
// model's id (a []Child field): Post.Comments via comments.post_id.
func HasMany(field, foreignKey string) Relation {
	return Relation{kind: hasMany, field: field, foreignKey: foreignKey}
}

// BelongsToMany declares a many-to-many link through pivot, whose
// foreignKey column holds this model's id and relatedKey the related
// model's (a []Other field): Post.Tags via post_tag(post_id, tag_id).
func BelongsToMany(field, pivot, foreignKey, relatedKey string) Relation {
	return Relation{kind: belongsToMany, field: field, foreignKey: foreignKey, pivot: pivot, relatedKey: relatedKey}
}

// relation is a Relation resolved against its owner's struct type.
type relation struct {
	Relation
	offset    uintptr      // of the field in the owner
	fieldType reflect.Type // *User or []Comment
	target    reflect.Type // User or Comment
}

// buildRelations resolves the owner's declared relations.
func buildRelations(m *model) (map[string]*relation, error) {
	r, ok := reflect.New(m.typ).Interface().(Relater)
	if !ok {
		return nil, nil
	}
	rels := map[string]*relation{}
	for _, decl := range r.Relations() {
		rel, err := resolveRelation(m, decl)
		if err != nil {
			return nil, err
		}
		if _, dup := rels[decl.field]; dup {
			return nil, errorf("%s declares relation %s twice", m.name, decl.field)
		}
		rels[decl.field] = rel
	}
	return rels, nil
}

// resolveRelation finds the relation's field and checks its shape: a pointer
// for belongs-to and has-one, a slice for has-many and belongs-to-many.
func resolveRelation(m *model, decl Relation) (*relation, error) {
	f, ok := m.typ.FieldByName(decl.field)
	if !ok || len(f.Index) != 1 {
		return nil, errorf("%s: relation %s needs a field %s on the struct", m.name, decl.field, decl.field)
	}
	want := reflect.Slice
	if decl.kind == belongsTo || decl.kind == hasOne {
		want = reflect.Pointer
	}
	if f.Type.Kind() != want || f.Type.Elem().Kind() != reflect.Struct {
		shape := map[reflect.Kind]string{reflect.Pointer: "*Model", reflect.Slice: "[]Model"}[want]
		return nil, errorf("%s.%s is a %s relation, so its type must be %s, not %s", m.name, decl.field, decl.kind, shape, f.Type)
	}
	if decl.kind == belongsTo {
		if _, err := m.column(decl.foreignKey); err != nil {
			return nil, errorf("%s.%s: foreign key: %w", m.name, decl.field, err)
		}
	}
	return &relation{Relation: decl, offset: f.Offset, fieldType: f.Type, target: f.Type.Elem()}, nil
}
