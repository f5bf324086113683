package ddl

import (
	"fmt"
)

// Table collects the columns, keys and indexes of a table being created
// ([NewTable]) or the changes to an existing one ([AlterTable]). Builder methods
// never fail on the spot, so calls chain; the first problem is kept and returned by
// CreateStatements or Ops.
type Table struct {
	name    string
	alter   bool
	columns []*Column
	primary []string
	indexes []Index // table-level Index/Unique calls, in call order (create)
	ops     []Op    // every change, in call order (alter)
	err     error
}

// NewTable starts the definition of a table to create.
func NewTable(name string) *Table { return &Table{name: name} }

// AlterTable starts a set of changes to the existing table name.
func AlterTable(name string) *Table { return &Table{name: name, alter: true} }

// Name is the table's name.
func (t *Table) Name() string { return t.name }

// Err is the first problem found so far, or nil.
func (t *Table) Err() error { return t.err }

func (t *Table) fail(err error) {
	if t.err == nil {
		t.err = err
	}
}

// add appends a column (and, when altering, the operation adding it).
func (t *Table) add(name string, k kind) *Column {
	c := &Column{table: t, name: name, kind: k}
	t.columns = append(t.columns, c)
	if t.alter {
		t.ops = append(t.ops, Op{Kind: OpAddColumn, Column: c})
	}
	return c
}

// ID adds the auto-increment bigint primary key "id": SQLite INTEGER PRIMARY KEY
// AUTOINCREMENT (ids are never reused), PostgreSQL an identity column.
func (t *Table) ID() *Column { return t.add("id", kindID) }

// UUID adds a UUID column (PostgreSQL uuid, SQLite TEXT); t.UUID("id").Primary() is
// the primary key of a --uuid model.
func (t *Table) UUID(name string) *Column { return t.add(name, kindUUID) }

// String adds a string column of at most size characters (PostgreSQL varchar(size),
// SQLite TEXT).
func (t *Table) String(name string, size int) *Column {
	if size < 1 || size > 10485760 {
		t.fail(fmt.Errorf("column %q: size %d must be between 1 and 10485760", name, size))
	}
	c := t.add(name, kindString)
	c.size = size
	return c
}

// Text adds an unbounded text column.
func (t *Table) Text(name string) *Column { return t.add(name, kindText) }

// Integer adds a 32-bit integer column.
func (t *Table) Integer(name string) *Column { return t.add(name, kindInteger) }

// BigInteger adds a 64-bit integer column.
func (t *Table) BigInteger(name string) *Column { return t.add(name, kindBigInteger) }

// Float adds a double-precision column.
func (t *Table) Float(name string) *Column { return t.add(name, kindFloat) }

// Decimal adds an exact decimal column with precision digits, scale of them after
// the point (PostgreSQL numeric(p,s); SQLite TEXT, so no digit is ever lost).
func (t *Table) Decimal(name string, precision, scale int) *Column {
	if precision < 1 || precision > 1000 || scale < 0 || scale > precision {
		t.fail(fmt.Errorf("column %q: decimal(%d,%d) needs 1 <= precision <= 1000 and 0 <= scale <= precision", name, precision, scale))
	}
	c := t.add(name, kindDecimal)
	c.precision, c.scale = precision, scale
	return c
}

// Boolean adds a boolean column (SQLite INTEGER 0/1).
func (t *Table) Boolean(name string) *Column { return t.add(name, kindBoolean) }

// Date adds a calendar-date column.
func (t *Table) Date(name string) *Column { return t.add(name, kindDate) }

// DateTime adds a timestamp column (PostgreSQL timestamptz, SQLite DATETIME).
func (t *Table) DateTime(name string) *Column { return t.add(name, kindDateTime) }

// JSON adds a JSON column (PostgreSQL jsonb, SQLite TEXT).
func (t *Table) JSON(name string) *Column { return t.add(name, kindJSON) }

// Enum adds a string column restricted to values by a CHECK constraint.
func (t *Table) Enum(name string, values ...string) *Column {
	if len(values) == 0 {
		t.fail(fmt.Errorf("column %q: Enum needs at least one value", name))
	}
	c := t.add(name, kindEnum)
	c.values = values
	return c
}

// ForeignID adds a bigint foreign key column, always indexed; chain Constrained (or
// References(...).On(...)) to add the constraint.
func (t *Table) ForeignID(name string) *ForeignKey {
	c := t.add(name, kindBigInteger)
	c.foreign = true
	return &ForeignKey{col: c}
}

// ForeignUUID adds a UUID foreign key column, for parents with UUID primary keys.
func (t *Table) ForeignUUID(name string) *ForeignKey {
	c := t.add(name, kindUUID)
	c.foreign = true
	return &ForeignKey{col: c}
}

// Timestamps adds created_at and updated_at, NOT NULL and defaulting to the current
// time, so rows inserted by plain SQL get them too.
func (t *Table) Timestamps() {
	t.DateTime("created_at").Default("now")
	t.DateTime("updated_at").Default("now")
}

// SoftDeletes adds the nullable, indexed deleted_at column soft deletes use.
func (t *Table) SoftDeletes() {
	t.DateTime("deleted_at").Nullable().Index()
}

// Primary makes columns the composite primary key, as a pivot table's two keys.
func (t *Table) Primary(columns ...string) {
	if t.alter {
		t.fail(fmt.Errorf("Primary: a primary key can only be set when creating a table"))
		return
	}
	if len(columns) == 0 {
		t.fail(fmt.Errorf("Primary needs at least one column"))
	}
	if t.primary != nil {
		t.fail(fmt.Errorf("Primary is called twice; a table has one primary key"))
	}
	t.primary = columns
}

// Index adds an index on columns, named <table>_<columns>_index.
func (t *Table) Index(columns ...string) { t.addIndex(columns, false) }

// Unique adds a unique index on columns, named <table>_<columns>_unique.
func (t *Table) Unique(columns ...string) { t.addIndex(columns, true) }

func (t *Table) addIndex(columns []string, unique bool) {
	if len(columns) == 0 {
		t.fail(fmt.Errorf("an index needs at least one column"))
		return
	}
	idx := NewIndex(t.name, columns, unique)
	if t.alter {
		t.ops = append(t.ops, Op{Kind: OpAddIndex, Index: idx})
		return
	}
	t.indexes = append(t.indexes, idx)
}

// DropColumn drops columns, and the indexes on them first (SQLite refuses to drop
// an indexed column).
func (t *Table) DropColumn(names ...string) {
	if t.alterOnly("DropColumn") {
		for _, n := range names {
			t.ops = append(t.ops, Op{Kind: OpDropColumn, Name: n})
		}
	}
}

// RenameColumn renames a column; indexes and foreign keys follow it.
func (t *Table) RenameColumn(from, to string) {
	if t.alterOnly("RenameColumn") {
		t.ops = append(t.ops, Op{Kind: OpRenameColumn, Name: from, To: to})
	}
}

// DropIndex drops the index Index(columns...) created.
func (t *Table) DropIndex(columns ...string) { t.dropIndex(columns, false) }

// DropUnique drops the unique index Unique(columns...) (or Column.Unique) created.
func (t *Table) DropUnique(columns ...string) { t.dropIndex(columns, true) }

func (t *Table) dropIndex(columns []string, unique bool) {
	if t.alterOnly("DropIndex") {
		t.ops = append(t.ops, Op{Kind: OpDropIndex, Name: NewIndex(t.name, columns, unique).Name})
	}
}

// DropTimestamps drops created_at and updated_at.
func (t *Table) DropTimestamps() { t.DropColumn("created_at", "updated_at") }

// DropSoftDeletes drops deleted_at.
func (t *Table) DropSoftDeletes() { t.DropColumn("deleted_at") }

func (t *Table) alterOnly(method string) bool {
	if !t.alter {
		t.fail(fmt.Errorf("%s changes an existing table: use it in Schema.Table, not Create", method))
	}
	return t.alter
}
