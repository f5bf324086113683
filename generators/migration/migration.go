// Package migration generates migrations: Go files using runtime/migrate's schema
// builder (one migration for SQLite and PostgreSQL), or with SQL set plain SQL files
// in goose's format for one database. It is pure — spec in, plan out, no I/O.
package migration

import (
	"fmt"
	"regexp"
	"sync"

	"github.com/kilnhq/kiln/generators/plan"
	"github.com/kilnhq/kiln/generators/spec"
)

// Dir is where an app's migrations live.
const Dir = "database/migrations"

// Options describe one `kiln make migration`.
type Options struct {
	Name    string       // snake_case, e.g. create_posts_table
	Table   string       // --table, or --create's table
	Create  bool         // --create: Table is a new table
	Fields  []spec.Field // parsed field tokens: the columns to create, add or remove
	SQL     bool         // a plain SQL file instead of Go
	Dialect string       // the SQL file's database: sqlite (default) or postgres
	Version int64        // yyyymmddhhmmss, chosen by the command
}

// Generate writes database/migrations/<version>_<name>.go (or .sql). What it does
// follows the name — create_X_table, add_Y_to_X_table, remove_Y_from_X_table,
// drop_X_table — or --create / --table; any other name gives a blank migration.
func Generate(o Options) (plan.Plan, error) {
	m, err := resolve(o)
	if err != nil {
		return plan.Plan{}, err
	}
	var p plan.Plan
	if err := add(&p, m, o.SQL, o.Dialect); err != nil {
		return plan.Plan{}, err
	}
	return p, nil
}

// action is what a migration does to its table.
type action int

const (
	blank  action = iota // no table: the user writes it
	change               // --table without fields: an empty s.Table block
	create
	addCols
	removeCols
	drop
)

// migration is a resolved Options: what to do to which table, with which columns.
type migration struct {
	version int64
	name    string
	action  action
	table   string
	body    []chain // the columns to create, add or remove (drop: to recreate)
}

var namePattern = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[a-z][a-z0-9_]*$`) })

// resolve checks the options and works out the migration's action and table.
func resolve(o Options) (migration, error) {
	if err := checkVersion(o.Version); err != nil {
		return migration{}, err
	}
	if !namePattern().MatchString(o.Name) || len(o.Name) > 200 {
		return migration{}, specError("migration name", o.Name, "use snake_case letters, digits and _, starting with a letter (e.g. create_posts_table)")
	}
	m := migration{version: o.Version, name: o.Name}
	guess := guessFromName(o.Name)
	switch {
	case o.Create && o.Table == "":
		return m, specError("migration name", o.Name, "--create needs a table name")
	case o.Table != "":
		if guess.table != "" && guess.table != o.Table {
			return m, specError("migration name", o.Name, fmt.Sprintf("the name is about table %s, but --%s names %s; rename the migration or drop the flag", guess.table, flagName(o.Create), o.Table))
		}
		m.action, m.table = flagAction(o, guess), o.Table
	default:
		m.action, m.table = guess.action, guess.table
	}
	if m.table != "" {
		if _, err := spec.ParseTable(m.table); err != nil {
			return m, err
		}
	}
	return m, m.setBody(o.Fields)
}

func flagName(create bool) string {
	if create {
		return "create"
	}
	return "table"
}

// flagAction is the action an explicit --create or --table asks for; with --table,
// a name that says add_…_to or remove_…_from keeps its direction.
func flagAction(o Options, guess guessed) action {
	if o.Create {
		return create
	}
	if guess.action == removeCols || guess.action == addCols || guess.action == drop {
		return guess.action
	}
	if len(o.Fields) > 0 {
		return addCols
	}
	return change
}

// setBody turns the fields into builder chains — for a table to create (or to
// recreate when rolling back a drop) with an id and timestamps around them, as
// Laravel's make:migration does — refusing fields a migration has no table for.
func (m *migration) setBody(fields []spec.Field) error {
	var chains []chain
	for _, f := range fields {
		chains = append(chains, fieldChain(f))
	}
	switch {
	case m.action == create || m.action == drop && len(fields) > 0:
		m.body = createChains(chains)
	case len(fields) > 0 && (m.action == blank || m.action == change):
		return specError("migration name", m.name, "fields need a table: name the migration create_X_table, add_Y_to_X_table or remove_Y_from_X_table, or pass --create or --table")
	case len(fields) == 0 && (m.action == addCols || m.action == removeCols):
		m.action = change
	default:
		m.body = chains
	}
	return nil
}

func specError(kind, input, msg string) error {
	return &spec.Error{Kind: kind, Input: input, Msg: msg}
}

// add renders the migration into p as a Go or an SQL file.
func add(p *plan.Plan, m migration, sql bool, dialect string) error {
	if sql {
		return addSQL(p, m, dialect)
	}
	return addGo(p, m)
}
