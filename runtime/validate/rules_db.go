package validate

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"net/http"
	"reflect"
	"strings"

	"github.com/go-playground/validator/v10"
)

// Row names one database row by its table and its id column's value.
type Row struct {
	Table string
	ID    any
}

// RowIgnorer is implemented by update requests: their unique rules on
// Row.Table skip the row being updated, so saving a record with its own
// unchanged email is not "already taken". Bind calls IgnoreRow before
// validating; an error (a malformed id in the path) is returned as is.
type RowIgnorer interface {
	IgnoreRow(r *http.Request) (Row, error)
}

// ignoreKey is the context key of the Row unique rules skip.
type ignoreKey struct{}

// Ignoring returns ctx telling Struct's unique rules on row.Table to skip the
// row whose id is row.ID, for code that validates without Bind.
func Ignoring(ctx context.Context, row Row) context.Context {
	return context.WithValue(ctx, ignoreKey{}, &row)
}

func ignoredRow(ctx context.Context) *Row {
	row, _ := ctx.Value(ignoreKey{}).(*Row)
	return row
}

// uniqueRule is unique=table.column: no row has the value yet (other than the
// ignored row). NULL never collides, so a nil value passes.
func uniqueRule(ctx context.Context, fl validator.FieldLevel) bool {
	st := stateFrom(ctx)
	table, column, err := dbTarget("unique", fl.Param())
	if err != nil {
		return st.fail(err)
	}
	value, ok := dbValue(fl.Field())
	if !ok {
		return true
	}
	var ignore *Row
	if st.ignore != nil && st.ignore.Table == table {
		ignore = st.ignore
	}
	found, err := rowExists(ctx, st, table, column, value, ignore)
	if err != nil {
		return st.fail(err)
	}
	return !found
}

// existsRule is exists=table.column: some row has the value, as a foreign key
// needs. A nil value passes; whether it may be nil is required's business.
func existsRule(ctx context.Context, fl validator.FieldLevel) bool {
	st := stateFrom(ctx)
	table, column, err := dbTarget("exists", fl.Param())
	if err != nil {
		return st.fail(err)
	}
	value, ok := dbValue(fl.Field())
	if !ok {
		return true
	}
	found, err := rowExists(ctx, st, table, column, value, nil)
	if err != nil {
		return st.fail(err)
	}
	return found
}

// rowExists asks whether table has a row whose column equals value, leaving
// out the ignored row.
func rowExists(ctx context.Context, st *callState, table, column string, value any, ignore *Row) (bool, error) {
	if st.q == nil {
		return false, fmt.Errorf("validate: %s.%s: unique and exists rules need a database; pass a db.Querier to Bind", table, column)
	}
	d := st.q.Dialect()
	query := "SELECT 1 FROM " + d.Quote(table) + " WHERE " + d.Quote(column) + " = " + d.Placeholder(1)
	args := []any{value}
	if ignore != nil {
		query += " AND " + d.Quote("id") + " <> " + d.Placeholder(2)
		args = append(args, ignore.ID)
	}
	var one int
	err := st.q.QueryRowContext(ctx, query+" LIMIT 1", args...).Scan(&one)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return false, nil
	case err != nil:
		return false, fmt.Errorf("validate: check %s.%s: %w", table, column, err)
	}
	return true, nil
}

// dbTarget splits a rule's table.column parameter.
func dbTarget(rule, param string) (table, column string, err error) {
	table, column, ok := strings.Cut(param, ".")
	if !ok || table == "" || column == "" || strings.Contains(column, ".") {
		return "", "", fmt.Errorf("validate: %s=%q: write %s=table.column", rule, param, rule)
	}
	return table, column, nil
}

// dbValue is the field's value as a query argument; ok is false for NULL
// (a nil pointer, or a driver.Valuer such as decimal.NullDecimal that is not
// valid) and for an empty string, which optional fields leave behind.
func dbValue(v reflect.Value) (any, bool) {
	if !v.IsValid() || (v.Kind() == reflect.Pointer && v.IsNil()) {
		return nil, false
	}
	value := v.Interface()
	if valuer, ok := value.(driver.Valuer); ok {
		dv, err := valuer.Value()
		if err != nil || dv == nil {
			return nil, false
		}
		return dv, true
	}
	if v.Kind() == reflect.String && v.Len() == 0 {
		return nil, false
	}
	return value, true
}
