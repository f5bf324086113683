package gormbench

import (
	"context"
	"database/sql"
	"maps"
	"slices"
	"strings"
	"testing"

	sqlite3 "modernc.org/sqlite/lib"

	"github.com/kilnhq/kiln/bench/internal/fixture"
	"github.com/kilnhq/kiln/bench/internal/gormops"
)

// TestSettings checks GORM's connections run with kiln's settings (package
// kilnbench checks those are what runtime/db sets) on the same SQLite build
// kiln's driver links.
func TestSettings(t *testing.T) {
	ctx := context.Background()
	_, read, write, _ := open(t)
	reader, err := read.DB()
	if err != nil {
		t.Fatal(err)
	}
	writer, err := write.DB()
	if err != nil {
		t.Fatal(err)
	}
	for name, pool := range map[string]*sql.DB{"reader": reader, "writer": writer} {
		got, err := fixture.Pragmas(ctx, pool)
		if err != nil {
			t.Fatal(err)
		}
		if !maps.Equal(got, fixture.WantPragmas) {
			t.Errorf("GORM %s: pragmas %v, want %v", name, got, fixture.WantPragmas)
		}
		var version string
		if err := pool.QueryRowContext(ctx, "SELECT sqlite_version()").Scan(&version); err != nil {
			t.Fatal(err)
		}
		if version != sqlite3.SQLITE_VERSION {
			t.Errorf("GORM %s: SQLite %s, want %s (the build kiln's driver links)", name, version, sqlite3.SQLITE_VERSION)
		}
	}
	if n := reader.Stats().MaxOpenConnections; n != fixture.ReaderConns() {
		t.Errorf("GORM reader pool holds %d connections, want %d", n, fixture.ReaderConns())
	}
	if n := writer.Stats().MaxOpenConnections; n != 1 {
		t.Errorf("GORM writer pool holds %d connections, want 1", n)
	}
}

// TestQueries counts, at the driver, the statements GORM sends for each
// operation (List100: exactly two, Preload's IN query included) and checks
// GORM and raw return the same rows.
func TestQueries(t *testing.T) {
	ctx := context.Background()
	path, read, _, _ := open(t)
	plain, err := read.DB()
	if err != nil {
		t.Fatal(err)
	}
	c := &fixture.Counter{}
	pool := c.Open(plain.Driver(), fixture.DSN(path))
	t.Cleanup(func() { pool.Close() })
	raw, err := fixture.NewRaw(ctx, pool, pool)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(raw.Close)
	g := openGORM(t, pool)

	want := fixture.CheckImpl(t, c, pool, "raw-glebarez", raw.Impl())
	got := fixture.CheckImpl(t, c, pool, "gorm", gormops.Impl(g))
	if !slices.Equal(got, want) {
		t.Errorf("gorm and raw differ:\ngorm %s\nraw  %s", strings.Join(got, "\n     "), strings.Join(want, "\n     "))
	}
}
