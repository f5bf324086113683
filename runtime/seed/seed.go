// Package seed runs an app's seeders: `kiln db seed` builds the app and runs
// its `seed` subcommand, which calls Run with the root DatabaseSeeder (or the
// one --class names).
//
// A run is one transaction: if any seeder fails, the database is exactly as
// before. Seeders call other seeders through Seeding.Call, and each seeder
// runs at most once per run however many call it. For seeds too big for one
// transaction, Options.NoTransaction commits each factory batch as it goes;
// the Summary then says how far the run got.
package seed

import (
	"context"
	"fmt"
	"reflect"
	"runtime"
	"slices"
	"strings"
	"time"

	"github.com/kilnhq/kiln/runtime/db"
	"github.com/kilnhq/kiln/runtime/factory"
)

// Seeder fills the database. `kiln make seeder` generates one per model,
// registered in database/seeders/database_seeder.go.
type Seeder interface {
	Run(ctx context.Context, s *Seeding) error
}

// Seeding is one seed run, handed to every seeder.
type Seeding struct {
	// DB is what seeders write through: the run's transaction, or the
	// database itself with Options.NoTransaction.
	DB  db.Querier
	ran map[reflect.Type]bool
	rep *reporter
}

// Call runs each seeder that has not run yet in this run, in order.
func (s *Seeding) Call(ctx context.Context, seeders ...Seeder) error {
	for _, sd := range seeders {
		t := reflect.TypeOf(sd)
		if s.ran[t] {
			continue
		}
		s.ran[t] = true
		name := Name(sd)
		s.rep.seederStarted(name)
		if err := sd.Run(ctx, s); err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		s.rep.seederDone(name)
	}
	return nil
}

// Name is a seeder's type name, what --class matches: PostSeeder.
func Name(s Seeder) string {
	t := reflect.TypeOf(s)
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	return t.Name()
}

// Find returns the seeder in all named name: its type name, matched without
// regard to case, with or without the Seeder suffix (PostSeeder, post_seeder
// and post all find PostSeeder).
func Find(all []Seeder, name string) (Seeder, error) {
	want := normalize(name)
	var names []string
	for _, s := range all {
		n := Name(s)
		if normalize(n) == want {
			return s, nil
		}
		names = append(names, n)
	}
	slices.Sort(names)
	return nil, fmt.Errorf("no seeder named %q; the app has: %s", name, strings.Join(names, ", "))
}

func normalize(name string) string {
	n := strings.ToLower(strings.ReplaceAll(name, "_", ""))
	return strings.TrimSuffix(n, "seeder")
}

// Options change how Run runs.
type Options struct {
	// NoTransaction commits each factory batch on its own instead of running
	// everything in one transaction: for seeds too big for one (a failure
	// then leaves the rows committed so far, and the Summary counts them).
	NoTransaction bool
	// Progress, if set, hears each event as it happens (the seed
	// subcommand prints them).
	Progress func(Event)
}

// Run runs root, and through it the seeders it calls, and summarises what
// they inserted. The Summary is filled even when Run fails.
func Run(ctx context.Context, d *db.DB, root Seeder, opts Options) (Summary, error) {
	ballast := make([]byte, gcHeadroom)
	defer runtime.KeepAlive(ballast)
	rep := newReporter(opts.Progress)
	ctx = factory.WithProgress(ctx, rep)
	start := time.Now()
	var err error
	if opts.NoTransaction {
		ctx = factory.WithBatchCommits(ctx)
		if err = tuneSQLite(ctx, d); err == nil {
			err = (&Seeding{DB: d, ran: map[reflect.Type]bool{}, rep: rep}).Call(ctx, root)
		}
	} else {
		err = d.Tx(ctx, func(tx *db.Tx) error {
			if err := tuneSQLite(ctx, tx); err != nil {
				return err
			}
			return (&Seeding{DB: tx, ran: map[reflect.Type]bool{}, rep: rep}).Call(ctx, root)
		})
	}
	sum := rep.summary(time.Since(start))
	sum.Committed = err == nil || opts.NoTransaction
	return sum, err
}

// gcHeadroom is how much more a run may allocate between garbage
// collections, held as a ballast: a pointer-free allocation that counts as
// live heap, so at the default GOGC a collection comes after about live +
// gcHeadroom bytes of new allocation rather than after about live (live
// being what the last collection kept). It is never written, so the OS
// backs it with no memory unless its pages had been used before. A seed run
// keeps little alive (the two factory batches in flight, ~6 MB) but
// allocates ~1.7 KB per row, mostly database/sql's and the SQLite driver's
// per-statement argument slices and the fake text itself: the collector ran
// 33 times per 100,000 rows, 17 with the ballast, which made seeding 5%
// faster and took 7% less CPU. A higher GOGC would do the same for a small
// heap but multiply the heap of a seeder that keeps many rows (Create); the
// ballast adds at most its size to the peak, whatever the seeders keep.
const gcHeadroom = 8 << 20

// seedCacheKiB is the SQLite page cache a seed run uses, instead of the
// default 2 MiB, so big seeds that insert into unique indexes at random
// places find the index pages in memory. 16 MiB keeps a 1,000,000-row seed's
// process well under 100 MB (modernc's allocator holds about twice the cache
// size: 32 MiB measured at 92 MB peak RSS).
const seedCacheKiB = 16 << 10

// tuneSQLite gives the connection seeders write through a bigger page cache
// (SQLite only; the setting lasts as long as the connection).
func tuneSQLite(ctx context.Context, q db.Querier) error {
	if q.Dialect().Name() != db.SQLite {
		return nil
	}
	_, err := q.ExecContext(ctx, fmt.Sprintf("PRAGMA cache_size = -%d", seedCacheKiB))
	return err
}
