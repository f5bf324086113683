package orm

import (
	"context"
	"database/sql"
	"sync"
	"sync/atomic"

	"github.com/kilnhq/kiln/runtime/db"
)

// Prepared statements are cached per pool and SQL text, for the life of the
// process: the ORM's SQL is generated from a bounded set of shapes (IN lists
// are padded to powers of two), so the cache stays small. SQLite's driver
// has no statement cache of its own, and re-parsing the SQL costs as much as
// the point lookup itself.
var (
	stmts     sync.Map // stmtKey → *sql.Stmt
	stmtCount atomic.Int64
)

// maxStmts bounds the cache in case an app builds unbounded SQL shapes;
// beyond it statements run unprepared.
const maxStmts = 4096

type stmtKey struct {
	pool  *sql.DB
	query string
}

// prepared returns the cached statement for query on pool, preparing it on
// first use. It returns nil (and no error) when the cache is full.
func prepared(ctx context.Context, pool *sql.DB, query string) (*sql.Stmt, error) {
	key := stmtKey{pool, query}
	if s, ok := stmts.Load(key); ok {
		return s.(*sql.Stmt), nil
	}
	if stmtCount.Load() >= maxStmts {
		return nil, nil
	}
	s, err := pool.PrepareContext(ctx, query)
	if err != nil {
		return nil, err
	}
	if prev, loaded := stmts.LoadOrStore(key, s); loaded {
		s.Close()
		return prev.(*sql.Stmt), nil
	}
	stmtCount.Add(1)
	return s, nil
}

func noop() {}

// statement picks the prepared statement for query on q: on a *db.DB from the
// reader pool or, for writes, the writer pool (SQLite's single writer
// connection). Inside a *db.Tx it binds a statement already cached on the
// writer to the transaction (tx.StmtContext reuses it without re-parsing);
// it cannot prepare a new one there, because on SQLite the transaction holds
// the writer's only connection, so a statement not yet cached is prepared
// once per transaction instead. Other Queriers (wrappers, test doubles) get
// nil and run the SQL directly. done releases a transaction-bound statement.
func statement(ctx context.Context, q db.Querier, write bool, query string) (s *sql.Stmt, done func(), err error) {
	switch q := q.(type) {
	case *db.DB:
		pool := q.DB
		if write {
			pool = q.Writer()
		}
		s, err = prepared(ctx, pool, query)
		return s, noop, err
	case *db.Tx:
		cached, ok := stmts.Load(stmtKey{q.Writer(), query})
		if !ok {
			s, err = q.Prepared(ctx, query)
			return s, noop, err
		}
		ts := q.StmtContext(ctx, cached.(*sql.Stmt))
		return ts, func() { ts.Close() }, nil
	}
	return nil, noop, nil
}

// query runs a statement that returns rows and hands them to scan. write
// sends it to the writer (INSERT … RETURNING).
func query(ctx context.Context, q db.Querier, write bool, sqlText string, args []any, scan func(*sql.Rows) error) error {
	s, done, err := statement(ctx, q, write, sqlText)
	if err != nil {
		return err
	}
	defer done()
	var rows *sql.Rows
	if s != nil {
		rows, err = s.QueryContext(ctx, args...)
	} else {
		rows, err = q.QueryContext(ctx, sqlText, args...)
	}
	if err != nil {
		return err
	}
	defer rows.Close()
	if err := scan(rows); err != nil {
		return err
	}
	if err := rows.Close(); err != nil {
		return err
	}
	return rows.Err()
}

// exec runs a write that returns no rows.
func exec(ctx context.Context, q db.Querier, sqlText string, args []any) (sql.Result, error) {
	s, done, err := statement(ctx, q, true, sqlText)
	if err != nil {
		return nil, err
	}
	defer done()
	if s != nil {
		return s.ExecContext(ctx, args...)
	}
	return q.ExecContext(ctx, sqlText, args...)
}
