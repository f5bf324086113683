package model

import (
	"testing"

	"github.com/kilnhq/kiln/generators/internal/tempapp"
)

// blogModels are the models of the compile test: every type, every
// modifier and every relation kind, pointing at each other.
var blogModels = []goldenCase{
	{model: "User", fields: "name:string email:string:unique", opts: specOpts("has-many", "comments", "has-one", "profile")},
	{model: "Profile", fields: "bio:text:nullable user:belongs_to"},
	{model: "Post", fields: "title:string body:text:nullable views:int likes:bigint:default=0 rating:float:nullable " +
		"price:decimal discount:decimal:nullable featured:bool:default=true publish_on:date:nullable " +
		"published_at:datetime:nullable ref:uuid:nullable meta:json:nullable status:enum=draft,published:default=draft " +
		"author:belongs_to=users", opts: specOpts("soft-deletes", "", "has-many", "comments", "belongs-to-many", "tags")},
	{model: "Comment", fields: "body:text post:belongs_to user:belongs_to:nullable"},
	{model: "Tag", fields: "name:string:unique", opts: specOpts("uuid", "", "belongs-to-many", "posts")},
}

// blogSchema is the SQLite schema the blog models map to, as the migration
// generator would create it.
const blogSchema = `
CREATE TABLE users (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL, email TEXT NOT NULL UNIQUE, created_at DATETIME NOT NULL, updated_at DATETIME NOT NULL);
CREATE TABLE profiles (id INTEGER PRIMARY KEY AUTOINCREMENT, bio TEXT, user_id INTEGER NOT NULL REFERENCES users (id), created_at DATETIME NOT NULL, updated_at DATETIME NOT NULL);
CREATE TABLE posts (id INTEGER PRIMARY KEY AUTOINCREMENT, title TEXT NOT NULL, body TEXT, views INTEGER NOT NULL, likes INTEGER NOT NULL DEFAULT 0,
	rating REAL, price TEXT NOT NULL, discount TEXT, featured INTEGER NOT NULL DEFAULT 1, publish_on DATE, published_at DATETIME, ref TEXT, meta TEXT,
	status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published')), author_id INTEGER NOT NULL REFERENCES users (id),
	created_at DATETIME NOT NULL, updated_at DATETIME NOT NULL, deleted_at DATETIME);
CREATE TABLE comments (id INTEGER PRIMARY KEY AUTOINCREMENT, body TEXT NOT NULL, post_id INTEGER NOT NULL REFERENCES posts (id), user_id INTEGER REFERENCES users (id), created_at DATETIME NOT NULL, updated_at DATETIME NOT NULL);
CREATE TABLE tags (id TEXT PRIMARY KEY, name TEXT NOT NULL UNIQUE, created_at DATETIME NOT NULL, updated_at DATETIME NOT NULL);
CREATE TABLE post_tag (post_id INTEGER NOT NULL REFERENCES posts (id), tag_id TEXT NOT NULL REFERENCES tags (id), PRIMARY KEY (post_id, tag_id));
`

// blogTest uses the generated models as an app would, against SQLite.
const blogTest = `package models

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"github.com/kilnhq/kiln/runtime/db"
	"github.com/kilnhq/kiln/runtime/orm"
)

func TestGeneratedModelsWorkWithTheORM(t *testing.T) {
	ctx := context.Background()
	d, err := db.Open(db.Config{Driver: db.SQLite, DSN: filepath.Join(t.TempDir(), "app.db")})
	must(t, err)
	defer d.Close()
	for _, stmt := range strings.Split(schema, ";") {
		if strings.TrimSpace(stmt) != "" {
			_, err := d.ExecContext(ctx, stmt)
			must(t, err)
		}
	}
	u := &User{Name: "Ada", Email: "ada@example.com"}
	must(t, orm.Create(ctx, d, u))
	must(t, orm.Create(ctx, d, &Profile{UserID: u.ID}))
	p := &Post{Title: "Hello", Price: decimal.RequireFromString("9.99"), AuthorID: u.ID}
	must(t, orm.Create(ctx, d, p))
	if p.Status != PostStatusDraft || !p.Status.Valid() || PostStatus("x").Valid() || len(PostStatusValues()) != 2 {
		t.Errorf("status = %q, want the column default draft", p.Status)
	}
	must(t, orm.Create(ctx, d, &Comment{Body: "first", PostID: p.ID, UserID: &u.ID}))
	tag := &Tag{Name: "go"}
	must(t, orm.Create(ctx, d, tag))
	_, err = d.ExecContext(ctx, "INSERT INTO post_tag (post_id, tag_id) VALUES (?, ?)", p.ID, tag.ID)
	must(t, err)

	got, err := orm.Query[Post](d).With("Author", "Comments.User", "Tags").Find(ctx, p.ID)
	must(t, err)
	if got.Author.Name != "Ada" || got.Comments[0].User.ID != u.ID || got.Tags[0].Name != "go" || !got.Price.Equal(p.Price) {
		t.Errorf("post relations: %+v", got)
	}
	users, err := orm.Query[User](d).With("Profile", "Comments.Post").Get(ctx)
	must(t, err)
	if users[0].Profile == nil || len(users[0].Comments) != 1 || users[0].Comments[0].Post.Title != "Hello" {
		t.Errorf("user relations: %+v", users[0])
	}
	tags, err := orm.Query[Tag](d).With("Posts").Get(ctx)
	must(t, err)
	if len(tags[0].Posts) != 1 {
		t.Errorf("tag posts: %+v", tags[0])
	}
	must(t, orm.Delete(ctx, d, got))
	if n, _ := orm.Query[Post](d).Count(ctx); n != 0 {
		t.Error("soft-deleted post still counted")
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
`

// TestGeneratedModelsCompileAndRun writes the blog models into a temporary
// app module that uses this checkout of kiln, then vets and tests it: the
// generated code compiles against the real runtime/orm, and its Relations
// and tags drive real queries.
func TestGeneratedModelsCompileAndRun(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a module")
	}
	app := tempapp.New(t, "blog")
	for _, c := range blogModels {
		p, err := Generate(c.resource(t), Options{Module: "blog"})
		if err != nil {
			t.Fatal(err)
		}
		app.Write(p.Files[0].Path, string(p.Files[0].Content))
	}
	app.Write("app/models/blog_test.go", blogTest+"\nconst schema = `"+blogSchema+"`\n")
	app.Go("vet", "./...")
	app.Go("test", "./...")
}
