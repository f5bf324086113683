package orm

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"reflect"

	"github.com/kilnhq/kiln/runtime/db"
)

// maxInKeys caps one IN list; more keys are fetched in several queries.
// It stays well below SQLite's 32766 and PostgreSQL's 65535 parameters.
const maxInKeys = 8192

// keyOf turns a key column's value into a comparable map key, so a parent's
// int64 id and a child's *int64 foreign key, or a uuid.UUID and a
// uuid.NullUUID, meet. NULL keys report false.
func keyOf(v reflect.Value) (any, bool) {
	for v.Kind() == reflect.Pointer {
		if v.IsNil() {
			return nil, false
		}
		v = v.Elem()
	}
	switch v.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return v.Int(), true
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return int64(v.Uint()), true
	case reflect.String:
		return v.String(), true
	}
	return valuerKey(v)
}

// valuerKey keys types such as uuid.UUID and sql.NullInt64 by the value they
// send to the database.
func valuerKey(v reflect.Value) (any, bool) {
	if vl, ok := v.Interface().(driver.Valuer); ok {
		dv, err := vl.Value()
		if err != nil || dv == nil {
			return nil, false
		}
		if b, ok := dv.([]byte); ok {
			return string(b), true
		}
		return dv, true
	}
	if v.Type().Comparable() {
		return v.Interface(), true
	}
	return nil, false
}

// fieldOf is column c of element i of the struct slice s.
func fieldOf(s reflect.Value, i int, c *column) reflect.Value {
	return reflect.NewAt(c.typ, c.ptr(s.Index(i).Addr().UnsafePointer())).Elem()
}

// distinctKeys returns the distinct non-NULL keys in column c of the
// slice's elements (the query arguments) and each element's key (nil for
// NULL), in one pass.
func distinctKeys(s reflect.Value, c *column) (keys, rowKeys []any) {
	rowKeys = make([]any, s.Len())
	seen := make(map[any]bool, s.Len())
	for i := range rowKeys {
		k, ok := keyOf(fieldOf(s, i, c))
		if !ok {
			continue
		}
		rowKeys[i] = k
		if !seen[k] {
			seen[k] = true
			keys = append(keys, k)
		}
	}
	return keys, rowKeys
}

// inQuery selects the rows of m whose key is in a list of keys.
type inQuery struct {
	m        *model
	head     string       // SELECT … FROM … [JOIN …]
	keyCol   string       // quoted (and qualified) column the keys match
	keyField *column      // m's column holding each row's key, or nil…
	extraKey reflect.Type // …the type of keyCol, selected after m's columns
	filter   string       // another condition, ANDed; "" for none
	order    string       // ORDER BY expression; "" for none
}

// run fetches the rows for keys into a new slice of m's type, and each row's
// key. Keys beyond maxInKeys are fetched by further queries.
func (iq inQuery) run(ctx context.Context, q db.Querier, keys []any) (reflect.Value, []any, error) {
	rows := reflect.New(reflect.SliceOf(iq.m.typ)).Elem()
	var rowKeys []any
	for start := 0; start < len(keys); start += maxInKeys {
		chunk := keys[start:min(start+maxInKeys, len(keys))]
		sqlText, args := iq.sql(q.Dialect(), chunk)
		err := query(ctx, q, false, sqlText, args, func(r *sql.Rows) error {
			var err error
			rowKeys, err = iq.scan(r, rows, rowKeys)
			return err
		})
		if err != nil {
			return reflect.Value{}, nil, err
		}
	}
	return rows, rowKeys, nil
}

func (iq inQuery) sql(d db.Dialect, keys []any) (string, []any) {
	s := &sqlBuilder{d: d}
	s.WriteString(iq.head + " WHERE " + iq.keyCol + " IN (")
	writeInList(s, padded(keys))
	s.WriteByte(')')
	if iq.filter != "" {
		s.WriteString(" AND " + iq.filter)
	}
	if iq.order != "" {
		s.WriteString(" ORDER BY " + iq.order)
	}
	return s.String(), s.args
}

// scan appends each row to rows (an addressable slice) and its key to
// rowKeys.
func (iq inQuery) scan(r *sql.Rows, rows reflect.Value, rowKeys []any) ([]any, error) {
	m := iq.m
	dest := make([]any, len(m.cols), len(m.cols)+1)
	var extra reflect.Value
	if iq.extraKey != nil {
		extra = reflect.New(iq.extraKey)
		dest = append(dest, extra.Interface())
	}
	for r.Next() {
		n := rows.Len()
		rows.Grow(1)
		rows.SetLen(n + 1)
		base := rows.Index(n).Addr().UnsafePointer()
		for i := range m.cols {
			dest[i] = m.cols[i].addr(base)
		}
		if err := r.Scan(dest...); err != nil {
			return nil, err
		}
		key := extra
		if iq.keyField != nil {
			key = reflect.NewAt(iq.keyField.typ, iq.keyField.ptr(base))
		}
		k, _ := keyOf(key)
		rowKeys = append(rowKeys, k)
	}
	return rowKeys, nil
}
