package commands

import (
	"strconv"

	"github.com/spf13/cobra"
)

func newDBCmd(g *globals) *cobra.Command {
	cmd := groupCmd(&cobra.Command{
		Use:   "db",
		Short: "Run migrations and seeders: migrate, rollback, status, fresh, seed",
		Long: `Manage the app's database. Migrations are app code, so kiln builds the app (into
.kiln/bin/app, reusing the Go build cache) and runs its own migrate subcommand: the
deployed binary does exactly the same with ./app migrate ….

Configuration comes from the app's .env; real environment variables override it:
  DB_DRIVER=postgres DB_DSN=postgres://… kiln db migrate`,
	})
	cmd.AddCommand(
		newAppCmd(g, "migrate", "Run pending migrations (--dry-run prints their SQL)", "up"),
		newDBRollbackCmd(g),
		newAppCmd(g, "status", "List migrations and whether each has run", "status"),
		newDBFreshCmd(g),
		newDBSeedCmd(g),
	)
	return cmd
}

// appFlags are the global flags the app's migrate subcommand understands too.
func appFlags(g *globals) []string {
	var flags []string
	if g.json {
		flags = append(flags, "--json")
	}
	if g.dryRun {
		flags = append(flags, "--dry-run")
	}
	return flags
}

// newAppCmd is a kiln db command that runs the app's `migrate <action>`.
func newAppCmd(g *globals, use, short, action string) *cobra.Command {
	return &cobra.Command{
		Use:   use,
		Short: short,
		Args:  exactArgs(),
		RunE: func(cmd *cobra.Command, _ []string) error {
			proj, err := loadProject(g)
			if err != nil {
				return err
			}
			return runApp(cmd.Context(), g, proj, append([]string{"migrate", action}, appFlags(g)...)...)
		},
	}
}

func newDBRollbackCmd(g *globals) *cobra.Command {
	var steps int
	cmd := &cobra.Command{
		Use:   "rollback",
		Short: "Roll back the last migration (--step N for more)",
		Args:  exactArgs(),
		RunE: func(cmd *cobra.Command, _ []string) error {
			if steps < 1 {
				return usagef("invalid --step %d: roll back at least 1 migration", steps)
			}
			if g.dryRun {
				return usagef("kiln db rollback has no --dry-run: kiln db status shows what the last migrations are")
			}
			proj, err := loadProject(g)
			if err != nil {
				return err
			}
			args := append([]string{"migrate", "rollback", "--step", strconv.Itoa(steps)}, appFlags(g)...)
			return runApp(cmd.Context(), g, proj, args...)
		},
	}
	cmd.Flags().IntVar(&steps, "step", 1, "how many migrations to roll back")
	return cmd
}

func newDBFreshCmd(g *globals) *cobra.Command {
	var seedAfter bool
	var o seedOptions
	cmd := &cobra.Command{
		Use:   "fresh",
		Short: "Drop every table and run all migrations again (--seed to seed too)",
		Long: `Drop every table (data included) and run all migrations from the start; with
--seed, then run the DatabaseSeeder (Laravel's migrate:fresh --seed).
On a terminal kiln asks first; without a terminal (CI, scripts, -n) it refuses unless
--force is given, and with APP_ENV=production it refuses unless --force is given.`,
		Example: `  kiln db fresh --seed --faker-seed 42 --force`,
		Args:    exactArgs(),
		RunE: func(cmd *cobra.Command, _ []string) error {
			if !seedAfter && (o.fakerSeed != "" || o.noTransaction) {
				return usagef("--faker-seed and --no-transaction need --seed")
			}
			proj, err := loadProject(g)
			if err != nil {
				return err
			}
			args := []string{"migrate", "fresh"}
			switch {
			case g.force:
				args = append(args, "--force")
			case !g.interactive():
				// The app asks only when its stdin is a terminal; kiln also honours -n and CI.
				return usagef("kiln db fresh drops every table: pass --force to confirm when not interactive")
			}
			args = append(args, appFlags(g)...)
			if !seedAfter {
				return runApp(cmd.Context(), g, proj, args...) // the app asks, and refuses in production
			}
			// Everything the seed run would refuse is checked before any table is dropped.
			seedArgs, err := o.args(g)
			if err != nil {
				return err
			}
			if err := guardProductionSeed(g, proj); err != nil {
				return err
			}
			if g.json {
				return freshAndSeedJSON(cmd.Context(), g, proj, args, seedArgs)
			}
			// The seed's bars need the front end: get it (in the kiln binary,
			// hand over to kiln-dev) before any table is dropped.
			if _, err := g.seedProgressFrontEnd(proj); err != nil {
				return err
			}
			if err := runApp(cmd.Context(), g, proj, args...); err != nil {
				return err
			}
			return runSeed(cmd, g, proj, seedArgs)
		},
	}
	cmd.Flags().BoolVar(&seedAfter, "seed", false, "run the DatabaseSeeder after migrating")
	addSeedFlags(cmd, &o)
	return cmd
}
