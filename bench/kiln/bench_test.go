package kilnbench

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/kilnhq/kiln/bench/internal/fixture"
	"github.com/kilnhq/kiln/runtime/db"
	"github.com/kilnhq/kiln/runtime/orm"
)

// User and Post are kiln models as `kiln make model` writes them, with the
// fields of fixture.User and fixture.Post.
type User struct {
	ID        int64     `db:"id" json:"id"`
	Name      string    `db:"name" json:"name"`
	Email     string    `db:"email" json:"email"`
	CreatedAt time.Time `db:"created_at" json:"created_at"`
	UpdatedAt time.Time `db:"updated_at" json:"updated_at"`
}

type Post struct {
	ID        int64     `db:"id" json:"id"`
	Title     string    `db:"title" json:"title"`
	Body      *string   `db:"body" json:"body"`
	Views     int64     `db:"views" json:"views"`
	AuthorID  int64     `db:"author_id" json:"author_id"`
	CreatedAt time.Time `db:"created_at" json:"created_at"`
	UpdatedAt time.Time `db:"updated_at" json:"updated_at"`

	Author *User `db:"-" json:"author,omitempty"`
}

func (Post) Relations() []orm.Relation {
	return []orm.Relation{orm.BelongsTo("Author", "author_id")}
}

// open returns a fresh, filled benchmark database opened by kiln's
// runtime/db (reader pool + single writer connection) and the raw baseline
// on the same two pools.
func open(tb testing.TB) (string, *db.DB, *fixture.Raw) {
	tb.Helper()
	ctx := context.Background()
	path := filepath.Join(tb.TempDir(), "bench.db")
	d, err := db.Open(db.Config{Driver: db.SQLite, DSN: path})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { d.Close() })
	if err := fixture.Create(ctx, d.Writer()); err != nil {
		tb.Fatal(err)
	}
	raw, err := fixture.NewRaw(ctx, d.DB, d.Writer())
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(raw.Close)
	return path, d, raw
}

// Each sub-benchmark gets its own database, so every implementation starts
// from the same 10k rows (an insert benchmark grows its table).

func BenchmarkFindByID(b *testing.B) {
	ctx := context.Background()
	ids := fixture.IDs()
	mask := len(ids) - 1
	b.Run("raw", func(b *testing.B) {
		_, _, raw := open(b)
		for i := 0; b.Loop(); i++ {
			id := ids[i&mask]
			p, err := raw.FindByID(ctx, id)
			if err != nil || p.ID != id {
				b.Fatal(id, err)
			}
		}
	})
	b.Run("kiln", func(b *testing.B) {
		_, d, _ := open(b)
		for i := 0; b.Loop(); i++ {
			id := ids[i&mask]
			p, err := orm.Find[Post](ctx, d, id)
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
	b.Run("raw", func(b *testing.B) {
		_, _, raw := open(b)
		for i := 0; b.Loop(); i++ {
			posts, err := raw.List100(ctx, afters[i&mask])
			if err != nil || len(posts) != fixture.Page || posts[0].Author == nil {
				b.Fatal(len(posts), err)
			}
		}
	})
	b.Run("kiln", func(b *testing.B) {
		_, d, _ := open(b)
		for i := 0; b.Loop(); i++ {
			posts, err := list100(ctx, d, afters[i&mask])
			if err != nil || len(posts) != fixture.Page || posts[0].Author == nil {
				b.Fatal(len(posts), err)
			}
		}
	})
}

// list100 is the page with its authors, the kiln way.
func list100(ctx context.Context, q db.Querier, after int64) ([]Post, error) {
	return orm.Query[Post](q).With("Author").Where("id", ">", after).OrderBy("id", "asc").Limit(fixture.Page).Get(ctx)
}

func BenchmarkInsert(b *testing.B) {
	ctx := context.Background()
	b.Run("raw", func(b *testing.B) {
		_, _, raw := open(b)
		for b.Loop() {
			p := fixture.Post{Title: fixture.InsertTitle, Body: &fixture.InsertBody, Views: fixture.InsertViews, AuthorID: fixture.InsertAuthor}
			if err := raw.Insert(ctx, &p); err != nil || p.ID == 0 {
				b.Fatal(err)
			}
		}
	})
	b.Run("kiln", func(b *testing.B) {
		_, d, _ := open(b)
		for b.Loop() {
			p := Post{Title: fixture.InsertTitle, Body: &fixture.InsertBody, Views: fixture.InsertViews, AuthorID: fixture.InsertAuthor}
			if err := orm.Create(ctx, d, &p); err != nil || p.ID == 0 {
				b.Fatal(err)
			}
		}
	})
}
