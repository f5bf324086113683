package factory

import (
	"context"
	"fmt"

	"github.com/kilnhq/kiln/runtime/db"
	"github.com/kilnhq/kiln/runtime/orm"
)

// BatchSize is how many rows Create and Insert make and insert at a time:
// memory stays at two batches (plus Create's result) whatever the count,
// ~3 MB each for rows of half a kilobyte. Batches are that large for
// PostgreSQL, where each is one COPY, and each COPY costs round trips and
// the server's set-up (a tuple slot for each of its first 1,000 rows, for
// one): 5,000-row batches seeded 15% faster than 1,000-row ones there, and
// 5% faster on SQLite, which splits a batch into INSERTs of 500 rows.
const BatchSize = 5000

// Make returns Count rows made in memory: nothing touches a database. Each
// belongs-to relation gets a made (unsaved, so zero-keyed) parent unless For
// or Recycle gives one; Has children are not made.
func (b Factory[T, S]) Make() []T { return b.makeRows(newRun()) }

// makeRows builds Count rows in memory within the run st, with their
// made parents and after-making hooks.
func (b Factory[T, S]) makeRows(st *run) []T {
	st.withRecycled(b.recycle)
	f := newFaker()
	rows := make([]T, b.count)
	for i := range rows {
		rows[i] = b.build(f, i)
	}
	for _, l := range b.parents {
		b.makeParentsFor(st, l, rows)
	}
	b.afterMaking(rows)
	return rows
}

// MakeOne is Make for a single row, whatever Count says.
func (b Factory[T, S]) MakeOne() T { return b.one().Make()[0] }

// Create inserts Count rows, their parents and their Has children, and
// returns the rows with their generated keys. On a *db.DB it runs in one
// transaction: a failure leaves the database as it was. Rows go in batches
// of BatchSize through orm.InsertMany (multi-row INSERTs on SQLite, COPY on
// PostgreSQL); for very large counts use Insert, which keeps no rows.
func (b Factory[T, S]) Create(ctx context.Context, q db.Querier) ([]T, error) {
	out := make([]T, 0, min(b.count, 100_000))
	err := b.inTx(ctx, q, func(q db.Querier) error {
		return b.create(ctx, q, newRun(), true, func(rows []T) { out = append(out, rows...) })
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// CreateOne is Create for a single row, whatever Count says.
func (b Factory[T, S]) CreateOne(ctx context.Context, q db.Querier) (T, error) {
	rows, err := b.one().Create(ctx, q)
	if err != nil {
		var zero T
		return zero, err
	}
	return rows[0], nil
}

// Insert is Create that keeps none of the rows, so its memory is one batch
// at any count (what seeders use for big tables). It returns how many rows
// of T it inserted.
func (b Factory[T, S]) Insert(ctx context.Context, q db.Querier) (int, error) {
	n := 0
	err := b.inTx(ctx, q, func(q db.Querier) error {
		return b.create(ctx, q, newRun(), false, func(rows []T) { n += len(rows) })
	})
	return n, err
}

// one is b with a Count of 1.
func (b Factory[T, S]) one() Factory[T, S] {
	c := b.clone()
	c.count = 1
	return c
}

// inTx runs fn in a transaction when q is a whole database, and on q as it
// is when q is already a transaction (a seeder's, a test's). Under
// WithBatchCommits it leaves a database alone, and create commits each batch.
func (b Factory[T, S]) inTx(ctx context.Context, q db.Querier, fn func(db.Querier) error) error {
	if d, ok := q.(*db.DB); ok && !batchCommits(ctx) {
		return d.Tx(ctx, func(tx *db.Tx) error { return fn(tx) })
	}
	return fn(q)
}

// batchTx runs one batch: in its own transaction when q is still the whole
// database (WithBatchCommits), else on q.
func batchTx(ctx context.Context, q db.Querier, fn func(db.Querier) error) error {
	if d, ok := q.(*db.DB); ok {
		return d.Tx(ctx, func(tx *db.Tx) error { return fn(tx) })
	}
	return fn(q)
}

// create makes and inserts the rows batch by batch, handing each inserted
// batch to sink; keep says sink uses the rows' keys (see insertOptions).
// Batches are built by a second goroutine while the previous one is
// inserted when that cannot change the values drawn (see pipelined), so the
// CPU work of faking overlaps the database's.
func (b Factory[T, S]) create(ctx context.Context, q db.Querier, st *run, keep bool, sink func([]T)) error {
	st = st.withRecycled(b.recycle)
	f := newFaker()
	table, err := orm.TableOf[T]()
	if err != nil {
		return err
	}
	progress := progressFrom(ctx)
	progress.Planned(table, b.count)
	opts := b.insertOptions(keep)
	batches := b.batches(f, b.pipelined(st))
	defer batches.stop()
	for rows, done := range batches.each() {
		err := batchTx(ctx, q, func(q db.Querier) error { return b.insertBatch(ctx, q, st, rows, done, opts) })
		if err != nil {
			return err
		}
		progress.Created(table, len(rows))
		sink(rows)
	}
	return nil
}

// pipelined reports whether batches may be built ahead, on another
// goroutine. Only when inserting a batch draws no fake values itself: no
// parent to create, no children. Otherwise both goroutines would draw from
// go-faker's one process-wide source, in an order that varies from run to
// run, and the same seed would no longer give the same rows.
func (b Factory[T, S]) pipelined(st *run) bool {
	if b.count <= BatchSize || len(b.children) > 0 {
		return false
	}
	for _, l := range b.parents {
		if l.pick == nil && len(st.recycle[l.ptype]) == 0 && (l.shared != nil || l.def != nil) {
			return false
		}
	}
	return true
}

// insertOptions are the options of the rows' orm.InsertMany: NoReadBack
// when nothing will read their generated keys (no one keeps the rows, no
// after-creating hook, no children to point at them), which spares SQLite
// a RETURNING per statement.
func (b Factory[T, S]) insertOptions(keep bool) []orm.InsertOption {
	if keep || len(b.created) > 0 || len(b.children) > 0 {
		return nil
	}
	return []orm.InsertOption{orm.NoReadBack}
}

// insertBatch gives the rows their parents, inserts them, runs the hooks and
// creates their children.
// offset is the first row's index in the whole Count.
func (b Factory[T, S]) insertBatch(ctx context.Context, q db.Querier, st *run, rows []T, offset int, opts []orm.InsertOption) error {
	for _, l := range b.parents {
		if err := b.createParentsFor(ctx, q, st, l, rows, offset); err != nil {
			return err
		}
	}
	b.afterMaking(rows)
	if err := orm.InsertMany(ctx, q, rows, opts...); err != nil {
		return err
	}
	for i := range rows {
		for _, fn := range b.created {
			if err := fn(ctx, q, &rows[i]); err != nil {
				return err
			}
		}
	}
	return b.createHasChildren(ctx, q, st, rows)
}

// build makes row i: the definition, then the states in order.
func (b Factory[T, S]) build(f *Faker, i int) T {
	f.index, f.first, f.last = i, "", ""
	v := b.def(f)
	for _, s := range b.states {
		s(f, &v)
	}
	return v
}

func (b Factory[T, S]) afterMaking(rows []T) {
	for i := range rows {
		for _, fn := range b.made {
			fn(&rows[i])
		}
	}
}

// createParentsFor points each row still without a parent at one: For's or
// Has's choice, a recycled model, one shared parent, or a new parent per row
// created by the relation's factory in one go.
func (b Factory[T, S]) createParentsFor(ctx context.Context, q db.Querier, st *run, l link[T], rows []T, offset int) error {
	need := b.needParents(l, rows)
	if len(need) == 0 || b.pickExisting(st, l, rows, need, offset) {
		return nil
	}
	if l.shared != nil {
		p, ok := st.shared[l.shared]
		if !ok {
			ps, err := l.shared.src.createParents(ctx, q, st, 1)
			if err != nil {
				return err
			}
			p = ps[0]
			st.shared[l.shared] = p
		}
		for _, i := range need {
			l.set(&rows[i], p)
		}
		return nil
	}
	if l.def == nil {
		if l.required {
			return b.missingParent(l)
		}
		return nil
	}
	parents, err := l.def().createParents(ctx, q, st, len(need))
	if err != nil {
		return fmt.Errorf("create %s for %T: %w", l.name, rows[0], err)
	}
	for k, i := range need {
		l.set(&rows[i], parents[k])
	}
	return nil
}

// makeParentsFor is createParentsFor without a database.
func (b Factory[T, S]) makeParentsFor(st *run, l link[T], rows []T) {
	need := b.needParents(l, rows)
	if len(need) == 0 || b.pickExisting(st, l, rows, need, 0) {
		return
	}
	var src source
	switch {
	case l.shared != nil:
		src = l.shared.src
	case l.def != nil:
		src = l.def()
	default:
		return
	}
	n := len(need)
	if l.shared != nil {
		n = 1
	}
	parents := src.makeParents(st, n)
	for k, i := range need {
		l.set(&rows[i], parents[k%len(parents)])
	}
}

// needParents lists the rows whose foreign key is still unset.
func (b Factory[T, S]) needParents(l link[T], rows []T) []int {
	need := make([]int, 0, len(rows))
	for i := range rows {
		if l.isSet == nil || !l.isSet(&rows[i]) {
			need = append(need, i)
		}
	}
	return need
}

// pickExisting sets the parents For, Has or Recycle chose, reporting whether
// it did. Choices go by the row's index in the whole Count (offset + i), so
// Has's n children per parent span batches correctly.
func (b Factory[T, S]) pickExisting(st *run, l link[T], rows []T, need []int, offset int) bool {
	pick := l.pick
	if pick == nil {
		pool := st.recycle[l.ptype]
		if len(pool) == 0 {
			return false
		}
		pick = func(i int) any { return pool[i%len(pool)] }
	}
	for _, i := range need {
		l.set(&rows[i], pick(offset+i))
	}
	return true
}

// createHasChildren creates each Has's children for the batch's rows.
func (b Factory[T, S]) createHasChildren(ctx context.Context, q db.Querier, st *run, rows []T) error {
	if len(b.children) == 0 {
		return nil
	}
	parents := make([]any, len(rows))
	for i := range rows {
		parents[i] = &rows[i]
	}
	for _, c := range b.children {
		if err := c.src.createChildren(ctx, q, st, parents, c.n, c.relation); err != nil {
			return err
		}
	}
	return nil
}

// The source methods, through which relations reach factories of other models.

func (b Factory[T, S]) makeParents(st *run, n int) []any {
	c := b.clone()
	c.count = n
	rows := c.makeRows(st)
	out := make([]any, n)
	for i := range rows {
		out[i] = &rows[i]
	}
	return out
}

func (b Factory[T, S]) createParents(ctx context.Context, q db.Querier, st *run, n int) ([]any, error) {
	c := b.clone()
	c.count = n
	out := make([]any, 0, n)
	err := c.create(ctx, q, st, true, func(rows []T) {
		for i := range rows {
			out = append(out, &rows[i])
		}
	})
	return out, err
}

func (b Factory[T, S]) createChildren(ctx context.Context, q db.Querier, st *run, parents []any, perParent int, relation string) error {
	c := b.clone()
	var name []string
	if relation != "" {
		name = []string{relation}
	}
	i := c.findLink(reflectTypeOfParent(parents[0]), name)
	c.parents[i].pick = func(k int) any { return parents[k/perParent] }
	c.parents[i].shared = nil
	c.count = perParent * len(parents)
	return c.create(ctx, q, st, false, func([]T) {})
}
