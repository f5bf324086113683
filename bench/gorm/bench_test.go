package gormbench

import (
	"context"
	"database/sql"
	"path/filepath"
	"testing"

	"github.com/glebarez/sqlite"
	"gorm.io/gorm"

	"github.com/kilnhq/kiln/bench/internal/fixture"
	"github.com/kilnhq/kiln/bench/internal/gormops"
)

// pools opens the SQLite file with kiln's DSN and pool shape: a reader
// pool and a single writer connection.
func pools(tb testing.TB, dsn string) (reader, writer *sql.DB) {
	tb.Helper()
	reader, err := sql.Open(sqlite.DriverName, dsn)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { reader.Close() })
	reader.SetMaxOpenConns(fixture.ReaderConns())
	reader.SetMaxIdleConns(fixture.ReaderConns())
	writer, err = sql.Open(sqlite.DriverName, dsn)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { writer.Close() })
	writer.SetMaxOpenConns(1)
	writer.SetConnMaxIdleTime(0)
	return reader, writer
}

// openGORM puts GORM, through glebarez/sqlite, on pool.
func openGORM(tb testing.TB, pool *sql.DB) *gorm.DB {
	tb.Helper()
	g, err := gorm.Open(sqlite.Dialector{Conn: pool}, gormops.Config())
	if err != nil {
		tb.Fatal(err)
	}
	return g
}

// open returns a fresh, filled benchmark database: GORM for reads (on the
// reader pool) and writes (on the writer), and the raw baseline on the same
// pools.
func open(tb testing.TB) (path string, read, write *gorm.DB, raw *fixture.Raw) {
	tb.Helper()
	ctx := context.Background()
	path = filepath.Join(tb.TempDir(), "bench.db")
	reader, writer := pools(tb, fixture.DSN(path))
	if err := fixture.Create(ctx, writer); err != nil {
		tb.Fatal(err)
	}
	raw, err := fixture.NewRaw(ctx, reader, writer)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(raw.Close)
	return path, openGORM(tb, reader), openGORM(tb, writer), raw
}

// raw-glebarez is package kilnbench's raw baseline on GORM's driver: next
// to raw (modernc.org/sqlite) it shows how much of a difference is the
// driver's rather than the ORM's. Each sub-benchmark gets its own database.

func BenchmarkFindByID(b *testing.B) {
	ctx := context.Background()
	ids := fixture.IDs()
	mask := len(ids) - 1
	b.Run("gorm", func(b *testing.B) {
		_, g, _, _ := open(b)
		for i := 0; b.Loop(); i++ {
			id := ids[i&mask]
			p, err := gormops.FindByID(ctx, g, id)
			if err != nil || p.ID != id {
				b.Fatal(id, err)
			}
		}
	})
	b.Run("raw-glebarez", func(b *testing.B) {
		_, _, _, raw := open(b)
		for i := 0; b.Loop(); i++ {
			id := ids[i&mask]
			p, err := raw.FindByID(ctx, id)
			if err != nil || p.ID != id {
				b.Fatal(id, err)
			}
		}
	})
}

func BenchmarkList100(b *testing.B) {
	ctx := context.Background()
	afters := fixture.Afters()
	mask := len(afters) - 1
	b.Run("gorm", func(b *testing.B) {
		_, g, _, _ := open(b)
		for i := 0; b.Loop(); i++ {
			posts, err := gormops.List100(ctx, g, afters[i&mask])
			if err != nil || len(posts) != fixture.Page || posts[0].Author == nil {
				b.Fatal(len(posts), err)
			}
		}
	})
	b.Run("raw-glebarez", func(b *testing.B) {
		_, _, _, raw := open(b)
		for i := 0; b.Loop(); i++ {
			posts, err := raw.List100(ctx, afters[i&mask])
			if err != nil || len(posts) != fixture.Page || posts[0].Author == nil {
				b.Fatal(len(posts), err)
			}
		}
	})
}

func BenchmarkInsert(b *testing.B) {
	ctx := context.Background()
	b.Run("gorm", func(b *testing.B) {
		_, _, g, _ := open(b)
		for b.Loop() {
			if id, err := gormops.Insert(ctx, g); err != nil || id == 0 {
				b.Fatal(err)
			}
		}
	})
	b.Run("raw-glebarez", func(b *testing.B) {
		_, _, _, raw := open(b)
		for b.Loop() {
			p := fixture.Post{Title: fixture.InsertTitle, Body: &fixture.InsertBody, Views: fixture.InsertViews, AuthorID: fixture.InsertAuthor}
			if err := raw.Insert(ctx, &p); err != nil || p.ID == 0 {
				b.Fatal(err)
			}
		}
	})
}
