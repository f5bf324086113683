package migrate

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/kilnhq/kiln/runtime/db"
	"github.com/kilnhq/kiln/runtime/migrate/ddl"
)

// Schema changes the database's schema inside one migration's transaction. Every
// method renders SQL for the database's dialect and runs it at once, so a Go
// migration can mix schema changes, checks (HasTable) and data fixes (Exec).
type Schema struct {
	ctx     context.Context
	dialect db.Dialect
	ddl     ddl.Dialect
	conn    conn      // runs statements and catalog queries: the migration's transaction
	record  *[]string // when set, every statement is also appended here (Runner.Plan)
	dry     bool      // record without running (PostgreSQL dry runs)
	fkCheck bool      // SQLite: a change could have broken a reference; check before commit
}

// conn is what a Schema needs of a transaction or pool.
type conn interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

func newSchema(ctx context.Context, d db.Dialect, c conn) *Schema {
	dl, _ := ddl.ParseDialect(d.Name())
	return &Schema{ctx: ctx, dialect: d, ddl: dl, conn: c}
}

// Dialect is the database's SQL dialect, for migrations that write raw SQL.
func (s *Schema) Dialect() db.Dialect { return s.dialect }

func (s *Schema) sqlite() bool { return s.ddl == ddl.SQLite }

// Create creates table with the columns, keys and indexes fn defines.
func (s *Schema) Create(table string, fn func(t *Table)) error {
	t := ddl.NewTable(table)
	fn(t)
	stmts, err := t.CreateStatements(s.ddl)
	if err != nil {
		return err
	}
	return s.execAll(stmts)
}

// Table changes the existing table: fn adds columns and indexes and drops or
// renames them, and the changes run in the order fn made them.
func (s *Schema) Table(table string, fn func(t *Table)) error {
	t := ddl.AlterTable(table)
	fn(t)
	ops, err := t.Ops()
	if err != nil {
		return err
	}
	if err := s.alter(table, ops); err != nil {
		return fmt.Errorf("alter table %q: %w", table, err)
	}
	return nil
}

// Drop drops table; it is an error if the table doesn't exist or (on PostgreSQL)
// another table still references it.
func (s *Schema) Drop(table string) error { return s.drop(table, false) }

// DropIfExists drops table if it exists.
func (s *Schema) DropIfExists(table string) error { return s.drop(table, true) }

func (s *Schema) drop(table string, ifExists bool) error {
	if err := ddl.CheckIdent("table", table); err != nil {
		return err
	}
	s.fkCheck = true
	return s.exec(ddl.DropTableStatement(s.ddl, table, ifExists))
}

// Rename renames a table; foreign keys that reference it follow on both databases.
func (s *Schema) Rename(from, to string) error {
	for _, name := range []string{from, to} {
		if err := ddl.CheckIdent("table", name); err != nil {
			return err
		}
	}
	return s.exec(ddl.RenameTableStatement(s.ddl, from, to))
}

// Exec runs a raw statement, the escape hatch for what the builder doesn't cover
// (data fixes, views, triggers). Write placeholders for s.Dialect(): ? on SQLite,
// $1 on PostgreSQL.
func (s *Schema) Exec(query string, args ...any) error {
	s.fkCheck = true
	return s.exec(query, args...)
}

func (s *Schema) execAll(stmts []string) error {
	for _, stmt := range stmts {
		if err := s.exec(stmt); err != nil {
			return err
		}
	}
	return nil
}

// exec records and runs one statement. A failure names the statement's first line,
// and constraint violations become *db.ConstraintError.
func (s *Schema) exec(query string, args ...any) error {
	if s.record != nil {
		*s.record = append(*s.record, withArgs(query, args))
	}
	if s.dry {
		return nil
	}
	if _, err := s.conn.ExecContext(s.ctx, query, args...); err != nil {
		return fmt.Errorf("%s: %w", firstLine(query), db.ClassifyError(err))
	}
	return nil
}

// withArgs shows a recorded statement's arguments in a trailing comment, so a dry
// run prints what would be bound.
func withArgs(query string, args []any) string {
	if len(args) == 0 {
		return query
	}
	list := strings.ReplaceAll(fmt.Sprintf("%#v", args), "*/", "* /")
	return query + " /* args: " + strings.TrimPrefix(list, "[]interface {}") + " */"
}

// firstLine shortens a statement for an error message.
func firstLine(query string) string {
	line, _, more := strings.Cut(strings.TrimSpace(query), "\n")
	if len(line) > 80 {
		line, more = line[:77], true
	}
	if more {
		line += " …"
	}
	return line
}

// sqlString quotes s as an SQL string literal, for catalog names in statements that
// dry runs print.
func sqlString(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }
