// Package ddl renders schema changes as SQL for SQLite and PostgreSQL. It is pure —
// no database access — so runtime/migrate runs its statements inside migrations and
// kiln's `make migration --sql` writes the very same statements into files: one
// implementation of the type table in docs/data-layer.md, not two that drift apart.
//
// Build a [Table] with Laravel-named column builders, then render it with
// [Table.CreateStatements], or read an alteration's [Op]s with [Table.Ops] and render
// each with the helpers (AddColumnStatements, DropColumnStatement, …).
package ddl

import (
	"fmt"
	"strings"
)

// Dialect is the SQL dialect statements are rendered for.
type Dialect string

// The dialects kiln supports; the names match runtime/db's driver names.
const (
	SQLite   Dialect = "sqlite"
	Postgres Dialect = "postgres"
)

// MaxIdentLen is PostgreSQL's identifier limit (NAMEDATALEN-1). Longer names are
// silently truncated by PostgreSQL, so kiln refuses them instead (and shortens the
// index names it derives itself, see IndexName).
const MaxIdentLen = 63

// ParseDialect accepts a DB_DRIVER value: sqlite (the default for ""), or postgres
// and its aliases pgx and postgresql.
func ParseDialect(name string) (Dialect, error) {
	switch name {
	case "", "sqlite", "sqlite3":
		return SQLite, nil
	case "postgres", "pgx", "postgresql":
		return Postgres, nil
	}
	return "", fmt.Errorf("unknown dialect %q: use sqlite or postgres", name)
}

// Quote double-quotes an identifier, as both databases do, doubling embedded quotes,
// so a column named order or group can never break a statement.
func (d Dialect) Quote(ident string) string {
	return `"` + strings.ReplaceAll(ident, `"`, `""`) + `"`
}

// quoteList quotes and comma-joins identifiers: "a", "b".
func (d Dialect) quoteList(idents []string) string {
	q := make([]string, len(idents))
	for i, id := range idents {
		q[i] = d.Quote(id)
	}
	return strings.Join(q, ", ")
}

// identProblem says what is wrong with a table, column or index name, or "".
// Schema-qualified names are refused: the builder quotes a name as one identifier.
func identProblem(name string) string {
	switch {
	case name == "":
		return "name is empty"
	case len(name) > MaxIdentLen:
		return fmt.Sprintf("%q is %d bytes long; PostgreSQL allows %d", name, len(name), MaxIdentLen)
	case strings.ContainsRune(name, 0):
		return fmt.Sprintf("%q contains a NUL byte", name)
	case strings.Contains(name, "."):
		return fmt.Sprintf("%q contains a dot; schema-qualified names are not supported", name)
	}
	return ""
}

// CheckIdent returns an error naming what (table, column, index) when name can't be
// used as an identifier.
func CheckIdent(what, name string) error {
	if msg := identProblem(name); msg != "" {
		return fmt.Errorf("invalid %s name: %s", what, msg)
	}
	return nil
}
