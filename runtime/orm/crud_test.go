package orm_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/shopspring/decimal"

	"github.com/kilnhq/kiln/runtime/db"
	"github.com/kilnhq/kiln/runtime/orm"
)

func TestCreateAndFindRoundTripEveryType(t *testing.T) {
	each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		author := newUser(t, d, "ada")
		body, rating := "hello", 4.5
		zone := time.FixedZone("IST", 5*3600+1800)
		published := time.Date(2026, 11, 23, 9, 15, 30, 123456000, zone)
		ref := uuid.New()
		want := &Post{
			Title: "Hi", Body: &body, Status: "published", Views: 3,
			Price:    decimal.RequireFromString("19.99"),
			Discount: decimal.NewNullDecimal(decimal.RequireFromString("0.10")),
			Rating:   &rating, Featured: true, Ref: uuid.NullUUID{UUID: ref, Valid: true},
			Meta: orm.JSON(`{"a": [1, 2]}`), PublishedAt: &published, AuthorID: author.ID,
		}
		must(t, orm.Create(ctx, d, want))
		if want.ID == 0 || want.CreatedAt.IsZero() || !want.CreatedAt.Equal(want.UpdatedAt) {
			t.Fatalf("id/timestamps not set: %+v", want)
		}
		if want.CreatedAt.Location() != time.UTC || want.CreatedAt.Nanosecond()%1000 != 0 {
			t.Errorf("created_at %v: want UTC truncated to microseconds", want.CreatedAt)
		}
		got, err := orm.Find[Post](ctx, d, want.ID)
		must(t, err)
		checkPost(t, got, want)
	})
}

// checkPost compares every column of two posts the way each type defines
// equality (times by instant, decimals by value, JSON by content).
func checkPost(t *testing.T, got, want *Post) {
	t.Helper()
	switch {
	case got.ID != want.ID || got.Title != want.Title || *got.Body != *want.Body || got.Status != want.Status:
		t.Errorf("text columns: got %+v", got)
	case got.Views != want.Views || *got.Rating != *want.Rating || got.Featured != want.Featured:
		t.Errorf("number columns: got %+v", got)
	case got.Price.String() != want.Price.String() || got.Discount.Decimal.String() != "0.1" || !got.Discount.Valid:
		t.Errorf("decimals: got %s and %v", got.Price, got.Discount)
	case got.Ref != want.Ref:
		t.Errorf("uuid: got %v, want %v", got.Ref, want.Ref)
	case !got.PublishedAt.Equal(*want.PublishedAt):
		t.Errorf("published_at: got %v, want %v", got.PublishedAt, want.PublishedAt)
	case !got.CreatedAt.Equal(want.CreatedAt) || !got.UpdatedAt.Equal(want.UpdatedAt) || got.DeletedAt != nil:
		t.Errorf("timestamps: got %v %v %v, want %v", got.CreatedAt, got.UpdatedAt, got.DeletedAt, want.CreatedAt)
	}
	if j := string(got.Meta); j != `{"a": [1, 2]}` && j != `{"a":[1,2]}` {
		t.Errorf("json: got %s", got.Meta)
	}
}

func TestNullsRoundTripAsNil(t *testing.T) {
	each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		p := newPost(t, d, newUser(t, d, "bo"), "bare")
		got, err := orm.Find[Post](ctx, d, p.ID)
		must(t, err)
		if got.Body != nil || got.Rating != nil || got.Discount.Valid || got.Ref.Valid || got.Meta != nil || got.PublishedAt != nil {
			t.Errorf("NULL columns did not come back nil: %+v", got)
		}
		if got.Status != "draft" {
			t.Errorf("status = %q, want the column default draft", got.Status)
		}
		if p.Status != "draft" {
			t.Errorf("Create did not read the default back: %q", p.Status)
		}
	})
}

func TestDecimalsStayExact(t *testing.T) {
	each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		author := newUser(t, d, "cy")
		sum := decimal.Zero
		for range 10 {
			p := &Post{Title: "x", AuthorID: author.ID, Price: decimal.RequireFromString("0.10")}
			must(t, orm.Create(ctx, d, p))
		}
		posts, err := orm.Query[Post](d).Get(ctx)
		must(t, err)
		for _, p := range posts {
			sum = sum.Add(p.Price)
		}
		if !sum.Equal(decimal.RequireFromString("1.00")) {
			t.Errorf("ten times 0.10 = %s", sum)
		}
	})
}

func TestFindMissingIsNotFound(t *testing.T) {
	each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		_, err := orm.Find[Post](ctx, d, 404)
		var nf *orm.NotFoundError
		if !errors.Is(err, orm.ErrNotFound) || !errors.As(err, &nf) || nf.Model != "Post" {
			t.Fatalf("err = %v, want a Post not-found error", err)
		}
		if err.Error() != "Post 404 not found" {
			t.Errorf("message = %q", err)
		}
		if _, err := orm.Query[Post](d).Where("title", "=", "none").First(ctx); !errors.Is(err, orm.ErrNotFound) {
			t.Errorf("First: err = %v", err)
		}
		if _, err := orm.Query[Post](d).Find(ctx, 404); !errors.Is(err, orm.ErrNotFound) {
			t.Errorf("Builder.Find: err = %v", err)
		}
		if err := orm.Update(ctx, d, &Post{ID: 404}); !errors.Is(err, orm.ErrNotFound) {
			t.Errorf("Update: err = %v", err)
		}
		if err := orm.Delete(ctx, d, &User{ID: 404}); !errors.Is(err, orm.ErrNotFound) {
			t.Errorf("Delete: err = %v", err)
		}
	})
}

func TestUpdateWritesColumnsAndTouchesUpdatedAt(t *testing.T) {
	each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		p := newPost(t, d, newUser(t, d, "di"), "before")
		created := p.CreatedAt
		time.Sleep(2 * time.Millisecond)
		p.Title, p.Views = "after", 7
		must(t, orm.Update(ctx, d, p))
		if !p.UpdatedAt.After(created) {
			t.Errorf("updated_at %v not after created_at %v", p.UpdatedAt, created)
		}
		got, err := orm.Find[Post](ctx, d, p.ID)
		must(t, err)
		if got.Title != "after" || got.Views != 7 || !got.CreatedAt.Equal(created) || !got.UpdatedAt.Equal(p.UpdatedAt) {
			t.Errorf("got %+v", got)
		}
		if err := orm.Update(ctx, d, &Post{}); err == nil {
			t.Error("updating an unsaved post succeeded")
		}
	})
}

func TestUUIDKeysAreGenerated(t *testing.T) {
	each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		tag := &Tag{Name: "go"}
		must(t, orm.Create(ctx, d, tag))
		if tag.ID == uuid.Nil || tag.ID.Version() != 7 {
			t.Fatalf("id = %v, want a version 7 UUID", tag.ID)
		}
		got, err := orm.Find[Tag](ctx, d, tag.ID)
		must(t, err)
		if got.ID != tag.ID || got.Name != "go" {
			t.Errorf("got %+v", got)
		}
		mine := uuid.New()
		must(t, orm.Create(ctx, d, &Tag{ID: mine, Name: "sql"}))
		if _, err := orm.Find[Tag](ctx, d, mine); err != nil {
			t.Errorf("a caller's UUID was not kept: %v", err)
		}
	})
}

func TestConstraintViolationsAreTyped(t *testing.T) {
	each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		newUser(t, d, "ed")
		err := orm.Create(ctx, d, &User{Name: "ed2", Email: "ed@example.com"})
		var ce *db.ConstraintError
		if !errors.As(err, &ce) || ce.Kind != db.Unique {
			t.Errorf("duplicate email: err = %v, want a unique violation", err)
		}
		err = orm.Create(ctx, d, &Post{Title: "orphan", AuthorID: 999, Price: decimal.New(1, 0)})
		if !db.IsConstraint(err, db.ForeignKey) {
			t.Errorf("missing author: err = %v, want a foreign-key violation", err)
		}
		err = orm.Create(ctx, d, &Post{Title: "bad", AuthorID: 1, Status: "bogus"})
		if !db.IsConstraint(err, db.Check) {
			t.Errorf("bad status: err = %v, want a check violation", err)
		}
	})
}

func TestWritesInsideATransaction(t *testing.T) {
	each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		boom := errors.New("boom")
		// Users are inserted outside first, so the transaction reuses that
		// prepared statement; posts' statements are prepared in the transaction.
		newUser(t, d, "outside")
		err := d.Tx(ctx, func(tx *db.Tx) error {
			u := newUser(t, tx, "fay")
			p := newPost(t, tx, u, "in tx")
			if _, err := orm.Find[Post](ctx, tx, p.ID); err != nil {
				return err
			}
			p.Title = "changed"
			must(t, orm.Update(ctx, tx, p))
			return boom
		})
		if !errors.Is(err, boom) {
			t.Fatal(err)
		}
		if n, err := orm.Query[User](d).Count(ctx); err != nil || n != 1 {
			t.Errorf("rolled back tx: %d users (%v), want 1", n, err)
		}
		must(t, d.Tx(ctx, func(tx *db.Tx) error {
			newPost(t, tx, newUser(t, tx, "gus"), "kept")
			return nil
		}))
		if n, _ := orm.Query[Post](d).Count(ctx); n != 1 {
			t.Errorf("committed tx: %d posts", n)
		}
	})
}
