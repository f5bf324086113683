package orm

import (
	"context"
	"time"
	"unsafe"

	"github.com/kilnhq/kiln/runtime/db"
)

// Delete removes v's row. For a model with a deleted_at column it is a soft
// delete: deleted_at (and updated_at) are set to now, and queries skip the
// row until Restore; ForceDelete removes it for good. Deleting a row that is
// gone (or already soft-deleted) is a *NotFoundError.
func Delete[T any](ctx context.Context, q db.Querier, v *T) error {
	m, base, err := existing(v)
	if err != nil {
		return err
	}
	if !m.softDeletes() {
		return ForceDelete(ctx, q, v)
	}
	if err := deleting.run(ctx, q, v); err != nil {
		return err
	}
	t := now()
	sqlText := m.cachedSQL(q.Dialect(), "soft delete", func() string {
		return m.stampSQL(q.Dialect(), m.notTrashed(q.Dialect(), false))
	})
	if err := m.write(ctx, q, "soft delete from", sqlText, m.stampArgs(base, &t, t)); err != nil {
		return err
	}
	m.stamp(base, &t, t)
	return deleted.run(ctx, q, v)
}

// Restore brings back a soft-deleted row: deleted_at becomes NULL and
// updated_at now. Restoring a row that is not soft-deleted (or is gone) is a
// *NotFoundError and changes nothing. It is an error on a model without
// deleted_at.
func Restore[T any](ctx context.Context, q db.Querier, v *T) error {
	m, base, err := existing(v)
	if err != nil {
		return err
	}
	if !m.softDeletes() {
		return errorf("restore: %s has no deleted_at column", m.name)
	}
	t := now()
	d := q.Dialect()
	sqlText := m.cachedSQL(d, "restore", func() string {
		return m.stampSQL(d, d.Quote(m.cols[m.deletedAt].name)+" IS NOT NULL")
	})
	if err := m.write(ctx, q, "restore", sqlText, m.stampArgs(base, nil, t)); err != nil {
		return err
	}
	m.stamp(base, nil, t)
	return nil
}

// ForceDelete removes v's row for good, soft-deleting model or not.
func ForceDelete[T any](ctx context.Context, q db.Querier, v *T) error {
	m, base, err := existing(v)
	if err != nil {
		return err
	}
	if err := deleting.run(ctx, q, v); err != nil {
		return err
	}
	d := q.Dialect()
	sqlText := m.cachedSQL(d, "delete", func() string {
		return "DELETE FROM " + d.Quote(m.table) + " WHERE " + d.Quote(m.cols[m.pk].name) + " = " + d.Placeholder(1)
	})
	if err := m.write(ctx, q, "delete from", sqlText, []any{m.cols[m.pk].value(base)}); err != nil {
		return err
	}
	return deleted.run(ctx, q, v)
}

// stampSQL is "UPDATE t SET deleted_at = ?[, updated_at = ?] WHERE id = ?"
// plus an optional extra condition.
func (m *model) stampSQL(d db.Dialect, extra string) string {
	s := &sqlBuilder{d: d}
	s.WriteString("UPDATE " + d.Quote(m.table) + " SET " + d.Quote(m.cols[m.deletedAt].name) + " = " + d.Placeholder(1))
	n := 1
	if m.updatedAt >= 0 {
		n++
		s.WriteString(", " + d.Quote(m.cols[m.updatedAt].name) + " = " + d.Placeholder(n))
	}
	s.WriteString(" WHERE " + d.Quote(m.cols[m.pk].name) + " = " + d.Placeholder(n+1))
	if extra != "" {
		s.WriteString(" AND " + extra)
	}
	return s.String()
}

// stampArgs are stampSQL's arguments: deleted_at (nil for NULL), updated_at
// if the model has it, and the key.
func (m *model) stampArgs(base unsafe.Pointer, deletedAt *time.Time, t time.Time) []any {
	args := []any{deletedAt}
	if m.updatedAt >= 0 {
		args = append(args, t)
	}
	return append(args, m.cols[m.pk].value(base))
}

// stamp mirrors a soft delete or restore into the struct.
func (m *model) stamp(base unsafe.Pointer, deletedAt *time.Time, t time.Time) {
	*(**time.Time)(m.cols[m.deletedAt].ptr(base)) = deletedAt
	if m.updatedAt >= 0 {
		*(*time.Time)(m.cols[m.updatedAt].ptr(base)) = t
	}
}
