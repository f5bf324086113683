package orm

import (
	"database/sql"
	"reflect"
	"time"

	"github.com/kilnhq/kiln/runtime/db"
)

// colKind says how the ORM binds and compares a column's values, for the
// types SQLite stores as text (docs/data-layer.md): compared as text, such
// values would sort and match differently than on PostgreSQL.
type colKind uint8

const (
	kindPlain colKind = iota
	// kindTime is a time.Time, *time.Time or sql.NullTime field: DATETIME
	// text on SQLite. Values are bound in UTC there, so every stored text
	// has the same +00:00 suffix and text order is time order; a caller's
	// zone would otherwise be stored ("12:00:00+02:00" sorts after
	// "11:00:00+00:00") and read back.
	kindTime
	// kindDate is a time field tagged `db:"x,date"`, stored in a date
	// column. It is bound as the date alone, the calendar day of the value
	// in its own zone, as PostgreSQL's date does: "2006-01-02" on SQLite
	// (the text CURRENT_DATE writes) and midnight UTC on PostgreSQL.
	kindDate
	// kindDecimal is a shopspring decimal.Decimal, *decimal.Decimal or
	// decimal.NullDecimal field: exact TEXT on SQLite ("10" < "9.5" as
	// text), so comparisons and ORDER BY cast it to NUMERIC there.
	kindDecimal
)

const decimalPkg = "github.com/shopspring/decimal"

var nullTimeType = reflect.TypeFor[sql.NullTime]()

// kindOf is the kind of a field of type t, before tag options. Decimals
// are recognised by name, so the ORM does not import the decimal package.
func kindOf(t reflect.Type) colKind {
	switch t {
	case timeType, timePtrType, nullTimeType:
		return kindTime
	}
	if t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t.PkgPath() == decimalPkg && (t.Name() == "Decimal" || t.Name() == "NullDecimal") {
		return kindDecimal
	}
	return kindPlain
}

// isSQLite reports whether d is SQLite, whose text storage the kinds above
// work around.
func (b *sqlBuilder) isSQLite() bool { return b.d.Name() == db.SQLite }

// bind converts v, a value for column c (written or compared with), to what
// the database should see: times in UTC on SQLite, dates as dates. Other
// values, and values of other types (a string for a date), pass unchanged.
func (c *column) bind(sqlite bool, v any) any {
	switch c.kind {
	case kindTime:
		if sqlite {
			if t, ok, null := timeOf(v); ok {
				switch {
				case null:
					return nil
				case t.Location() == time.UTC:
					return v // already UTC: no new value to box
				}
				return t.UTC()
			}
		}
	case kindDate:
		if t, ok, null := timeOf(v); ok {
			switch {
			case null:
				return nil
			case sqlite:
				return t.Format(time.DateOnly)
			}
			y, m, d := t.Date()
			return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
		}
	}
	return v
}

// timeOf unwraps the time types a time column holds: ok reports whether v
// is one, null whether it is a NULL one.
func timeOf(v any) (t time.Time, ok, null bool) {
	switch x := v.(type) {
	case time.Time:
		return x, true, false
	case *time.Time:
		if x == nil {
			return time.Time{}, true, true
		}
		return *x, true, false
	case sql.NullTime:
		return x.Time, true, !x.Valid
	case *sql.NullTime:
		if x == nil || !x.Valid {
			return time.Time{}, true, true
		}
		return x.Time, true, false
	}
	return time.Time{}, false, false
}

// numeric reports whether column c compares as a number only after a cast:
// a decimal on SQLite.
func (b *sqlBuilder) numeric(c *column) bool { return c.kind == kindDecimal && b.isSQLite() }

// operand writes column c as a comparison or ORDER BY sees it: decimals
// cast to NUMERIC on SQLite (see below), other columns as they are.
func (b *sqlBuilder) operand(c *column) {
	if b.numeric(c) {
		b.WriteString("CAST(")
		b.ident(c.name)
		b.WriteString(" AS NUMERIC)")
		return
	}
	b.ident(c.name)
}

// value writes a placeholder for v, compared with column c: converted by
// bind, and cast to NUMERIC where operand casts the column.
//
// NUMERIC rather than REAL: SQLite turns a text that is a whole number into
// a 64-bit INTEGER (exact to 9.2e18, where REAL is exact only to 2^53) and
// anything else into a REAL, and it compares INTEGER with REAL exactly, so
// NUMERIC orders every value REAL does and more of them correctly. Values
// beyond 15 significant digits with a fraction still compare as doubles.
func (b *sqlBuilder) value(c *column, v any) {
	if b.numeric(c) {
		b.WriteString("CAST(")
		b.arg(v)
		b.WriteString(" AS NUMERIC)")
		return
	}
	b.arg(c.bind(b.isSQLite(), v))
}
