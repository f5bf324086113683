package db

import (
	"strconv"
	"strings"
)

// Dialect is what differs between the SQL the runtime writes for SQLite and for
// PostgreSQL: placeholders and identifier quoting. Both support RETURNING
// (SQLite since 3.35), so inserts read back generated keys the same way.
type Dialect interface {
	Name() string             // "sqlite" or "postgres"
	Placeholder(n int) string // the n-th (1-based) bind parameter: ? or $n
	Quote(ident string) string
}

type sqliteDialect struct{}

func (sqliteDialect) Name() string           { return SQLite }
func (sqliteDialect) Placeholder(int) string { return "?" }
func (sqliteDialect) Quote(id string) string { return quoteIdent(id) }

type postgresDialect struct{}

func (postgresDialect) Name() string             { return Postgres }
func (postgresDialect) Placeholder(n int) string { return "$" + strconv.Itoa(n) }
func (postgresDialect) Quote(id string) string   { return quoteIdent(id) }

// DialectFor returns the dialect of a driver name ("sqlite" or "postgres").
func DialectFor(driver string) Dialect {
	if driver == Postgres {
		return postgresDialect{}
	}
	return sqliteDialect{}
}

// quoteIdent double-quotes an identifier, as both databases do, doubling embedded
// quotes; a dotted name (schema.table) is quoted part by part.
func quoteIdent(id string) string {
	parts := strings.Split(id, ".")
	for i, p := range parts {
		parts[i] = `"` + strings.ReplaceAll(p, `"`, `""`) + `"`
	}
	return strings.Join(parts, ".")
}
