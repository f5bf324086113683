package migrate

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"strings"

	"github.com/pressly/goose/v3"
)

// sqlStatements returns the Up statements of the SQL migration version exactly as
// goose would run them (its parser is internal): goose runs the one file, without
// versioning, against a connection that records statements instead of executing them.
func (r *Runner) sqlStatements(ctx context.Context, version int64) ([]string, error) {
	file := r.set.names()[version].path
	rec := &recorder{}
	rdb := sql.OpenDB(rec)
	defer rdb.Close()
	one := filteredFS{r.set.fsys, func(name string) bool { return name == file }}
	p, err := goose.NewProvider(goose.DialectSQLite3, rdb, one,
		goose.WithDisableVersioning(true), goose.WithDisableGlobalRegistry(true))
	if err != nil {
		return nil, err
	}
	if _, err := p.Up(ctx); err != nil {
		return nil, err
	}
	for i, stmt := range rec.stmts { // goose keeps the ; and the newline; Go migrations have neither
		rec.stmts[i] = strings.TrimSuffix(strings.TrimSpace(stmt), ";")
	}
	return rec.stmts, nil
}

// recorder is a database/sql connector whose connections record every statement
// executed on them and accept transactions that do nothing.
type recorder struct{ stmts []string }

func (r *recorder) Connect(context.Context) (driver.Conn, error) { return recordConn{r}, nil }
func (r *recorder) Driver() driver.Driver                        { return recordDriver{} }

type recordDriver struct{}

func (recordDriver) Open(string) (driver.Conn, error) {
	return nil, errors.New("migrate: the recording driver opens no DSN")
}

type recordConn struct{ r *recorder }

func (c recordConn) Prepare(string) (driver.Stmt, error) {
	return nil, errors.New("migrate: a dry run records statements and prepares none")
}
func (c recordConn) Close() error              { return nil }
func (c recordConn) Begin() (driver.Tx, error) { return c, nil }
func (c recordConn) Commit() error             { return nil }
func (c recordConn) Rollback() error           { return nil }

func (c recordConn) ExecContext(_ context.Context, query string, _ []driver.NamedValue) (driver.Result, error) {
	c.r.stmts = append(c.r.stmts, query)
	return driver.RowsAffected(0), nil
}
