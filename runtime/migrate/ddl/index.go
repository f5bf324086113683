package ddl

import (
	"fmt"
	"hash/fnv"
	"strings"
)

// Index is a (possibly unique) index on columns of one table.
type Index struct {
	Name    string
	Table   string
	Columns []string
	Unique  bool
}

// NewIndex describes an index with its conventional name (see IndexName).
func NewIndex(table string, columns []string, unique bool) Index {
	return Index{Name: IndexName(table, columns, unique), Table: table, Columns: columns, Unique: unique}
}

// IndexName is Laravel's deterministic index name, <table>_<columns>_index or
// _unique, so a later migration can drop an index by its columns. PostgreSQL index
// names are schema-wide and at most 63 bytes: a longer name keeps its start and its
// suffix and gets a hash of the full name in between, so it stays unique and stable.
func IndexName(table string, columns []string, unique bool) string {
	suffix := "_index"
	if unique {
		suffix = "_unique"
	}
	base := table + "_" + strings.Join(columns, "_")
	if len(base)+len(suffix) <= MaxIdentLen {
		return base + suffix
	}
	h := fnv.New32a()
	h.Write([]byte(base))
	hash := fmt.Sprintf("_%08x", h.Sum32())
	return base[:MaxIdentLen-len(suffix)-len(hash)] + hash + suffix
}

// CreateIndexStatement renders CREATE [UNIQUE] INDEX.
func CreateIndexStatement(d Dialect, idx Index) string {
	kw := "CREATE INDEX"
	if idx.Unique {
		kw = "CREATE UNIQUE INDEX"
	}
	return fmt.Sprintf("%s %s ON %s (%s)", kw, d.Quote(idx.Name), d.Quote(idx.Table), d.quoteList(idx.Columns))
}

// DropIndexStatement renders DROP INDEX; ifExists adds IF EXISTS.
func DropIndexStatement(d Dialect, name string, ifExists bool) string {
	if ifExists {
		return "DROP INDEX IF EXISTS " + d.Quote(name)
	}
	return "DROP INDEX " + d.Quote(name)
}
