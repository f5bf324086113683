package orm

import (
	"context"
	"database/sql"
	"strconv"
	"strings"
	"time"
	"unsafe"

	"github.com/google/uuid"

	"github.com/kilnhq/kiln/runtime/db"
)

// now is the time the ORM stamps: UTC and truncated to microseconds, the
// precision PostgreSQL keeps, so a stamped model equals its row read back on
// both databases.
func now() time.Time { return time.Now().UTC().Truncate(time.Microsecond) }

// Create inserts v. A zero integer id is left to the database and a zero
// UUID id is generated (version 7: time-ordered, kind to indexes); zero
// created_at and updated_at are set to now; zero `db:"x,default"` columns
// are left to their column default. Values the database fills are read back
// into v. A unique or foreign-key violation is a *db.ConstraintError.
func Create[T any](ctx context.Context, q db.Querier, v *T) error {
	m, err := modelOf[T]()
	if err != nil {
		return err
	}
	if err := creating.run(ctx, q, v); err != nil {
		return err
	}
	base := unsafe.Pointer(v)
	if err := m.fillKey(base); err != nil {
		return err
	}
	t := now()
	for _, i := range []int{m.createdAt, m.updatedAt} {
		if i >= 0 && m.cols[i].isZero(base) {
			*(*time.Time)(m.cols[i].ptr(base)) = t
		}
	}
	if err := m.insert(ctx, q, base); err != nil {
		return err
	}
	return created.run(ctx, q, v)
}

// fillKey generates a UUID primary key when it is zero.
func (m *model) fillKey(base unsafe.Pointer) error {
	pk := &m.cols[m.pk]
	if m.pkKind != pkUUID || !pk.isZero(base) {
		return nil
	}
	id, err := uuid.NewV7()
	if err != nil {
		return errorf("generate %s id: %w", m.name, err)
	}
	*(*uuid.UUID)(pk.ptr(base)) = id
	return nil
}

// insert writes the row, leaving out zero columns the database fills and
// reading them back with RETURNING.
func (m *model) insert(ctx context.Context, q db.Querier, base unsafe.Pointer) error {
	var omitted []int
	for i := range m.cols {
		if m.cols[i].omitZero && m.cols[i].isZero(base) {
			omitted = append(omitted, i)
		}
	}
	d := q.Dialect()
	sqlText := m.insertSQL(d, omitted)
	sqlite := d.Name() == db.SQLite
	args := make([]any, 0, len(m.cols)-len(omitted))
	for i := range m.cols {
		if !contains(omitted, i) {
			args = append(args, m.cols[i].bind(sqlite, m.cols[i].value(base)))
		}
	}
	var err error
	if len(omitted) == 0 {
		_, err = exec(ctx, q, sqlText, args)
	} else {
		err = query(ctx, q, true, sqlText, args, func(rows *sql.Rows) error {
			if !rows.Next() {
				return sql.ErrNoRows
			}
			dest := make([]any, len(omitted))
			for j, i := range omitted {
				dest[j] = m.cols[i].addr(base)
			}
			return rows.Scan(dest...)
		})
	}
	if err != nil {
		return errorf("insert into %s: %w", m.table, db.ClassifyError(err))
	}
	return nil
}

// insertSQL is the INSERT for the given omitted columns, cached per set.
func (m *model) insertSQL(d db.Dialect, omitted []int) string {
	op := "insert"
	for _, i := range omitted {
		op += "," + strconv.Itoa(i)
	}
	return m.cachedSQL(d, op, func() string {
		s := &sqlBuilder{d: d}
		s.WriteString("INSERT INTO " + d.Quote(m.table))
		var cols, returning []string
		for i, c := range m.cols {
			if contains(omitted, i) {
				returning = append(returning, d.Quote(c.name))
			} else {
				cols = append(cols, d.Quote(c.name))
			}
		}
		if len(cols) == 0 {
			s.WriteString(" DEFAULT VALUES")
		} else {
			s.WriteString(" (" + strings.Join(cols, ", ") + ") VALUES (")
			for i := range cols {
				s.WriteString(pick(i > 0, ", ", "") + d.Placeholder(i+1))
			}
			s.WriteByte(')')
		}
		if len(returning) > 0 {
			s.WriteString(" RETURNING " + strings.Join(returning, ", "))
		}
		return s.String()
	})
}

func contains(list []int, i int) bool {
	for _, x := range list {
		if x == i {
			return true
		}
	}
	return false
}

// Update writes every column of v (except id, created_at and deleted_at) to
// its row and sets updated_at to now. A row that no longer exists is a
// *NotFoundError.
func Update[T any](ctx context.Context, q db.Querier, v *T) error {
	m, base, err := existing(v)
	if err != nil {
		return err
	}
	if err := updating.run(ctx, q, v); err != nil {
		return err
	}
	if m.updatedAt >= 0 {
		*(*time.Time)(m.cols[m.updatedAt].ptr(base)) = now()
	}
	sqlite := q.Dialect().Name() == db.SQLite
	var args []any
	for i := range m.cols {
		if m.updatable(i) {
			args = append(args, m.cols[i].bind(sqlite, m.cols[i].value(base)))
		}
	}
	args = append(args, m.cols[m.pk].value(base))
	if err := m.write(ctx, q, "update", m.updateSQL(q.Dialect()), args); err != nil {
		return err
	}
	return updated.run(ctx, q, v)
}

// updatable reports whether Update writes column i.
func (m *model) updatable(i int) bool {
	return i != m.pk && i != m.createdAt && i != m.deletedAt
}

func (m *model) updateSQL(d db.Dialect) string {
	return m.cachedSQL(d, "update", func() string {
		s := &sqlBuilder{d: d}
		s.WriteString("UPDATE " + d.Quote(m.table) + " SET ")
		n := 0
		for i, c := range m.cols {
			if m.updatable(i) {
				n++
				s.WriteString(pick(n > 1, ", ", "") + d.Quote(c.name) + " = " + d.Placeholder(n))
			}
		}
		s.WriteString(" WHERE " + d.Quote(m.cols[m.pk].name) + " = " + d.Placeholder(n+1))
		return s.String()
	})
}

// existing returns v's model and address, refusing a zero primary key: an
// unsaved model has no row to change.
func existing[T any](v *T) (*model, unsafe.Pointer, error) {
	m, err := modelOf[T]()
	if err != nil {
		return nil, nil, err
	}
	base := unsafe.Pointer(v)
	if m.cols[m.pk].isZero(base) {
		return nil, nil, errorf("%s has a zero id: create it first", m.name)
	}
	return m, base, nil
}

// write runs an UPDATE or DELETE of one row by key and reports a missing row
// as a *NotFoundError.
func (m *model) write(ctx context.Context, q db.Querier, verb, sqlText string, args []any) error {
	res, err := exec(ctx, q, sqlText, args)
	if err != nil {
		return errorf("%s %s: %w", verb, m.table, db.ClassifyError(err))
	}
	if n, err := res.RowsAffected(); err == nil && n == 0 {
		return &NotFoundError{Model: m.name, Key: args[len(args)-1]}
	}
	return nil
}
