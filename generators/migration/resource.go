package migration

import (
	"fmt"

	"github.com/kilnhq/kiln/generators/plan"
	"github.com/kilnhq/kiln/generators/spec"
)

// ForResource generates the migrations of `kiln make model -m`: create_<table>_table
// at version with every field (belongs_to fields as constrained foreign keys), the
// key, timestamps and soft deletes the resource asks for; then one
// create_<pivot>_table per belongs_to_many relation at version+1, +2, …
func ForResource(r spec.Resource, version int64) (plan.Plan, error) {
	var p plan.Plan
	if err := checkVersion(version); err != nil {
		return p, err
	}
	table := r.Table()
	main := migration{version: version, name: "create_" + table + "_table", action: create, table: table, body: modelChains(r)}
	if err := addGo(&p, main); err != nil {
		return p, err
	}
	for _, rel := range r.Relations {
		if rel.Kind != spec.RelBelongsToMany {
			continue
		}
		version++
		pivot := migration{version: version, name: "create_" + rel.PivotTable + "_table", action: create, table: rel.PivotTable, body: pivotChains(r, rel)}
		if err := addGo(&p, pivot); err != nil {
			return p, err
		}
	}
	return p, nil
}

// pivotChains define a belongs_to_many pivot: both foreign keys, cascading, in the
// order of the pivot's name (post_tag: post_id, tag_id), and together the primary key.
func pivotChains(r spec.Resource, rel spec.Relation) []chain {
	owner := newChain(foreignBuilder(r.UUID), rel.ForeignKey).then("Constrained", r.Table()).then("CascadeOnDelete")
	target := newChain(foreignBuilder(rel.TargetUUID), rel.RelatedKey).then("Constrained", rel.Table).then("CascadeOnDelete")
	first, second := owner, target
	if rel.Target.Snake() < r.Name.Snake() {
		first, second = target, owner
	}
	return []chain{first, second, newChain("Primary", first[0].args[0], second[0].args[0])}
}

// checkVersion refuses versions goose can't use.
func checkVersion(v int64) error {
	if v < 1 {
		return fmt.Errorf("migration version %d: want a positive yyyymmddhhmmss number", v)
	}
	return nil
}
