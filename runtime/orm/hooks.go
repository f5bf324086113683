package orm

import (
	"context"

	"github.com/kilnhq/kiln/runtime/db"
)

// Lifecycle hooks are optional methods on a model's pointer type. A
// "before" hook (Creating, Updating, Deleting) that returns an error aborts
// the write, and that error is returned; an "after" hook's error is returned
// after the write happened, so run the call in a db.Tx when the two must
// succeed or fail together. q is the Querier the write runs on, so a hook's
// own queries join the caller's transaction.
type (
	// CreatingHook runs before the INSERT, before the ORM fills the key and
	// timestamps (it leaves values a hook sets in place).
	CreatingHook interface {
		Creating(ctx context.Context, q db.Querier) error
	}
	// CreatedHook runs after the INSERT, with the generated key set.
	CreatedHook interface {
		Created(ctx context.Context, q db.Querier) error
	}
	// UpdatingHook runs before the UPDATE.
	UpdatingHook interface {
		Updating(ctx context.Context, q db.Querier) error
	}
	// UpdatedHook runs after the UPDATE.
	UpdatedHook interface {
		Updated(ctx context.Context, q db.Querier) error
	}
	// DeletingHook runs before Delete (soft or not) and ForceDelete.
	DeletingHook interface {
		Deleting(ctx context.Context, q db.Querier) error
	}
	// DeletedHook runs after Delete (soft or not) and ForceDelete.
	DeletedHook interface {
		Deleted(ctx context.Context, q db.Querier) error
	}
)

// hook names one lifecycle step, for running the matching method.
type hook int

const (
	creating hook = iota
	created
	updating
	updated
	deleting
	deleted
)

// run calls the model's method for h, if it has one.
func (h hook) run(ctx context.Context, q db.Querier, v any) error {
	switch h {
	case creating:
		if x, ok := v.(CreatingHook); ok {
			return x.Creating(ctx, q)
		}
	case created:
		if x, ok := v.(CreatedHook); ok {
			return x.Created(ctx, q)
		}
	case updating:
		if x, ok := v.(UpdatingHook); ok {
			return x.Updating(ctx, q)
		}
	case updated:
		if x, ok := v.(UpdatedHook); ok {
			return x.Updated(ctx, q)
		}
	case deleting:
		if x, ok := v.(DeletingHook); ok {
			return x.Deleting(ctx, q)
		}
	case deleted:
		if x, ok := v.(DeletedHook); ok {
			return x.Deleted(ctx, q)
		}
	}
	return nil
}
