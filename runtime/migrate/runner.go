package migrate

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/pressly/goose/v3"
	"github.com/pressly/goose/v3/lock"

	"github.com/kilnhq/kiln/runtime/db"
)

// versionTable is goose's history table, under its default name.
const versionTable = goose.DefaultTablename

// Runner applies a Set to a database.
type Runner struct {
	db  *db.DB
	set *Set
}

// Result is one migration applied or rolled back.
type Result struct {
	Version   int64         `json:"version"`
	Name      string        `json:"name"`
	Kind      string        `json:"kind"`      // "go" or "sql"
	Direction string        `json:"direction"` // "up" or "down"
	Duration  time.Duration `json:"duration_ns"`
}

// Status is one migration of the set and whether it has run.
type Status struct {
	Version   int64     `json:"version"`
	Name      string    `json:"name"`
	Kind      string    `json:"kind"`
	Applied   bool      `json:"applied"`
	AppliedAt time.Time `json:"applied_at,omitzero"`
}

// NewRunner checks set (versions used twice, Go files whose Set.Add doesn't match
// their name) and returns a runner for d. It doesn't touch the database.
func NewRunner(d *db.DB, set *Set) (*Runner, error) {
	if d == nil {
		return nil, errors.New("migrate: no database")
	}
	if set == nil {
		return nil, errNoSet
	}
	if err := set.check(); err != nil {
		return nil, err
	}
	r := &Runner{db: d, set: set}
	if !set.empty() {
		if _, err := r.provider(); err != nil {
			return nil, err
		}
	}
	return r, nil
}

func (r *Runner) sqlite() bool { return r.db.Dialect().Name() == db.SQLite }

// provider builds a goose provider over the writer pool (SQLite's one writer
// connection). It is built per operation: goose caches that its version table
// exists, which Fresh makes untrue.
func (r *Runner) provider() (*goose.Provider, error) {
	opts := []goose.ProviderOption{goose.WithDisableGlobalRegistry(true)}
	for _, g := range r.set.gos {
		opts = append(opts, goose.WithGoMigrations(goose.NewGoMigration(g.version, r.goFunc(g.up), r.goFunc(g.down))))
	}
	dialect := goose.DialectSQLite3
	if !r.sqlite() {
		dialect = goose.DialectPostgres
		// An advisory lock, so two instances deploying at once migrate one after the other.
		locker, err := lock.NewPostgresSessionLocker()
		if err != nil {
			return nil, err
		}
		opts = append(opts, goose.WithSessionLocker(locker))
	}
	p, err := goose.NewProvider(dialect, r.db.Writer(), sqlOnly(r.set.fsys), opts...)
	if err != nil {
		return nil, fmt.Errorf("load migrations: %w", err)
	}
	return p, nil
}

// goFunc runs a Go migration inside goose's transaction. On SQLite a migration that
// could have broken a reference (foreign keys are off meanwhile) must pass
// PRAGMA foreign_key_check before it commits.
func (r *Runner) goFunc(fn Func) *goose.GoFunc {
	if fn == nil {
		return nil
	}
	return &goose.GoFunc{RunTx: func(ctx context.Context, tx *sql.Tx) error {
		s := newSchema(ctx, r.db.Dialect(), tx)
		if err := fn(ctx, s); err != nil {
			return err
		}
		if s.sqlite() && s.fkCheck {
			return s.foreignKeyCheck()
		}
		return nil
	}}
}

// Up applies every pending migration in version order and returns those it applied,
// also when one fails: the failed one is rolled back and named in the error.
func (r *Runner) Up(ctx context.Context) ([]Result, error) {
	if r.set.empty() {
		return nil, nil
	}
	p, err := r.provider()
	if err != nil {
		return nil, err
	}
	if r.sqlite() {
		return r.upSQLite(ctx, p)
	}
	res, err := p.Up(ctx)
	return r.results(res, err), r.wrap(err)
}

// Down rolls back the last steps applied migrations (at least 1), most recent
// first, and returns those it rolled back; fewer when fewer were applied.
func (r *Runner) Down(ctx context.Context, steps int) ([]Result, error) {
	if steps < 1 {
		return nil, fmt.Errorf("roll back at least 1 migration, not %d", steps)
	}
	if r.set.empty() {
		return nil, nil
	}
	p, err := r.provider()
	if err != nil {
		return nil, err
	}
	var out []Result
	for range steps {
		res, err := r.downOne(ctx, p)
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

func (r *Runner) downOne(ctx context.Context, p *goose.Provider) (*goose.MigrationResult, error) {
	if !r.sqlite() {
		return p.Down(ctx)
	}
	version, err := r.lastApplied(ctx)
	if err != nil {
		return nil, err
	}
	var res *goose.MigrationResult
	err = r.withForeignKeys(ctx, r.kindOf(version), func() (err error) {
		res, err = p.Down(ctx)
		return err
	})
	return res, err
}

// Status lists every migration of the set in version order with whether it has run.
// It creates nothing: without goose's table every migration is pending.
func (r *Runner) Status(ctx context.Context) ([]Status, error) {
	names := r.set.names()
	out := make([]Status, 0, len(names))
	for _, v := range sortedVersions(names) {
		out = append(out, Status{Version: v, Name: names[v].name, Kind: r.kindOf(v)})
	}
	if len(out) == 0 {
		return out, nil
	}
	if ok, err := r.hasVersionTable(ctx); err != nil || !ok {
		return out, err
	}
	p, err := r.provider()
	if err != nil {
		return nil, err
	}
	statuses, err := p.Status(ctx)
	if err != nil {
		return nil, fmt.Errorf("read migration status: %w", err)
	}
	for _, st := range statuses {
		i := slices.IndexFunc(out, func(s Status) bool { return s.Version == st.Source.Version })
		if i >= 0 && st.State == goose.StateApplied {
			out[i].Applied, out[i].AppliedAt = true, st.AppliedAt
		}
	}
	return out, nil
}

func (r *Runner) hasVersionTable(ctx context.Context) (bool, error) {
	return newSchema(ctx, r.db.Dialect(), r.db.DB).HasTable(versionTable)
}

// kindOf says whether version is a "go" or an "sql" migration.
func (r *Runner) kindOf(version int64) string {
	if slices.ContainsFunc(r.set.gos, func(g goMigration) bool { return g.version == version }) {
		return "go"
	}
	return "sql"
}

func sortedVersions(names map[int64]source) []int64 {
	versions := make([]int64, 0, len(names))
	for v := range names {
		versions = append(versions, v)
	}
	slices.Sort(versions)
	return versions
}

// results converts goose's results; on a partial failure, those applied before it.
func (r *Runner) results(res []*goose.MigrationResult, err error) []Result {
	var partial *goose.PartialError
	if errors.As(err, &partial) {
		res = partial.Applied
	}
	out := make([]Result, 0, len(res))
	for _, m := range res {
		out = append(out, r.result(m))
	}
	return out
}

func (r *Runner) result(m *goose.MigrationResult) Result {
	v := m.Source.Version
	return Result{Version: v, Name: r.set.names()[v].name, Kind: r.kindOf(v), Direction: m.Direction, Duration: m.Duration}
}

// wrap names the failed migration: "migration 20261123120000_create_posts_table: …".
func (r *Runner) wrap(err error) error {
	var partial *goose.PartialError
	if errors.As(err, &partial) {
		return fmt.Errorf("migration %s: %w", r.ref(partial.Failed.Source.Version), partial.Err)
	}
	return err
}

func (r *Runner) ref(version int64) string {
	return fmt.Sprintf("%d_%s", version, r.set.names()[version].name)
}
