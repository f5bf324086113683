package ddl

import (
	"fmt"
	"strings"
)

// SQLiteTable is a CREATE TABLE statement as SQLite stores it in sqlite_schema,
// split into column definitions and table constraints. SQLite's ALTER TABLE can't add
// every kind of column, so runtime/migrate rebuilds such tables from this, with the
// original definitions kept verbatim.
type SQLiteTable struct {
	Columns     []string // column definitions, in order
	Constraints []string // table constraints: PRIMARY KEY (…), FOREIGN KEY …, CHECK …
	Options     string   // what follows the closing parenthesis: WITHOUT ROWID, STRICT
}

// constraintWords start a table constraint rather than a column definition.
var constraintWords = map[string]bool{"CONSTRAINT": true, "PRIMARY": true, "UNIQUE": true, "CHECK": true, "FOREIGN": true}

// ParseSQLiteTable splits a stored CREATE TABLE statement. It understands SQL's
// quoting ('…', "…", `…`, […]) and comments, so commas and parentheses inside
// them never split a definition.
func ParseSQLiteTable(stmt string) (*SQLiteTable, error) {
	open := scanTo(stmt, 0, '(')
	if open < 0 {
		return nil, fmt.Errorf("not a CREATE TABLE … (…) statement: %.60q", stmt)
	}
	t := &SQLiteTable{}
	start, depth := open+1, 0
	for i := open + 1; i < len(stmt); i = skip(stmt, i) {
		switch stmt[i] {
		case '(':
			depth++
		case ')':
			if depth == 0 {
				t.addDef(stmt[start:i])
				t.Options = strings.TrimSpace(stmt[i+1:])
				return t, nil
			}
			depth--
		case ',':
			if depth == 0 {
				t.addDef(stmt[start:i])
				start = i + 1
			}
		}
	}
	return nil, fmt.Errorf("unbalanced parentheses in %.60q", stmt)
}

// addDef files a definition under columns or constraints. Comments are dropped: a
// trailing -- comment would swallow the comma that joins the next definition.
func (t *SQLiteTable) addDef(def string) {
	def = strings.TrimSpace(stripComments(def))
	word, _, _ := strings.Cut(def, " ")
	if constraintWords[strings.ToUpper(strings.TrimRight(word, "(\n\t"))] {
		t.Constraints = append(t.Constraints, def)
		return
	}
	t.Columns = append(t.Columns, def)
}

// Statement renders the table as CREATE TABLE name, column definitions before
// constraints, as SQL requires.
func (t *SQLiteTable) Statement(name string) string {
	stmt := CreateTableStatement(SQLite, name, append(append([]string{}, t.Columns...), t.Constraints...))
	if t.Options != "" {
		stmt += " " + t.Options
	}
	return stmt
}

// ColumnNames are the names of the table's columns, unquoted.
func (t *SQLiteTable) ColumnNames() []string {
	names := make([]string, len(t.Columns))
	for i, def := range t.Columns {
		names[i] = firstIdent(def)
	}
	return names
}

// firstIdent reads the identifier a definition starts with, unquoting it.
func firstIdent(def string) string {
	if def == "" {
		return ""
	}
	switch q := def[0]; q {
	case '"', '`', '[':
		end := skip(def, 0)
		inner := def[1 : end-1]
		if q == '"' || q == '`' {
			inner = strings.ReplaceAll(inner, string(q)+string(q), string(q))
		}
		return inner
	}
	end := strings.IndexAny(def, " \t\n\r(")
	if end < 0 {
		return def
	}
	return def[:end]
}

// stripComments replaces each comment with a space.
func stripComments(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		next := skip(s, i)
		if strings.HasPrefix(s[i:], "--") || strings.HasPrefix(s[i:], "/*") {
			b.WriteByte(' ')
		} else {
			b.WriteString(s[i:next])
		}
		i = next
	}
	return b.String()
}

// scanTo returns the index of the first c at or after i outside quotes and comments.
func scanTo(s string, i int, c byte) int {
	for ; i < len(s); i = skip(s, i) {
		if s[i] == c {
			return i
		}
	}
	return -1
}

// skip returns the index after the token starting at i: a whole quoted string or
// comment, or one byte.
func skip(s string, i int) int {
	switch c := s[i]; {
	case c == '\'' || c == '"' || c == '`':
		for j := i + 1; j < len(s); j++ {
			if s[j] == c {
				if j+1 < len(s) && s[j+1] == c {
					j++
					continue
				}
				return j + 1
			}
		}
		return len(s)
	case c == '[':
		if j := strings.IndexByte(s[i:], ']'); j >= 0 {
			return i + j + 1
		}
		return len(s)
	case strings.HasPrefix(s[i:], "--"):
		if j := strings.IndexByte(s[i:], '\n'); j >= 0 {
			return i + j + 1
		}
		return len(s)
	case strings.HasPrefix(s[i:], "/*"):
		if j := strings.Index(s[i+2:], "*/"); j >= 0 {
			return i + 2 + j + 2
		}
		return len(s)
	}
	return i + 1
}
