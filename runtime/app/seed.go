package app

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"time"

	"github.com/kilnhq/kiln/runtime/db"
	"github.com/kilnhq/kiln/runtime/factory"
	"github.com/kilnhq/kiln/runtime/seed"
)

// seedOptions are the flags of `app seed`.
type seedOptions struct {
	class         string
	fakerSeed     string
	noTransaction bool
	force         bool
	json          bool
	events        bool
}

// rootSeeder is the seeder a bare `app seed` runs.
const rootSeeder = "DatabaseSeeder"

// runSeed is `app seed [--class Name] [--faker-seed N] [--no-transaction]
// [--force] [--json]`, the command `kiln db seed` runs.
func runSeed(ctx context.Context, cfg Config, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	var o seedOptions
	fs := flag.NewFlagSet("seed", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&o.class, "class", rootSeeder, "the seeder to run (it runs the seeders it calls)")
	fs.StringVar(&o.fakerSeed, "faker-seed", "", "seed the fake data for identical rows on every run (default $"+factory.SeedEnv+", else random)")
	fs.BoolVar(&o.noTransaction, "no-transaction", false, "commit each batch as it goes instead of one transaction (huge seeds)")
	fs.BoolVar(&o.force, "force", false, "seed even when APP_ENV is production, without asking")
	fs.BoolVar(&o.json, "json", false, "print the summary as JSON")
	fs.BoolVar(&o.events, "events", false, "print progress as JSON lines on stdout (for kiln's progress bars)")
	if !parseFlags(fs, args, "seed [--class Name] [--faker-seed N] [--no-transaction] [--force] [--json]", stderr) {
		return 2
	}
	return exitCode(seedWith(ctx, cfg, o, stdin, stdout, stderr), stderr)
}

func seedWith(ctx context.Context, cfg Config, o seedOptions, stdin io.Reader, stdout, stderr io.Writer) error {
	if err := LoadEnv(".env"); err != nil {
		return err
	}
	root, err := seed.Find(cfg.Seeders, o.class)
	if err != nil {
		return &usageError{err.Error()}
	}
	if err := confirmSeed(o, stdin, stderr); err != nil {
		return err
	}
	if err := seedFaker(o.fakerSeed); err != nil {
		return err
	}
	database, err := db.Open(db.ConfigFromEnv())
	if err != nil {
		return err
	}
	defer database.Close()
	progress := newSeedProgress(stdout, stderr, o.events)
	sum, err := seed.Run(ctx, database, root, seed.Options{NoTransaction: o.noTransaction, Progress: progress.event})
	sum.FakerSeed = factory.CurrentSeed()
	if o.json {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		if jerr := enc.Encode(sum); jerr != nil {
			return errors.Join(err, jerr)
		}
	} else if o.events {
		fmt.Fprintln(stdout, sum) // after the events: kiln prints it below the final bars
	} else {
		fmt.Fprintln(stderr, sum)
	}
	return err
}

// seedFaker seeds the factories from --faker-seed, else leaves them to
// $KILN_FAKER_SEED or the clock (the summary prints the seed either way).
func seedFaker(flagValue string) error {
	if flagValue == "" {
		return nil
	}
	n, err := strconv.ParseInt(flagValue, 10, 64)
	if err != nil {
		return &usageError{fmt.Sprintf("invalid --faker-seed %q: give an integer", flagValue)}
	}
	factory.Seed(n)
	return nil
}

// confirmSeed guards production: on a terminal it asks (default no), and
// anywhere else it refuses unless --force.
func confirmSeed(o seedOptions, stdin io.Reader, stderr io.Writer) error {
	if o.force || os.Getenv("APP_ENV") != "production" {
		return nil
	}
	if !isTerminal(stdin) {
		return &usageError{"refusing to seed: APP_ENV is production (pass --force if you really mean it)"}
	}
	if !confirm(stdin, stderr, "APP_ENV is production. Seed the production database?") {
		return &usageError{"cancelled: nothing was seeded"}
	}
	return nil
}

// seedProgress prints a run's events: JSON lines with --events, else a
// plain line per seeder and at most one line per table every half second.
type seedProgress struct {
	stdout, stderr io.Writer
	events         bool
	enc            *json.Encoder
	last           map[string]time.Duration
}

func newSeedProgress(stdout, stderr io.Writer, events bool) *seedProgress {
	return &seedProgress{stdout: stdout, stderr: stderr, events: events, enc: json.NewEncoder(stdout), last: map[string]time.Duration{}}
}

func (p *seedProgress) event(e seed.Event) {
	if p.events {
		p.enc.Encode(e)
		return
	}
	switch e.Kind {
	case "seeder":
		fmt.Fprintf(p.stderr, "seeding %s\n", e.Seeder)
	case "rows":
		if last, ok := p.last[e.Table]; ok && e.At-last < 500*time.Millisecond {
			return
		}
		p.last[e.Table] = e.At
		fmt.Fprintf(p.stderr, "  %s: %d rows\n", e.Table, e.Total)
	}
}
