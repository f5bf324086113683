package orm

import (
	"database/sql/driver"
	"fmt"
)

// JSON is a JSON document stored in a column as is (TEXT on SQLite, jsonb on
// PostgreSQL). It marshals as the raw document rather than base64, and nil is
// SQL NULL and JSON null, so one type serves both nullable and required
// columns. Decode it with json.Unmarshal when the app needs the structure.
type JSON []byte

// MarshalJSON returns the document itself, or null when j is nil.
func (j JSON) MarshalJSON() ([]byte, error) {
	if j == nil {
		return []byte("null"), nil
	}
	return j, nil
}

// UnmarshalJSON keeps a copy of the document; null becomes nil (SQL NULL).
func (j *JSON) UnmarshalJSON(data []byte) error {
	if string(data) == "null" {
		*j = nil
		return nil
	}
	*j = append((*j)[:0:0], data...)
	return nil
}

// Value stores the document as text, which both databases accept for their
// JSON columns (a []byte would become a BLOB on SQLite).
func (j JSON) Value() (driver.Value, error) {
	if j == nil {
		return nil, nil
	}
	return string(j), nil
}

// Scan reads a document from text or bytes; NULL becomes nil.
func (j *JSON) Scan(src any) error {
	switch v := src.(type) {
	case nil:
		*j = nil
	case string:
		*j = JSON(v)
	case []byte:
		*j = append(JSON{}, v...) // the driver may reuse v
	default:
		return fmt.Errorf("orm: scan %T into JSON: want text", src)
	}
	return nil
}

// String returns the document as text, for logs and templates.
func (j JSON) String() string { return string(j) }
