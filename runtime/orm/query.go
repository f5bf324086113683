package orm

import (
	"context"
	"database/sql"
	"reflect"
	"unsafe"

	"github.com/kilnhq/kiln/runtime/db"
)

// where writes the WHERE clause: the query's conditions, then the
// soft-delete filter.
func (b *Builder[T]) where(s *sqlBuilder) {
	filter := ""
	switch {
	case !b.m.softDeletes():
	case b.trashed == withoutTrashed:
		filter = b.m.notTrashed(s.d, false)
	case b.trashed == onlyTrashed:
		filter = s.d.Quote(b.m.cols[b.m.deletedAt].name) + " IS NOT NULL"
	}
	if len(b.conds) == 0 && filter == "" {
		return
	}
	s.WriteString(" WHERE ")
	wrap := filter != "" && hasOr(b.conds)
	if wrap {
		s.WriteByte('(')
	}
	render(s, b.conds)
	if wrap {
		s.WriteByte(')')
	}
	if filter != "" {
		if len(b.conds) > 0 {
			s.WriteString(" AND ")
		}
		s.WriteString(filter)
	}
}

// selectSQL renders the full SELECT with order, limit and offset.
func (b *Builder[T]) selectSQL(d db.Dialect) (string, []any) {
	s := &sqlBuilder{d: d}
	s.WriteString(b.m.selectFrom(d))
	b.where(s)
	for i := 0; i < len(b.orders); i += 2 {
		s.WriteString(pick(i == 0, " ORDER BY ", ", "))
		s.operand(&b.m.cols[b.m.byName[b.orders[i]]])
		s.WriteString(" " + b.orders[i+1])
	}
	switch {
	case b.limit >= 0:
		s.WriteString(" LIMIT ")
		s.arg(b.limit)
	case b.offset >= 0 && d.Name() == db.SQLite:
		s.WriteString(" LIMIT -1") // SQLite has no OFFSET without LIMIT
	}
	if b.offset >= 0 {
		s.WriteString(" OFFSET ")
		s.arg(b.offset)
	}
	return s.String(), s.args
}

// Get runs the query and returns every matching row, with the relations
// asked for by With loaded. No rows is an empty slice, not an error.
func (b *Builder[T]) Get(ctx context.Context) ([]T, error) {
	if b.err != nil {
		return nil, b.err
	}
	sqlText, args := b.selectSQL(b.q.Dialect())
	items := make([]T, 0, capacity(b.limit))
	err := query(ctx, b.q, false, sqlText, args, func(rows *sql.Rows) error {
		return scanAll(rows, b.m, &items)
	})
	if err != nil {
		return nil, errorf("select from %s: %w", b.m.table, err)
	}
	if len(b.with) > 0 && len(items) > 0 {
		if err := loadRelations(ctx, b.q, b.m, reflect.ValueOf(items), b.with); err != nil {
			return nil, err
		}
	}
	return items, nil
}

// capacity guesses the result size from the limit.
func capacity(limit int) int {
	if limit >= 0 && limit <= 1000 {
		return limit
	}
	return 16
}

// scanAll appends one T per row, scanning straight into the new element.
func scanAll[T any](rows *sql.Rows, m *model, items *[]T) error {
	dest := make([]any, len(m.cols))
	for rows.Next() {
		var zero T
		*items = append(*items, zero)
		base := unsafe.Pointer(&(*items)[len(*items)-1])
		for i := range m.cols {
			dest[i] = m.cols[i].addr(base)
		}
		if err := rows.Scan(dest...); err != nil {
			return err
		}
	}
	return nil
}

// First returns the first matching row (by primary key unless OrderBy was
// called), or a *NotFoundError matching ErrNotFound.
func (b *Builder[T]) First(ctx context.Context) (*T, error) {
	if b.err != nil {
		return nil, b.err
	}
	return b.Clone().first(ctx, nil)
}

// Find returns the row with primary key id within the query (so
// Query[Post](q).WithTrashed().With("Author").Find(ctx, 7) works), or a
// *NotFoundError matching ErrNotFound. The query's offset does not apply.
func (b *Builder[T]) Find(ctx context.Context, id any) (*T, error) {
	if b.err != nil {
		return nil, b.err
	}
	q := b.Clone()
	q.offset = -1
	return q.Where(b.m.cols[b.m.pk].name, "=", id).first(ctx, id)
}

// first runs the query for one row. It changes b: callers pass a clone.
func (b *Builder[T]) first(ctx context.Context, key any) (*T, error) {
	if b.err != nil {
		return nil, b.err
	}
	b.defaultOrder()
	b.limit = 1
	items, err := b.Get(ctx)
	if err != nil {
		return nil, err
	}
	if len(items) == 0 {
		return nil, &NotFoundError{Model: b.m.name, Key: key}
	}
	return &items[0], nil
}

// defaultOrder sorts by primary key when nothing else was asked for, so
// First and pages are deterministic.
func (b *Builder[T]) defaultOrder() {
	if len(b.orders) == 0 {
		b.orders = []string{b.m.cols[b.m.pk].name, "ASC"}
	}
}

// Count returns the number of matching rows (ignoring order, limit and
// offset).
func (b *Builder[T]) Count(ctx context.Context) (int64, error) {
	if b.err != nil {
		return 0, b.err
	}
	var n int64
	err := b.scalar(ctx, "SELECT count(*) FROM ", "", &n)
	return n, err
}

// Exists reports whether any row matches.
func (b *Builder[T]) Exists(ctx context.Context) (bool, error) {
	if b.err != nil {
		return false, b.err
	}
	var one int64
	err := b.scalar(ctx, "SELECT 1 FROM ", " LIMIT 1", &one)
	return one == 1, err
}

// scalar runs head + table + WHERE + tail and scans the single value, if
// any row came back.
func (b *Builder[T]) scalar(ctx context.Context, head, tail string, dest any) error {
	s := &sqlBuilder{d: b.q.Dialect()}
	s.WriteString(head)
	s.ident(b.m.table)
	b.where(s)
	s.WriteString(tail)
	err := query(ctx, b.q, false, s.String(), s.args, func(rows *sql.Rows) error {
		if rows.Next() {
			return rows.Scan(dest)
		}
		return nil
	})
	if err != nil {
		return errorf("select from %s: %w", b.m.table, err)
	}
	return nil
}

// Find returns the live row of T with primary key id, or a *NotFoundError
// matching ErrNotFound. It is the fast path for the most common query: the
// statement is built once per model and stays prepared.
func Find[T any](ctx context.Context, q db.Querier, id any) (*T, error) {
	m, err := modelOf[T]()
	if err != nil {
		return nil, err
	}
	t := new(T)
	found := false
	err = query(ctx, q, false, m.findSQL(q.Dialect()), []any{id}, func(rows *sql.Rows) error {
		if !rows.Next() {
			return nil
		}
		found = true
		return rows.Scan(m.dest(unsafe.Pointer(t))...)
	})
	switch {
	case err != nil:
		return nil, errorf("find %s: %w", m.name, err)
	case !found:
		return nil, &NotFoundError{Model: m.name, Key: id}
	}
	return t, nil
}
