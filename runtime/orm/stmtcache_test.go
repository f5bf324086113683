package orm_test

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/kilnhq/kiln/internal/dbtest"
	"github.com/kilnhq/kiln/runtime/db"
	"github.com/kilnhq/kiln/runtime/orm"
)

// shape runs the k-th of a family of distinct statements: k conditions on
// views, so each k is its own SQL text and its own cached statement.
func shape(ctx context.Context, q db.Querier, k int) error {
	b := orm.Query[Post](q)
	for range k {
		b = b.Where("views", ">=", 0)
	}
	_, err := b.Count(ctx)
	return err
}

// countShape reports whether queries holds the SQL of shape k.
func hasShape(queries []string, k int) bool {
	for _, q := range queries {
		if strings.HasPrefix(q, "SELECT count(*)") && strings.Count(q, `"views" >=`) == k {
			return true
		}
	}
	return false
}

func TestClosingADatabaseReleasesItsStatements(t *testing.T) {
	each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		p := newPost(t, d, newUser(t, d, "cy"), "cached")
		_, err := orm.Find[Post](ctx, d, p.ID)
		must(t, err)
		must(t, shape(ctx, d, 1))
		if n := len(orm.CachedQueries(d)); n == 0 {
			t.Fatal("no statement cached")
		}
		must(t, d.Close())
		if left := orm.CachedQueries(d); len(left) != 0 {
			t.Errorf("%d statements still cached after Close: %q", len(left), left)
		}
		if _, err := orm.Find[Post](ctx, d, p.ID); err == nil {
			t.Error("Find on a closed database succeeded")
		}
		if left := orm.CachedQueries(d); len(left) != 0 {
			t.Errorf("a query after Close cached %d statements", len(left))
		}
	})
}

// A full cache makes room for new statements (least recently used out), so
// a long-lived app keeps its current statements prepared.
func TestStatementCacheEvictsWhenFull(t *testing.T) {
	defer orm.SetMaxStatements(4)()
	each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		for k := 1; k <= 4; k++ {
			must(t, shape(ctx, d, k))
		}
		for range 3 {
			must(t, shape(ctx, d, 1)) // keep shape 1 hot
			for k := 5; k <= 8; k++ {
				must(t, shape(ctx, d, k))
			}
		}
		cached := orm.CachedQueries(d)
		if len(cached) > 4 {
			t.Errorf("%d statements cached, more than the cap of 4", len(cached))
		}
		if !hasShape(cached, 8) {
			t.Errorf("the latest statement was not cached: %q", cached)
		}
		// Another database has a cache of its own.
		other := dbtest.Open(t, d.Driver)
		setup(t, other)
		must(t, shape(ctx, other, 1))
		if !hasShape(orm.CachedQueries(other), 1) || len(orm.CachedQueries(d)) != len(cached) {
			t.Errorf("caches are not per database: %q / %q", orm.CachedQueries(other), orm.CachedQueries(d))
		}
	})
}

// Statements evicted while other goroutines use them keep working: a small
// cache under many distinct statements, on the pools and in transactions.
func TestStatementCacheUnderChurn(t *testing.T) {
	defer orm.SetMaxStatements(3)()
	each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		p := newPost(t, d, newUser(t, d, "churn"), "churn")
		var wg sync.WaitGroup
		errs := make(chan error, 64)
		for g := range 8 {
			wg.Go(func() {
				for i := range 40 {
					var err error
					switch (g + i) % 4 {
					case 0, 1:
						err = shape(ctx, d, 1+(g*7+i)%6)
					case 2:
						p := *p
						p.Views = i
						err = orm.Update(ctx, d, &p)
					case 3:
						err = d.Tx(ctx, func(tx *db.Tx) error {
							if _, err := orm.Find[Post](ctx, tx, p.ID); err != nil {
								return err
							}
							return shape(ctx, tx, 1+i%6)
						})
					}
					if err != nil {
						errs <- fmt.Errorf("goroutine %d, step %d: %w", g, i, err)
						return
					}
				}
			})
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Error(err)
		}
		if n := len(orm.CachedQueries(d)); n > 3 {
			t.Errorf("%d statements cached, more than the cap of 3", n)
		}
	})
}
