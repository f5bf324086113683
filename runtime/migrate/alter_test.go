package migrate

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/kilnhq/kiln/internal/dbtest"
	"github.com/kilnhq/kiln/runtime/db"
)

// Columns SQLite's ALTER TABLE accepts: nullable, defaulted, unique, indexed.
func TestAlterAddsColumnsToATableWithRows(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		h := newHarness(t, d)
		h.create("posts", func(t *Table) { t.ID() })
		h.mustExec("INSERT INTO posts (id) VALUES (1), (2)")
		if err := h.alter("posts", func(t *Table) {
			t.String("summary", 100).Nullable().Unique()
			t.Integer("views").Default(7).Index()
			t.Enum("status", "draft", "live").Default("draft")
		}); err != nil {
			t.Fatal(err)
		}
		if n := h.count("SELECT count(*) FROM posts WHERE views = 7 AND status = 'draft' AND summary IS NULL"); n != 2 {
			t.Errorf("%d rows got the defaults, want 2", n)
		}
		h.mustExec("UPDATE posts SET summary = 'same' WHERE id = 1")
		if err := h.exec("UPDATE posts SET summary = 'same' WHERE id = 2"); !db.IsConstraint(err, db.Unique) {
			t.Errorf("unique summary: err = %v", err)
		}
		if err := h.exec("UPDATE posts SET status = 'gone'"); !db.IsConstraint(err, db.Check) {
			t.Errorf("enum check: err = %v", err)
		}
		if got := h.indexes("posts"); !slices.Equal(got, []string{"posts_summary_unique", "posts_views_index"}) {
			t.Errorf("indexes = %v", got)
		}
	})
}

// A NOT NULL column without a default can't be added to a table with rows — the
// same clear error on both databases, and the migration leaves nothing behind.
func TestAlterRefusesNotNullWithoutDefaultOnRows(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		h := newHarness(t, d)
		h.create("posts", func(t *Table) { t.ID() })
		h.mustExec("INSERT INTO posts (id) VALUES (1)")
		err := h.alter("posts", func(t *Table) {
			t.Text("ok").Nullable()
			t.Text("body")
		})
		if err == nil || !strings.Contains(err.Error(), `column "body" is NOT NULL without a default, but "posts" has rows`) {
			t.Fatalf("err = %v", err)
		}
		if h.hasColumn("posts", "ok") {
			t.Error("the failed migration's first column was kept")
		}
	})
}

// Columns only a rebuild can add on SQLite — NOT NULL without a default, a NOT NULL
// foreign key, CURRENT_TIMESTAMP defaults — work on both databases. The rebuild
// keeps the rows, the rows of tables referencing it (whose ON DELETE CASCADE must not
// fire), its indexes, triggers, views and AUTOINCREMENT counter.
func TestAlterAddsColumnsSQLiteCanOnlyAddByRebuilding(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		h := newHarness(t, d)
		h.create("users", func(t *Table) { t.ID() })
		h.create("posts", func(t *Table) {
			t.ID()
			t.String("title", 50).Index()
		})
		h.create("comments", func(t *Table) {
			t.ID()
			t.ForeignID("post_id").Constrained("posts").CascadeOnDelete()
		})
		h.must(func(ctx context.Context, s *Schema) error {
			if err := s.Exec("CREATE VIEW post_titles AS SELECT title FROM posts"); err != nil {
				return err
			}
			trigger := "CREATE TRIGGER posts_upper AFTER INSERT ON posts BEGIN UPDATE posts SET title = upper(title) WHERE id = NEW.id; END"
			if s.Dialect().Name() == db.Postgres {
				return nil // PostgreSQL triggers need a function; the SQLite rebuild is what's tested
			}
			return s.Exec(trigger)
		})
		h.mustExec("INSERT INTO users (id) VALUES (1)")
		h.mustExec("INSERT INTO posts (title) VALUES ('a'), ('b'), ('c')")
		h.mustExec("DELETE FROM posts WHERE id = 3") // the counter stays at 3
		h.mustExec("INSERT INTO comments (post_id) VALUES (1), (2)")

		if err := h.alter("posts", func(t *Table) { t.Timestamps() }); err != nil {
			t.Fatal(err)
		}
		if n := h.count("SELECT count(*) FROM comments"); n != 2 {
			t.Fatalf("the rebuild deleted comments: %d left, want 2", n)
		}
		var created time.Time
		h.scalar(&created, "SELECT created_at FROM posts WHERE id = 1")
		if time.Since(created) > time.Hour {
			t.Errorf("created_at = %v, want about now", created)
		}
		h.mustExec("INSERT INTO posts (title) VALUES ('d')")
		var id int
		h.scalar(&id, "SELECT max(id) FROM posts")
		if id != 4 {
			t.Errorf("new id = %d, want 4: the AUTOINCREMENT counter was lost", id)
		}
		if got := h.indexes("posts"); !slices.Equal(got, []string{"posts_title_index"}) {
			t.Errorf("indexes = %v", got)
		}
		if n := h.count("SELECT count(*) FROM post_titles"); n != 3 {
			t.Errorf("view sees %d rows", n)
		}
		if d.Dialect().Name() == db.SQLite {
			var title string
			h.scalar(&title, "SELECT title FROM posts WHERE id = 4")
			if title != "D" {
				t.Errorf("trigger lost: title = %q", title)
			}
		}
		h.mustExec("DELETE FROM posts WHERE id = 1")
		if n := h.count("SELECT count(*) FROM comments"); n != 1 {
			t.Errorf("cascade after the rebuild: %d comments, want 1", n)
		}

		h.mustExec("DELETE FROM comments")
		h.mustExec("DELETE FROM posts")
		if err := h.alter("posts", func(t *Table) {
			t.ForeignID("user_id").Constrained("users").CascadeOnDelete()
			t.Text("body")
		}); err != nil {
			t.Fatal(err)
		}
		if err := h.exec("INSERT INTO posts (title, user_id, body) VALUES ('x', 99, 'b')"); !db.IsConstraint(err, db.ForeignKey) {
			t.Errorf("new foreign key not enforced: err = %v", err)
		}
		if err := h.exec("INSERT INTO posts (title, user_id) VALUES ('x', 1)"); !db.IsConstraint(err, db.NotNull) {
			t.Errorf("new NOT NULL not enforced: err = %v", err)
		}
		if got := h.indexes("posts"); !slices.Contains(got, "posts_user_id_index") {
			t.Errorf("foreign key not indexed: %v", got)
		}
	})
}

// Dropping, renaming and un-indexing columns, including indexed and foreign key
// columns (SQLite needs their indexes dropped first).
func TestAlterDropsAndRenamesColumns(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		h := newHarness(t, d)
		h.create("users", func(t *Table) { t.ID() })
		h.create("posts", func(t *Table) {
			t.ID()
			t.String("slug", 50).Unique()
			t.Integer("rank").Index()
			t.Text("body")
			t.ForeignID("user_id").Nullable().Constrained("users").NullOnDelete()
			t.Index("rank", "body")
		})
		h.mustExec("INSERT INTO users (id) VALUES (1)")
		h.mustExec("INSERT INTO posts (slug, rank, body, user_id) VALUES ('s', 1, 'b', 1)")
		if err := h.alter("posts", func(t *Table) {
			t.DropColumn("rank", "user_id")
			t.RenameColumn("body", "content")
			t.DropUnique("slug")
		}); err != nil {
			t.Fatal(err)
		}
		for _, c := range []struct {
			col  string
			want bool
		}{{"rank", false}, {"user_id", false}, {"body", false}, {"content", true}, {"slug", true}} {
			if got := h.hasColumn("posts", c.col); got != c.want {
				t.Errorf("HasColumn(%s) = %v", c.col, got)
			}
		}
		if got := h.indexes("posts"); len(got) != 0 {
			t.Errorf("indexes left: %v", got)
		}
		h.mustExec("INSERT INTO posts (slug, content) VALUES ('s', 'again')") // no longer unique
		if err := h.alter("posts", func(t *Table) { t.Index("content") }); err != nil {
			t.Fatal(err)
		}
		if err := h.alter("posts", func(t *Table) { t.DropIndex("content") }); err != nil {
			t.Fatal(err)
		}
		if got := h.indexes("posts"); len(got) != 0 {
			t.Errorf("DropIndex left %v", got)
		}
	})
}

// Schema's table-level operations and catalog checks.
func TestSchemaTableOperations(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		h := newHarness(t, d)
		h.create("a", func(t *Table) { t.ID() })
		h.must(func(ctx context.Context, s *Schema) error {
			if ok, err := s.HasTable("a"); err != nil || !ok {
				t.Errorf("HasTable(a) = %v, %v", ok, err)
			}
			if ok, err := s.HasColumn("a", "id"); err != nil || !ok {
				t.Errorf("HasColumn(a, id) = %v, %v", ok, err)
			}
			if ok, _ := s.HasColumn("a", "nope"); ok {
				t.Error("HasColumn(a, nope) = true")
			}
			return s.Rename("a", "b")
		})
		if h.hasTable("a") || !h.hasTable("b") {
			t.Fatal("rename failed")
		}
		if err := h.run(func(ctx context.Context, s *Schema) error { return s.Drop("missing") }); err == nil {
			t.Error("Drop of a missing table succeeded")
		}
		h.must(func(ctx context.Context, s *Schema) error {
			if err := s.DropIfExists("missing"); err != nil {
				return err
			}
			return s.Drop("b")
		})
		if h.hasTable("b") {
			t.Error("drop failed")
		}
		err := h.run(func(ctx context.Context, s *Schema) error {
			return s.Create("bad", func(t *Table) { t.Integer("n").Default("x") })
		})
		if err == nil || !strings.Contains(err.Error(), `create table "bad": column "n": default "x" is not a whole number`) {
			t.Errorf("err = %v", err)
		}
	})
}
