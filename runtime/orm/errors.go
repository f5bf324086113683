package orm

import (
	"errors"
	"fmt"
)

// ErrNotFound is matched (errors.Is) by the error of every lookup that finds no
// row — Find, First, and Update or Delete of a row that no longer exists — so
// the HTTP layer can answer 404 without knowing the model.
var ErrNotFound = errors.New("not found")

// ErrUnknownColumn is matched by the error of a query that names a column the
// model does not have. Column names often come from requests (?sort=title), so
// the HTTP layer can answer 400 instead of 500.
var ErrUnknownColumn = errors.New("unknown column")

// NotFoundError says which model and key were missing.
type NotFoundError struct {
	Model string // the Go type name: Post
	Key   any    // the primary key looked up; nil for First on a query
}

func (e *NotFoundError) Error() string {
	if e.Key == nil {
		return e.Model + " not found"
	}
	return fmt.Sprintf("%s %v not found", e.Model, e.Key)
}

// Unwrap makes errors.Is(err, ErrNotFound) true.
func (e *NotFoundError) Unwrap() error { return ErrNotFound }

// errorf prefixes the package name, as the ORM's errors surface far from here.
func errorf(format string, args ...any) error {
	return fmt.Errorf("orm: "+format, args...)
}
