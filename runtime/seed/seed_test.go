package seed_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/kilnhq/kiln/internal/dbtest"
	"github.com/kilnhq/kiln/internal/pgtest"
	"github.com/kilnhq/kiln/runtime/db"
	"github.com/kilnhq/kiln/runtime/factory"
	"github.com/kilnhq/kiln/runtime/seed"
)

func TestMain(m *testing.M) { os.Exit(pgtest.Main(m)) }

type Tag struct {
	ID   int64  `db:"id"`
	Name string `db:"name"`
}

type TagFactory struct {
	factory.Factory[Tag, TagFactory]
}

func NewTagFactory() TagFactory {
	return factory.New(func(f *factory.Faker) Tag { return Tag{Name: f.Unique(f.Word())} },
		func(f factory.Factory[Tag, TagFactory]) TagFactory { return TagFactory{f} })
}

// tagSeeder inserts n tags through the factory, counting its runs.
type tagSeeder struct {
	n    int
	runs *int
}

func (s tagSeeder) Run(ctx context.Context, sd *seed.Seeding) error {
	*s.runs++
	_, err := NewTagFactory().Count(s.n).Insert(ctx, sd.DB)
	return err
}

// rootSeeder calls the tag seeder twice (it must run once) and then fails
// when fail is set.
type rootSeeder struct {
	tags tagSeeder
	fail error
}

func (r rootSeeder) Run(ctx context.Context, s *seed.Seeding) error {
	if err := s.Call(ctx, r.tags, r.tags); err != nil {
		return err
	}
	return r.fail
}

func setup(t *testing.T, d *db.DB) {
	t.Helper()
	id := "INTEGER PRIMARY KEY"
	if d.Dialect().Name() == db.Postgres {
		id = "BIGSERIAL PRIMARY KEY"
	}
	if _, err := d.ExecContext(context.Background(), "CREATE TABLE tags (id "+id+", name TEXT NOT NULL UNIQUE)"); err != nil {
		t.Fatal(err)
	}
}

func tags(t *testing.T, d *db.DB) int {
	t.Helper()
	var n int
	if err := d.QueryRowContext(context.Background(), "SELECT count(*) FROM tags").Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestRunOnceAndSummary(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		setup(t, d)
		runs := 0
		var events []seed.Event
		n := 2*factory.BatchSize + factory.BatchSize/2
		sum, err := seed.Run(context.Background(), d, rootSeeder{tags: tagSeeder{n: n, runs: &runs}},
			seed.Options{Progress: func(e seed.Event) { events = append(events, e) }})
		if err != nil {
			t.Fatal(err)
		}
		if runs != 1 {
			t.Errorf("tag seeder ran %d times, want once", runs)
		}
		if got := tags(t, d); got != n {
			t.Errorf("%d tags, want %d", got, n)
		}
		if len(sum.Tables) != 1 || sum.Tables[0] != (seed.TableCount{Table: "tags", Rows: n}) || sum.Rows != n || !sum.Committed {
			t.Errorf("summary = %+v", sum)
		}
		if len(sum.Seeders) != 2 || sum.Seeders[0] != "rootSeeder" || sum.Seeders[1] != "tagSeeder" {
			t.Errorf("seeders = %v", sum.Seeders)
		}
		var batches int
		for _, e := range events {
			if e.Kind == "rows" && e.Table == "tags" {
				batches++
			}
		}
		if batches != 3 { // two whole batches and a half
			t.Errorf("%d row events, want 3 batches", batches)
		}
		if !strings.Contains(sum.String(), fmt.Sprintf("%d rows in", n)) {
			t.Errorf("summary text: %s", sum)
		}
	})
}

func TestFailingSeederRollsBackEverything(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		setup(t, d)
		runs := 0
		boom := errors.New("boom")
		sum, err := seed.Run(context.Background(), d, rootSeeder{tags: tagSeeder{n: 1500, runs: &runs}, fail: boom}, seed.Options{})
		if !errors.Is(err, boom) || !strings.Contains(err.Error(), "rootSeeder: boom") {
			t.Fatalf("err = %v", err)
		}
		if got := tags(t, d); got != 0 {
			t.Errorf("failed run left %d tags", got)
		}
		if sum.Committed {
			t.Error("summary says committed")
		}
	})
}

func TestNoTransactionKeepsCommittedBatches(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		setup(t, d)
		runs := 0
		boom := errors.New("boom")
		n := factory.BatchSize + factory.BatchSize/2 // two batches, each committed
		sum, err := seed.Run(context.Background(), d, rootSeeder{tags: tagSeeder{n: n, runs: &runs}, fail: boom},
			seed.Options{NoTransaction: true})
		if !errors.Is(err, boom) {
			t.Fatalf("err = %v", err)
		}
		if got := tags(t, d); got != n || sum.Rows != n || !sum.Committed {
			t.Errorf("%d tags kept, summary %+v; want %d committed", got, sum, n)
		}
	})
}

func TestFind(t *testing.T) {
	runs := 0
	all := []seed.Seeder{rootSeeder{}, tagSeeder{runs: &runs}}
	for _, name := range []string{"tagSeeder", "tag", "TAG_SEEDER", "tagseeder"} {
		if s, err := seed.Find(all, name); err != nil || seed.Name(s) != "tagSeeder" {
			t.Errorf("Find(%q) = %v, %v", name, s, err)
		}
	}
	if _, err := seed.Find(all, "Nope"); err == nil || !strings.Contains(err.Error(), "rootSeeder, tagSeeder") {
		t.Errorf("Find(Nope) err = %v", err)
	}
}
