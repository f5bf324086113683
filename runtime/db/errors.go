package db

import (
	"errors"
	"regexp"
	"strings"

	"github.com/jackc/pgx/v5/pgconn"
	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// ConstraintKind says which constraint a write violated.
type ConstraintKind int

// Constraint kinds, the same on both databases.
const (
	Unique ConstraintKind = iota + 1
	ForeignKey
	NotNull
	Check
	// InvalidValue is a value the column's type cannot hold: PostgreSQL's data
	// exceptions (SQLSTATE class 22), such as a number beyond a numeric's
	// precision or a NUL character in text. Validation should catch these
	// first; this keeps a miss a 422 rather than a 500.
	InvalidValue
)

func (k ConstraintKind) String() string {
	switch k {
	case Unique:
		return "unique"
	case ForeignKey:
		return "foreign key"
	case NotNull:
		return "not null"
	case Check:
		return "check"
	case InvalidValue:
		return "value"
	}
	return "unknown"
}

// ConstraintError is a write rejected by a constraint, on either database. The HTTP
// layer maps Unique to 409 and the others to 422.
type ConstraintError struct {
	Kind       ConstraintKind
	Table      string // when the driver says
	Column     string // when the driver says (the first column of a composite key)
	Constraint string // the constraint's name (PostgreSQL only)
	Err        error  // the driver's error
}

func (e *ConstraintError) Error() string {
	msg := e.Kind.String() + " constraint violated"
	if e.Table != "" && e.Column != "" {
		msg += " on " + e.Table + "." + e.Column
	} else if e.Table != "" {
		msg += " on " + e.Table
	}
	return msg
}

func (e *ConstraintError) Unwrap() error { return e.Err }

// IsConstraint reports whether err is a violation of the given kind.
func IsConstraint(err error, kind ConstraintKind) bool {
	var ce *ConstraintError
	return errors.As(err, &ce) && ce.Kind == kind
}

// sqliteColumn parses "UNIQUE constraint failed: users.email" (SQLite names only
// the first column of a composite constraint).
var sqliteColumn = regexp.MustCompile(`constraint failed: ([A-Za-z0-9_]+)\.([A-Za-z0-9_]+)`)

// postgresKey parses the column out of "Key (email)=(a@x) already exists.", as
// PostgreSQL reports no column for unique and foreign-key violations.
var postgresKey = regexp.MustCompile(`^Key \(([^)]+)\)=`)

// postgresConstraints maps SQLSTATE codes to constraint kinds.
var postgresConstraints = map[string]ConstraintKind{"23505": Unique, "23503": ForeignKey, "23502": NotNull, "23514": Check}

// sqliteConstraints maps SQLite's extended result codes to constraint kinds.
var sqliteConstraints = map[int]ConstraintKind{
	sqlite3.SQLITE_CONSTRAINT_UNIQUE:     Unique,
	sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY: Unique,
	sqlite3.SQLITE_CONSTRAINT_FOREIGNKEY: ForeignKey,
	sqlite3.SQLITE_CONSTRAINT_NOTNULL:    NotNull,
	sqlite3.SQLITE_CONSTRAINT_CHECK:      Check,
}

// ClassifyError turns the drivers' constraint errors into *ConstraintError and
// returns every other error unchanged.
func ClassifyError(err error) error {
	if err == nil {
		return nil
	}
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) {
		kind := postgresConstraints[pgErr.Code]
		if strings.HasPrefix(pgErr.Code, "22") {
			kind = InvalidValue
		}
		if kind == 0 {
			return err
		}
		ce := &ConstraintError{Kind: kind, Table: pgErr.TableName, Column: pgErr.ColumnName, Constraint: pgErr.ConstraintName, Err: err}
		if m := postgresKey.FindStringSubmatch(pgErr.Detail); ce.Column == "" && m != nil {
			ce.Column = strings.TrimSpace(strings.Split(m[1], ",")[0])
		}
		return ce
	}
	var liteErr *sqlite.Error
	if errors.As(err, &liteErr) {
		kind := sqliteConstraints[liteErr.Code()]
		if liteErr.Code() == sqlite3.SQLITE_CONSTRAINT_TRIGGER && strings.Contains(liteErr.Error(), "FOREIGN KEY") {
			kind = ForeignKey // ON DELETE RESTRICT is reported through SQLite's trigger code
		}
		if kind == 0 {
			return err
		}
		ce := &ConstraintError{Kind: kind, Err: err}
		if m := sqliteColumn.FindStringSubmatch(liteErr.Error()); m != nil {
			ce.Table, ce.Column = m[1], m[2]
		}
		return ce
	}
	return err
}
