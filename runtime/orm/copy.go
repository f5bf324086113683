package orm

import (
	"context"
	"fmt"
	"math/big"
	"reflect"
	"strings"
	"sync/atomic"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgtype"

	"github.com/kilnhq/kiln/runtime/db"
)

// copiedRows counts the rows InsertMany wrote with COPY. It is a test
// seam: tests tell COPY from the INSERT fallback by it, where server
// statistics would need an extension or a race-prone view.
var copiedRows atomic.Int64

// reserveSQL takes n values from the sequence behind a table's key column,
// as one array: COPY cannot return generated keys, so InsertMany draws them
// first and writes them like any other column. The table name is parsed as
// an identifier (so it is passed quoted); the column name is taken
// literally. A key with no sequence yields NULLs.
//
// The sequence is looked up once, in a subquery that OFFSET 0 keeps from
// being merged into the outer query: merged, pg_get_serial_sequence (a
// catalog lookup and identifier parse) ran once per key, which made the
// reservation cost the server 3× the nextval calls themselves (0.26 s
// against 0.08 s of backend CPU for 100,000 keys).
const reserveSQL = "SELECT array_agg(nextval(s.seq)) FROM " +
	"(SELECT pg_get_serial_sequence($1, $2)::regclass AS seq OFFSET 0) s, generate_series(1, $3)"

// copyChunk writes rows start..end inside a PostgreSQL transaction, on the
// driver connection: it reserves the auto-increment keys the rows need,
// COPYs the rows that leave nothing else to the database, then writes the
// others (zero `default` columns, or a key with no sequence to reserve
// from) with INSERT … RETURNING. Under NoReadBack nothing is reserved or
// returned: every row is COPYed, without the columns it leaves to the
// database, whose defaults fill them as an INSERT's would. A driver other
// than pgx gets INSERTs only.
func (b *bulk) copyChunk(ctx context.Context, tx *db.Tx, start, end int) error {
	isPgx := false
	rest := make([]int32, 0, 8)
	err := tx.Raw(func(dc any) error {
		c, ok := dc.(interface{ Conn() *pgx.Conn })
		if !ok {
			return nil
		}
		isPgx = true
		conn := c.Conn()
		// Raw holds the connection, so the transaction cannot end under
		// the COPY; but if it already ended, the COPY would commit alone.
		if s := conn.PgConn().TxStatus(); s != 'T' {
			return fmt.Errorf("the transaction is not open (status %c)", s)
		}
		keyed := false
		if b.readBack {
			var err error
			if keyed, err = b.reserveKeys(ctx, conn, start, end); err != nil {
				return fmt.Errorf("reserve keys: %w", err)
			}
		}
		for _, g := range b.partition(start, end, keyed, &rest) {
			if err := b.copyRows(ctx, conn, g.rows, g.omit); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return errorf("copy into %s: %w", b.m.table, db.ClassifyError(err))
	}
	if !isPgx {
		b.setOmit(start, end, 0)
		rest = rest[:0]
		for i := start; i < end; i++ {
			rest = append(rest, int32(i))
		}
	}
	return b.insertRows(ctx, tx, start, rest)
}

// partition records what each row leaves to the database (its key no
// longer, when keyed) and returns the groups of rows to COPY, one per set
// of columns left out, adding the rows whose generated values must be read
// back to rest: only INSERT … RETURNING reads them.
func (b *bulk) partition(start, end int, keyed bool, rest *[]int32) []group {
	var keep uint64
	if keyed {
		keep = b.m.bulk.autoKeyBit
	}
	b.setOmit(start, end, keep)
	b.idx = b.idx[:0]
	for i := start; i < end; i++ {
		b.idx = append(b.idx, int32(i))
	}
	var copies []group
	for _, g := range b.group(start, b.idx) {
		if g.omit != 0 && b.readBack {
			*rest = append(*rest, g.rows...)
		} else {
			copies = append(copies, g)
		}
	}
	return copies
}

// reserveKeys gives the rows of start..end whose auto-increment key is zero
// a key from the key's sequence, in row order. It reports false, changing
// nothing, when the model has no such key, no row needs one, or the column
// has no sequence.
func (b *bulk) reserveKeys(ctx context.Context, conn *pgx.Conn, start, end int) (bool, error) {
	bit := b.m.bulk.autoKeyBit
	n := 0
	for i := start; i < end; i++ {
		if b.zero[i]&bit != 0 {
			n++
		}
	}
	if n == 0 {
		return false, nil
	}
	pk := &b.m.cols[b.m.pk]
	var ids []pgtype.Int8
	table := db.DialectFor(db.Postgres).Quote(b.m.table)
	if err := conn.QueryRow(ctx, reserveSQL, table, pk.name, n).Scan(&ids); err != nil {
		return false, err
	}
	if len(ids) != n {
		return false, fmt.Errorf("got %d keys for %d rows", len(ids), n)
	}
	if !ids[0].Valid {
		return false, nil
	}
	next := start
	for _, id := range ids {
		for b.zero[next]&bit == 0 {
			next++
		}
		reflect.NewAt(pk.typ, pk.ptr(b.row(next))).Elem().SetInt(id.Int64)
		next++
	}
	return true, nil
}

// copyRows writes the rows idx with pgx's CopyFrom, every column but those
// in omit explicitly.
func (b *bulk) copyRows(ctx context.Context, conn *pgx.Conn, idx []int32, omit uint64) error {
	if len(idx) == 0 {
		return nil
	}
	cols, _ := b.m.bulkColumns(omit)
	names := make([]string, len(cols))
	for k, c := range cols {
		names[k] = b.m.cols[c].name
	}
	src := &copySource{b: b, rows: idx, cols: cols, vals: make([]any, len(cols))}
	n, err := conn.CopyFrom(ctx, pgx.Identifier(strings.Split(b.m.table, ".")), names, src)
	copiedRows.Add(n)
	if err == nil && n != int64(len(idx)) {
		err = fmt.Errorf("copied %d rows of %d", n, len(idx))
	}
	return err
}

// copySource hands CopyFrom the rows' values one row at a time, reusing
// one slice: pgx encodes a row before asking for the next.
type copySource struct {
	b    *bulk
	rows []int32
	cols []int // the columns written, in COPY's order
	i    int
	vals []any
}

func (s *copySource) Next() bool {
	s.i++
	return s.i <= len(s.rows)
}

func (s *copySource) Values() ([]any, error) {
	base := s.b.row(int(s.rows[s.i-1]))
	for k, j := range s.cols {
		c := &s.b.m.cols[j]
		s.vals[k] = copyValue(c, c.bind(false, c.value(base)))
	}
	return s.vals, nil
}

func (s *copySource) Err() error { return nil }

// decimalParts is shopspring's decimal.Decimal as the ORM sees it without
// importing it: an integer coefficient and a power-of-ten exponent.
type decimalParts interface {
	Coefficient() *big.Int
	Exponent() int32
}

// copyValue converts v, column c's value, to what COPY encodes fastest.
// COPY's binary format has pgx encode a decimal.Decimal through its
// driver.Valuer: a string it then parses back into a number, which made
// decimals most of InsertMany's client time; a pgtype.Numeric is encoded
// directly. (Pointer and null decimals, rarer, still take the long way.)
func copyValue(c *column, v any) any {
	if c.kind == kindDecimal && c.typ.Kind() == reflect.Struct {
		if d, ok := v.(decimalParts); ok {
			return pgtype.Numeric{Int: d.Coefficient(), Exp: d.Exponent(), Valid: true}
		}
	}
	return v
}
