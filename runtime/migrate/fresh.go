package migrate

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/kilnhq/kiln/runtime/db"
)

// Fresh drops every table and view — goose's history table included — and applies
// all migrations from the start. It is for development and tests: the data is gone.
func (r *Runner) Fresh(ctx context.Context) ([]Result, error) {
	if err := r.dropAll(ctx); err != nil {
		return nil, fmt.Errorf("drop all tables: %w", err)
	}
	return r.Up(ctx)
}

func (r *Runner) dropAll(ctx context.Context) error {
	if r.sqlite() {
		return r.dropAllSQLite(ctx)
	}
	return r.db.Tx(ctx, func(tx *db.Tx) error {
		for _, kind := range []struct{ list, drop string }{
			{"SELECT viewname FROM pg_views WHERE schemaname = current_schema()", "VIEW"},
			{"SELECT matviewname FROM pg_matviews WHERE schemaname = current_schema()", "MATERIALIZED VIEW"},
			{"SELECT tablename FROM pg_tables WHERE schemaname = current_schema()", "TABLE"},
		} {
			names, err := queryStrings(ctx, tx, kind.list)
			if err != nil {
				return err
			}
			if len(names) == 0 {
				continue
			}
			// CASCADE drops the foreign keys pointing at each table, so order doesn't matter.
			if _, err := tx.ExecContext(ctx, "DROP "+kind.drop+" IF EXISTS "+quoteIdents(r, names)+" CASCADE"); err != nil {
				return err
			}
		}
		return nil
	})
}

// dropAllSQLite drops everything on one writer connection with foreign keys off —
// set before the transaction begins, as SQLite ignores the PRAGMA inside one — so
// drop order can't trip over references. The setting is restored afterwards.
func (r *Runner) dropAllSQLite(ctx context.Context) (err error) {
	c, err := r.db.Writer().Conn(ctx)
	if err != nil {
		return err
	}
	defer c.Close()
	var was int
	if err := c.QueryRowContext(ctx, "PRAGMA foreign_keys").Scan(&was); err != nil {
		return err
	}
	if _, err := c.ExecContext(ctx, "PRAGMA foreign_keys = OFF"); err != nil {
		return err
	}
	defer func() {
		if _, rerr := c.ExecContext(context.WithoutCancel(ctx), fmt.Sprintf("PRAGMA foreign_keys = %d", was)); rerr != nil {
			err = errors.Join(err, rerr)
		}
	}()
	tx, err := c.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	for _, kind := range []string{"view", "table"} {
		names, err := queryStrings(ctx, tx, "SELECT name FROM sqlite_master WHERE type = ? AND name NOT LIKE 'sqlite_%' ORDER BY name", kind)
		if err != nil {
			return err
		}
		for _, name := range names {
			if _, err := tx.ExecContext(ctx, "DROP "+strings.ToUpper(kind)+" IF EXISTS "+r.db.Dialect().Quote(name)); err != nil {
				return err
			}
		}
	}
	return tx.Commit()
}

func quoteIdents(r *Runner, names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = r.db.Dialect().Quote(n)
	}
	return strings.Join(q, ", ")
}
