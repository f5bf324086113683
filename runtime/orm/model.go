package orm

import (
	"fmt"
	"reflect"
	"strings"
	"sync"
	"time"
	"unsafe"

	"github.com/google/uuid"

	"github.com/kilnhq/kiln/runtime/orm/naming"
)

// model is what the ORM knows about one struct type. It is computed once per
// type by reflection and cached: the benchmarks showed scanning through cached
// field offsets costs a few percent over hand-written Scan calls, so generated
// per-model accessor methods would add code to every model for no gain.
type model struct {
	typ       reflect.Type
	name      string // Go type name, for messages
	table     string
	cols      []column
	byName    map[string]int // column name → index in cols
	pk        int            // index of the primary key column
	pkKind    pkKind
	createdAt int // column indexes; -1 when the model has no such column
	updatedAt int
	deletedAt int
	relations map[string]*relation
	relErr    error    // a bad Relations declaration, reported when one is used
	sql       sync.Map // sqlKey → statement text, per dialect
	bulk      bulkMeta // what InsertMany needs (insertmany.go)
}

// column is one mapped struct field.
type column struct {
	name   string
	offset uintptr // from the start of the struct
	typ    reflect.Type
	// omitZero leaves the column out of INSERTs while the field is zero, so
	// the database fills it (auto-increment keys, `db:"x,default"` columns)
	// and RETURNING reads the value back.
	omitZero bool
	// kind says how the column's values are bound and compared where the
	// two databases store them differently (see bind.go).
	kind colKind
}

// pkKind is how a primary key gets its value on insert.
type pkKind int

const (
	pkAssigned pkKind = iota // set by the caller
	pkAuto                   // integer key the database generates when zero
	pkUUID                   // uuid.UUID the ORM generates when zero
)

var (
	models      sync.Map // reflect.Type → *modelEntry
	timeType    = reflect.TypeFor[time.Time]()
	timePtrType = reflect.TypeFor[*time.Time]()
	uuidType    = reflect.TypeFor[uuid.UUID]()
)

type modelEntry struct {
	once sync.Once
	m    *model
	err  error
}

// modelOf returns T's cached metadata.
func modelOf[T any]() (*model, error) {
	return modelFor(reflect.TypeFor[T]())
}

// modelFor returns typ's cached metadata, building it on first use.
func modelFor(typ reflect.Type) (*model, error) {
	e, ok := models.Load(typ)
	if !ok {
		e, _ = models.LoadOrStore(typ, &modelEntry{})
	}
	entry := e.(*modelEntry)
	entry.once.Do(func() { entry.m, entry.err = buildModel(typ) })
	return entry.m, entry.err
}

// TableNamer is implemented by models whose table is not the conventional
// one (the snake-case plural of the type name, see package naming).
type TableNamer interface{ TableName() string }

// buildModel reads a struct type's columns from its `db` tags.
func buildModel(typ reflect.Type) (*model, error) {
	if typ.Kind() != reflect.Struct {
		return nil, errorf("model %s is not a struct", typ)
	}
	m := &model{typ: typ, name: typ.Name(), table: naming.Table(typ.Name()), byName: map[string]int{}}
	if tn, ok := reflect.New(typ).Interface().(TableNamer); ok {
		m.table = tn.TableName()
	}
	if err := m.addFields(typ, 0); err != nil {
		return nil, err
	}
	if err := m.findSpecialColumns(); err != nil {
		return nil, err
	}
	m.relations, m.relErr = buildRelations(m)
	m.bulk = newBulkMeta(m)
	return m, nil
}

// addFields maps typ's exported fields, flattening embedded structs that have
// no tag (a shared Timestamps struct, say).
func (m *model) addFields(typ reflect.Type, base uintptr) error {
	for i := range typ.NumField() {
		f := typ.Field(i)
		tag, hasTag := f.Tag.Lookup("db")
		if !f.IsExported() || tag == "-" {
			continue
		}
		if f.Anonymous && !hasTag && f.Type.Kind() == reflect.Struct {
			if err := m.addFields(f.Type, base+f.Offset); err != nil {
				return err
			}
			continue
		}
		name, opts, _ := strings.Cut(tag, ",")
		if name == "" {
			name = naming.Snake(f.Name)
		}
		if _, dup := m.byName[name]; dup {
			return errorf("%s: two fields map to column %q", m.name, name)
		}
		c := column{name: name, offset: base + f.Offset, typ: f.Type, kind: kindOf(f.Type)}
		if err := c.setOptions(opts); err != nil {
			return errorf("%s.%s: %w", m.name, f.Name, err)
		}
		m.byName[name] = len(m.cols)
		m.cols = append(m.cols, c)
	}
	return nil
}

// setOptions applies the options of a `db` tag after the column name, in any
// order: "default" (the column has a DEFAULT the ORM lets fill a zero field)
// and "date" (a time field stored in a date column).
func (c *column) setOptions(opts string) error {
	if opts == "" {
		return nil
	}
	for opt := range strings.SplitSeq(opts, ",") {
		switch strings.TrimSpace(opt) {
		case "default":
			c.omitZero = true
		case "date":
			if c.kind != kindTime {
				return fmt.Errorf("the date tag option needs a time.Time, *time.Time or sql.NullTime field, not %s", c.typ)
			}
			c.kind = kindDate
		case "":
		default:
			return fmt.Errorf("unknown db tag option %q (want default or date)", opt)
		}
	}
	return nil
}

// findSpecialColumns locates the primary key and the columns the ORM
// maintains itself, checking their Go types.
func (m *model) findSpecialColumns() error {
	pk, ok := m.byName["id"]
	if !ok {
		return errorf("%s has no id column: add an ID field tagged `db:\"id\"`", m.name)
	}
	m.pk = pk
	switch t := m.cols[pk].typ; {
	case t == uuidType:
		m.pkKind = pkUUID
	case t.Kind() >= reflect.Int && t.Kind() <= reflect.Int64:
		m.pkKind = pkAuto
		m.cols[pk].omitZero = true
	}
	m.createdAt, m.updatedAt, m.deletedAt = m.index("created_at"), m.index("updated_at"), m.index("deleted_at")
	for _, c := range []struct {
		i    int
		want reflect.Type
	}{{m.createdAt, timeType}, {m.updatedAt, timeType}, {m.deletedAt, timePtrType}} {
		if c.i >= 0 && m.cols[c.i].typ != c.want {
			return errorf("%s: column %s must be a %s field, not %s", m.name, m.cols[c.i].name, c.want, m.cols[c.i].typ)
		}
	}
	return nil
}

// index returns the column's index, or -1.
func (m *model) index(name string) int {
	if i, ok := m.byName[name]; ok {
		return i
	}
	return -1
}

// column returns the named column or an error naming it; every column name
// that reaches SQL passes through here.
func (m *model) column(name string) (*column, error) {
	i, ok := m.byName[name]
	if !ok {
		return nil, fmt.Errorf("%w %q in table %s", ErrUnknownColumn, name, m.table)
	}
	return &m.cols[i], nil
}

// softDeletes reports whether deletes only set deleted_at.
func (m *model) softDeletes() bool { return m.deletedAt >= 0 }

// ptr is the address of column c in the struct at base.
func (c *column) ptr(base unsafe.Pointer) unsafe.Pointer { return unsafe.Add(base, c.offset) }

// addr is a typed pointer to column c in the struct at base, as Scan wants.
func (c *column) addr(base unsafe.Pointer) any { return reflect.NewAt(c.typ, c.ptr(base)).Interface() }

// value is column c's value in the struct at base, as a query argument.
func (c *column) value(base unsafe.Pointer) any {
	return reflect.NewAt(c.typ, c.ptr(base)).Elem().Interface()
}

// isZero reports whether column c holds its type's zero value.
func (c *column) isZero(base unsafe.Pointer) bool {
	return reflect.NewAt(c.typ, c.ptr(base)).Elem().IsZero()
}

// dest returns Scan destinations for every column of the struct at base.
func (m *model) dest(base unsafe.Pointer) []any {
	d := make([]any, len(m.cols))
	for i := range m.cols {
		d[i] = m.cols[i].addr(base)
	}
	return d
}
