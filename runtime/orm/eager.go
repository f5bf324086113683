package orm

import (
	"context"
	"reflect"
	"strings"
	"unsafe"

	"github.com/kilnhq/kiln/runtime/db"
)

// checkRelation checks the first step of a With path against the model's
// declared relations; deeper steps are checked when they load.
func (m *model) checkRelation(path string) error {
	if m.relErr != nil {
		return m.relErr
	}
	name, _, _ := strings.Cut(path, ".")
	if _, ok := m.relations[name]; !ok {
		return errorf("with %q: %s has no relation %s (declare it in its Relations method)", path, m.name, name)
	}
	return nil
}

// loadRelations eager-loads paths onto every element of parents, a slice of
// m's type: one query per relation, then the next level of dotted paths on
// the loaded rows before they are handed out to their parents.
func loadRelations(ctx context.Context, q db.Querier, m *model, parents reflect.Value, paths []string) error {
	names, nested := splitPaths(paths)
	for _, name := range names {
		if err := m.checkRelation(name); err != nil {
			return err
		}
		if err := m.relations[name].load(ctx, q, m, parents, nested[name]); err != nil {
			return err
		}
	}
	return nil
}

// splitPaths groups dotted paths by their first step, in first-seen order:
// ["Comments.Author", "Tags"] → [Comments Tags], {Comments: [Author]}.
func splitPaths(paths []string) ([]string, map[string][]string) {
	var names []string
	nested := map[string][]string{}
	for _, p := range paths {
		name, rest, _ := strings.Cut(p, ".")
		if _, seen := nested[name]; !seen {
			names = append(names, name)
			nested[name] = nil
		}
		if rest != "" {
			nested[name] = append(nested[name], rest)
		}
	}
	return names, nested
}

// load fetches the relation for every parent in one query and sets it.
func (r *relation) load(ctx context.Context, q db.Querier, owner *model, parents reflect.Value, nested []string) error {
	target, err := modelFor(r.target)
	if err != nil {
		return err
	}
	l := loader{ctx: ctx, q: q, d: q.Dialect(), rel: r, owner: owner, target: target, parents: parents, nested: nested}
	if r.kind == belongsTo {
		return l.belongsTo()
	}
	return l.children()
}

// loader holds one relation load in progress.
type loader struct {
	ctx     context.Context
	q       db.Querier
	d       db.Dialect
	rel     *relation
	owner   *model
	target  *model
	parents reflect.Value
	nested  []string
}

func (l *loader) fail(err error) error {
	return errorf("load %s.%s: %w", l.owner.name, l.rel.field, err)
}

// belongsTo loads the parents' parents by the foreign keys they hold:
// SELECT … FROM users WHERE id IN (author ids).
func (l *loader) belongsTo() error {
	fk := &l.owner.cols[l.owner.byName[l.rel.foreignKey]]
	keys, rowKeys := distinctKeys(l.parents, fk)
	if len(keys) == 0 {
		return nil
	}
	t := l.target
	rows, parentKeys, err := l.fetch(inQuery{
		m: t, head: t.selectFrom(l.d), keyCol: l.d.Quote(t.cols[t.pk].name), keyField: &t.cols[t.pk],
		filter: t.notTrashed(l.d, false),
	}, keys)
	if err != nil {
		return err
	}
	l.assignOne(rows, parentKeys, rowKeys)
	return nil
}

// children loads has-one, has-many and belongs-to-many rows, which point
// back at the parents' primary keys (directly or through the pivot table).
func (l *loader) children() error {
	keys, rowKeys := distinctKeys(l.parents, &l.owner.cols[l.owner.pk])
	if len(keys) == 0 {
		return nil
	}
	iq, err := l.childQuery()
	if err != nil {
		return l.fail(err)
	}
	rows, childKeys, err := l.fetch(iq, keys)
	if err != nil {
		return err
	}
	if l.rel.kind == hasOne {
		l.assignOne(rows, childKeys, rowKeys)
	} else {
		l.assignMany(rows, childKeys, rowKeys)
	}
	return nil
}

// childQuery is the SELECT for a has-* relation (matching the target's
// foreign key) or a belongs-to-many one (joining the pivot and selecting its
// owner key as an extra column).
func (l *loader) childQuery() (inQuery, error) {
	t, d := l.target, l.d
	pk := d.Quote(t.cols[t.pk].name)
	if l.rel.kind != belongsToMany {
		fk, err := t.column(l.rel.foreignKey)
		if err != nil {
			return inQuery{}, err
		}
		return inQuery{m: t, head: t.selectFrom(d), keyCol: d.Quote(fk.name), keyField: fk, filter: t.notTrashed(d, false), order: pk}, nil
	}
	table, pivot := d.Quote(t.table), d.Quote(l.rel.pivot)
	ownerKey := pivot + "." + d.Quote(l.rel.foreignKey)
	head := "SELECT " + t.selectList(d, true) + ", " + ownerKey + " FROM " + table +
		" JOIN " + pivot + " ON " + pivot + "." + d.Quote(l.rel.relatedKey) + " = " + table + "." + pk
	return inQuery{
		m: t, head: head, keyCol: ownerKey, extraKey: l.owner.cols[l.owner.pk].typ,
		filter: t.notTrashed(d, true), order: table + "." + pk,
	}, nil
}

// fetch runs iq for keys and loads the nested relations on the result.
func (l *loader) fetch(iq inQuery, keys []any) (reflect.Value, []any, error) {
	rows, childKeys, err := iq.run(l.ctx, l.q, keys)
	if err != nil {
		return reflect.Value{}, nil, l.fail(err)
	}
	if len(l.nested) > 0 && rows.Len() > 0 {
		if err := loadRelations(l.ctx, l.q, l.target, rows, l.nested); err != nil {
			return reflect.Value{}, nil, err
		}
	}
	return rows, childKeys, nil
}

// field is the relation field of parent i, settable.
func (l *loader) field(i int) reflect.Value {
	base := l.parents.Index(i).Addr().UnsafePointer()
	return reflect.NewAt(l.rel.fieldType, unsafe.Add(base, l.rel.offset)).Elem()
}

// assignOne points each parent at the first row with its key: its
// belongs-to parent, or its has-one child with the lowest primary key.
func (l *loader) assignOne(rows reflect.Value, childKeys, rowKeys []any) {
	first := make(map[any]int, rows.Len())
	for i, k := range childKeys {
		if _, seen := first[k]; !seen && k != nil {
			first[k] = i
		}
	}
	for i, k := range rowKeys {
		if j, ok := first[k]; ok {
			l.field(i).Set(rows.Index(j).Addr())
		}
	}
}

// assignMany gives each parent the slice of its children. The children are
// copied once into a single array grouped by parent and each parent gets a
// capacity-limited window of it, so appending to one parent's slice never
// overwrites another's.
func (l *loader) assignMany(rows reflect.Value, childKeys, rowKeys []any) {
	start := map[any]int{}
	var order []any
	count := map[any]int{}
	for _, k := range childKeys {
		if k == nil {
			continue
		}
		if _, seen := count[k]; !seen {
			order = append(order, k)
		}
		count[k]++
	}
	n := 0
	for _, k := range order {
		start[k] = n
		n += count[k]
	}
	grouped := reflect.MakeSlice(l.rel.fieldType, n, n)
	next := make(map[any]int, len(start))
	for i, k := range childKeys {
		if k == nil {
			continue
		}
		grouped.Index(start[k] + next[k]).Set(rows.Index(i))
		next[k]++
	}
	for i, k := range rowKeys {
		s := start[k]
		e := s + count[k]
		l.field(i).Set(grouped.Slice3(s, e, e))
	}
}
