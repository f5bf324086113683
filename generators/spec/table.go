package spec

import (
	"fmt"
	"strings"
)

// ParseTable validates an explicit table name (from --table or
// belongs_to=<table>). Table names are used unquoted in generated SQL, so
// they must be lower snake_case ([a-z][a-z0-9_]*), at most 63 characters
// (PostgreSQL's identifier limit) and not an SQL reserved word.
func ParseTable(s string) (string, error) {
	const kind = "table name"
	if s == "" {
		return "", errorf(kind, s, "name is empty; give a table name such as blog_posts")
	}
	if msg := textProblem(s, "use _ between words (e.g. blog_posts)"); msg != "" {
		return "", errorf(kind, s, "%s", msg)
	}
	if msg := identProblem(s, "blog_posts"); msg != "" {
		return "", errorf(kind, s, "%s", msg)
	}
	if lower := strings.ToLower(s); lower != s {
		return "", errorf(kind, s, "use lower case letters, digits and _ (e.g. %s)", strings.Join(splitWords(s), "_"))
	}
	if msg := tableProblem(s); msg != "" {
		return "", errorf(kind, s, "%s", msg)
	}
	return s, nil
}

// tableProblem checks a well-formed snake_case table name against the
// databases' limits; the message reads after the table name ("… is an SQL
// reserved word").
func tableProblem(t string) string {
	switch {
	case len(t) > maxIdentLen:
		return fmt.Sprintf("is %d characters long; PostgreSQL allows %d, use a shorter name", len(t), maxIdentLen)
	case sQLReserved[t]:
		return "is an SQL reserved word; pick another name"
	case strings.HasPrefix(t, "sqlite_"):
		return `starts with "sqlite_", which SQLite reserves for itself; pick another name`
	case strings.HasPrefix(t, "pg_"):
		return `starts with "pg_", which PostgreSQL reserves for system objects; pick another name`
	case t == "goose_db_version":
		return "is the migration history table; pick another name"
	}
	return ""
}
