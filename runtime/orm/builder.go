package orm

import (
	"strings"

	"github.com/kilnhq/kiln/runtime/db"
)

// Builder builds and runs a query for model T. Its methods add to the query
// and return the same builder, so calls chain; a mistake (an unknown column,
// a bad operator) is remembered and returned by the terminal method (Get,
// First, Find, Count, Exists, Paginate). Terminal methods leave the builder
// as it was, so one builder can run several of them (a page and then its
// count, Find for several ids). A Builder is for one goroutine; use Clone to
// branch a query.
type Builder[T any] struct {
	q       db.Querier
	m       *model
	err     error
	conds   []cond
	orders  []string // column, then "ASC" or "DESC"
	limit   int      // -1: none
	offset  int      // -1: none
	with    []string
	trashed trashed
}

// trashed says which rows a query sees in a soft-deleting model.
type trashed int

const (
	withoutTrashed trashed = iota // the default: live rows only
	withTrashed
	onlyTrashed
)

// Scope is a reusable piece of a query, such as
//
//	func Published(b *orm.Builder[Post]) *orm.Builder[Post] {
//		return b.Where("status", "=", PostStatusPublished)
//	}
//
// applied with Query[Post](q).Scope(Published).
type Scope[T any] func(*Builder[T]) *Builder[T]

// Query starts a query for model T on q (a *db.DB or a *db.Tx).
func Query[T any](q db.Querier) *Builder[T] {
	m, err := modelOf[T]()
	return &Builder[T]{q: q, m: m, err: err, limit: -1, offset: -1}
}

// Clone returns an independent copy of the query so far.
func (b *Builder[T]) Clone() *Builder[T] {
	c := *b
	c.conds = append([]cond(nil), b.conds...)
	c.orders = append([]string(nil), b.orders...)
	c.with = append([]string(nil), b.with...)
	return &c
}

// fail records the first error; later calls keep it.
func (b *Builder[T]) fail(err error) *Builder[T] {
	if b.err == nil {
		b.err = err
	}
	return b
}

// add appends a condition on col, which must be one of the model's columns.
func (b *Builder[T]) add(clause, col string, c cond) *Builder[T] {
	if b.err != nil {
		return b
	}
	column, err := b.m.column(col)
	if err != nil {
		return b.fail(errorf("%s: %w", clause, err))
	}
	c.col = column
	b.conds = append(b.conds, c)
	return b
}

// Where adds "col op value", ANDed to the conditions before it. op is one of
// = != <> < <= > >= like "not like" ilike "not ilike". value is always a
// bound parameter; use WhereNull for NULL.
//
// like is case-insensitive for ASCII letters on SQLite but case-sensitive on
// PostgreSQL; ilike is case-insensitive on both (ILIKE on PostgreSQL, LIKE
// on SQLite, which folds ASCII letters only). Decimal columns compare as
// numbers and time columns as instants on both databases (on SQLite, which
// stores both as text, the ORM casts decimals and binds times in UTC), and a
// date column (`db:"col,date"`) compares with the calendar day of a time.
func (b *Builder[T]) Where(col, op string, value any) *Builder[T] {
	return b.compare("where", false, col, op, value)
}

// OrWhere is Where joined with OR: Where(a).OrWhere(b).Where(c) means
// a OR b AND c, as in SQL; use WhereGroup for other groupings.
func (b *Builder[T]) OrWhere(col, op string, value any) *Builder[T] {
	return b.compare("or where", true, col, op, value)
}

func (b *Builder[T]) compare(clause string, or bool, col, op string, value any) *Builder[T] {
	sqlOp, ok := operator(op)
	switch {
	case !ok:
		return b.fail(errorf("%s %s: operator %q is not allowed; use = != < <= > >= like, not like, ilike or not ilike", clause, col, op))
	case isNil(value):
		return b.fail(errorf("%s %s %s nil: use WhereNull or WhereNotNull", clause, col, op))
	}
	return b.add(clause, col, cond{or: or, kind: condCompare, op: sqlOp, args: []any{value}})
}

// WhereIn adds "col IN (values)". values may be listed or passed as one
// slice: WhereIn("id", 1, 2, 3) or WhereIn("id", ids). No values match no
// rows.
func (b *Builder[T]) WhereIn(col string, values ...any) *Builder[T] {
	return b.add("where in", col, cond{kind: condIn, args: expand(values)})
}

// WhereNotIn adds "col NOT IN (values)"; no values match every row.
func (b *Builder[T]) WhereNotIn(col string, values ...any) *Builder[T] {
	return b.add("where not in", col, cond{kind: condNotIn, args: expand(values)})
}

// WhereNull adds "col IS NULL".
func (b *Builder[T]) WhereNull(col string) *Builder[T] {
	return b.add("where null", col, cond{kind: condNull})
}

// WhereNotNull adds "col IS NOT NULL".
func (b *Builder[T]) WhereNotNull(col string) *Builder[T] {
	return b.add("where not null", col, cond{kind: condNotNull})
}

// WhereGroup ANDs a parenthesised group of conditions built by fn:
// Where("a", …).WhereGroup(func(g) { return g.Where("b", …).OrWhere("c", …) })
// means a AND (b OR c).
func (b *Builder[T]) WhereGroup(fn func(*Builder[T]) *Builder[T]) *Builder[T] {
	return b.group(false, fn)
}

// OrWhereGroup ORs a parenthesised group of conditions built by fn.
func (b *Builder[T]) OrWhereGroup(fn func(*Builder[T]) *Builder[T]) *Builder[T] {
	return b.group(true, fn)
}

func (b *Builder[T]) group(or bool, fn func(*Builder[T]) *Builder[T]) *Builder[T] {
	if b.err != nil {
		return b
	}
	g := fn(&Builder[T]{q: b.q, m: b.m, limit: -1, offset: -1})
	if g.err != nil {
		return b.fail(g.err)
	}
	if len(g.conds) > 0 {
		b.conds = append(b.conds, cond{or: or, kind: condGroup, group: g.conds})
	}
	return b
}

// OrderBy sorts by col, dir being "asc" or "desc" (any case; "" is asc).
// Several calls sort by several columns. Decimal columns sort as numbers on
// both databases.
func (b *Builder[T]) OrderBy(col, dir string) *Builder[T] {
	if b.err != nil {
		return b
	}
	if _, err := b.m.column(col); err != nil {
		return b.fail(errorf("order by: %w", err))
	}
	switch strings.ToLower(dir) {
	case "", "asc":
		dir = "ASC"
	case "desc":
		dir = "DESC"
	default:
		return b.fail(errorf("order by %s: direction %q is not asc or desc", col, dir))
	}
	b.orders = append(b.orders, col, dir)
	return b
}

// Limit returns at most n rows.
func (b *Builder[T]) Limit(n int) *Builder[T] {
	if n < 0 {
		return b.fail(errorf("limit %d is negative", n))
	}
	b.limit = n
	return b
}

// Offset skips the first n rows.
func (b *Builder[T]) Offset(n int) *Builder[T] {
	if n < 0 {
		return b.fail(errorf("offset %d is negative", n))
	}
	b.offset = n
	return b
}

// With eager-loads relations declared by the model's Relations method, one
// query per relation whatever the number of rows: With("Author",
// "Comments"). A dotted path loads a relation of a relation:
// With("Comments.Author").
func (b *Builder[T]) With(relations ...string) *Builder[T] {
	if b.err != nil {
		return b
	}
	for _, path := range relations {
		if err := b.m.checkRelation(path); err != nil {
			return b.fail(err)
		}
	}
	b.with = append(b.with, relations...)
	return b
}

// Scope applies reusable query pieces in order.
func (b *Builder[T]) Scope(scopes ...Scope[T]) *Builder[T] {
	for _, s := range scopes {
		b = s(b)
	}
	return b
}

// WithTrashed includes soft-deleted rows.
func (b *Builder[T]) WithTrashed() *Builder[T] {
	b.trashed = withTrashed
	return b
}

// OnlyTrashed returns soft-deleted rows only. It is an error on a model
// without a deleted_at column.
func (b *Builder[T]) OnlyTrashed() *Builder[T] {
	if b.err == nil && !b.m.softDeletes() {
		return b.fail(errorf("only trashed: %s has no deleted_at column", b.m.name))
	}
	b.trashed = onlyTrashed
	return b
}
