package gormmodernc

import (
	"context"
	"database/sql"
	"path/filepath"
	"testing"

	"gorm.io/driver/sqlite"
	"gorm.io/gorm"

	"github.com/kilnhq/kiln/bench/internal/fixture"
	"github.com/kilnhq/kiln/bench/internal/gormops"
	"github.com/kilnhq/kiln/runtime/db"
)

// openGORM puts GORM, through its official SQLite dialector, on pool.
func openGORM(tb testing.TB, pool *sql.DB) *gorm.DB {
	tb.Helper()
	g, err := gorm.Open(sqlite.Dialector{Conn: pool}, gormops.Config())
	if err != nil {
		tb.Fatal(err)
	}
	return g
}

// open returns a fresh, filled benchmark database opened by kiln's
// runtime/db, and GORM on its reader pool and its single writer connection.
func open(tb testing.TB) (path string, d *db.DB, read, write *gorm.DB) {
	tb.Helper()
	path = filepath.Join(tb.TempDir(), "bench.db")
	d, err := db.Open(db.Config{Driver: db.SQLite, DSN: path})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { d.Close() })
	if err := fixture.Create(context.Background(), d.Writer()); err != nil {
		tb.Fatal(err)
	}
	return path, d, openGORM(tb, d.DB), openGORM(tb, d.Writer())
}

func BenchmarkFindByID(b *testing.B) {
	ctx := context.Background()
	ids := fixture.IDs()
	mask := len(ids) - 1
	b.Run("gorm-modernc", func(b *testing.B) {
		_, _, g, _ := open(b)
		for i := 0; b.Loop(); i++ {
			id := ids[i&mask]
			p, err := gormops.FindByID(ctx, g, id)
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
	b.Run("gorm-modernc", func(b *testing.B) {
		_, _, g, _ := open(b)
		for i := 0; b.Loop(); i++ {
			posts, err := gormops.List100(ctx, g, afters[i&mask])
			if err != nil || len(posts) != fixture.Page || posts[0].Author == nil {
				b.Fatal(len(posts), err)
			}
		}
	})
}

func BenchmarkInsert(b *testing.B) {
	ctx := context.Background()
	b.Run("gorm-modernc", func(b *testing.B) {
		_, _, _, g := open(b)
		for b.Loop() {
			if id, err := gormops.Insert(ctx, g); err != nil || id == 0 {
				b.Fatal(err)
			}
		}
	})
}
