// Package app is the entry point of a kiln-generated application. A generated main.go
// hands control to Main, which gives the app binary its own subcommands (serve, routes,
// migrate and seed) so a deployed binary needs no kiln installed.
package app

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	"github.com/kilnhq/kiln/runtime/db"
	"github.com/kilnhq/kiln/runtime/migrate"
	"github.com/kilnhq/kiln/runtime/seed"
	"github.com/kilnhq/kiln/runtime/web"
)

// Config is what a generated main.go tells the runtime about the app.
type Config struct {
	Name string // the app's name, used in help and logs
	// Routes registers the app's HTTP routes (routes.API). It gets the database so
	// controllers can hold it (&controllers.PostController{DB: database}); when
	// routes are only listed (`app routes`), database is nil and no handler runs.
	Routes     func(r *web.Router, database *db.DB)
	Migrations *migrate.Set // the app's migrations (database/migrations.Set)
	// Seeders are the app's seeders (database/seeders.All): `seed` runs the
	// one named DatabaseSeeder, or the one --class names.
	Seeders []seed.Seeder
}

// Main runs the subcommand named in os.Args and returns the process exit code:
// 0 ok, 1 failure, 2 usage error. SIGINT and SIGTERM stop it gracefully.
func Main(cfg Config) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	// After the first signal, restore the default handling, so a second Ctrl-C
	// during the graceful-shutdown grace period stops the process at once.
	context.AfterFunc(ctx, stop)
	return Run(ctx, cfg, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
}

// Run is Main with explicit arguments and streams, for tests and embedding.
// With no arguments it serves, so a bare `./app` in a container does the expected thing.
func Run(ctx context.Context, cfg Config, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		args = []string{"serve"}
	}
	cmd, rest := args[0], args[1:]
	switch cmd {
	case "serve":
		return runServe(ctx, cfg, rest, stderr)
	case "migrate":
		return runMigrate(ctx, cfg, rest, stdin, stdout, stderr)
	case "routes":
		return runRoutes(cfg, rest, stdout, stderr)
	case "seed":
		return runSeed(ctx, cfg, rest, stdin, stdout, stderr)
	case "help", "-h", "--help":
		usage(cfg, stdout)
		return 0
	default:
		fmt.Fprintf(stderr, "unknown command %q\n\n", cmd)
		usage(cfg, stderr)
		return 2
	}
}

func usage(cfg Config, w io.Writer) {
	name := cfg.Name
	if name == "" {
		name = "app"
	}
	fmt.Fprintf(w, `Usage: %s <command> [flags]

Commands:
  serve    serve HTTP on $ADDR, else 127.0.0.1:$PORT (default 8000)
  migrate  run pending migrations; also: migrate rollback [--step N],
           migrate status, migrate fresh [--force], --dry-run, --json
  routes   list the registered routes (--json for JSON)
  seed     run the DatabaseSeeder, or --class Name; --faker-seed N,
           --no-transaction, --force (needed when APP_ENV=production), --json
  help     show this help

Configuration comes from .env in the working directory; real environment
variables override it.
`, name)
}
