package factory_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/kilnhq/kiln/internal/dbtest"
	"github.com/kilnhq/kiln/internal/pgtest"
	"github.com/kilnhq/kiln/runtime/db"
	"github.com/kilnhq/kiln/runtime/factory"
	"github.com/kilnhq/kiln/runtime/orm"
)

func TestMain(m *testing.M) { os.Exit(pgtest.Main(m)) }

// The models and factories below are what `kiln make factory` generates for
// an app with users, posts (belonging to users) and comments (belonging to posts).

type User struct {
	ID        int64     `db:"id"`
	Name      string    `db:"name"`
	Email     string    `db:"email"`
	CreatedAt time.Time `db:"created_at"`
	UpdatedAt time.Time `db:"updated_at"`
}

type Post struct {
	ID        int64           `db:"id"`
	Title     string          `db:"title"`
	Body      string          `db:"body"`
	Published bool            `db:"published"`
	Price     decimal.Decimal `db:"price"`
	AuthorID  int64           `db:"author_id"`
	CreatedAt time.Time       `db:"created_at"`
	UpdatedAt time.Time       `db:"updated_at"`
}

type Comment struct {
	ID     int64  `db:"id"`
	PostID int64  `db:"post_id"`
	Body   string `db:"body"`
}

type UserFactory struct {
	factory.Factory[User, UserFactory]
}

func NewUserFactory() UserFactory {
	return factory.New(func(f *factory.Faker) User {
		t := f.Time()
		return User{Name: f.Name(), Email: f.UniqueEmail(), CreatedAt: t, UpdatedAt: t}
	}, func(f factory.Factory[User, UserFactory]) UserFactory { return UserFactory{f} })
}

type PostFactory struct {
	factory.Factory[Post, PostFactory]
}

func NewPostFactory() PostFactory {
	return factory.New(func(f *factory.Faker) Post {
		t := f.Time()
		return Post{Title: f.Title(), Body: f.Paragraph(), Published: f.Bool(), Price: f.Price(), CreatedAt: t, UpdatedAt: t}
	}, func(f factory.Factory[Post, PostFactory]) PostFactory { return PostFactory{f} }).
		BelongsTo(factory.Parent("author", NewUserFactory,
			func(p *Post, u *User) { p.AuthorID = u.ID },
			func(p *Post) bool { return p.AuthorID != 0 }))
}

// Published is a named state, as generated.
func (f PostFactory) Published() PostFactory {
	return f.State(func(_ *factory.Faker, p *Post) { p.Published = true })
}

type CommentFactory struct {
	factory.Factory[Comment, CommentFactory]
}

func NewCommentFactory() CommentFactory {
	return factory.New(func(f *factory.Faker) Comment {
		return Comment{Body: f.Sentence()}
	}, func(f factory.Factory[Comment, CommentFactory]) CommentFactory { return CommentFactory{f} }).
		BelongsTo(factory.Parent("post", NewPostFactory,
			func(c *Comment, p *Post) { c.PostID = p.ID },
			func(c *Comment) bool { return c.PostID != 0 }))
}

const schema = `
CREATE TABLE users (id %[1]s, name TEXT NOT NULL, email TEXT NOT NULL UNIQUE,
  created_at TIMESTAMP NOT NULL, updated_at TIMESTAMP NOT NULL);
CREATE TABLE posts (id %[1]s, title TEXT NOT NULL, body TEXT NOT NULL, published BOOLEAN NOT NULL,
  price NUMERIC(10,2) NOT NULL, author_id BIGINT NOT NULL REFERENCES users(id),
  created_at TIMESTAMP NOT NULL, updated_at TIMESTAMP NOT NULL);
CREATE TABLE comments (id %[1]s, post_id BIGINT NOT NULL REFERENCES posts(id), body TEXT NOT NULL);
`

// setup creates the three tables on d.
func setup(t testing.TB, d *db.DB) {
	t.Helper()
	id := "INTEGER PRIMARY KEY"
	if d.Dialect().Name() == db.Postgres {
		id = "BIGSERIAL PRIMARY KEY"
	}
	for _, stmt := range strings.Split(strings.TrimSpace(strings.ReplaceAll(schema, "%[1]s", id)), ";") {
		if strings.TrimSpace(stmt) == "" {
			continue
		}
		if _, err := d.ExecContext(context.Background(), stmt); err != nil {
			t.Fatal(err)
		}
	}
}

func count(t *testing.T, d *db.DB, table string) int {
	t.Helper()
	var n int
	if err := d.QueryRowContext(context.Background(), "SELECT count(*) FROM "+table).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestCountsOfParentsAndChildren(t *testing.T) {
	ctx := context.Background()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		setup(t, d)
		// Default: one new author per post.
		posts, err := NewPostFactory().Count(10).Create(ctx, d)
		if err != nil {
			t.Fatal(err)
		}
		if len(posts) != 10 || count(t, d, "users") != 10 || count(t, d, "posts") != 10 {
			t.Fatalf("default: %d posts returned, %d users, %d posts in db; want 10/10/10", len(posts), count(t, d, "users"), count(t, d, "posts"))
		}
		for _, p := range posts {
			if p.ID == 0 || p.AuthorID == 0 {
				t.Fatalf("post without key or author: %+v", p)
			}
		}
		// For(factory): one author for all.
		if _, err := NewPostFactory().Count(5).For(NewUserFactory()).Create(ctx, d); err != nil {
			t.Fatal(err)
		}
		if got := count(t, d, "users"); got != 11 {
			t.Errorf("For(factory) created %d users, want 1", got-10)
		}
		// For(existing) and Recycle: no new authors at all.
		ada, err := NewUserFactory().CreateOne(ctx, d)
		if err != nil {
			t.Fatal(err)
		}
		forAda, err := NewPostFactory().Count(3).For(ada).Create(ctx, d)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range forAda {
			if p.AuthorID != ada.ID {
				t.Errorf("For(ada): author %d, want %d", p.AuthorID, ada.ID)
			}
		}
		before := count(t, d, "users")
		pool := []User{ada}
		// Recycle reaches the comments' posts' authors too: Laravel's surplus-parent bug.
		if _, err := NewCommentFactory().Count(7).Recycle(pool).Create(ctx, d); err != nil {
			t.Fatal(err)
		}
		if got := count(t, d, "users"); got != before {
			t.Errorf("Recycle created %d users, want 0", got-before)
		}
		// Has: 2 users with 3 posts each, 6 posts pointing at them, no other users.
		before, postsBefore := count(t, d, "users"), count(t, d, "posts")
		users, err := NewUserFactory().Count(2).Has(NewPostFactory(), 3).Create(ctx, d)
		if err != nil {
			t.Fatal(err)
		}
		if got := count(t, d, "users") - before; got != 2 {
			t.Errorf("Has: %d users created, want 2", got)
		}
		for _, u := range users {
			var n int
			if err := d.QueryRowContext(ctx, "SELECT count(*) FROM posts WHERE author_id = "+d.Dialect().Placeholder(1), u.ID).Scan(&n); err != nil {
				t.Fatal(err)
			}
			if n != 3 {
				t.Errorf("user %d has %d posts, want 3", u.ID, n)
			}
		}
		if got := count(t, d, "posts") - postsBefore; got != 6 {
			t.Errorf("Has: %d posts, want 6", got)
		}
	})
}

func TestStatesSequencesOverridesAndHooks(t *testing.T) {
	ctx := context.Background()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		setup(t, d)
		var made, created int
		posts, err := NewPostFactory().Count(4).Published().
			Sequence(func(p *Post) { p.Title = "even" }, func(p *Post) { p.Title = "odd" }).
			With(func(p *Post) { p.Body = "fixed" }).
			AfterMaking(func(p *Post) { made++ }).
			AfterCreating(func(ctx context.Context, q db.Querier, p *Post) error {
				if p.ID == 0 {
					t.Error("AfterCreating before the key was set")
				}
				created++
				return nil
			}).Create(ctx, d)
		if err != nil {
			t.Fatal(err)
		}
		for i, p := range posts {
			want := []string{"even", "odd"}[i%2]
			if !p.Published || p.Title != want || p.Body != "fixed" {
				t.Errorf("post %d = %+v; want published, title %q, body fixed", i, p, want)
			}
		}
		if made != 4 || created != 4 {
			t.Errorf("hooks ran %d/%d times, want 4/4", made, created)
		}
		// An AfterCreating error rolls the whole Create back.
		before := count(t, d, "posts")
		boom := errors.New("boom")
		_, err = NewPostFactory().Count(3).AfterCreating(func(context.Context, db.Querier, *Post) error { return boom }).Create(ctx, d)
		if !errors.Is(err, boom) {
			t.Fatalf("err = %v, want boom", err)
		}
		if got := count(t, d, "posts"); got != before {
			t.Errorf("failed Create left %d posts", got-before)
		}
	})
}

// Insert keeps no rows, so it skips reading generated keys back, except
// where something uses them: an AfterCreating hook, Has children pointing
// at the rows, and parents created for the rows.
func TestInsertReadsBackTheKeysItUses(t *testing.T) {
	ctx := context.Background()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		setup(t, d)
		hooked := 0
		_, err := NewUserFactory().Count(3).AfterCreating(func(_ context.Context, _ db.Querier, u *User) error {
			if u.ID == 0 {
				t.Error("AfterCreating saw no key")
			}
			hooked++
			return nil
		}).Insert(ctx, d)
		if err != nil || hooked != 3 {
			t.Fatalf("hook ran %d times, err %v", hooked, err)
		}
		if _, err := NewUserFactory().Count(2).Has(NewPostFactory(), 3).Insert(ctx, d); err != nil {
			t.Fatal(err)
		}
		if _, err := NewCommentFactory().Count(4).Insert(ctx, d); err != nil {
			t.Fatal(err)
		}
		var orphans int
		q := `SELECT (SELECT count(*) FROM posts WHERE author_id NOT IN (SELECT id FROM users)) +
			(SELECT count(*) FROM comments WHERE post_id NOT IN (SELECT id FROM posts))`
		if err := d.QueryRowContext(ctx, q).Scan(&orphans); err != nil {
			t.Fatal(err)
		}
		if orphans != 0 || count(t, d, "posts") != 10 || count(t, d, "comments") != 4 {
			t.Errorf("%d rows point at no parent; %d posts (want 10), %d comments (want 4)",
				orphans, count(t, d, "posts"), count(t, d, "comments"))
		}
	})
}

func TestMakeTouchesNoDatabase(t *testing.T) {
	posts := NewPostFactory().Count(3).Make()
	if len(posts) != 3 {
		t.Fatalf("Make gave %d posts", len(posts))
	}
	for _, p := range posts {
		if p.ID != 0 || p.Title == "" || p.Body == "" {
			t.Errorf("made post %+v: want no key and filled fields", p)
		}
	}
	ada := User{ID: 42}
	for _, p := range NewPostFactory().Count(2).For(ada).Make() {
		if p.AuthorID != 42 {
			t.Errorf("For(ada).Make: author %d", p.AuthorID)
		}
	}
}

func TestForWrongTypePanics(t *testing.T) {
	defer func() {
		if r := recover(); r == nil || !strings.Contains(r.(string), "no belongs-to relation") {
			t.Errorf("recover() = %v", r)
		}
	}()
	NewPostFactory().For(Comment{})
}

func TestSeedIsDeterministic(t *testing.T) {
	factory.Seed(42)
	a := NewPostFactory().Count(5).Make()
	factory.Seed(42)
	b := NewPostFactory().Count(5).Make()
	for i := range a {
		if a[i].Title != b[i].Title || a[i].Body != b[i].Body || !a[i].CreatedAt.Equal(b[i].CreatedAt) || !a[i].Price.Equal(b[i].Price) {
			t.Fatalf("row %d differs:\n%+v\n%+v", i, a[i], b[i])
		}
	}
	factory.Seed(43)
	if c := NewPostFactory().Make(); c[0].Title == a[0].Title && c[0].Body == a[0].Body {
		t.Error("seed 43 gave seed 42's row")
	}
	for _, p := range a {
		if !p.CreatedAt.Before(factory.Anchor) || p.CreatedAt.Before(factory.Anchor.AddDate(-1, 0, -1)) {
			t.Errorf("created_at %v outside the year before the anchor", p.CreatedAt)
		}
	}
}

func TestUniqueColumnsAt100k(t *testing.T) {
	if testing.Short() {
		t.Skip("100,000 rows")
	}
	ctx := context.Background()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		setup(t, d)
		n, err := NewUserFactory().Count(100_000).Insert(ctx, d)
		if err != nil {
			t.Fatal(err)
		}
		if n != 100_000 || count(t, d, "users") != 100_000 {
			t.Errorf("inserted %d, table has %d; want 100000", n, count(t, d, "users"))
		}
		var distinct int
		if err := d.QueryRowContext(ctx, "SELECT count(DISTINCT email) FROM users").Scan(&distinct); err != nil {
			t.Fatal(err)
		}
		if distinct != 100_000 {
			t.Errorf("%d distinct emails", distinct)
		}
	})
}

// TestTableOf keeps the ORM's table naming and the factory's progress in step.
func TestTableOf(t *testing.T) {
	if got, err := orm.TableOf[Comment](); err != nil || got != "comments" {
		t.Errorf("TableOf[Comment] = %q, %v", got, err)
	}
}

// TestSeedIsDeterministicAcrossProcesses runs two separate processes with
// the same KILN_FAKER_SEED and compares every value they made, byte for
// byte: go-faker's sources, UUIDs and times must all follow from the seed.
func TestSeedIsDeterministicAcrossProcesses(t *testing.T) {
	run := func(seed string) string {
		cmd := exec.Command(os.Args[0], "-test.run", "^TestDumpRows$")
		cmd.Env = append(os.Environ(), "KILN_FACTORY_DUMP=1", factory.SeedEnv+"="+seed)
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("child process: %v", err)
		}
		return string(out)
	}
	a, b := run("42"), run("42")
	if !strings.Contains(a, "DUMP ") || a != b {
		t.Fatalf("two processes with seed 42 differ:\n%s\n---\n%s", a, b)
	}
	if run("7") == a {
		t.Error("seed 7 made seed 42's rows")
	}
}

// TestDumpRows is the child process of TestSeedIsDeterministicAcrossProcesses;
// in a normal run it does nothing.
func TestDumpRows(t *testing.T) {
	if os.Getenv("KILN_FACTORY_DUMP") == "" {
		return
	}
	for _, p := range NewPostFactory().Count(20).Make() {
		fmt.Printf("DUMP %+v\n", p)
	}
	for _, u := range NewUserFactory().Count(5).Make() {
		fmt.Printf("DUMP %+v\n", u)
	}
	f := factory.New(func(f *factory.Faker) [3]string {
		return [3]string{f.UUID().String(), f.Address(), f.Country()}
	}, func(f factory.Factory[[3]string, triple]) triple { return triple{f} })
	fmt.Printf("DUMP %v\n", f.Count(3).Make())
}

type triple struct {
	factory.Factory[[3]string, triple]
}

// TestPipelinedCreateIsDeterministic checks that building batches ahead on
// another goroutine (a count over one batch, no parents to create) draws the
// same values as building them in line would.
func TestPipelinedCreateIsDeterministic(t *testing.T) {
	ctx := context.Background()
	n := 2*factory.BatchSize + factory.BatchSize/2
	emails := func() []string {
		d := dbtest.Open(t, db.SQLite)
		setup(t, d)
		factory.Seed(42)
		users, err := NewUserFactory().Count(n).Create(ctx, d)
		if err != nil {
			t.Fatal(err)
		}
		out := make([]string, len(users))
		for i, u := range users {
			out[i] = u.Name + " " + u.Email + " " + u.CreatedAt.String()
		}
		return out
	}
	a, b := emails(), emails()
	factory.Seed(42)
	made := NewUserFactory().Count(n).Make()
	for i := range a {
		if a[i] != b[i] || a[i] != made[i].Name+" "+made[i].Email+" "+made[i].CreatedAt.String() {
			t.Fatalf("row %d differs: %q, %q, made %q", i, a[i], b[i], made[i].Email)
		}
	}
}
