package orm

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"reflect"
	"strings"

	"github.com/kilnhq/kiln/runtime/db"
)

// maxRowsPerStmt caps the rows of one multi-row INSERT. Past a hundred
// rows a longer statement saves no measurable time on SQLite
// (BenchmarkInsertMany with 100, 250, 500 and 1,000 rows per statement
// came out within noise of each other) and costs parsing and memory, so
// statements stay at a size whose prepared form is reused batch to batch.
const maxRowsPerStmt = 500

// maxParams is the most bound parameters one statement may have:
// SQLITE_MAX_VARIABLE_NUMBER as modernc.org/sqlite builds it, and the
// 16-bit parameter count of PostgreSQL's wire protocol.
func maxParams(d db.Dialect) int {
	if d.Name() == db.Postgres {
		return 65535
	}
	return 32766
}

// errReturnOrder reports RETURNING rows that do not line up with the
// inserted rows. Neither database documents the order of RETURNING rows, so
// InsertMany checks it (generated keys must increase, given keys must match)
// rather than give a row another row's values.
var errReturnOrder = errors.New("RETURNING rows came back in an order InsertMany cannot match to its rows")

// group is rows that leave the same columns to the database, so one INSERT
// shape fits them all.
type group struct {
	omit uint64
	rows []int32
}

// insertRows inserts the rows idx of the chunk starting at row start with
// multi-row INSERTs, one shape per set of columns left to the database.
func (b *bulk) insertRows(ctx context.Context, q db.Querier, start int, idx []int32) error {
	for _, g := range b.group(start, idx) {
		if err := b.insertGroup(ctx, q, g.omit, g.rows); err != nil {
			return err
		}
	}
	return nil
}

// group sorts the rows idx by the columns they omit (b.omit), keeping their
// order within each group. Typically every row falls in one group.
func (b *bulk) group(start int, idx []int32) []group {
	gs := b.groups[:0]
	for _, i := range idx {
		omit := b.omit[int(i)-start]
		k := 0
		for k < len(gs) && gs[k].omit != omit {
			k++
		}
		if k == len(gs) {
			if k < cap(gs) {
				gs = gs[:k+1]
				gs[k].omit, gs[k].rows = omit, gs[k].rows[:0]
			} else {
				gs = append(gs, group{omit: omit})
			}
		}
		gs[k].rows = append(gs[k].rows, i)
	}
	b.groups = gs
	return gs
}

// insertShape is what the multi-row INSERTs of one group look like, but
// for their row count.
type insertShape struct {
	omit      uint64 // the fills the rows leave to the database
	written   []int  // the columns written
	returning []int  // the columns read back; none under NoReadBack
	orFail    bool   // INSERT OR FAIL (see orFail)
}

// insertGroup inserts rows that omit the same columns, as many per
// statement as the parameter limit and maxRowsPerStmt allow.
func (b *bulk) insertGroup(ctx context.Context, q db.Querier, omit uint64, rows []int32) error {
	sh := insertShape{omit: omit, orFail: orFail(q)}
	sh.written, sh.returning = b.m.bulkColumns(omit)
	if len(sh.written) == 0 { // DEFAULT VALUES has no multi-row form
		for _, i := range rows {
			if err := b.m.insert(ctx, q, b.row(int(i))); err != nil {
				return err
			}
		}
		return nil
	}
	if !b.readBack {
		sh.returning = nil
	}
	per := max(1, min(maxRowsPerStmt, maxParams(q.Dialect())/len(sh.written)))
	for k := 0; k < len(rows); k += per {
		part := rows[k:min(k+per, len(rows))]
		if err := b.insertStmt(ctx, q, sh, part, len(part) == per); err != nil {
			return errorf("insert into %s: %w", b.m.table, db.ClassifyError(err))
		}
	}
	return nil
}

// orFail reports whether InsertMany's INSERTs on q say OR FAIL: on SQLite
// inside a transaction. A multi-row INSERT that may abort keeps a statement
// journal, a copy of each page it changes that existed before it, so that a
// failing row undoes its statement alone; with a unique index taking rows
// at random places that was a tenth of a seed's CPU at 100,000 rows and
// most of its time at 1,000,000. OR FAIL stops at the failing row without
// it, leaving the statement's earlier rows in the transaction, which
// InsertMany's callers roll back on error anyway (as its doc asks). Outside
// a transaction (a Querier that is neither a *db.DB nor a *db.Tx) the
// statement commits on its own, so it must undo itself: plain INSERT. (A
// foreign key makes SQLite keep the journal regardless; OR FAIL also
// overrides an ON CONFLICT clause of the table's own constraints, which
// kiln's migrations never write.)
func orFail(q db.Querier) bool {
	_, inTx := q.(*db.Tx)
	return inTx && q.Dialect().Name() == db.SQLite
}

// bulkColumns splits the columns for rows that omit the given fills: those
// the INSERT writes, and those it returns. The primary key comes first
// among the returned ones even when written, so the rows read back can be
// checked against the rows inserted.
func (m *model) bulkColumns(omit uint64) (written, returning []int) {
	for i := range m.cols {
		if omit&m.bulkBit(i) == 0 {
			written = append(written, i)
		} else if i != m.pk {
			returning = append(returning, i)
		}
	}
	if omit != 0 {
		returning = append([]int{m.pk}, returning...)
	}
	return written, returning
}

// bulkBit is column i's bit in the fills masks, 0 when it is not a fill.
func (m *model) bulkBit(i int) uint64 {
	for j, c := range m.bulk.fills {
		if c == i {
			return 1 << j
		}
	}
	return 0
}

// insertStmt runs one multi-row INSERT of the rows part and reads the
// returned columns back into them. full says part is a whole statement's
// worth of rows, whose SQL text recurs and is worth caching.
func (b *bulk) insertStmt(ctx context.Context, q db.Querier, sh insertShape, part []int32, full bool) error {
	d := q.Dialect()
	sqlText := b.m.insertManySQL(d, sh, len(part), full)
	sqlite := d.Name() == db.SQLite
	args := b.args[:0]
	for _, i := range part {
		base := b.row(int(i))
		for _, c := range sh.written {
			col := &b.m.cols[c]
			args = append(args, col.bind(sqlite, col.value(base)))
		}
	}
	b.args = args
	defer clear(args) // drop the values: the scratch outlives the statement
	if len(sh.returning) == 0 {
		_, err := exec(ctx, q, sqlText, args)
		return err
	}
	autoKey := sh.omit&b.m.bulk.autoKeyBit != 0
	return query(ctx, q, true, sqlText, args, func(rows *sql.Rows) error {
		return b.scanReturned(rows, part, sh.returning, autoKey)
	})
}

// insertManySQL is the INSERT of n rows of shape sh. Only full statements
// are cached: a partial one's row count varies, and caching every count
// would keep up to maxRowsPerStmt long statements per model.
func (m *model) insertManySQL(d db.Dialect, sh insertShape, n int, cache bool) string {
	build := func() string {
		var s strings.Builder
		s.WriteString(pick(sh.orFail, "INSERT OR FAIL INTO ", "INSERT INTO ") + d.Quote(m.table) + " (")
		for k, c := range sh.written {
			s.WriteString(pick(k > 0, ", ", "") + d.Quote(m.cols[c].name))
		}
		s.WriteString(") VALUES ")
		p := 0
		for r := range n {
			s.WriteString(pick(r > 0, ", (", "("))
			for k := range sh.written {
				p++
				s.WriteString(pick(k > 0, ", ", "") + d.Placeholder(p))
			}
			s.WriteByte(')')
		}
		for k, c := range sh.returning {
			s.WriteString(pick(k > 0, ", ", " RETURNING ") + d.Quote(m.cols[c].name))
		}
		return s.String()
	}
	if !cache {
		return build()
	}
	op := fmt.Sprintf("insertmany,%x,%t,%t,%d", sh.omit, sh.orFail, len(sh.returning) > 0, n)
	return m.cachedSQL(d, op, build)
}

// scanReturned reads the RETURNING rows into the rows part, in order,
// checking each against its row (see errReturnOrder). autoKey says the key
// was generated, so it is read into the row; otherwise it is compared.
func (b *bulk) scanReturned(rows *sql.Rows, part []int32, returning []int, autoKey bool) error {
	m := b.m
	pk := &m.cols[m.pk]
	var given reflect.Value // the key read back, when the row has one already
	if !autoKey {
		given = reflect.New(pk.typ)
	}
	if cap(b.dest) < len(returning) {
		b.dest = make([]any, len(returning))
	}
	dest := b.dest[:len(returning)]
	var prev int64
	k := 0
	for ; rows.Next(); k++ {
		if k == len(part) {
			return errReturnOrder
		}
		base := b.row(int(part[k]))
		for j, c := range returning {
			dest[j] = m.cols[c].addr(base)
		}
		if !autoKey {
			dest[0] = given.Interface()
		}
		if err := rows.Scan(dest...); err != nil {
			return err
		}
		key := reflect.NewAt(pk.typ, pk.ptr(base)).Elem()
		if autoKey && k > 0 && key.Int() <= prev || !autoKey && !given.Elem().Equal(key) {
			return errReturnOrder
		}
		if autoKey {
			prev = key.Int()
		}
	}
	if k != len(part) {
		return errReturnOrder
	}
	return nil
}
