package factory_test

import (
	"context"
	"strings"
	"testing"

	"github.com/kilnhq/kiln/internal/dbtest"
	"github.com/kilnhq/kiln/runtime/db"
	"github.com/kilnhq/kiln/runtime/factory"
)

// Category refers to itself through a nullable key.
type Category struct {
	ID       int64  `db:"id"`
	Name     string `db:"name"`
	ParentID *int64 `db:"parent_id"`
}

type CategoryFactory struct {
	factory.Factory[Category, CategoryFactory]
}

// NewCategoryFactory is what kiln generates for a nullable self-reference.
func NewCategoryFactory() CategoryFactory {
	return factory.New(func(f *factory.Faker) Category {
		return Category{Name: f.Words(2)}
	}, func(f factory.Factory[Category, CategoryFactory]) CategoryFactory { return CategoryFactory{f} }).
		BelongsTo(factory.OptionalParent("parent",
			func(c *Category, p *Category) { c.ParentID = &p.ID },
			func(c *Category) bool { return c.ParentID != nil }))
}

type OrphanCommentFactory struct {
	factory.Factory[Comment, OrphanCommentFactory]
}

// NewOrphanCommentFactory is what kiln generates for comments made before
// posts had a factory: a required key and nothing to create its parent.
func NewOrphanCommentFactory() OrphanCommentFactory {
	return factory.New(func(f *factory.Faker) Comment {
		return Comment{Body: f.Sentence()}
	}, func(f factory.Factory[Comment, OrphanCommentFactory]) OrphanCommentFactory {
		return OrphanCommentFactory{f}
	}).
		BelongsTo(factory.RequiredParent("post",
			func(c *Comment, p *Post) { c.PostID = p.ID },
			func(c *Comment) bool { return c.PostID != 0 }))
}

type RootFactory struct {
	factory.Factory[Category, RootFactory]
}

// NewRootFactory is what kiln generates for a required self-reference.
func NewRootFactory() RootFactory {
	return factory.New(func(f *factory.Faker) Category {
		return Category{Name: f.Words(2)}
	}, func(f factory.Factory[Category, RootFactory]) RootFactory { return RootFactory{f} }).
		BelongsTo(factory.RequiredParent("parent",
			func(c *Category, p *Category) { c.ParentID = &p.ID },
			func(c *Category) bool { return c.ParentID != nil }))
}

func setupCategories(t *testing.T, d *db.DB) {
	t.Helper()
	id := "INTEGER PRIMARY KEY"
	if d.Dialect().Name() == db.Postgres {
		id = "BIGSERIAL PRIMARY KEY"
	}
	_, err := d.ExecContext(context.Background(),
		"CREATE TABLE categories (id "+id+", name TEXT NOT NULL, parent_id BIGINT REFERENCES categories(id))")
	if err != nil {
		t.Fatal(err)
	}
}

func TestOptionalParentStaysNullUnlessGiven(t *testing.T) {
	ctx := context.Background()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		setupCategories(t, d)
		roots, err := NewCategoryFactory().Count(2).Create(ctx, d)
		if err != nil {
			t.Fatal(err)
		}
		if roots[0].ParentID != nil || count(t, d, "categories") != 2 {
			t.Fatalf("default: parent %v, %d categories; want NULL and 2", roots[0].ParentID, count(t, d, "categories"))
		}
		kids, err := NewCategoryFactory().Count(3).For(roots[0]).Create(ctx, d)
		if err != nil {
			t.Fatal(err)
		}
		if kids[2].ParentID == nil || *kids[2].ParentID != roots[0].ID {
			t.Errorf("For(root): parent %v, want %d", kids[2].ParentID, roots[0].ID)
		}
	})
}

func TestRequiredParentWithoutFactoryMustBeGiven(t *testing.T) {
	ctx := context.Background()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		setup(t, d)
		setupCategories(t, d)
		_, err := NewOrphanCommentFactory().Count(3).Create(ctx, d)
		if err == nil || !strings.Contains(err.Error(), "give it with For, Has or Recycle") ||
			!strings.Contains(err.Error(), `NewOrphanCommentFactory as factory.Parent("post", NewPostFactory, …)`) {
			t.Fatalf("Create with no post: %v; want an error saying how to give one", err)
		}
		if n := count(t, d, "comments"); n != 0 {
			t.Errorf("a failed Create left %d comments", n)
		}
		post, err := NewPostFactory().CreateOne(ctx, d)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := NewOrphanCommentFactory().Count(2).For(post).Create(ctx, d); err != nil {
			t.Errorf("For(post): %v", err)
		}
		if _, err := NewOrphanCommentFactory().Count(2).Recycle(post).Insert(ctx, d); err != nil {
			t.Errorf("Recycle(post): %v", err)
		}
		if _, err := NewPostFactory().Has(NewOrphanCommentFactory(), 2).Create(ctx, d); err != nil {
			t.Errorf("Has: %v", err)
		}
		if n := count(t, d, "comments"); n != 6 {
			t.Errorf("%d comments, want 6", n)
		}
		if c := NewOrphanCommentFactory().MakeOne(); c.PostID != 0 {
			t.Errorf("Make gave post %d, want none", c.PostID)
		}

		_, err = NewRootFactory().Create(ctx, d)
		if err == nil || !strings.Contains(err.Error(), "needs an existing") || !strings.Contains(err.Error(), "For or Recycle") {
			t.Fatalf("self-reference with no parent: %v; want an error asking for an existing one", err)
		}
	})
}
