package migrate

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/kilnhq/kiln/runtime/db"
)

// Pending is a migration that has not run, with the statements it would run.
type Pending struct {
	Version int64    `json:"version"`
	Name    string   `json:"name"`
	Kind    string   `json:"kind"`
	SQL     []string `json:"sql"`
}

// Plan lists the pending migrations with the SQL each would run, for --dry-run,
// without changing the database: not even goose's history table is created.
//
// SQL migrations show their Up statements as goose parses them. Go migrations run
// against a recording Schema. On SQLite that Schema works on an in-memory copy of the
// database's schema (no rows), to which every pending migration is applied in turn,
// so the plan is exactly what would run — table rebuilds included — and a migration
// that would fail fails here. On PostgreSQL the Schema only records, and HasTable /
// HasColumn answer for the database as it is before the pending migrations.
func (r *Runner) Plan(ctx context.Context) ([]Pending, error) {
	statuses, err := r.Status(ctx)
	if err != nil {
		return nil, err
	}
	var shadow *sql.DB
	if r.sqlite() {
		if shadow, err = r.openShadow(ctx); err != nil {
			return nil, fmt.Errorf("copy the schema for a dry run: %w", err)
		}
		defer shadow.Close()
	}
	var out []Pending
	for _, st := range statuses {
		if st.Applied {
			continue
		}
		stmts, err := r.planOne(ctx, st, shadow)
		if err != nil {
			return out, fmt.Errorf("migration %s: %w", r.ref(st.Version), err)
		}
		out = append(out, Pending{Version: st.Version, Name: st.Name, Kind: st.Kind, SQL: stmts})
	}
	return out, nil
}

// planOne records one migration's statements, applying them to the shadow schema
// when there is one.
func (r *Runner) planOne(ctx context.Context, st Status, shadow *sql.DB) ([]string, error) {
	if st.Kind == "sql" {
		stmts, err := r.sqlStatements(ctx, st.Version)
		if err != nil || shadow == nil {
			return stmts, err
		}
		return stmts, inTx(ctx, shadow, func(tx *sql.Tx) error {
			for _, stmt := range stmts {
				if _, err := tx.ExecContext(ctx, stmt); err != nil {
					return fmt.Errorf("%s: %w", firstLine(stmt), err)
				}
			}
			return nil
		})
	}
	var stmts []string
	up := r.goMigration(st.Version).up
	if up == nil {
		return stmts, nil
	}
	if shadow == nil {
		s := newSchema(ctx, r.db.Dialect(), r.db.DB)
		s.record, s.dry = &stmts, true
		return stmts, up(ctx, s)
	}
	return stmts, inTx(ctx, shadow, func(tx *sql.Tx) error {
		s := newSchema(ctx, db.DialectFor(db.SQLite), tx)
		s.record = &stmts
		return up(ctx, s)
	})
}

func (r *Runner) goMigration(version int64) goMigration {
	for _, g := range r.set.gos {
		if g.version == version {
			return g
		}
	}
	return goMigration{}
}

// openShadow opens an in-memory SQLite database holding the live database's schema
// (tables, indexes, views, triggers; no rows), with foreign keys off as Go migrations
// run.
func (r *Runner) openShadow(ctx context.Context) (*sql.DB, error) {
	defs, err := queryStrings(ctx, r.db.DB, `SELECT sql FROM sqlite_master
WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%'
ORDER BY CASE type WHEN 'table' THEN 0 WHEN 'index' THEN 1 WHEN 'view' THEN 2 ELSE 3 END, rowid`)
	if err != nil {
		return nil, err
	}
	shadow, err := sql.Open("sqlite", ":memory:")
	if err != nil {
		return nil, err
	}
	shadow.SetMaxOpenConns(1) // one connection: each :memory: connection is its own database
	shadow.SetConnMaxIdleTime(0)
	for _, def := range append([]string{"PRAGMA foreign_keys = OFF"}, defs...) {
		if _, err := shadow.ExecContext(ctx, def); err != nil {
			shadow.Close()
			return nil, fmt.Errorf("%s: %w", firstLine(def), err)
		}
	}
	return shadow, nil
}

func inTx(ctx context.Context, d *sql.DB, fn func(tx *sql.Tx) error) error {
	tx, err := d.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	if err := fn(tx); err != nil {
		tx.Rollback()
		return err
	}
	return tx.Commit()
}
