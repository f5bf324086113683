package spec

import (
	"fmt"
	"slices"
	"strings"
)

// Relation links a model to another model. belongs_to relations come from
// fields (Field.Relation); has_one, has_many and belongs_to_many live on
// Resource.Relations because they add no column to the model's own table.
type Relation struct {
	Kind RelationKind
	// Name is the Go struct field holding the related value(s): Author,
	// Profile, Comments, Tags.
	Name string
	// Target is the related model; Table its table.
	Target Name
	Table  string
	// ForeignKey is the key column: on this table for belongs_to
	// (author_id), on the target's table for has_one / has_many
	// (post_id), and this model's column in the pivot for belongs_to_many.
	ForeignKey string
	// RelatedKey is the target's column in the pivot table
	// (belongs_to_many only): tag_id.
	RelatedKey string
	// OnDelete is the foreign key's action (belongs_to only).
	OnDelete OnDelete
	// PivotTable joins the two tables (belongs_to_many only): post_tag.
	PivotTable string
	// TargetUUID says the target's primary key is a UUID (belongs_to and
	// belongs_to_many), so the foreign key is one too. The DSL cannot say it; the command layer sets
	// it from the target's existing model, or from --uuid for a self-reference.
	TargetUUID bool
}

// HasMany describes owner has-many target: HasMany(Post, "comments") →
// Comments []Comment through comments.post_id. target may be singular or
// plural, in any casing.
func HasMany(owner Name, target string) (Relation, error) {
	t, err := relationTarget(owner, "has_many", target)
	if err != nil {
		return Relation{}, err
	}
	return Relation{
		Kind: RelHasMany, Name: t.GoPlural(), Target: t, Table: t.Table(),
		ForeignKey: owner.Snake() + "_id",
	}, nil
}

// HasOne describes owner has-one target: HasOne(User, "profile") →
// Profile through profiles.user_id.
func HasOne(owner Name, target string) (Relation, error) {
	t, err := relationTarget(owner, "has_one", target)
	if err != nil {
		return Relation{}, err
	}
	return Relation{
		Kind: RelHasOne, Name: t.Go(), Target: t, Table: t.Table(),
		ForeignKey: owner.Snake() + "_id",
	}, nil
}

// BelongsToMany describes a many-to-many relation through a pivot table
// named, as in Laravel, after both singular snake names in alphabetical
// order: BelongsToMany(Post, "tags") → Tags []Tag through post_tag
// (post_id, tag_id).
func BelongsToMany(owner Name, target string) (Relation, error) {
	const kind = "belongs_to_many"
	t, err := relationTarget(owner, kind, target)
	if err != nil {
		return Relation{}, err
	}
	if t == owner {
		return Relation{}, errorf(kind+" target", target,
			"%s can't be related to itself through a generated pivot table (both keys would be %s_id); write that migration by hand",
			owner.Go(), owner.Snake())
	}
	pair := []string{owner.Snake(), t.Snake()}
	slices.Sort(pair)
	pivot := strings.Join(pair, "_")
	if msg := tableProblem(pivot); msg != "" {
		return Relation{}, errorf(kind+" target", target, "pivot table %q %s", pivot, msg)
	}
	return Relation{
		Kind: RelBelongsToMany, Name: t.GoPlural(), Target: t, Table: t.Table(),
		ForeignKey: owner.Snake() + "_id", RelatedKey: t.Snake() + "_id",
		PivotTable: pivot,
	}, nil
}

// relationTarget parses a relation's target model name, accepting the
// plural form people naturally write (--has-many comments).
func relationTarget(owner Name, kind, target string) (Name, error) {
	if owner.IsZero() {
		return Name{}, errorf(kind+" target", target, "the owning model has no name")
	}
	t, err := ParseName(kind+" target", target)
	if err != nil {
		return Name{}, err
	}
	if s := Singular(t.Snake()); s != t.Snake() {
		if st, err := ParseName(kind+" target", s); err == nil {
			t = st
		}
	}
	if fk := owner.Snake() + "_id"; len(fk) > maxIdentLen {
		return Name{}, errorf(kind+" target", target, "foreign key %s is %d characters; PostgreSQL allows %d", fk, len(fk), maxIdentLen)
	}
	return t, nil
}

// String describes the relation for messages: "has_many Comments".
func (r Relation) String() string {
	return fmt.Sprintf("%s %s", r.Kind, r.Name)
}
