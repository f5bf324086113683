package db

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"sync"
)

// Querier is what both a *DB and a *Tx offer, so data-layer code runs the same
// inside and outside a transaction.
type Querier interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
	Dialect() Dialect
}

// Tx is a transaction on a connection of the writer pool, held for the
// transaction's whole life (see Raw).
type Tx struct {
	*sql.Tx
	conn    *sql.Conn
	dialect Dialect
	writer  *sql.DB

	mu    sync.Mutex
	stmts map[string]*sql.Stmt // Prepared's statements, closed with the transaction
}

// Dialect returns the transaction's SQL dialect.
func (t *Tx) Dialect() Dialect { return t.dialect }

// Writer is the pool the transaction runs on. Statements prepared (and cached)
// on it can be bound to the transaction with StmtContext, so code inside a
// transaction reuses prepared statements instead of re-parsing its SQL.
func (t *Tx) Writer() *sql.DB { return t.writer }

// Prepared returns query prepared on the transaction, preparing it only on
// first use in this transaction, so code that repeats a statement many times
// in one transaction (a seeder's inserts) parses it once. database/sql closes
// the statements when the transaction ends.
func (t *Tx) Prepared(ctx context.Context, query string) (*sql.Stmt, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if s, ok := t.stmts[query]; ok {
		return s, nil
	}
	s, err := t.PrepareContext(ctx, query)
	if err != nil {
		return nil, err
	}
	if t.stmts == nil {
		t.stmts = map[string]*sql.Stmt{}
	}
	t.stmts[query] = s
	return s, nil
}

// Raw runs fn with the driver's connection the transaction runs on (a
// *github.com/jackc/pgx/v5/stdlib.Conn on PostgreSQL), for what database/sql
// cannot express: runtime/orm's bulk inserts use pgx's CopyFrom through it,
// and the COPY joins the transaction because it runs on the same connection.
// fn must not use t (the connection is locked while fn runs) nor keep the
// connection after it returns. A panic in fn is re-raised after the
// connection is released, and a driver.ErrBadConn from fn is reported
// without that identity: database/sql would close a connection the
// transaction still holds (and wait forever for it); the transaction's end
// retires a broken connection instead.
func (t *Tx) Raw(fn func(driverConn any) error) error {
	var panicked any
	err := t.conn.Raw(func(dc any) (err error) {
		defer func() {
			if p := recover(); p != nil {
				panicked, err = p, errRawPanic
			}
		}()
		err = fn(dc)
		if errors.Is(err, driver.ErrBadConn) {
			err = fmt.Errorf("%s", err.Error())
		}
		return err
	})
	if panicked != nil {
		panic(panicked)
	}
	return err
}

var errRawPanic = errors.New("panic in Tx.Raw")

// Tx runs fn in a transaction: committed when fn returns nil, rolled back when it
// returns an error or panics (the panic is then re-raised). On SQLite it uses the
// single writer connection and BEGIN IMMEDIATE, so concurrent writers queue instead
// of failing with SQLITE_BUSY halfway through. The transaction runs on a
// connection taken from the writer pool for its duration (a *sql.Conn), so
// Tx.Raw can reach the driver connection the transaction is on.
func (d *DB) Tx(ctx context.Context, fn func(tx *Tx) error) (err error) {
	conn, err := d.writer.Conn(ctx)
	if err != nil {
		return fmt.Errorf("begin transaction: %w", err)
	}
	defer conn.Close() // after Commit or Rollback: returns it to the pool
	sqlTx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin transaction: %w", err)
	}
	tx := &Tx{Tx: sqlTx, conn: conn, dialect: d.dialect, writer: d.writer}
	defer func() {
		if p := recover(); p != nil {
			sqlTx.Rollback()
			panic(p)
		}
	}()
	if err := fn(tx); err != nil {
		if rbErr := sqlTx.Rollback(); rbErr != nil && !errors.Is(rbErr, sql.ErrTxDone) {
			return errors.Join(err, fmt.Errorf("rollback: %w", rbErr))
		}
		return err
	}
	if err := sqlTx.Commit(); err != nil {
		return fmt.Errorf("commit: %w", err)
	}
	return nil
}
