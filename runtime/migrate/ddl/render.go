package ddl

import (
	"fmt"
	"strings"
)

// OpKind is the kind of one change to an existing table.
type OpKind int

// The changes AlterTable records.
const (
	OpAddColumn OpKind = iota + 1
	OpDropColumn
	OpRenameColumn
	OpAddIndex
	OpDropIndex
)

// Op is one change to an existing table, in the order the migration asked for it.
type Op struct {
	Kind   OpKind
	Column *Column // OpAddColumn
	Name   string  // OpDropColumn and OpRenameColumn: the column; OpDropIndex: the index
	To     string  // OpRenameColumn: the new name
	Index  Index   // OpAddIndex
}

// CreateStatements renders CREATE TABLE followed by the table's CREATE INDEX
// statements: the columns' (in column order), then the table-level ones.
func (t *Table) CreateStatements(d Dialect) ([]string, error) {
	if err := t.checkCreate(); err != nil {
		return nil, fmt.Errorf("create table %q: %w", t.name, err)
	}
	defs := make([]string, 0, len(t.columns)+1)
	for _, c := range t.columns {
		defs = append(defs, c.Definition(d))
	}
	if len(t.primary) > 0 {
		defs = append(defs, "PRIMARY KEY ("+d.quoteList(t.primary)+")")
	}
	stmts := []string{CreateTableStatement(d, t.name, defs)}
	for _, idx := range t.allIndexes() {
		stmts = append(stmts, CreateIndexStatement(d, idx))
	}
	return stmts, nil
}

// CreateTableStatement renders CREATE TABLE from column and constraint definitions,
// one per line, so dry runs and SQL files read well.
func CreateTableStatement(d Dialect, table string, defs []string) string {
	return "CREATE TABLE " + d.Quote(table) + " (\n    " + strings.Join(defs, ",\n    ") + "\n)"
}

// allIndexes lists the columns' indexes, then the table-level ones.
func (t *Table) allIndexes() []Index {
	var out []Index
	for _, c := range t.columns {
		out = append(out, c.Indexes(t.name)...)
	}
	return append(out, t.indexes...)
}

// checkCreate validates a complete table definition.
func (t *Table) checkCreate() error {
	if t.err != nil {
		return t.err
	}
	if err := CheckIdent("table", t.name); err != nil {
		return err
	}
	if len(t.columns) == 0 {
		return fmt.Errorf("a table needs at least one column")
	}
	names := map[string]bool{}
	keys := 0
	if len(t.primary) > 0 {
		keys++
	}
	for _, c := range t.columns {
		if err := c.check(); err != nil {
			return err
		}
		if names[c.name] {
			return fmt.Errorf("column %q is added twice", c.name)
		}
		names[c.name] = true
		if c.primary || c.kind == kindID {
			keys++
		}
	}
	if keys > 1 {
		return fmt.Errorf("more than one primary key (ID, Primary() and Primary(columns...) each make one)")
	}
	return t.checkIndexes(names)
}

// checkIndexes makes sure every key and index names existing columns and that no
// two indexes share a name.
func (t *Table) checkIndexes(columns map[string]bool) error {
	for _, col := range t.primary {
		if !columns[col] {
			return fmt.Errorf("primary key column %q is not a column of the table", col)
		}
	}
	seen := map[string]bool{}
	for _, idx := range t.allIndexes() {
		for _, col := range idx.Columns {
			if !columns[col] {
				return fmt.Errorf("index %s: %q is not a column of the table", idx.Name, col)
			}
		}
		if seen[idx.Name] {
			return fmt.Errorf("index %s is defined twice", idx.Name)
		}
		seen[idx.Name] = true
	}
	return nil
}

// Ops returns the changes of an AlterTable, in call order, after validating them.
func (t *Table) Ops() ([]Op, error) {
	if err := t.checkAlter(); err != nil {
		return nil, fmt.Errorf("alter table %q: %w", t.name, err)
	}
	return t.ops, nil
}

func (t *Table) checkAlter() error {
	if t.err != nil {
		return t.err
	}
	if !t.alter {
		return fmt.Errorf("Ops is for AlterTable; use CreateStatements")
	}
	if err := CheckIdent("table", t.name); err != nil {
		return err
	}
	for _, op := range t.ops {
		if err := op.check(); err != nil {
			return err
		}
	}
	return nil
}

func (op Op) check() error {
	switch op.Kind {
	case OpAddColumn:
		c := op.Column
		if c.kind == kindID || c.primary {
			return fmt.Errorf("column %q: a primary key can only be added when creating a table", c.name)
		}
		return c.check()
	case OpDropColumn:
		return CheckIdent("column", op.Name)
	case OpRenameColumn:
		if err := CheckIdent("column", op.Name); err != nil {
			return err
		}
		return CheckIdent("column", op.To)
	case OpAddIndex:
		for _, col := range op.Index.Columns {
			if err := CheckIdent("column", col); err != nil {
				return err
			}
		}
	}
	return nil
}

// AddColumnStatements renders ALTER TABLE ADD COLUMN and the column's indexes. On
// SQLite it is only valid when c.SQLiteCanAdd().
func AddColumnStatements(d Dialect, table string, c *Column) []string {
	stmts := []string{"ALTER TABLE " + d.Quote(table) + " ADD COLUMN " + c.Definition(d)}
	for _, idx := range c.Indexes(table) {
		stmts = append(stmts, CreateIndexStatement(d, idx))
	}
	return stmts
}

// DropColumnStatement renders ALTER TABLE DROP COLUMN. PostgreSQL drops the
// column's indexes and constraints with it; SQLite needs its indexes dropped first.
func DropColumnStatement(d Dialect, table, column string) string {
	return "ALTER TABLE " + d.Quote(table) + " DROP COLUMN " + d.Quote(column)
}

// RenameColumnStatement renders ALTER TABLE RENAME COLUMN (SQLite 3.25+).
func RenameColumnStatement(d Dialect, table, from, to string) string {
	return "ALTER TABLE " + d.Quote(table) + " RENAME COLUMN " + d.Quote(from) + " TO " + d.Quote(to)
}

// RenameTableStatement renders ALTER TABLE RENAME TO.
func RenameTableStatement(d Dialect, from, to string) string {
	return "ALTER TABLE " + d.Quote(from) + " RENAME TO " + d.Quote(to)
}

// DropTableStatement renders DROP TABLE [IF EXISTS]. There is no CASCADE: dropping
// a table other tables still reference is an error on PostgreSQL, as it should be.
func DropTableStatement(d Dialect, table string, ifExists bool) string {
	if ifExists {
		return "DROP TABLE IF EXISTS " + d.Quote(table)
	}
	return "DROP TABLE " + d.Quote(table)
}
