package spec

import (
	"slices"
	"strconv"
	"strings"
)

// Defaults the DSL applies when a modifier is left out. String() omits a
// modifier whose value equals its default, so the canonical token is the
// shortest equivalent one.
const (
	DefaultSize      = 255 // string:size
	DefaultPrecision = 10  // decimal:precision
	DefaultScale     = 2   // decimal:scale, capped at the precision
)

// Field is one parsed `name:type[:modifier…]` token. Build it with
// [ParseField]; a hand-built Field is not validated.
type Field struct {
	// Name is the field name normalised to snake_case (firstName →
	// first_name), as it appears in the canonical token. For belongs_to
	// it may or may not end in _id; see Column.
	Name string
	// Type is the column type; TypeName is the spelling the user wrote
	// (timestamp and datetime are the same Type), kept for messages and
	// for String.
	Type     Type
	TypeName string
	// Size is the VARCHAR length of a string field (DefaultSize unless
	// given); 0 for other types.
	Size int
	// Precision and Scale size a decimal field; 0 for other types.
	Precision int
	Scale     int
	// EnumValues lists an enum's values in the order given; nil otherwise.
	EnumValues []string
	Nullable   bool
	Unique     bool
	// Index is true when the column gets a plain (non-unique) index. It is
	// set for every belongs_to column that is not Unique, because foreign
	// keys are always indexed.
	Index bool
	// Default is the column default as written (nil when not set). It has
	// been checked against the type; "now" is allowed for date and
	// datetime.
	Default *string
	// Relation is set for belongs_to fields.
	Relation *Relation
}

// Column is the database column name: the snake name, or for belongs_to
// the foreign key (author → author_id).
func (f Field) Column() string {
	if f.Type == BelongsTo {
		if f.Relation != nil && f.Relation.ForeignKey != "" {
			return f.Relation.ForeignKey
		}
		return foreignKey(f.Name)
	}
	return f.Name
}

// GoName is the exported Go struct field name, with initialisms:
// author_id → AuthorID, api_url → APIURL.
func (f Field) GoName() string { return goCamel(splitSnake(f.Column())) }

// JSONName is the key in JSON bodies: the column name, so API payloads
// match the database and Laravel's default serialisation.
func (f Field) JSONName() string { return f.Column() }

// HoldsEmail reports whether f is a text column whose name says it holds an
// email address: email, email_address, or a name ending in _email or
// _email_address (work_email), but not emailed. Factories fill such a column
// with an address and requests give it the email rule, so both agree on
// which columns those are.
func (f Field) HoldsEmail() bool { return f.textNamed("email", "email_address") }

// HoldsPassword reports whether f is a text column whose name says it holds
// a password's hash: password, password_hash, hashed_password,
// password_digest, or a name ending in one of them (admin_password).
// Factories fill it with a hash and requests store the hash of what the
// client sent, never the password.
func (f Field) HoldsPassword() bool {
	return f.textNamed("password", "password_hash", "hashed_password", "password_digest")
}

// IsSecret reports whether f holds a credential the API must never show: a
// password column (HoldsPassword), a secret or token (api_token,
// remember_token, client_secret), as Laravel's User model hides password and
// remember_token. Models leave it out of their JSON and resources do not show it.
func (f Field) IsSecret() bool {
	if f.HoldsPassword() {
		return true
	}
	col := f.Column()
	return slices.Contains([]string{"password", "encrypted_password", "secret", "token"}, col) ||
		strings.HasSuffix(col, "_secret") || strings.HasSuffix(col, "_token")
}

// textNamed reports whether f is a string or text column named one of
// names, or ending in _ and one of them.
func (f Field) textNamed(names ...string) bool {
	if f.Type != String && f.Type != Text {
		return false
	}
	for _, n := range names {
		if f.Name == n || strings.HasSuffix(f.Name, "_"+n) {
			return true
		}
	}
	return false
}

// String renders the canonical DSL token. ParseField(f.String()) returns
// a Field equal to f, so the wizard can print an equivalent command line.
// Modifiers appear in a fixed order, default last (its value may contain
// ':'), and modifiers equal to their default value are left out.
func (f Field) String() string {
	var b strings.Builder
	b.WriteString(f.Name)
	b.WriteByte(':')
	b.WriteString(f.typeName())
	switch f.Type {
	case Enum:
		b.WriteString("=" + strings.Join(f.EnumValues, ","))
	case BelongsTo:
		if f.Relation != nil && !f.derivedTable() {
			b.WriteString("=" + f.Relation.Table)
		}
	}
	if f.Type == String && f.Size != DefaultSize {
		b.WriteString(":size=" + strconv.Itoa(f.Size))
	}
	if f.Type == Decimal {
		if f.Precision != DefaultPrecision {
			b.WriteString(":precision=" + strconv.Itoa(f.Precision))
		}
		if f.Scale != defaultScale(f.Precision) {
			b.WriteString(":scale=" + strconv.Itoa(f.Scale))
		}
	}
	writeFlag(&b, "nullable", f.Nullable)
	writeFlag(&b, "unique", f.Unique)
	writeFlag(&b, "index", f.Index && f.Type != BelongsTo)
	if f.Relation != nil && f.Relation.OnDelete != defaultOnDelete(f.Nullable) {
		b.WriteString(":on_delete=" + f.Relation.OnDelete.String())
	}
	if f.Default != nil {
		b.WriteString(":default=" + *f.Default)
	}
	return b.String()
}

func writeFlag(b *strings.Builder, name string, on bool) {
	if on {
		b.WriteString(":" + name)
	}
}

func (f Field) typeName() string {
	if f.TypeName != "" {
		return f.TypeName
	}
	return f.Type.String()
}

// derivedTable reports whether belongs_to without a table would give the
// same target and table, so String can leave the table out.
func (f Field) derivedTable() bool {
	base := relationBase(f.Name)
	return f.Relation.Target.Snake() == base && f.Relation.Table == Plural(base)
}

// defaultScale is the scale used when only a precision is given: two
// decimal places, or fewer when the precision is smaller.
func defaultScale(precision int) int { return min(DefaultScale, precision) }

// defaultOnDelete mirrors Laravel's foreignId()->constrained() choices: a
// required parent's children go with it; an optional one is cleared.
func defaultOnDelete(nullable bool) OnDelete {
	if nullable {
		return SetNull
	}
	return Cascade
}

// relationBase strips a trailing _id: author_id → author.
func relationBase(name string) string {
	if base, ok := strings.CutSuffix(name, "_id"); ok && base != "" {
		return base
	}
	return name
}

// foreignKey is the foreign key column for a belongs_to field name:
// author → author_id, author_id → author_id.
func foreignKey(name string) string { return relationBase(name) + "_id" }
