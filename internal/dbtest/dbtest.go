// Package dbtest runs a test against every database kiln supports: a fresh SQLite
// file and a fresh database on the throwaway PostgreSQL server from pgtest. A
// package using it needs `func TestMain(m *testing.M) { os.Exit(pgtest.Main(m)) }`.
package dbtest

import (
	"path/filepath"
	"testing"

	"github.com/kilnhq/kiln/internal/pgtest"
	"github.com/kilnhq/kiln/runtime/db"
)

// Each runs fn as a subtest per database ("sqlite", "postgres"), each with its own
// empty database, closed when the subtest ends.
func Each(t *testing.T, fn func(t *testing.T, d *db.DB)) {
	t.Helper()
	for _, driver := range []string{db.SQLite, db.Postgres} {
		t.Run(driver, func(t *testing.T) {
			fn(t, Open(t, driver))
		})
	}
}

// Open returns a fresh, empty database of the given driver.
func Open(t testing.TB, driver string) *db.DB {
	t.Helper()
	cfg := db.Config{Driver: driver}
	if driver == db.Postgres {
		cfg.DSN = pgtest.NewDatabase(t)
	} else {
		cfg.DSN = filepath.Join(t.TempDir(), "test.db")
	}
	d, err := db.Open(cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { d.Close() })
	return d
}
