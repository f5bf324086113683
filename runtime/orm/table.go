package orm

import "reflect"

// TableOf is the table model T is stored in: its TableName, else the
// snake-case plural of its type name. Factories and seeders report progress
// by table.
func TableOf[T any]() (string, error) {
	m, err := modelFor(reflect.TypeFor[T]())
	if err != nil {
		return "", err
	}
	return m.table, nil
}
