package orm_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/kilnhq/kiln/runtime/db"
	"github.com/kilnhq/kiln/runtime/orm"
)

// blog creates 3 users, each with a profile (but the last), 2 posts each
// with 2 comments by other users, and tags: post i carries tags 0..i%3.
type blog struct {
	users []*User
	posts []*Post
	tags  []*Tag
}

func newBlog(t *testing.T, d *db.DB) blog {
	t.Helper()
	ctx := context.Background()
	var b blog
	for i := range 3 {
		b.users = append(b.users, newUser(t, d, fmt.Sprintf("u%d", i)))
	}
	for i, name := range []string{"go", "sql", "web"} {
		tag := &Tag{Name: name}
		must(t, orm.Create(ctx, d, tag))
		b.tags = append(b.tags, tag)
		if i < 2 {
			must(t, orm.Create(ctx, d, &Profile{UserID: b.users[i].ID, Bio: "bio " + b.users[i].Name}))
		}
	}
	for i, u := range b.users {
		for j := range 2 {
			p := newPost(t, d, u, fmt.Sprintf("%s-p%d", u.Name, j))
			b.posts = append(b.posts, p)
			for k := range 2 {
				other := b.users[(i+k+1)%3].ID
				must(t, orm.Create(ctx, d, &Comment{PostID: p.ID, AuthorID: &other, Body: fmt.Sprintf("c%d", k)}))
			}
			for _, tag := range b.tags[:len(b.posts)%3+1] {
				_, err := d.ExecContext(ctx, "INSERT INTO post_tag (post_id, tag_id) VALUES ("+d.Dialect().Placeholder(1)+", "+d.Dialect().Placeholder(2)+")", p.ID, tag.ID)
				must(t, err)
			}
		}
	}
	return b
}

// queries runs fn and returns how many statements it sent.
func queries(t *testing.T, d *db.DB, fn func(q db.Querier)) int64 {
	c := &counter{DB: d}
	fn(c)
	return c.n.Load()
}

func TestEagerLoadingEveryRelationKindInOneQueryEach(t *testing.T) {
	each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		b := newBlog(t, d)
		var posts []Post
		n := queries(t, d, func(q db.Querier) {
			var err error
			posts, err = orm.Query[Post](q).With("Author", "Comments", "Tags").OrderBy("id", "asc").Get(ctx)
			must(t, err)
		})
		if n != 4 {
			t.Errorf("posts with 3 relations took %d queries, want 4", n)
		}
		for i, p := range posts {
			if p.Author == nil || p.Author.ID != p.AuthorID {
				t.Errorf("%s: author %v", p.Title, p.Author)
			}
			if len(p.Comments) != 2 || p.Comments[0].Body != "c0" || p.Comments[1].PostID != p.ID {
				t.Errorf("%s: comments %+v", p.Title, p.Comments)
			}
			if want := (i+1)%3 + 1; len(p.Tags) != want || p.Tags[0].Name != "go" {
				t.Errorf("%s: %d tags (%v), want %d starting with go", p.Title, len(p.Tags), p.Tags, want)
			}
		}
		var users []User
		n = queries(t, d, func(q db.Querier) {
			var err error
			users, err = orm.Query[User](q).With("Profile", "Posts").OrderBy("id", "asc").Get(ctx)
			must(t, err)
		})
		if n != 3 {
			t.Errorf("users with 2 relations took %d queries, want 3", n)
		}
		for i, u := range users {
			if (u.Profile != nil) != (i < 2) || (u.Profile != nil && u.Profile.Bio != "bio "+u.Name) {
				t.Errorf("%s: profile %+v", u.Name, u.Profile)
			}
			if len(u.Posts) != 2 || u.Posts[0].AuthorID != u.ID {
				t.Errorf("%s: posts %+v", u.Name, u.Posts)
			}
		}
		if users[2].Posts == nil || users[2].Profile != nil {
			t.Error("loaded relations should be an empty slice / nil pointer when there is nothing")
		}
		_ = b
	})
}

func TestNestedAndInverseEagerLoading(t *testing.T) {
	each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		newBlog(t, d)
		var posts []Post
		n := queries(t, d, func(q db.Querier) {
			var err error
			posts, err = orm.Query[Post](q).With("Comments.Author", "Author.Profile").Get(ctx)
			must(t, err)
		})
		if n != 5 {
			t.Errorf("two nested paths took %d queries, want 5", n)
		}
		for _, p := range posts {
			for _, c := range p.Comments {
				if c.Author == nil || c.Author.ID != *c.AuthorID {
					t.Errorf("comment %d author %v", c.ID, c.Author)
				}
			}
		}
		var tags []Tag
		n = queries(t, d, func(q db.Querier) {
			var err error
			tags, err = orm.Query[Tag](q).With("Posts.Author").OrderBy("name", "asc").Get(ctx)
			must(t, err)
		})
		if n != 3 {
			t.Errorf("tags with posts and their authors took %d queries, want 3", n)
		}
		got := map[string]int{}
		for _, tag := range tags {
			got[tag.Name] = len(tag.Posts)
			for _, p := range tag.Posts {
				if p.Author == nil {
					t.Errorf("tag %s post %s has no author", tag.Name, p.Title)
				}
			}
		}
		if fmt.Sprint(got) != "map[go:6 sql:4 web:2]" {
			t.Errorf("posts per tag: %v", got)
		}
	})
}

func TestEagerLoadingSkipsSoftDeletedAndNullKeys(t *testing.T) {
	each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		b := newBlog(t, d)
		must(t, orm.Delete(ctx, d, b.posts[0]))
		must(t, orm.Delete(ctx, d, b.tags[0]))
		must(t, orm.Create(ctx, d, &Comment{PostID: b.posts[1].ID, Body: "anonymous"}))
		users, err := orm.Query[User](d).With("Posts.Tags").Where("id", "=", b.users[0].ID).Get(ctx)
		must(t, err)
		if len(users[0].Posts) != 1 {
			t.Fatalf("trashed post was loaded: %d posts", len(users[0].Posts))
		}
		for _, tag := range users[0].Posts[0].Tags {
			if tag.Name == "go" {
				t.Error("trashed tag was loaded")
			}
		}
		p, err := orm.Query[Post](d).With("Comments.Author").Find(ctx, b.posts[1].ID)
		must(t, err)
		if len(p.Comments) != 3 || p.Comments[2].Author != nil {
			t.Errorf("comment without author: %+v", p.Comments)
		}
	})
}

func TestListWithBelongsToTakesTwoQueries(t *testing.T) {
	each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		users := []*User{newUser(t, d, "a"), newUser(t, d, "b"), newUser(t, d, "c")}
		for i := range 100 {
			newPost(t, d, users[i%3], fmt.Sprintf("p%d", i))
		}
		n := queries(t, d, func(q db.Querier) {
			posts, err := orm.Query[Post](q).With("Author").Limit(100).Get(ctx)
			must(t, err)
			for _, p := range posts {
				if p.Author == nil || p.Author.ID != p.AuthorID {
					t.Fatalf("post %d: author %v", p.ID, p.Author)
				}
			}
		})
		if n != 2 {
			t.Errorf("100 posts with authors took %d queries, want 2", n)
		}
		page, err := orm.Query[Post](d).With("Author").Paginate(ctx, 2, 10)
		must(t, err)
		if len(page.Items) != 10 || page.Items[0].Author == nil || page.LastPage != 10 {
			t.Errorf("paginate with relation: %d items, last page %d", len(page.Items), page.LastPage)
		}
	})
}

// Appending to one parent's loaded slice must not clobber its neighbour's.
func TestLoadedSlicesAreIndependent(t *testing.T) {
	each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		newBlog(t, d)
		posts, err := orm.Query[Post](d).With("Comments").OrderBy("id", "asc").Get(ctx)
		must(t, err)
		before := posts[1].Comments[0].Body
		posts[0].Comments = append(posts[0].Comments, Comment{Body: "extra"})
		if posts[1].Comments[0].Body != before {
			t.Error("append to one post's comments overwrote the next post's")
		}
	})
}

type badRelation struct {
	ID     int64 `db:"id"`
	Author User  `db:"-"`
}

func (badRelation) Relations() []orm.Relation {
	return []orm.Relation{orm.BelongsTo("Author", "author_id")}
}

func TestBadRelationDeclarationsNameTheProblem(t *testing.T) {
	d := &counter{} // never reached: the builder fails first
	_, err := orm.Query[badRelation](d).With("Author").Get(context.Background())
	if err == nil || !strings.Contains(err.Error(), "badRelation.Author is a belongs-to relation, so its type must be *Model, not orm_test.User") {
		t.Errorf("err = %v", err)
	}
}
