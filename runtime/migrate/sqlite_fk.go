package migrate

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/pressly/goose/v3"
)

// upSQLite applies pending migrations one at a time, so each runs with the right
// foreign key mode: off for Go migrations (a table rebuild needs it off, and SQLite
// can't switch it inside goose's transaction), as configured for SQL migrations.
func (r *Runner) upSQLite(ctx context.Context, p *goose.Provider) ([]Result, error) {
	statuses, err := r.Status(ctx)
	if err != nil {
		return nil, err
	}
	var out []Result
	for _, st := range statuses {
		if st.Applied {
			continue
		}
		var res *goose.MigrationResult
		err := r.withForeignKeys(ctx, st.Kind, func() (err error) {
			res, err = p.UpByOne(ctx)
			return err
		})
		if errors.Is(err, goose.ErrNoNextVersion) {
			break
		}
		if err != nil {
			return out, r.wrap(err)
		}
		out = append(out, r.result(res))
	}
	return out, nil
}

// withForeignKeys runs fn with foreign key enforcement off for a Go migration,
// restoring the connection's setting afterwards. SQLite's writer pool has exactly
// one connection, so the PRAGMA applies to the connection goose then uses.
func (r *Runner) withForeignKeys(ctx context.Context, kind string, fn func() error) error {
	if kind != "go" {
		return fn()
	}
	w := r.db.Writer()
	var was int
	if err := w.QueryRowContext(ctx, "PRAGMA foreign_keys").Scan(&was); err != nil {
		return fmt.Errorf("read PRAGMA foreign_keys: %w", err)
	}
	if _, err := w.ExecContext(ctx, "PRAGMA foreign_keys = OFF"); err != nil {
		return fmt.Errorf("turn foreign keys off: %w", err)
	}
	err := fn()
	if _, rerr := w.ExecContext(context.WithoutCancel(ctx), fmt.Sprintf("PRAGMA foreign_keys = %d", was)); rerr != nil {
		err = errors.Join(err, fmt.Errorf("restore foreign keys: %w", rerr))
	}
	return err
}

// lastApplied is the version goose rolls back next: the latest one recorded.
func (r *Runner) lastApplied(ctx context.Context) (int64, error) {
	ok, err := r.hasVersionTable(ctx)
	if err != nil || !ok {
		return 0, err
	}
	var v int64
	err = r.db.Writer().QueryRowContext(ctx, "SELECT version_id FROM "+versionTable+" ORDER BY id DESC LIMIT 1").Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	}
	return v, err
}
