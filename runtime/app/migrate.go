package app

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/kilnhq/kiln/runtime/db"
	"github.com/kilnhq/kiln/runtime/migrate"
)

// migrateOptions are the flags of `app migrate …`.
type migrateOptions struct {
	steps  int
	force  bool
	dryRun bool
	json   bool
}

// runMigrate is `app migrate [up|rollback|status|fresh]`: the same commands
// `kiln db …` runs, so a deployed binary needs no kiln.
func runMigrate(ctx context.Context, cfg Config, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	action := "up"
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		action, args = args[0], args[1:]
	}
	var o migrateOptions
	fs := flag.NewFlagSet("migrate "+action, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.IntVar(&o.steps, "step", 1, "rollback: how many migrations to roll back")
	fs.BoolVar(&o.force, "force", false, "fresh: drop every table without asking")
	fs.BoolVar(&o.dryRun, "dry-run", false, "print the SQL that would run; change nothing")
	fs.BoolVar(&o.json, "json", false, "print JSON")
	if !parseFlags(fs, args, "migrate [up|rollback [--step N]|status|fresh [--force]] [--dry-run] [--json]", stderr) {
		return 2
	}
	if cfg.Migrations == nil {
		fmt.Fprintln(stderr, "this app has no migrations: set Migrations in app.Config (see database/migrations)")
		return 1
	}
	m := &migrator{action: action, cfg: cfg, opts: o, stdin: stdin, stdout: stdout, stderr: stderr}
	run, ok := map[string]func(context.Context, *migrate.Runner) error{
		"up": m.up, "rollback": m.rollback, "status": m.status, "fresh": m.fresh,
	}[action]
	if !ok {
		fmt.Fprintf(stderr, "unknown migrate command %q: use up, rollback, status or fresh\n", action)
		return 2
	}
	return exitCode(m.withRunner(ctx, run), stderr)
}

// usageError is a refused or malformed request (exit 2).
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

// exitCode prints a subcommand's error and turns it into the exit code: 0
// for none, 2 for a usage error, else 1.
func exitCode(err error, stderr io.Writer) int {
	if err == nil {
		return 0
	}
	fmt.Fprintln(stderr, err)
	var usage *usageError
	if errors.As(err, &usage) {
		return 2
	}
	return 1
}

type migrator struct {
	action string
	cfg    Config
	opts   migrateOptions
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer // prompts
}

// withRunner loads .env, opens the database and hands a runner to fn.
func (m *migrator) withRunner(ctx context.Context, fn func(context.Context, *migrate.Runner) error) error {
	if err := LoadEnv(".env"); err != nil {
		return err
	}
	cfg := db.ConfigFromEnv()
	if m.readOnly() && cfg.Driver == db.SQLite && !fileExists(cfg.DSN) {
		// Looking must not create the database file: use an empty in-memory
		// database instead, which is what the missing file would be.
		cfg.DSN = ":memory:"
	}
	database, err := db.Open(cfg)
	if err != nil {
		return err
	}
	defer database.Close()
	runner, err := migrate.NewRunner(database, m.cfg.Migrations)
	if err != nil {
		return err
	}
	return fn(ctx, runner)
}

// readOnly reports whether this run only looks: a dry run or status.
func (m *migrator) readOnly() bool { return m.opts.dryRun || m.action == "status" }

func (m *migrator) up(ctx context.Context, r *migrate.Runner) error {
	if m.opts.dryRun {
		return m.printPlan(ctx, r)
	}
	results, err := r.Up(ctx)
	m.printResults(results, err, "migrated", "nothing to migrate")
	return err
}

func (m *migrator) rollback(ctx context.Context, r *migrate.Runner) error {
	if m.opts.dryRun {
		return &usageError{"migrate rollback has no --dry-run: run migrate status to see what the last migrations are"}
	}
	if m.opts.steps < 1 {
		return &usageError{fmt.Sprintf("invalid --step %d: roll back at least 1 migration", m.opts.steps)}
	}
	results, err := r.Down(ctx, m.opts.steps)
	m.printResults(results, err, "rolled back", "nothing to roll back")
	return err
}

func (m *migrator) fresh(ctx context.Context, r *migrate.Runner) error {
	if m.opts.dryRun {
		return &usageError{"migrate fresh has no --dry-run: it drops every table"}
	}
	if err := m.confirmFresh(); err != nil {
		return err
	}
	results, err := r.Fresh(ctx)
	m.printResults(results, err, "migrated", "dropped every table; no migrations to run")
	return err
}

// confirmFresh refuses to drop data unless --force, or a "y" on a terminal; and
// in production only with --force.
func (m *migrator) confirmFresh() error {
	if m.opts.force {
		return nil
	}
	if os.Getenv("APP_ENV") == "production" {
		return &usageError{"refusing to drop every table: APP_ENV is production (pass --force if you really mean it)"}
	}
	if !isTerminal(m.stdin) {
		return &usageError{"migrate fresh drops every table: pass --force to confirm when not on a terminal"}
	}
	if !confirm(m.stdin, m.stderr, "Drop every table and run all migrations again?") {
		return &usageError{"cancelled: nothing was dropped"}
	}
	return nil
}

func (m *migrator) status(ctx context.Context, r *migrate.Runner) error {
	statuses, err := r.Status(ctx)
	if err != nil {
		return err
	}
	if m.opts.json {
		return m.writeJSON(statuses)
	}
	tw := tabwriter.NewWriter(m.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "VERSION\tNAME\tSTATUS")
	for _, s := range statuses {
		state := "pending"
		if s.Applied {
			state = "applied " + s.AppliedAt.UTC().Format("2006-01-02 15:04:05")
		}
		fmt.Fprintf(tw, "%d\t%s\t%s\n", s.Version, s.Name, state)
	}
	return tw.Flush()
}

func (m *migrator) printPlan(ctx context.Context, r *migrate.Runner) error {
	pending, err := r.Plan(ctx)
	if err != nil {
		return err
	}
	if m.opts.json {
		return m.writeJSON(pending)
	}
	if len(pending) == 0 {
		fmt.Fprintln(m.stdout, "-- nothing to migrate")
	}
	for _, p := range pending {
		fmt.Fprintf(m.stdout, "-- %d_%s\n", p.Version, p.Name)
		for _, stmt := range p.SQL {
			fmt.Fprintf(m.stdout, "%s;\n", strings.TrimSuffix(strings.TrimSpace(stmt), ";"))
		}
	}
	return nil
}

// printResults reports what ran; "none" is said only when nothing ran and
// nothing failed.
func (m *migrator) printResults(results []migrate.Result, err error, verb, none string) {
	if m.opts.json {
		m.writeJSON(results)
		return
	}
	if len(results) == 0 && err == nil {
		fmt.Fprintln(m.stdout, none)
	}
	for _, r := range results {
		fmt.Fprintf(m.stdout, "%s %d_%s (%s)\n", verb, r.Version, r.Name, r.Duration.Round(100*time.Microsecond))
	}
}

func (m *migrator) writeJSON(v any) error {
	enc := json.NewEncoder(m.stdout)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

func fileExists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}
