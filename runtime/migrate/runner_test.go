package migrate

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/kilnhq/kiln/internal/dbtest"
	"github.com/kilnhq/kiln/runtime/db"
)

// history is a set interleaving Go and SQL migrations, as an app's would.
func history() *Set {
	set := NewSet(fstest.MapFS{
		"migrations.go": {Data: []byte("package migrations")},
		"20260101000002_create_posts.sql": {Data: []byte(`-- +goose Up
CREATE TABLE posts (
    id integer PRIMARY KEY,
    user_id integer NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    title text NOT NULL
);
CREATE INDEX posts_title ON posts (title);

-- +goose Down
DROP TABLE posts;
`)},
		"20260101000004_seed_users.sql": {Data: []byte(`-- +goose Up
INSERT INTO users (id, name) VALUES (1, 'ada');
-- +goose Down
DELETE FROM users;
`)},
		"20260101000001_create_users_table.go": {Data: []byte("package migrations")},
		"20260101000003_add_body_to_posts.go":  {Data: []byte("package migrations")},
		"README.md":                            {Data: []byte("not a migration")},
		"nested/20260101000009_ignored.sql":    {Data: []byte("-- +goose Up\nBROKEN;")},
	})
	set.Add(20260101000001, "create_users_table", func(ctx context.Context, s *Schema) error {
		return s.Create("users", func(t *Table) {
			t.ID()
			t.String("name", 50)
		})
	}, func(ctx context.Context, s *Schema) error { return s.DropIfExists("users") })
	set.Add(20260101000003, "add_body_to_posts", func(ctx context.Context, s *Schema) error {
		return s.Table("posts", func(t *Table) {
			t.Text("body")
			t.Boolean("draft").Default(true)
		})
	}, func(ctx context.Context, s *Schema) error {
		return s.Table("posts", func(t *Table) { t.DropColumn("body", "draft") })
	})
	return set
}

func newRunner(t *testing.T, d *db.DB, set *Set) *Runner {
	t.Helper()
	r, err := NewRunner(d, set)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func refs(results []Result) string {
	var out []string
	for _, r := range results {
		out = append(out, fmt.Sprintf("%s %d_%s (%s)", r.Direction, r.Version, r.Name, r.Kind))
	}
	return strings.Join(out, "\n")
}

func applied(t *testing.T, r *Runner) string {
	t.Helper()
	statuses, err := r.Status(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, s := range statuses {
		mark := "pending"
		if s.Applied {
			mark = "applied"
			if s.AppliedAt.IsZero() {
				mark += " (no time)"
			}
		}
		out = append(out, fmt.Sprintf("%d_%s %s %s", s.Version, s.Name, s.Kind, mark))
	}
	return strings.Join(out, "\n")
}

// Go and SQL migrations run in one history: up, status, rollback, up again, fresh.
func TestRunnerUpDownStatusFresh(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		h := newHarness(t, d)
		r := newRunner(t, d, history())
		if got := applied(t, r); !strings.Contains(got, "20260101000001_create_users_table go pending") {
			t.Errorf("status before anything ran:\n%s", got)
		}
		if h.hasTable(versionTable) {
			t.Error("Status created goose's table")
		}
		results, err := r.Up(ctx)
		if err != nil {
			t.Fatal(err)
		}
		want := `up 20260101000001_create_users_table (go)
up 20260101000002_create_posts (sql)
up 20260101000003_add_body_to_posts (go)
up 20260101000004_seed_users (sql)`
		if got := refs(results); got != want {
			t.Errorf("up:\n%s\nwant:\n%s", got, want)
		}
		if got := applied(t, r); strings.Count(got, " applied") != 4 || strings.Contains(got, "no time") {
			t.Errorf("status:\n%s", got)
		}
		h.mustExec("INSERT INTO posts (id, user_id, title, body) VALUES (1, 1, 't', 'b')")
		if again, err := r.Up(ctx); err != nil || len(again) != 0 {
			t.Errorf("second up = %v, %v; want nothing", again, err)
		}
		if d.Dialect().Name() == db.SQLite {
			var fk int
			h.scalar(&fk, "PRAGMA foreign_keys")
			if err := d.Writer().QueryRowContext(ctx, "PRAGMA foreign_keys").Scan(&fk); err != nil || fk != 1 {
				t.Errorf("foreign keys on the writer = %d, %v; want them back on", fk, err)
			}
		}

		results, err = r.Down(ctx, 2)
		if err != nil {
			t.Fatal(err)
		}
		if got := refs(results); got != "down 20260101000004_seed_users (sql)\ndown 20260101000003_add_body_to_posts (go)" {
			t.Errorf("down:\n%s", got)
		}
		if h.hasColumn("posts", "body") || h.count("SELECT count(*) FROM users") != 0 {
			t.Error("rollback didn't undo the migrations")
		}
		if got := applied(t, r); !strings.Contains(got, "20260101000003_add_body_to_posts go pending") ||
			!strings.Contains(got, "20260101000002_create_posts sql applied") {
			t.Errorf("status after rollback:\n%s", got)
		}
		if results, err = r.Up(ctx); err != nil || len(results) != 2 {
			t.Fatalf("up again = %s, %v", refs(results), err)
		}

		h.mustExec("CREATE VIEW titles AS SELECT title FROM posts")
		results, err = r.Fresh(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(results) != 4 || h.count("SELECT count(*) FROM posts") != 0 || h.count("SELECT count(*) FROM users") != 1 {
			t.Errorf("fresh = %s", refs(results))
		}
		if h.hasTable("titles") {
			t.Error("fresh kept a view")
		}
		if results, err = r.Down(ctx, 10); err != nil || len(results) != 4 {
			t.Errorf("down 10 = %s, %v; want the 4 applied", refs(results), err)
		}
		if _, err := r.Down(ctx, 0); err == nil {
			t.Error("Down(0) succeeded")
		}
	})
}

// A failing migration rolls back completely and names itself; the ones before it
// stay applied, so the database is exactly at the previous migration.
func TestFailedMigrationLeavesThePreviousState(t *testing.T) {
	bad := map[string]*Set{}
	sqlSet := NewSet(fstest.MapFS{
		"3_create_c.sql": {Data: []byte("-- +goose Up\nCREATE TABLE c (id integer);\nCREATE TABLEX broken (id integer);\n-- +goose Down\nDROP TABLE c;\n")},
	})
	goSet := NewSet(nil)
	goSet.Add(3, "create_c", func(ctx context.Context, s *Schema) error {
		if err := s.Create("c", func(t *Table) { t.ID() }); err != nil {
			return err
		}
		return s.Exec("INSERT INTO nowhere VALUES (1)")
	}, nil)
	bad["sql"], bad["go"] = sqlSet, goSet
	for kind, set := range bad {
		t.Run(kind, func(t *testing.T) {
			dbtest.Each(t, func(t *testing.T, d *db.DB) {
				for v, name := range map[int64]string{1: "a", 2: "b"} {
					set.Add(v, "create_"+name, func(ctx context.Context, s *Schema) error {
						return s.Create(name, func(t *Table) { t.ID() })
					}, nil)
				}
				defer func() { set.gos = slices.DeleteFunc(set.gos, func(g goMigration) bool { return g.version < 3 }) }()
				h := newHarness(t, d)
				r := newRunner(t, d, set)
				results, err := r.Up(context.Background())
				if err == nil || !strings.HasPrefix(err.Error(), "migration 3_create_c: ") {
					t.Fatalf("err = %v, want it to name migration 3_create_c", err)
				}
				if got := refs(results); got != "up 1_create_a (go)\nup 2_create_b (go)" {
					t.Errorf("applied = %s", got)
				}
				if !h.hasTable("a") || !h.hasTable("b") || h.hasTable("c") {
					t.Error("the failed migration left a partial change")
				}
				if got := applied(t, r); !strings.HasSuffix(got, "3_create_c "+kind+" pending") {
					t.Errorf("status:\n%s", got)
				}
			})
		})
	}
}

// Plan shows what would run and changes nothing — on SQLite it even reproduces a
// table rebuild.
func TestPlanPrintsSQLAndChangesNothing(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		h := newHarness(t, d)
		set := history()
		set.Add(20260101000005, "add_stamps_to_posts", func(ctx context.Context, s *Schema) error {
			return s.Table("posts", func(t *Table) { t.Timestamps() })
		}, nil)
		r := newRunner(t, d, set)
		pending, err := r.Plan(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(pending) != 5 {
			t.Fatalf("%d pending, want 5", len(pending))
		}
		if h.hasTable(versionTable) || h.hasTable("users") {
			t.Fatal("Plan changed the database")
		}
		first := strings.Join(pending[0].SQL, ";\n")
		if !strings.HasPrefix(first, `CREATE TABLE "users" (`) || pending[0].Kind != "go" {
			t.Errorf("first migration's SQL:\n%s", first)
		}
		second := strings.Join(pending[1].SQL, "\n")
		if !strings.Contains(second, "CREATE TABLE posts (") || !strings.Contains(second, "CREATE INDEX posts_title") || pending[1].Kind != "sql" {
			t.Errorf("SQL migration's statements:\n%s", second)
		}
		last := strings.Join(pending[4].SQL, ";\n")
		wantLast := `ALTER TABLE "posts" ADD COLUMN "created_at" timestamptz NOT NULL DEFAULT CURRENT_TIMESTAMP`
		if d.Dialect().Name() == db.SQLite {
			wantLast = `INSERT INTO "_kiln_rebuild_posts" ("id", "user_id", "title", "body", "draft") SELECT`
		}
		if !strings.Contains(last, wantLast) {
			t.Errorf("timestamps migration:\n%s\nwant it to contain %s", last, wantLast)
		}

		if _, err := r.Down(ctx, 1); err != nil { // nothing applied: nothing to do
			t.Fatal(err)
		}
		set.gos = slices.DeleteFunc(set.gos, func(g goMigration) bool { return g.version == 20260101000005 })
		r = newRunner(t, d, set)
		if _, err := r.Up(ctx); err != nil {
			t.Fatal(err)
		}
		set.Add(20260101000006, "add_slug_to_posts", func(ctx context.Context, s *Schema) error {
			return s.Table("posts", func(t *Table) { t.String("slug", 20).Nullable().Unique() })
		}, nil)
		r = newRunner(t, d, set)
		pending, err = r.Plan(ctx)
		if err != nil || len(pending) != 1 {
			t.Fatalf("plan = %v, %v", pending, err)
		}
		if h.hasColumn("posts", "slug") {
			t.Error("Plan added the column")
		}
		want := `ALTER TABLE "posts" ADD COLUMN "slug" TEXT;CREATE UNIQUE INDEX "posts_slug_unique" ON "posts" ("slug")`
		if d.Dialect().Name() == db.Postgres {
			want = strings.Replace(want, "TEXT", "varchar(20)", 1)
		}
		if got := strings.Join(pending[0].SQL, ";"); got != want {
			t.Errorf("plan:\n%s\nwant:\n%s", got, want)
		}
	})
}

// A Go migration that can't work fails the plan, naming it.
func TestPlanReportsAFailingMigration(t *testing.T) {
	d := dbtest.Open(t, db.SQLite)
	set := NewSet(nil)
	set.Add(1, "alter_missing", func(ctx context.Context, s *Schema) error {
		return s.Table("missing", func(t *Table) { t.Text("x") })
	}, nil)
	_, err := newRunner(t, d, set).Plan(context.Background())
	if err == nil || !strings.Contains(err.Error(), "migration 1_alter_missing: ") {
		t.Errorf("err = %v", err)
	}
}

func TestSetProblems(t *testing.T) {
	d := dbtest.Open(t, db.SQLite)
	noop := func(ctx context.Context, s *Schema) error { return nil }
	mustPanic := func(name string, fn func()) {
		t.Helper()
		defer func() {
			if recover() == nil {
				t.Errorf("%s didn't panic", name)
			}
		}()
		fn()
	}
	set := NewSet(nil)
	set.Add(1, "a", noop, nil)
	mustPanic("a duplicate version", func() { set.Add(1, "b", noop, nil) })
	mustPanic("version 0", func() { set.Add(0, "b", noop, nil) })
	mustPanic("an empty name", func() { set.Add(2, "", noop, nil) })

	cases := []struct {
		files fstest.MapFS
		add   func(s *Set)
		want  string
	}{
		{fstest.MapFS{"5_create_x.go": {}}, func(s *Set) { s.Add(5, "create_y", noop, nil) }, `must use the name "create_x"`},
		{fstest.MapFS{"6_create_x.go": {}}, func(s *Set) {}, "registers no migration 6"},
		{fstest.MapFS{"7_a.sql": {}}, func(s *Set) { s.Add(7, "b", noop, nil) }, "share version 7"},
		{fstest.MapFS{"8_a.sql": {}, "08_b.sql": {}}, func(s *Set) {}, "share version 8"},
	}
	for _, c := range cases {
		s := NewSet(c.files)
		c.add(s)
		if _, err := NewRunner(d, s); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("err = %v, want %q", err, c.want)
		}
	}
	if _, err := NewRunner(d, nil); !errors.Is(err, errNoSet) {
		t.Errorf("nil set: err = %v", err)
	}
}

// An app without migrations yet has nothing to run, and fresh still empties it.
func TestEmptySet(t *testing.T) {
	d := dbtest.Open(t, db.SQLite)
	ctx := context.Background()
	r := newRunner(t, d, NewSet(fstest.MapFS{"migrations.go": {}}))
	h := newHarness(t, d)
	h.mustExec("CREATE TABLE leftover (id integer)")
	for name, run := range map[string]func() (int, error){
		"up":     func() (int, error) { res, err := r.Up(ctx); return len(res), err },
		"down":   func() (int, error) { res, err := r.Down(ctx, 1); return len(res), err },
		"status": func() (int, error) { res, err := r.Status(ctx); return len(res), err },
		"plan":   func() (int, error) { res, err := r.Plan(ctx); return len(res), err },
		"fresh":  func() (int, error) { res, err := r.Fresh(ctx); return len(res), err },
	} {
		if n, err := run(); n != 0 || err != nil {
			t.Errorf("%s = %d, %v", name, n, err)
		}
	}
	if h.hasTable("leftover") {
		t.Error("fresh kept a table")
	}
}

// References stay intact whatever kind of migration writes them: SQL migrations run
// with foreign keys enforced, Go migrations (enforcement off on SQLite) must pass a
// foreign key check before they commit.
func TestMigrationsCannotCommitBrokenReferences(t *testing.T) {
	orphans := map[string]*Set{
		"sql": NewSet(fstest.MapFS{"3_orphan.sql": {Data: []byte("-- +goose Up\nINSERT INTO children (parent_id) VALUES (42);\n")}}),
		"go":  NewSet(nil),
	}
	orphans["go"].Add(3, "orphan", func(ctx context.Context, s *Schema) error {
		return s.Exec("INSERT INTO children (parent_id) VALUES (42)")
	}, nil)
	for kind, set := range orphans {
		t.Run(kind, func(t *testing.T) {
			dbtest.Each(t, func(t *testing.T, d *db.DB) {
				set.Add(1, "parents", func(ctx context.Context, s *Schema) error {
					return s.Create("parents", func(t *Table) { t.ID() })
				}, nil)
				set.Add(2, "children", func(ctx context.Context, s *Schema) error {
					return s.Create("children", func(t *Table) {
						t.ID()
						t.ForeignID("parent_id").Constrained("parents").CascadeOnDelete()
					})
				}, nil)
				defer func() { set.gos = slices.DeleteFunc(set.gos, func(g goMigration) bool { return g.version < 3 }) }()
				_, err := newRunner(t, d, set).Up(context.Background())
				if err == nil || !strings.Contains(strings.ToLower(err.Error()), "foreign key") {
					t.Fatalf("err = %v, want a foreign key failure", err)
				}
				if n := newHarness(t, d).count("SELECT count(*) FROM children"); n != 0 {
					t.Errorf("%d orphans committed", n)
				}
			})
		})
	}
}

// A Go migration without a down function rolls back by forgetting it ran.
func TestNilDownForgets(t *testing.T) {
	d := dbtest.Open(t, db.SQLite)
	set := NewSet(nil)
	set.Add(1, "create_keep", func(ctx context.Context, s *Schema) error {
		return s.Create("keep", func(t *Table) { t.ID() })
	}, nil)
	r := newRunner(t, d, set)
	ctx := context.Background()
	if _, err := r.Up(ctx); err != nil {
		t.Fatal(err)
	}
	res, err := r.Down(ctx, 1)
	if err != nil || len(res) != 1 {
		t.Fatalf("down = %v, %v", res, err)
	}
	if h := newHarness(t, d); !h.hasTable("keep") {
		t.Error("the table went away without a down function")
	}
	if got := applied(t, r); got != "1_create_keep go pending" {
		t.Errorf("status = %s", got)
	}
}
