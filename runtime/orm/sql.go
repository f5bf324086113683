package orm

import (
	"strings"

	"github.com/kilnhq/kiln/runtime/db"
)

// sqlKey names one cached statement text of a model.
type sqlKey struct {
	dialect string
	op      string
}

// cachedSQL returns the model's statement text for op on dialect d, building
// it once: the fixed statements (find, update, delete…) are then plain map
// lookups on the hot path.
func (m *model) cachedSQL(d db.Dialect, op string, build func() string) string {
	key := sqlKey{d.Name(), op}
	if s, ok := m.sql.Load(key); ok {
		return s.(string)
	}
	s := build()
	m.sql.Store(key, s)
	return s
}

// selectList is the quoted column list, qualified with the table name when
// the query joins another table.
func (m *model) selectList(d db.Dialect, qualified bool) string {
	var b strings.Builder
	for i, c := range m.cols {
		if i > 0 {
			b.WriteString(", ")
		}
		if qualified {
			b.WriteString(d.Quote(m.table) + ".")
		}
		b.WriteString(d.Quote(c.name))
	}
	return b.String()
}

// selectFrom is "SELECT <columns> FROM <table>".
func (m *model) selectFrom(d db.Dialect) string {
	return m.cachedSQL(d, "select", func() string {
		return "SELECT " + m.selectList(d, false) + " FROM " + d.Quote(m.table)
	})
}

// notTrashed is the condition that hides soft-deleted rows, "" for models
// without deleted_at.
func (m *model) notTrashed(d db.Dialect, qualified bool) string {
	if !m.softDeletes() {
		return ""
	}
	col := d.Quote(m.cols[m.deletedAt].name)
	if qualified {
		col = d.Quote(m.table) + "." + col
	}
	return col + " IS NULL"
}

// findSQL selects one live row by primary key.
func (m *model) findSQL(d db.Dialect) string {
	return m.cachedSQL(d, "find", func() string {
		s := m.selectFrom(d) + " WHERE " + d.Quote(m.cols[m.pk].name) + " = " + d.Placeholder(1)
		if nt := m.notTrashed(d, false); nt != "" {
			s += " AND " + nt
		}
		return s
	})
}

// sqlBuilder writes SQL with numbered placeholders and collects the
// arguments, so conditions can be rendered for either dialect.
type sqlBuilder struct {
	strings.Builder
	d    db.Dialect
	args []any
}

// arg writes a placeholder for v.
func (b *sqlBuilder) arg(v any) {
	b.args = append(b.args, v)
	b.WriteString(b.d.Placeholder(len(b.args)))
}

// ident writes a quoted identifier.
func (b *sqlBuilder) ident(name string) { b.WriteString(b.d.Quote(name)) }
