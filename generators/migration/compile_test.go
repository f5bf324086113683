package migration

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kilnhq/kiln/generators/internal/tempapp"
	"github.com/kilnhq/kiln/generators/plan"
	"github.com/kilnhq/kiln/generators/spec"
	"github.com/kilnhq/kiln/internal/pgtest"
)

func TestMain(m *testing.M) { os.Exit(pgtest.Main(m)) }

// migrationsGo is the Set file `kiln new` writes (docs/data-layer.md).
const migrationsGo = `// Package migrations is the app's migration history.
package migrations

import (
	"embed"

	"github.com/kilnhq/kiln/runtime/migrate"
)

//go:embed *
var files embed.FS

// Set holds every migration of the app.
var Set = migrate.NewSet(files)
`

// mainGo migrates the database DB_DRIVER and DB_DSN name up, all the way down and
// up again, checking each step, and prints ok.
const mainGo = `package main

import (
	"context"
	"fmt"
	"os"

	postgres "example.com/app/postgres"
	sqlite "example.com/app/sqlite"
	"github.com/kilnhq/kiln/runtime/db"
	"github.com/kilnhq/kiln/runtime/migrate"
)

func main() {
	if err := run(); err != nil {
		fmt.Println(err)
		os.Exit(1)
	}
	fmt.Println("ok")
}

func run() error {
	ctx := context.Background()
	cfg := db.ConfigFromEnv()
	d, err := db.Open(cfg)
	if err != nil {
		return err
	}
	defer d.Close()
	set := sqlite.Set
	if cfg.Driver == db.Postgres {
		set = postgres.Set
	}
	r, err := migrate.NewRunner(d, set)
	if err != nil {
		return err
	}
	plan, err := r.Plan(ctx)
	if err != nil {
		return fmt.Errorf("plan: %w", err)
	}
	up, err := r.Up(ctx)
	if err != nil {
		return fmt.Errorf("up: %w", err)
	}
	if len(up) != len(plan) {
		return fmt.Errorf("planned %d migrations, applied %d", len(plan), len(up))
	}
	if _, err := d.ExecContext(ctx, "INSERT INTO users (name, email) VALUES ('ada', 'ada@example.com')"); err != nil {
		return err
	}
	down, err := r.Down(ctx, len(up))
	if err != nil {
		return fmt.Errorf("down: %w", err)
	}
	if len(down) != len(up) {
		return fmt.Errorf("rolled back %d of %d", len(down), len(up))
	}
	if again, err := r.Up(ctx); err != nil || len(again) != len(up) {
		return fmt.Errorf("up again: %d, %v", len(again), err)
	}
	return nil
}
`

// generatedSet makes a history with every kind of generated migration, for one
// database's package (SQL files are per database).
func generatedSet(t *testing.T, dialect string) plan.Plan {
	var all plan.Plan
	add := func(p plan.Plan, err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		all.Files = append(all.Files, p.Files...)
	}
	model := func(name string, fields []string, o spec.Options, v int64) {
		t.Helper()
		r, err := spec.NewResource(name, fields, o)
		if err != nil {
			t.Fatal(err)
		}
		add(ForResource(r, v))
	}
	gen := func(o Options, fields ...string) {
		t.Helper()
		fs, err := spec.ParseFields(fields)
		if err != nil {
			t.Fatal(err)
		}
		o.Fields, o.Dialect = fs, dialect
		add(Generate(o))
	}
	model("User", []string{"name:string", "email:string:unique"}, spec.Options{}, 1)
	model("Post", append([]string{"author:belongs_to=users", "editor:belongs_to=users:nullable"}, everyField...), spec.Options{SoftDeletes: true}, 2)
	model("Tag", []string{"name:string"}, spec.Options{UUID: true, NoTimestamps: true, BelongsToMany: []string{"posts"}}, 3) // and its pivot, 4
	gen(Options{Name: "add_summary_to_posts_table", Version: 10}, "summary:string:nullable:unique", "reviewer:belongs_to=users", "stage:enum=a,b:default=a")
	gen(Options{Name: "remove_views_from_posts_table", Version: 11}, "views:int:default=0:index")
	gen(Options{Name: "create_scratch_table", Version: 12, SQL: true}, "note:text:nullable", "n:int:default=1")
	gen(Options{Name: "add_extra_to_scratch", Version: 13, SQL: true}, "extra:string:nullable:index")
	gen(Options{Name: "drop_scratch_table", Version: 14}, "note:text:nullable", "n:int:default=1", "extra:string:nullable:index")
	gen(Options{Name: "backfill_slugs", Version: 15})
	gen(Options{Name: "touch_posts", Version: 16, Table: "posts"})
	gen(Options{Name: "tune_settings", Version: 17, SQL: true})
	return all
}

// Generated migrations compile, pass vet and run up, down and up again on SQLite
// and PostgreSQL, in an app module built against this checkout's runtime.
func TestGeneratedMigrationsCompileAndRun(t *testing.T) {
	if testing.Short() {
		t.Skip("builds an app module")
	}
	app := tempapp.New(t, "example.com/app")
	dir := app.Dir
	app.Write("main.go", mainGo)
	app.Write("sqlite/migrations.go", migrationsGo)
	app.Write("postgres/migrations.go", migrationsGo)
	for _, dialect := range []string{"sqlite", "postgres"} {
		for _, f := range generatedSet(t, dialect).Files {
			app.Write(dialect+"/"+filepath.Base(f.Path), string(f.Content))
		}
	}
	app.Go("vet", "./...")
	app.Go("build", "-o", "app", ".")
	run := func(env ...string) {
		t.Helper()
		cmd := exec.Command(filepath.Join(dir, "app"))
		cmd.Dir, cmd.Env = dir, append(os.Environ(), env...)
		out, err := cmd.CombinedOutput()
		if err != nil || strings.TrimSpace(string(out)) != "ok" {
			t.Errorf("%v: %v\n%s", env, err, out)
		}
	}
	run("DB_DRIVER=sqlite", "DB_DSN="+filepath.Join(dir, "app.db"))
	run("DB_DRIVER=postgres", "DB_DSN="+pgtest.NewDatabase(t))
}
