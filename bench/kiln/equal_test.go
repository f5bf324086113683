package kilnbench

import (
	"context"
	"database/sql"
	"maps"
	"slices"
	"strings"
	"testing"

	sqlite3 "modernc.org/sqlite/lib"

	"github.com/kilnhq/kiln/bench/internal/fixture"
	"github.com/kilnhq/kiln/runtime/db"
	"github.com/kilnhq/kiln/runtime/orm"
)

// TestSettings checks the fixture copies kiln's SQLite settings: the DSN's
// pragmas and the pool sizes are what runtime/db itself sets, which is what
// the GORM side is given.
func TestSettings(t *testing.T) {
	ctx := context.Background()
	path, d, _ := open(t)
	plain, err := sql.Open("sqlite", fixture.DSN(path))
	if err != nil {
		t.Fatal(err)
	}
	defer plain.Close()
	for name, pool := range map[string]*sql.DB{"kiln reader": d.DB, "kiln writer": d.Writer(), "fixture.DSN": plain} {
		got, err := fixture.Pragmas(ctx, pool)
		if err != nil {
			t.Fatal(err)
		}
		if !maps.Equal(got, fixture.WantPragmas) {
			t.Errorf("%s: pragmas %v, want %v", name, got, fixture.WantPragmas)
		}
		var version string
		if err := pool.QueryRowContext(ctx, "SELECT sqlite_version()").Scan(&version); err != nil {
			t.Fatal(err)
		}
		if version != sqlite3.SQLITE_VERSION {
			t.Errorf("%s: SQLite %s, want %s", name, version, sqlite3.SQLITE_VERSION)
		}
	}
	if n := d.DB.Stats().MaxOpenConnections; n != fixture.ReaderConns() {
		t.Errorf("kiln reader pool holds %d connections, fixture.ReaderConns says %d", n, fixture.ReaderConns())
	}
	if n := d.Writer().Stats().MaxOpenConnections; n != 1 {
		t.Errorf("kiln writer pool holds %d connections, want 1", n)
	}
}

// counted is a Querier over a pool whose driver counts statements. kiln's
// db.Open always uses the registered "sqlite" driver, so the count goes
// through orm's other entry point: any db.Querier (the ORM then runs its
// SQL directly instead of through its statement cache, which changes how
// a statement is run, not which statements are).
type counted struct {
	*sql.DB
	dialect db.Dialect
}

func (c counted) Dialect() db.Dialect { return c.dialect }

// TestQueries counts, at the driver, the statements each operation sends —
// List100 must be exactly two queries (the page, then one IN query for its
// authors), FindByID one, Insert one with no explicit transaction — and
// checks raw and kiln read the same rows and store times alike.
func TestQueries(t *testing.T) {
	ctx := context.Background()
	path, d, _ := open(t)
	c := &fixture.Counter{}
	pool := c.Open(d.DB.Driver(), fixture.DSN(path))
	t.Cleanup(func() { pool.Close() })
	raw, err := fixture.NewRaw(ctx, pool, pool)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(raw.Close)
	q := counted{pool, d.Dialect()}

	kiln := fixture.Impl{
		Find: func(ctx context.Context, id int64) (fixture.Post, error) {
			p, err := orm.Find[Post](ctx, q, id)
			if err != nil {
				return fixture.Post{}, err
			}
			return toFixture(*p), nil
		},
		List: func(ctx context.Context, after int64) ([]fixture.Post, error) {
			posts, err := list100(ctx, q, after)
			out := make([]fixture.Post, len(posts))
			for i, p := range posts {
				out[i] = toFixture(p)
			}
			return out, err
		},
		Insert: func(ctx context.Context) (int64, error) {
			p := Post{Title: fixture.InsertTitle, Body: &fixture.InsertBody, Views: fixture.InsertViews, AuthorID: fixture.InsertAuthor}
			err := orm.Create(ctx, q, &p)
			return p.ID, err
		},
	}
	want := fixture.CheckImpl(t, c, pool, "raw", raw.Impl())
	if got := fixture.CheckImpl(t, c, pool, "kiln", kiln); !slices.Equal(got, want) {
		t.Errorf("kiln and raw differ:\nkiln %s\nraw  %s", strings.Join(got, "\n     "), strings.Join(want, "\n     "))
	}
}

func toFixture(p Post) fixture.Post {
	f := fixture.Post{ID: p.ID, Title: p.Title, Body: p.Body, Views: p.Views, AuthorID: p.AuthorID, CreatedAt: p.CreatedAt, UpdatedAt: p.UpdatedAt}
	if a := p.Author; a != nil {
		f.Author = &fixture.User{ID: a.ID, Name: a.Name, Email: a.Email, CreatedAt: a.CreatedAt, UpdatedAt: a.UpdatedAt}
	}
	return f
}
