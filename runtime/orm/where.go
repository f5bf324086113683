package orm

import (
	"reflect"
	"strings"
)

// operators maps the comparison operators Where accepts (in any case) to
// their SQL. Anything else is refused: operators are written into the SQL
// text, so they must never come from a request unchecked.
//
// like follows the database: case-insensitive for ASCII letters on SQLite,
// case-sensitive on PostgreSQL. ilike is case-insensitive on both: ILIKE on
// PostgreSQL, LIKE on SQLite (which folds ASCII letters only, so "É" and
// "é" differ there).
var operators = map[string]string{
	"=": "=", "!=": "<>", "<>": "<>", "<": "<", "<=": "<=", ">": ">", ">=": ">=",
	"like": "LIKE", "not like": "NOT LIKE", "ilike": "ILIKE", "not ilike": "NOT ILIKE",
}

// sqliteOps are the operators SQLite spells differently.
var sqliteOps = map[string]string{"ILIKE": "LIKE", "NOT ILIKE": "NOT LIKE"}

type condKind int

const (
	condCompare condKind = iota
	condIn
	condNotIn
	condNull
	condNotNull
	condGroup
)

// cond is one condition of a WHERE clause, joined to the previous one with
// AND or, when or is set, OR.
type cond struct {
	or    bool
	kind  condKind
	col   *column // a column of the model, checked by Builder.add
	op    string  // SQL operator, for condCompare
	args  []any
	group []cond // for condGroup
}

// render writes conds to b; an empty list writes nothing.
func render(b *sqlBuilder, conds []cond) {
	for i, c := range conds {
		switch {
		case i == 0:
		case c.or:
			b.WriteString(" OR ")
		default:
			b.WriteString(" AND ")
		}
		c.render(b)
	}
}

func (c cond) render(b *sqlBuilder) {
	switch c.kind {
	case condGroup:
		b.WriteByte('(')
		render(b, c.group)
		b.WriteByte(')')
		return
	case condIn, condNotIn:
		renderIn(b, c)
		return
	}
	switch c.kind {
	case condNull:
		b.ident(c.col.name)
		b.WriteString(" IS NULL")
	case condNotNull:
		b.ident(c.col.name)
		b.WriteString(" IS NOT NULL")
	default:
		op := c.op
		if b.isSQLite() {
			if o, ok := sqliteOps[op]; ok {
				op = o
			}
		}
		if strings.HasSuffix(op, "LIKE") {
			// A pattern is text: no cast, no conversion.
			b.ident(c.col.name)
			b.WriteString(" " + op + " ")
			b.arg(c.args[0])
			return
		}
		b.operand(c.col)
		b.WriteString(" " + op + " ")
		b.value(c.col, c.args[0])
	}
}

// renderIn writes col IN (...). An empty list matches nothing (NOT IN: all
// rows) rather than being invalid SQL.
func renderIn(b *sqlBuilder, c cond) {
	not := c.kind == condNotIn
	if len(c.args) == 0 {
		b.WriteString(pick(not, "1 = 1", "1 = 0"))
		return
	}
	b.operand(c.col)
	b.WriteString(pick(not, " NOT IN (", " IN ("))
	for i, a := range padded(c.args) {
		if i > 0 {
			b.WriteString(", ")
		}
		b.value(c.col, a)
	}
	b.WriteByte(')')
}

func writeInList(b *sqlBuilder, args []any) {
	for i, a := range args {
		if i > 0 {
			b.WriteString(", ")
		}
		b.arg(a)
	}
}

// padded repeats the last value up to the next power of two, so IN lists of
// any length produce a handful of statement shapes that the statement cache
// can keep (duplicates do not change what IN matches).
func padded(args []any) []any {
	n := 1
	for n < len(args) {
		n *= 2
	}
	if n == len(args) {
		return args
	}
	out := make([]any, n)
	copy(out, args)
	for i := len(args); i < n; i++ {
		out[i] = args[len(args)-1]
	}
	return out
}

// hasOr reports whether conds has a top-level OR, which must be wrapped in
// parentheses before another condition is ANDed to it.
func hasOr(conds []cond) bool {
	for _, c := range conds {
		if c.or {
			return true
		}
	}
	return false
}

// operator normalises and checks op.
func operator(op string) (string, bool) {
	sqlOp, ok := operators[strings.ToLower(strings.Join(strings.Fields(op), " "))]
	return sqlOp, ok
}

// expand turns WhereIn's arguments into a flat list: WhereIn("id", 1, 2) and
// WhereIn("id", ids) for any slice ids both work. Byte slices are values.
func expand(values []any) []any {
	if len(values) != 1 {
		return values
	}
	v := reflect.ValueOf(values[0])
	if v.Kind() != reflect.Slice || v.Type().Elem().Kind() == reflect.Uint8 {
		return values
	}
	out := make([]any, v.Len())
	for i := range out {
		out[i] = v.Index(i).Interface()
	}
	return out
}

// isNil reports whether v is nil or a nil pointer, which = and <> can never
// match in SQL.
func isNil(v any) bool {
	if v == nil {
		return true
	}
	rv := reflect.ValueOf(v)
	return rv.Kind() == reflect.Pointer && rv.IsNil()
}

func pick(cond bool, yes, no string) string {
	if cond {
		return yes
	}
	return no
}
