package orm_test

import (
	"context"
	"errors"
	"testing"

	"github.com/kilnhq/kiln/runtime/db"
	"github.com/kilnhq/kiln/runtime/orm"
)

func TestSoftDeletes(t *testing.T) {
	each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		u := newUser(t, d, "sol")
		keep, gone := newPost(t, d, u, "keep"), newPost(t, d, u, "gone")
		must(t, orm.Delete(ctx, d, gone))
		if gone.DeletedAt == nil || !gone.UpdatedAt.Equal(*gone.DeletedAt) {
			t.Fatalf("deleted_at/updated_at not stamped: %v %v", gone.DeletedAt, gone.UpdatedAt)
		}
		if _, err := orm.Find[Post](ctx, d, gone.ID); !errors.Is(err, orm.ErrNotFound) {
			t.Errorf("Find of a trashed post: err = %v", err)
		}
		count := func(b *orm.Builder[Post]) int64 {
			n, err := b.Count(ctx)
			must(t, err)
			return n
		}
		if n := count(orm.Query[Post](d)); n != 1 {
			t.Errorf("default query sees %d posts, want 1", n)
		}
		if n := count(orm.Query[Post](d).WithTrashed()); n != 2 {
			t.Errorf("with trashed: %d, want 2", n)
		}
		only, err := orm.Query[Post](d).OnlyTrashed().Get(ctx)
		must(t, err)
		if titles(only) != "gone" {
			t.Errorf("only trashed: %q", titles(only))
		}
		// An OR must not let trashed rows back in.
		if n := count(orm.Query[Post](d).Where("title", "=", "keep").OrWhere("title", "=", "gone")); n != 1 {
			t.Errorf("OR query sees %d posts, want 1", n)
		}
		if _, err := orm.Query[Post](d).WithTrashed().Find(ctx, gone.ID); err != nil {
			t.Errorf("WithTrashed().Find: %v", err)
		}
		if err := orm.Delete(ctx, d, gone); !errors.Is(err, orm.ErrNotFound) {
			t.Errorf("deleting twice: err = %v, want not found", err)
		}
		must(t, orm.Restore(ctx, d, gone))
		if gone.DeletedAt != nil {
			t.Error("restore left DeletedAt set")
		}
		if n := count(orm.Query[Post](d)); n != 2 {
			t.Errorf("after restore: %d posts, want 2", n)
		}
		must(t, orm.ForceDelete(ctx, d, keep))
		if n := count(orm.Query[Post](d).WithTrashed()); n != 1 {
			t.Errorf("after force delete: %d rows, want 1", n)
		}
	})
}

func TestDeleteWithoutSoftDeletesRemovesTheRow(t *testing.T) {
	each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		u := newUser(t, d, "hard")
		must(t, orm.Delete(ctx, d, u))
		if n, _ := orm.Query[User](d).Count(ctx); n != 0 {
			t.Errorf("%d users left", n)
		}
		if err := orm.Restore(ctx, d, u); err == nil {
			t.Error("restore of a model without deleted_at succeeded")
		}
		if _, err := orm.Query[User](d).OnlyTrashed().Get(ctx); err == nil {
			t.Error("OnlyTrashed on a model without deleted_at succeeded")
		}
	})
}

// Restoring a row that isn't soft-deleted is not found, like deleting one
// twice, and changes nothing.
func TestRestoreOfALiveRowIsNotFound(t *testing.T) {
	each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		live := newPost(t, d, newUser(t, d, "liv"), "live")
		stamped := live.UpdatedAt
		if err := orm.Restore(ctx, d, live); !errors.Is(err, orm.ErrNotFound) {
			t.Errorf("restoring a live row: err = %v, want not found", err)
		}
		if !live.UpdatedAt.Equal(stamped) {
			t.Errorf("restore of a live row stamped updated_at: %v", live.UpdatedAt)
		}
		got, err := orm.Find[Post](ctx, d, live.ID)
		must(t, err)
		if !got.UpdatedAt.Equal(stamped) {
			t.Errorf("restore of a live row bumped updated_at to %v", got.UpdatedAt)
		}
		if err := orm.Restore(ctx, d, &Post{ID: 404}); !errors.Is(err, orm.ErrNotFound) {
			t.Errorf("restoring a missing row: err = %v, want not found", err)
		}
	})
}
