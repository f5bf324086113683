package commands

import (
	"sync"
	"time"

	"github.com/spf13/cobra"

	"github.com/kilnhq/kiln/generators/migration"
	"github.com/kilnhq/kiln/generators/spec"
)

type makeMigrationOptions struct {
	create string // --create <table>
	table  string // --table <table>
	sql    bool
}

func newMakeMigrationCmd(g *globals) *cobra.Command {
	var o makeMigrationOptions
	cmd := &cobra.Command{
		Use:   "migration <snake_name> [field…]",
		Short: "Generate a migration",
		Long: `Generate a migration in database/migrations/: a Go migration using kiln's schema
builder (runs unchanged on SQLite and PostgreSQL), or with --sql a plain SQL file in
goose's -- +goose Up / -- +goose Down format. Both kinds run in one ordered history.

The table is inferred from the name: create_posts_table creates posts,
add_status_to_posts_table adds the given fields to posts, drop_posts_table drops it.
--create or --table name the table explicitly. Fields use the model field syntax
(kiln make model --help).`,
		Example: `  kiln make migration create_posts_table title:string body:text
  kiln make migration add_status_to_posts_table status:enum=draft,published:default=draft
  kiln make migration backfill_slugs --table posts
  kiln make migration create_audit_log --sql`,
		Args: minArgs("migration name"),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runMakeMigration(cmd, g, o, args[0], args[1:])
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.create, "create", "", "create `table`")
	f.StringVar(&o.table, "table", "", "change the existing `table`")
	f.BoolVar(&o.sql, "sql", false, "write a plain SQL migration instead of Go")
	return cmd
}

func runMakeMigration(cmd *cobra.Command, g *globals, o makeMigrationOptions, name string, fieldArgs []string) error {
	if o.create != "" && o.table != "" {
		return usagef("--create and --table exclude each other: --create makes a new table, --table changes an existing one")
	}
	proj, err := loadProject(g)
	if err != nil {
		return err
	}
	fields, err := spec.ParseFields(fieldArgs)
	if err != nil {
		return asUsage(err)
	}
	markUUIDParents(proj, spec.Resource{Fields: fields})
	if err := proj.migrationNameFree(name); err != nil {
		return err
	}
	version, err := proj.nextMigrationVersion(time.Now())
	if err != nil {
		return err
	}
	opts := migration.Options{
		Name: name, Fields: fields, SQL: o.sql, Dialect: proj.driver(), Version: version,
		Table: o.table, Create: o.create != "",
	}
	if o.create != "" {
		opts.Table = o.create
	}
	p, err := migration.Generate(opts)
	if err != nil {
		return asUsage(err)
	}
	p.Generator = "make migration"
	return applyPlan(cmd, g, proj.root, p)
}

// migrationNameFree refuses a name an existing migration has: two
// migrations of one name would be ambiguous to roll back or edit.
func (p project) migrationNameFree(name string) error {
	existing, ok, err := p.findMigration(name)
	if err != nil {
		return err
	}
	if ok {
		return usagef("a migration named %s already exists (%s): pick another name", name, existing.path)
	}
	return nil
}

// checkNewMigrationName is the wizard's live check of a migration name: its
// form, then that the project has none of that name yet. The project is
// loaded once, at the first check: the command is built before --dir is
// parsed, and the check runs as the name is typed.
func checkNewMigrationName(g *globals) func(string) error {
	load := sync.OnceValues(func() (project, error) { return loadProject(g) })
	return func(name string) error {
		if err := checkMigrationName(name); err != nil {
			return err
		}
		proj, err := load()
		if err != nil {
			return err
		}
		return proj.migrationNameFree(name)
	}
}
