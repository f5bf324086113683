package orm

import (
	"context"
	"database/sql"
	"sync"
	"sync/atomic"

	"github.com/kilnhq/kiln/runtime/db"
)

// Prepared statements are cached per database (*db.DB) and, within it, per
// pool (reader or writer) and SQL text. SQLite's driver has no statement
// cache of its own, and re-parsing the SQL costs as much as the point lookup
// itself. The ORM's SQL comes from a bounded set of shapes (IN lists are
// padded to powers of two), so a cache of maxStmts statements per database
// holds an app's working set; past that, the least recently used statement
// (approximately: the CLOCK algorithm) makes room, so a long-lived app keeps
// its current statements prepared. Closing the database (db.DB.Close)
// releases its statements.
var caches sync.Map // the database's writer *sql.DB → *stmtCache

// maxStmts bounds each database's cache. A variable for tests.
var maxStmts = 1024

type stmtKey struct {
	pool  *sql.DB
	query string
}

// stmtCache is one database's prepared statements. Lookups are lock-free;
// inserts, evictions and closing take mu.
type stmtCache struct {
	stmts  sync.Map // stmtKey → *cachedStmt
	mu     sync.Mutex
	ring   []*cachedStmt // the CLOCK: every cached statement, in slot order
	hand   int           // the next slot to consider for eviction
	closed bool
}

// cachedStmt is a statement shared by the cache and the queries running it.
// refs counts the cache's reference (until eviction) and each running
// query's; the statement closes when the last is released, so an eviction
// never closes a statement under a running query.
type cachedStmt struct {
	*sql.Stmt
	key  stmtKey
	used atomic.Bool // run since the clock hand last passed it
	refs atomic.Int32
}

// acquire takes a reference, failing once the statement is closing.
func (s *cachedStmt) acquire() bool {
	for {
		n := s.refs.Load()
		if n == 0 {
			return false
		}
		if s.refs.CompareAndSwap(n, n+1) {
			return true
		}
	}
}

// release drops a reference, closing the statement with the last one.
// (Rows still open on it keep it usable: database/sql finishes closing it
// when they close.)
func (s *cachedStmt) release() {
	if s.refs.Add(-1) == 0 {
		s.Stmt.Close()
	}
}

// cacheOf returns d's statement cache, creating it on first use and having
// d release it when d is closed.
func cacheOf(d *db.DB) *stmtCache {
	w := d.Writer()
	if c, ok := caches.Load(w); ok {
		return c.(*stmtCache)
	}
	c := &stmtCache{}
	if prev, loaded := caches.LoadOrStore(w, c); loaded {
		return prev.(*stmtCache)
	}
	d.OnClose(func() {
		caches.CompareAndDelete(w, c)
		c.close()
	})
	return c
}

// get returns the cached statement for key with a reference taken, or nil.
func (c *stmtCache) get(key stmtKey) *cachedStmt {
	e, ok := c.stmts.Load(key)
	if !ok {
		return nil
	}
	s := e.(*cachedStmt)
	if !s.acquire() {
		return nil // evicted a moment ago
	}
	if !s.used.Load() {
		s.used.Store(true)
	}
	return s
}

// prepared returns the statement for key.query on key.pool with a reference
// taken, preparing and caching it on first use.
func (c *stmtCache) prepared(ctx context.Context, key stmtKey) (*cachedStmt, error) {
	if s := c.get(key); s != nil {
		return s, nil
	}
	st, err := key.pool.PrepareContext(ctx, key.query)
	if err != nil {
		return nil, err
	}
	s := &cachedStmt{Stmt: st, key: key}
	s.used.Store(true)
	s.refs.Store(2) // the cache's and the caller's
	c.mu.Lock()
	if c.closed {
		c.mu.Unlock()
		s.refs.Store(1) // the caller's only
		return s, nil
	}
	if e, ok := c.stmts.Load(key); ok && e.(*cachedStmt).acquire() {
		c.mu.Unlock() // another query prepared it meanwhile
		st.Close()
		return e.(*cachedStmt), nil
	}
	evicted := c.insert(s)
	c.mu.Unlock()
	if evicted != nil {
		evicted.release()
	}
	return s, nil
}

// insert caches s, evicting a statement not run since the clock hand last
// passed (giving each one run a second chance) when the cache is full. The
// caller holds mu and releases the evicted statement after unlocking.
func (c *stmtCache) insert(s *cachedStmt) (evicted *cachedStmt) {
	c.stmts.Store(s.key, s)
	if len(c.ring) < maxStmts || len(c.ring) == 0 {
		c.ring = append(c.ring, s)
		return nil
	}
	// Two turns at most: running queries may set used bits meanwhile.
	for turn := 0; ; turn++ {
		if c.hand >= len(c.ring) {
			c.hand = 0
		}
		e := c.ring[c.hand]
		if e.used.Swap(false) && turn < 2*len(c.ring) {
			c.hand++
			continue
		}
		c.stmts.CompareAndDelete(e.key, e)
		c.ring[c.hand] = s
		c.hand++
		return e
	}
}

// close releases every statement; later statements are not cached.
func (c *stmtCache) close() {
	c.mu.Lock()
	ring := c.ring
	c.ring, c.closed = nil, true
	for _, e := range ring {
		c.stmts.CompareAndDelete(e.key, e)
	}
	c.mu.Unlock()
	for _, e := range ring {
		e.release()
	}
}

// stmt is the statement a query runs with: a cached one (released by done),
// one bound to a transaction (closed by done), or none (run the SQL text).
type stmt struct {
	*sql.Stmt
	cached  *cachedStmt
	txBound bool
}

func (s stmt) done() {
	switch {
	case s.cached != nil:
		s.cached.release()
	case s.txBound:
		s.Stmt.Close()
	}
}

// statement picks the prepared statement for query on q: on a *db.DB from the
// reader pool or, for writes, the writer pool (SQLite's single writer
// connection). Inside a *db.Tx it binds a statement already cached on the
// writer to the transaction (tx.StmtContext reuses it without re-parsing);
// it cannot prepare a new one there, because on SQLite the transaction holds
// the writer's only connection, so a statement not yet cached is prepared
// once per transaction instead. Other Queriers (wrappers, test doubles) get
// no statement and run the SQL directly. The caller calls done when finished.
func statement(ctx context.Context, q db.Querier, write bool, query string) (stmt, error) {
	switch q := q.(type) {
	case *db.DB:
		pool := q.DB
		if write {
			pool = q.Writer()
		}
		s, err := cacheOf(q).prepared(ctx, stmtKey{pool, query})
		if err != nil {
			return stmt{}, err
		}
		return stmt{Stmt: s.Stmt, cached: s}, nil
	case *db.Tx:
		if c, ok := caches.Load(q.Writer()); ok {
			if s := c.(*stmtCache).get(stmtKey{q.Writer(), query}); s != nil {
				ts := q.StmtContext(ctx, s.Stmt) // depends on s: safe to release now
				s.release()
				return stmt{Stmt: ts, txBound: true}, nil
			}
		}
		s, err := q.Prepared(ctx, query)
		return stmt{Stmt: s}, err
	}
	return stmt{}, nil
}

// query runs a statement that returns rows and hands them to scan. write
// sends it to the writer (INSERT … RETURNING).
func query(ctx context.Context, q db.Querier, write bool, sqlText string, args []any, scan func(*sql.Rows) error) error {
	s, err := statement(ctx, q, write, sqlText)
	if err != nil {
		return err
	}
	defer s.done()
	var rows *sql.Rows
	if s.Stmt != nil {
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
	s, err := statement(ctx, q, true, sqlText)
	if err != nil {
		return nil, err
	}
	defer s.done()
	if s.Stmt != nil {
		return s.ExecContext(ctx, args...)
	}
	return q.ExecContext(ctx, sqlText, args...)
}
