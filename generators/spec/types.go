package spec

// Type is a field's column type in the field DSL. The zero Type is
// invalid, so a Field built by hand without a type is caught.
type Type int

// Field types, in the order the DSL documents them.
const (
	String    Type = iota + 1 // string[:size=N], VARCHAR(N)
	Text                      // text, unbounded text
	Int                       // int, 32-bit integer
	BigInt                    // bigint, 64-bit integer
	Float                     // float, double precision
	Decimal                   // decimal[:precision=P][:scale=S], exact numeric
	Bool                      // bool
	Date                      // date, calendar day
	DateTime                  // datetime or timestamp, an instant
	UUID                      // uuid
	JSON                      // json
	Enum                      // enum=a,b,c
	BelongsTo                 // belongs_to[=table], a foreign key
)

// typeNames maps DSL spellings to types; timestamp is an alias of
// datetime (Field.TypeName keeps the spelling the user chose).
var typeNames = map[string]Type{
	"string": String, "text": Text, "int": Int, "bigint": BigInt,
	"float": Float, "decimal": Decimal, "bool": Bool, "date": Date,
	"datetime": DateTime, "timestamp": DateTime, "uuid": UUID,
	"json": JSON, "enum": Enum, "belongs_to": BelongsTo,
}

// typeList is the list of type spellings shown in messages, in DSL order.
const typeList = "string, text, int, bigint, float, decimal, bool, date, datetime, timestamp, uuid, json, enum=a,b, belongs_to"

// String returns the canonical DSL spelling of t ("datetime" for
// DateTime; see Field.TypeName for the user's own spelling).
func (t Type) String() string {
	switch t {
	case String:
		return "string"
	case Text:
		return "text"
	case Int:
		return "int"
	case BigInt:
		return "bigint"
	case Float:
		return "float"
	case Decimal:
		return "decimal"
	case Bool:
		return "bool"
	case Date:
		return "date"
	case DateTime:
		return "datetime"
	case UUID:
		return "uuid"
	case JSON:
		return "json"
	case Enum:
		return "enum"
	case BelongsTo:
		return "belongs_to"
	}
	return "invalid"
}

// OnDelete is the referential action of a foreign key. The zero value
// means "not applicable" (relations that own no foreign key column).
type OnDelete int

// Referential actions for belongs_to fields.
const (
	Cascade  OnDelete = iota + 1 // delete the child rows with the parent
	SetNull                      // clear the foreign key; needs nullable
	Restrict                     // refuse to delete a parent that has children
)

// String returns the DSL spelling: cascade, set_null, restrict.
func (o OnDelete) String() string {
	switch o {
	case Cascade:
		return "cascade"
	case SetNull:
		return "set_null"
	case Restrict:
		return "restrict"
	}
	return ""
}

// SQL returns the action as written in a REFERENCES clause: CASCADE,
// SET NULL, RESTRICT.
func (o OnDelete) SQL() string {
	switch o {
	case Cascade:
		return "CASCADE"
	case SetNull:
		return "SET NULL"
	case Restrict:
		return "RESTRICT"
	}
	return ""
}

var onDeleteNames = map[string]OnDelete{
	"cascade": Cascade, "set_null": SetNull, "restrict": Restrict,
}

// RelationKind is the kind of a relation between two models. The
// constants carry a Rel prefix because the unprefixed names belong to the
// field type BelongsTo and the constructors HasOne, HasMany and
// BelongsToMany.
type RelationKind int

// Relation kinds.
const (
	RelBelongsTo     RelationKind = iota + 1 // this table holds the foreign key
	RelHasOne                                // the other table holds it; at most one row
	RelHasMany                               // the other table holds it; many rows
	RelBelongsToMany                         // a pivot table holds both keys
)

// String returns the DSL / Laravel spelling: belongs_to, has_one, has_many,
// belongs_to_many.
func (k RelationKind) String() string {
	switch k {
	case RelBelongsTo:
		return "belongs_to"
	case RelHasOne:
		return "has_one"
	case RelHasMany:
		return "has_many"
	case RelBelongsToMany:
		return "belongs_to_many"
	}
	return "invalid"
}
