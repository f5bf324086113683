package commands

import (
	"bufio"
	"fmt"
	"strconv"
	"strings"

	"github.com/spf13/cobra"
)

func newDBCmd(g *globals) *cobra.Command {
	cmd := groupCmd(&cobra.Command{
		Use:   "db",
		Short: "Run migrations: migrate, rollback, status, fresh",
		Long: `Manage the app's database. Migrations are app code, so kiln builds the app (into
.kiln/bin/app, reusing the Go build cache) and runs its own migrate subcommand: the
deployed binary does exactly the same with ./app migrate ….

Configuration comes from the app's .env; real environment variables override it:
  DB_DRIVER=postgres DB_DSN=postgres://… kiln db migrate`,
	})
	cmd.AddCommand(newDBMigrateCmd(g), newDBRollbackCmd(g), newDBStatusCmd(g), newDBFreshCmd(g))
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

func newDBMigrateCmd(g *globals) *cobra.Command {
	return &cobra.Command{
		Use:   "migrate",
		Short: "Run pending migrations (--dry-run prints their SQL)",
		Args:  exactArgs(),
		RunE: func(cmd *cobra.Command, _ []string) error {
			proj, err := loadProject(g)
			if err != nil {
				return err
			}
			return runApp(cmd.Context(), g, proj, append([]string{"migrate", "up"}, appFlags(g)...)...)
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

func newDBStatusCmd(g *globals) *cobra.Command {
	return &cobra.Command{
		Use:   "status",
		Short: "List migrations and whether each has run",
		Args:  exactArgs(),
		RunE: func(cmd *cobra.Command, _ []string) error {
			proj, err := loadProject(g)
			if err != nil {
				return err
			}
			return runApp(cmd.Context(), g, proj, append([]string{"migrate", "status"}, appFlags(g)...)...)
		},
	}
}

func newDBFreshCmd(g *globals) *cobra.Command {
	return &cobra.Command{
		Use:   "fresh",
		Short: "Drop every table and run all migrations again",
		Long: `Drop every table (data included) and run all migrations from the start.
On a terminal kiln asks first; without a terminal (CI, scripts, -n) it refuses unless
--force is given, and with APP_ENV=production it refuses unless --force is given.`,
		Args: exactArgs(),
		RunE: func(cmd *cobra.Command, _ []string) error {
			proj, err := loadProject(g)
			if err != nil {
				return err
			}
			if err := confirmFresh(g, proj); err != nil {
				return err
			}
			return runApp(cmd.Context(), g, proj, append([]string{"migrate", "fresh", "--force"}, appFlags(g)...)...)
		},
	}
}

// confirmFresh guards the one command that destroys data: never without --force in
// production or without a terminal, and only after a "y" on a terminal.
func confirmFresh(g *globals, proj project) error {
	if g.force || g.dryRun {
		return nil
	}
	if env := proj.env("APP_ENV"); env == "production" {
		return fmt.Errorf("refusing to drop every table: APP_ENV is production (pass --force if you really mean it)")
	}
	if !g.interactive() {
		return fmt.Errorf("kiln db fresh drops every table: pass --force to confirm when not on a terminal")
	}
	fmt.Fprintf(g.stderr, "Drop every table of the %s database and run all migrations again? [y/N] ", proj.driver())
	answer, _ := bufio.NewReader(g.stdin).ReadString('\n')
	if a := strings.ToLower(strings.TrimSpace(answer)); a != "y" && a != "yes" {
		return fmt.Errorf("cancelled: nothing was dropped")
	}
	return nil
}
