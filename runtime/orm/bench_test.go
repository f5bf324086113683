package orm_test

import (
	"context"
	"database/sql"
	"fmt"
	"testing"
	"time"

	"github.com/kilnhq/kiln/internal/dbtest"
	"github.com/kilnhq/kiln/runtime/db"
	"github.com/kilnhq/kiln/runtime/orm"
)

// The benchmark schema: 10k articles by 100 writers, on SQLite. The raw
// sub-benchmarks are what a careful hand-written database/sql program does
// (prepared statements, Scan into struct fields); the GORM comparison lives
// in its own module so kiln never requires GORM.

type Writer struct {
	ID        int64     `db:"id"`
	Name      string    `db:"name"`
	Email     string    `db:"email"`
	CreatedAt time.Time `db:"created_at"`
	UpdatedAt time.Time `db:"updated_at"`
}

type Article struct {
	ID        int64     `db:"id"`
	Title     string    `db:"title"`
	Body      *string   `db:"body"`
	Views     int64     `db:"views"`
	WriterID  int64     `db:"writer_id"`
	CreatedAt time.Time `db:"created_at"`
	UpdatedAt time.Time `db:"updated_at"`

	Writer *Writer `db:"-"`
}

func (Article) Relations() []orm.Relation {
	return []orm.Relation{orm.BelongsTo("Writer", "writer_id")}
}

const (
	benchArticles = 10_000
	benchWriters  = 100
	articleCols   = "id, title, body, views, writer_id, created_at, updated_at"
)

// benchDB returns a SQLite database with the benchmark rows.
func benchDB(b *testing.B) *db.DB {
	b.Helper()
	d := dbtest.Open(b, db.SQLite)
	ctx := context.Background()
	for _, s := range []string{
		"CREATE TABLE writers (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL, email TEXT NOT NULL UNIQUE, created_at DATETIME NOT NULL, updated_at DATETIME NOT NULL)",
		"CREATE TABLE articles (id INTEGER PRIMARY KEY AUTOINCREMENT, title TEXT NOT NULL, body TEXT, views INTEGER NOT NULL, writer_id INTEGER NOT NULL REFERENCES writers (id), created_at DATETIME NOT NULL, updated_at DATETIME NOT NULL)",
		"CREATE INDEX articles_writer_id ON articles (writer_id)",
	} {
		if _, err := d.ExecContext(ctx, s); err != nil {
			b.Fatal(err)
		}
	}
	err := d.Tx(ctx, func(tx *db.Tx) error {
		now := time.Now().UTC()
		for i := 1; i <= benchWriters; i++ {
			if _, err := tx.ExecContext(ctx, "INSERT INTO writers (name, email, created_at, updated_at) VALUES (?, ?, ?, ?)", fmt.Sprint("w", i), fmt.Sprintf("w%d@x", i), now, now); err != nil {
				return err
			}
		}
		body := "lorem ipsum dolor sit amet"
		for i := 1; i <= benchArticles; i++ {
			if _, err := tx.ExecContext(ctx, "INSERT INTO articles (title, body, views, writer_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)", fmt.Sprint("article ", i), &body, i, i%benchWriters+1, now, now); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	return d
}

func prepare(b *testing.B, pool *sql.DB, query string) *sql.Stmt {
	b.Helper()
	s, err := pool.Prepare(query)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	return s
}

func scanArticle(row interface{ Scan(...any) error }, a *Article) error {
	return row.Scan(&a.ID, &a.Title, &a.Body, &a.Views, &a.WriterID, &a.CreatedAt, &a.UpdatedAt)
}

func BenchmarkFindByID(b *testing.B) {
	d := benchDB(b)
	ctx := context.Background()
	b.Run("raw", func(b *testing.B) {
		stmt := prepare(b, d.DB, "SELECT "+articleCols+" FROM articles WHERE id = ?")
		for i := 0; b.Loop(); i++ {
			var a Article
			if err := scanArticle(stmt.QueryRowContext(ctx, i%benchArticles+1), &a); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("kiln", func(b *testing.B) {
		for i := 0; b.Loop(); i++ {
			if _, err := orm.Find[Article](ctx, d, i%benchArticles+1); err != nil {
				b.Fatal(err)
			}
		}
	})
}

func BenchmarkList100(b *testing.B) {
	d := benchDB(b)
	ctx := context.Background()
	b.Run("raw", func(b *testing.B) {
		list := prepare(b, d.DB, "SELECT "+articleCols+" FROM articles ORDER BY id LIMIT 100 OFFSET ?")
		for i := 0; b.Loop(); i++ {
			if _, err := rawList100(ctx, d, list, i%50*100); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("kiln", func(b *testing.B) {
		for i := 0; b.Loop(); i++ {
			if _, err := orm.Query[Article](d).With("Writer").OrderBy("id", "asc").Limit(100).Offset(i % 50 * 100).Get(ctx); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// rawList100 is the hand-written eager load: the page, then its writers in
// one IN query, matched up through a map.
func rawList100(ctx context.Context, d *db.DB, list *sql.Stmt, offset int) ([]Article, error) {
	rows, err := list.QueryContext(ctx, offset)
	if err != nil {
		return nil, err
	}
	articles := make([]Article, 0, 100)
	ids, seen := []any{}, map[int64]bool{}
	for rows.Next() {
		var a Article
		if err := scanArticle(rows, &a); err != nil {
			return nil, err
		}
		articles = append(articles, a)
		if !seen[a.WriterID] {
			seen[a.WriterID] = true
			ids = append(ids, a.WriterID)
		}
	}
	rows.Close()
	q := "SELECT id, name, email, created_at, updated_at FROM writers WHERE id IN (?" + repeat(", ?", len(ids)-1) + ")"
	wrows, err := d.QueryContext(ctx, q, ids...)
	if err != nil {
		return nil, err
	}
	defer wrows.Close()
	writers := map[int64]*Writer{}
	for wrows.Next() {
		w := new(Writer)
		if err := wrows.Scan(&w.ID, &w.Name, &w.Email, &w.CreatedAt, &w.UpdatedAt); err != nil {
			return nil, err
		}
		writers[w.ID] = w
	}
	for i := range articles {
		articles[i].Writer = writers[articles[i].WriterID]
	}
	return articles, wrows.Err()
}

func repeat(s string, n int) string {
	out := ""
	for range n {
		out += s
	}
	return out
}

func BenchmarkInsert(b *testing.B) {
	d := benchDB(b)
	ctx := context.Background()
	body := "lorem ipsum"
	b.Run("raw", func(b *testing.B) {
		stmt := prepare(b, d.Writer(), "INSERT INTO articles (title, body, views, writer_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING id")
		for b.Loop() {
			now := time.Now().UTC()
			a := Article{Title: "new", Body: &body, Views: 1, WriterID: 1, CreatedAt: now, UpdatedAt: now}
			if err := stmt.QueryRowContext(ctx, a.Title, a.Body, a.Views, a.WriterID, a.CreatedAt, a.UpdatedAt).Scan(&a.ID); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("kiln", func(b *testing.B) {
		for b.Loop() {
			a := Article{Title: "new", Body: &body, Views: 1, WriterID: 1}
			if err := orm.Create(ctx, d, &a); err != nil {
				b.Fatal(err)
			}
		}
	})
}
