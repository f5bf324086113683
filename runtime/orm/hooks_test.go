package orm_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/kilnhq/kiln/runtime/db"
	"github.com/kilnhq/kiln/runtime/orm"
)

// Audited records its lifecycle and refuses what its fields say to refuse.
type Audited struct {
	ID   int64  `db:"id"`
	Name string `db:"name"`

	log        *[]string
	refuse     string // the before-hook that fails
	failAfter  string // the after-hook that fails
	sawQuerier bool
}

func (Audited) TableName() string { return "audit" }

var errRefused = errors.New("refused")

func (a *Audited) step(ctx context.Context, q db.Querier, name string) error {
	*a.log = append(*a.log, name)
	a.sawQuerier = q != nil
	if a.refuse == name || a.failAfter == name {
		return errRefused
	}
	return nil
}

func (a *Audited) Creating(ctx context.Context, q db.Querier) error {
	return a.step(ctx, q, "creating")
}

func (a *Audited) Created(ctx context.Context, q db.Querier) error {
	return a.step(ctx, q, "created")
}

func (a *Audited) Updating(ctx context.Context, q db.Querier) error {
	return a.step(ctx, q, "updating")
}

func (a *Audited) Updated(ctx context.Context, q db.Querier) error {
	return a.step(ctx, q, "updated")
}

func (a *Audited) Deleting(ctx context.Context, q db.Querier) error {
	return a.step(ctx, q, "deleting")
}

func (a *Audited) Deleted(ctx context.Context, q db.Querier) error {
	return a.step(ctx, q, "deleted")
}

func TestHooksRunInOrderAndAbortWrites(t *testing.T) {
	each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		_, err := d.ExecContext(ctx, ddl(d.Dialect(), "CREATE TABLE audit (id {pk}, name TEXT NOT NULL)"))
		must(t, err)
		var log []string
		a := &Audited{Name: "a", log: &log}
		must(t, orm.Create(ctx, d, a))
		a.Name = "b"
		must(t, orm.Update(ctx, d, a))
		must(t, orm.Delete(ctx, d, a))
		if got := strings.Join(log, " "); got != "creating created updating updated deleting deleted" || !a.sawQuerier {
			t.Errorf("hooks ran: %s", got)
		}
		count := func() int64 {
			n, err := orm.Query[Audited](d).Count(ctx)
			must(t, err)
			return n
		}
		refused := &Audited{Name: "no", log: &log, refuse: "creating"}
		if err := orm.Create(ctx, d, refused); !errors.Is(err, errRefused) || count() != 0 || refused.ID != 0 {
			t.Errorf("creating hook did not abort: err = %v, rows = %d", err, count())
		}
		kept := &Audited{Name: "kept", log: &log}
		must(t, orm.Create(ctx, d, kept))
		kept.refuse, kept.Name = "updating", "changed"
		if err := orm.Update(ctx, d, kept); !errors.Is(err, errRefused) {
			t.Errorf("updating hook: err = %v", err)
		}
		if got, _ := orm.Find[Audited](ctx, d, kept.ID); got.Name != "kept" {
			t.Errorf("refused update was written: %q", got.Name)
		}
		kept.refuse = "deleting"
		if err := orm.ForceDelete(ctx, d, kept); !errors.Is(err, errRefused) || count() != 1 {
			t.Errorf("deleting hook did not abort: err = %v, rows = %d", err, count())
		}
		late := &Audited{Name: "late", log: &log, failAfter: "created"}
		if err := orm.Create(ctx, d, late); !errors.Is(err, errRefused) || count() != 2 {
			t.Errorf("created hook: err = %v, rows = %d (the row stays; the caller decides)", err, count())
		}
	})
}
