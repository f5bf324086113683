package migrate

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
)

// HasTable reports whether table exists (in PostgreSQL's current schema). In a dry
// run it answers for the database as it is, before the pending migrations.
func (s *Schema) HasTable(table string) (bool, error) {
	q := "SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = $1"
	if s.sqlite() {
		q = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?"
	}
	return s.exists(q, table)
}

// HasColumn reports whether table has column.
func (s *Schema) HasColumn(table, column string) (bool, error) {
	q := "SELECT count(*) FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1 AND column_name = $2"
	if s.sqlite() {
		q = "SELECT count(*) FROM pragma_table_info(?) WHERE name = ?"
	}
	return s.exists(q, table, column)
}

func (s *Schema) exists(query string, args ...any) (bool, error) {
	var n int
	if err := s.conn.QueryRowContext(s.ctx, query, args...).Scan(&n); err != nil {
		return false, fmt.Errorf("read the catalog: %w", err)
	}
	return n > 0, nil
}

// hasRows reports whether table has at least one row. A dry run can't know (the
// table may not exist yet), so it says no and lets the real run decide.
func (s *Schema) hasRows(table string) (bool, error) {
	if s.dry {
		return false, nil
	}
	var one int
	err := s.conn.QueryRowContext(s.ctx, "SELECT 1 FROM "+s.ddl.Quote(table)+" LIMIT 1").Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	return err == nil, err
}

// strings runs a catalog query returning one text column.
func (s *Schema) strings(query string, args ...any) ([]string, error) {
	out, err := queryStrings(s.ctx, s.conn, query, args...)
	if err != nil {
		return nil, fmt.Errorf("read the catalog: %w", err)
	}
	return out, nil
}

type queryer interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// queryStrings runs a query returning one text column.
func queryStrings(ctx context.Context, q queryer, query string, args ...any) ([]string, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var v string
		if err := rows.Scan(&v); err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// sqliteColumnIndexes lists the explicitly created indexes (not those of UNIQUE or
// PRIMARY KEY constraints) that include column, which SQLite's DROP COLUMN refuses.
func (s *Schema) sqliteColumnIndexes(table, column string) ([]string, error) {
	names, err := s.strings(`SELECT DISTINCT il.name FROM pragma_index_list(?) AS il, pragma_index_info(il.name) AS ii
WHERE ii.name = ? AND il.origin = 'c'`, table, column)
	slices.Sort(names)
	return names, err
}
