package spec

import (
	"reflect"
	"strings"
	"testing"
)

func ptr(s string) *string { return &s }

func mustField(t *testing.T, s string) Field {
	t.Helper()
	f, err := ParseField(s)
	if err != nil {
		t.Fatalf("ParseField(%q): %v", s, err)
	}
	return f
}

func TestParseField(t *testing.T) {
	user := mustName(t, "user")
	author := mustName(t, "author")
	category := mustName(t, "category")
	tests := []struct {
		in   string
		want Field
	}{
		{"title:string", Field{Name: "title", Type: String, TypeName: "string", Size: 255}},
		{"title:string:size=100:nullable:unique", Field{Name: "title", Type: String, TypeName: "string", Size: 100, Nullable: true, Unique: true}},
		{"firstName:string:index", Field{Name: "first_name", Type: String, TypeName: "string", Size: 255, Index: true}},
		{"body:text:nullable", Field{Name: "body", Type: Text, TypeName: "text", Nullable: true}},
		{"views:int:default=0", Field{Name: "views", Type: Int, TypeName: "int", Default: ptr("0")}},
		{"big:bigint:default=-9223372036854775808", Field{Name: "big", Type: BigInt, TypeName: "bigint", Default: ptr("-9223372036854775808")}},
		{"ratio:float:default=1.5e-3", Field{Name: "ratio", Type: Float, TypeName: "float", Default: ptr("1.5e-3")}},
		{"price:decimal", Field{Name: "price", Type: Decimal, TypeName: "decimal", Precision: 10, Scale: 2}},
		{"price:decimal:precision=8:scale=3:default=12345.678", Field{Name: "price", Type: Decimal, TypeName: "decimal", Precision: 8, Scale: 3, Default: ptr("12345.678")}},
		{"tiny:decimal:precision=1", Field{Name: "tiny", Type: Decimal, TypeName: "decimal", Precision: 1, Scale: 1}},
		{"active:bool:default=true", Field{Name: "active", Type: Bool, TypeName: "bool", Default: ptr("true")}},
		{"born_on:date:default=2024-02-29", Field{Name: "born_on", Type: Date, TypeName: "date", Default: ptr("2024-02-29")}},
		{"published_at:datetime:nullable", Field{Name: "published_at", Type: DateTime, TypeName: "datetime", Nullable: true}},
		{"seen_at:timestamp:default=now", Field{Name: "seen_at", Type: DateTime, TypeName: "timestamp", Default: ptr("now")}},
		{"starts_at:datetime:default=2024-01-02T15:04:05+01:00:nullable", Field{Name: "starts_at", Type: DateTime, TypeName: "datetime", Nullable: true, Default: ptr("2024-01-02T15:04:05+01:00")}},
		{"token:uuid:unique", Field{Name: "token", Type: UUID, TypeName: "uuid", Unique: true}},
		{"meta:json:default={\"a\":1}", Field{Name: "meta", Type: JSON, TypeName: "json", Default: ptr(`{"a":1}`)}},
		{"status:enum=draft,published:default=draft", Field{Name: "status", Type: Enum, TypeName: "enum", EnumValues: []string{"draft", "published"}, Default: ptr("draft")}},
		{"type:string", Field{Name: "type", Type: String, TypeName: "string", Size: 255}},
		{"homepage:string:default=https://example.com/x", Field{Name: "homepage", Type: String, TypeName: "string", Size: 255, Default: ptr("https://example.com/x")}},
		{"city:string:default=Zürich", Field{Name: "city", Type: String, TypeName: "string", Size: 255, Default: ptr("Zürich")}},
		{"user:belongs_to", Field{Name: "user", Type: BelongsTo, TypeName: "belongs_to", Index: true, Relation: &Relation{
			Kind: RelBelongsTo, Name: "User", Target: user, Table: "users", ForeignKey: "user_id", OnDelete: Cascade}}},
		{"author:belongs_to=users", Field{Name: "author", Type: BelongsTo, TypeName: "belongs_to", Index: true, Relation: &Relation{
			Kind: RelBelongsTo, Name: "Author", Target: user, Table: "users", ForeignKey: "author_id", OnDelete: Cascade}}},
		{"author_id:belongs_to", Field{Name: "author_id", Type: BelongsTo, TypeName: "belongs_to", Index: true, Relation: &Relation{
			Kind: RelBelongsTo, Name: "Author", Target: author, Table: "authors", ForeignKey: "author_id", OnDelete: Cascade}}},
		{"parent:belongs_to=categories:nullable", Field{Name: "parent", Type: BelongsTo, TypeName: "belongs_to", Nullable: true, Index: true, Relation: &Relation{
			Kind: RelBelongsTo, Name: "Parent", Target: category, Table: "categories", ForeignKey: "parent_id", OnDelete: SetNull}}},
		{"owner:belongs_to=users:unique:on_delete=restrict", Field{Name: "owner", Type: BelongsTo, TypeName: "belongs_to", Unique: true, Relation: &Relation{
			Kind: RelBelongsTo, Name: "Owner", Target: user, Table: "users", ForeignKey: "owner_id", OnDelete: Restrict}}},
	}
	for _, tt := range tests {
		got := mustField(t, tt.in)
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("ParseField(%q) =\n%#v\nwant\n%#v", tt.in, got, tt.want)
		}
	}
}

func TestFieldNames(t *testing.T) {
	tests := []struct{ in, column, goName string }{
		{"title:string", "title", "Title"},
		{"firstName:string", "first_name", "FirstName"},
		{"author:belongs_to", "author_id", "AuthorID"},
		{"author_id:belongs_to", "author_id", "AuthorID"},
		{"user_id:int", "user_id", "UserID"},
		{"api_url:string", "api_url", "APIURL"},
		{"address_line_2:string", "address_line_2", "AddressLine2"},
		{"HTTPStatus:int", "http_status", "HTTPStatus"},
		{"type:string", "type", "Type"},
	}
	for _, tt := range tests {
		f := mustField(t, tt.in)
		if f.Column() != tt.column || f.GoName() != tt.goName || f.JSONName() != tt.column {
			t.Errorf("ParseField(%q): column %q Go %q JSON %q, want %q %q", tt.in, f.Column(), f.GoName(), f.JSONName(), tt.column, tt.goName)
		}
	}
}

func TestFieldString(t *testing.T) {
	tests := []struct{ in, canonical string }{
		{"title:string:size=255", "title:string"},
		{"title:string:unique:size=80:nullable", "title:string:size=80:nullable:unique"},
		{"firstName:string", "first_name:string"},
		{"price:decimal:scale=2:precision=10", "price:decimal"},
		{"price:decimal:precision=4", "price:decimal:precision=4"},
		{"price:decimal:precision=1:scale=0", "price:decimal:precision=1:scale=0"},
		{"at:timestamp", "at:timestamp"},
		{"author:belongs_to=authors", "author:belongs_to"},
		{"author:belongs_to=users", "author:belongs_to=users"},
		{"author:belongs_to:nullable:on_delete=set_null", "author:belongs_to:nullable"},
		{"author:belongs_to:nullable:on_delete=cascade", "author:belongs_to:nullable:on_delete=cascade"},
		{"starts_at:datetime:default=2024-01-02T15:04:05Z:index", "starts_at:datetime:index:default=2024-01-02T15:04:05Z"},
	}
	for _, tt := range tests {
		if got := mustField(t, tt.in).String(); got != tt.canonical {
			t.Errorf("ParseField(%q).String() = %q, want %q", tt.in, got, tt.canonical)
		}
	}
}

func TestFieldRoundTrip(t *testing.T) {
	for _, in := range []string{
		"title:string", "title:string:size=100:nullable:unique:default=hello",
		"body:text:default=ratio=1:2", "note:text:default=http://x.test:8080/y",
		"n:int:index:default=-5", "b:bigint:nullable", "f:float:default=0.25",
		"price:decimal:precision=12:scale=4:default=-1.5", "p:decimal:precision=2",
		"ok:bool:default=false", "d:date:default=now", "d:date:nullable:default=2000-01-01",
		"t:timestamp:default=2024-01-02T15:04:05.123Z", "t:datetime:default=2024-01-02T15:04:05-07:00",
		"u:uuid:default=123e4567-e89b-12d3-a456-426614174000", "j:json:default=[1,2]",
		"j:json:nullable:default={\"k\":\"v:w\"}",
		"status:enum=draft,in_review,published:default=in_review:index",
		"user:belongs_to", "author:belongs_to=users:nullable", "parent_id:belongs_to=categories:on_delete=restrict",
		"datum:belongs_to", "media:belongs_to", "owner:belongs_to=people:unique", "x:belongs_to=data",
		"APIKey:string", "userID:int",
	} {
		f := mustField(t, in)
		g, err := ParseField(f.String())
		if err != nil {
			t.Errorf("ParseField(%q).String() = %q does not parse: %v", in, f.String(), err)
			continue
		}
		if !reflect.DeepEqual(f, g) {
			t.Errorf("round trip of %q via %q:\n%#v\n%#v", in, f.String(), f, g)
		}
	}
}

func TestHostileFields(t *testing.T) {
	tests := []struct{ in, phrase string }{
		{"", "is empty"},
		{"user-name", `contains "-"`},
		{"title", "missing type; add one, e.g. title:string"},
		{"title:", "missing type"},
		{":string", "missing field name"},
		{"title::nullable", "missing type; add one, e.g. title:string:nullable"},
		{"title:string:", "empty modifier"},
		{"title:strng", `did you mean "string"`},
		{"title:String", `did you mean "string"`},
		{"age:integer", `did you mean "int"`},
		{"title:string,body:text", "not commas"},
		{"tags:has_many", "not a field type"},
		{"title:string=10", "string:size=N"},
		{"n:int=5", "takes no value"},
		{"price:decimal:size=abc", `size takes a positive whole number, got "abc"`},
		{"title:string:size=abc", `size takes a positive whole number, got "abc"`},
		{"title:string:size=0", "between 1 and 65535, got 0"},
		{"title:string:size=70000", "between 1 and 65535"},
		{"title:string:size=-1", "positive whole number"},
		{"title:string:size", "size needs a value"},
		{"price:decimal:precision=100", "between 1 and 65, got 100"},
		{"price:decimal:precision=4:scale=5", "scale 5 is larger than precision 4"},
		{"price:decimal:scale=11", "scale 11 is larger than precision 10"},
		{"age:int:size=3", "size applies only to string fields, not int"},
		{"title:string:precision=3", "precision applies only to decimal fields"},
		{"email:string:unique:index", "unique already creates an index"},
		{"title:string:nullable:nullable", `modifier "nullable" is given twice`},
		{"title:string:nullabe", `did you mean "nullable"`},
		{"title:string:required", "required unless nullable"},
		{"title:string:bogus", "unknown modifier"},
		{"title:string:nullable=true", "nullable takes no value"},
		{"age:int:default=abc", `default "abc" is not a whole number`},
		{"age:int:default=010", "write default=10"},
		{"age:int:default=99999999999", "doesn't fit int (32-bit); use bigint"},
		{"active:bool:default=yes", "use true or false"},
		{"price:float:default=abc", "is not a number"},
		{"price:float:default=NaN", "is not a number"},
		{"price:float:default=1e999", "out of range"},
		{"price:decimal:precision=5:scale=2:default=1234.5", "doesn't fit decimal(5,2)"},
		{"status:enum=draft,published:default=archived", "not one of the enum values"},
		{"uid:uuid:default=xyz", "is not a uuid"},
		{"born:date:default=2024-13-01", "is not a date"},
		{"at:datetime:default=yesterday", "is not a datetime"},
		{"meta:json:default={", "not valid JSON"},
		{"title:string:default=it's", "single quote"},
		{"title:string:default=", "default needs a value"},
		{"title:string:size=3:default=abcd", "longer than size 3"},
		{"title:string:default=a\x01b", "control character"},
		{"title:string:default=x\u202e", "invisible character"},
		{"title string", "whitespace"},
		{"title:string\n", "control character"},
		{"título:string", "ASCII letters only"},
		{"2fa:bool", "starts with a digit"},
		{"_x:int", `starts with "_"`},
		{"x__y:int", `contains "__"`},
		{strings.Repeat("a", 65) + ":int", "field name is 65 characters long"},
		{"status:enum", "enum needs its values"},
		{"status:enum=", "enum needs its values"},
		{"status:enum=a,,b", "empty value"},
		{"status:enum=a,a", `enum value "a" is given twice`},
		{"status:enum=Draft", "must be lower case"},
		{"status:enum=in-review", `contains "-"`},
		{"author:belongs_to:default=1", "take no default"},
		{"author:belongs_to:on_delete=set_null", "needs a nullable column"},
		{"author:belongs_to:on_delete=nothing", "on_delete takes cascade, set_null or restrict"},
		{"author:belongs_to:index", "always indexed"},
		{"author:belongs_to=Users", "lower case"},
		{"author:belongs_to=", "needs a table name"},
		{"author:belongs_to=tests", "not usable"},
		{"type:belongs_to", "not a usable model name"},
		{"title:string:on_delete=cascade", "applies only to belongs_to"},
		{"tags:json:unique", "json columns can't take a plain index"},
		{"order:int", `"order" is an SQL reserved word; pick another name, e.g. sort_order`},
		{"select:string", "SQL reserved word"},
		{"xmin:int", "system column"},
		{"id:int", "is added automatically; use --uuid"},
		{"created_at:datetime", "use --no-timestamps"},
		{"updatedAt:datetime", "use --no-timestamps"},
		{"deleted_at:datetime", "use --soft-deletes"},
		{"i_d:int", "becomes the Go field ID"},
		{"table_name:string", "generated TableName method"},
		{"scan:belongs_to=users", "generated Scan method"},
		{"values:json", "generated Values method"},
		{"password:string:size=40", "give it size=60 or more"},
		{"admin_password:string:default=changeme", "stored as written, unhashed: drop default"},
		{"password:string:unique", "unique would never catch a duplicate"},
	}
	for _, tt := range tests {
		f, err := ParseField(tt.in)
		if err == nil {
			t.Errorf("ParseField(%q) = %q, want error", tt.in, f.String())
			continue
		}
		assertError(t, err, "field", tt.in, tt.phrase)
	}
}

func TestParseFieldsDuplicates(t *testing.T) {
	tests := []struct {
		args          []string
		input, phrase string
	}{
		{[]string{"firstName:string", "first_name:text"}, "first_name:text", "both map to the column first_name"},
		{[]string{"author:belongs_to", "author_id:int"}, "author_id:int", "column author_id"},
		{[]string{"author:belongs_to", "author:string"}, "author:string", "Go name Author"},
		{[]string{"address_line_2:string", "addressLine2:string"}, "addressLine2:string", "Go name AddressLine2"},
	}
	for _, tt := range tests {
		_, err := ParseFields(tt.args)
		assertError(t, err, "field", tt.input, tt.phrase)
	}
	fs, err := ParseFields([]string{"title:string", "body:text", "author:belongs_to=users"})
	if err != nil || len(fs) != 3 {
		t.Fatalf("ParseFields: %v %v", fs, err)
	}
}

func TestColonInDefaultHint(t *testing.T) {
	_, err := ParseField("note:string:default=a:b")
	assertError(t, err, "field", "note:string:default=a:b", `unknown modifier "b"; use one of`)
	assertError(t, err, "field", "note:string:default=a:b", `":b" reads as a modifier`)
}

// TestConcurrentParsing exercises the shared, lazily compiled inflection rules under -race.
func TestConcurrentParsing(t *testing.T) {
	t.Parallel()
	done := make(chan bool)
	for i := range 8 {
		go func() {
			for range 50 {
				if _, err := ParseField("author:belongs_to=people"); err != nil {
					t.Error(err)
				}
				if n, err := ParseName("model name", "SalesPerson"); err != nil || n.Table() != "sales_people" {
					t.Error(i, n.Table(), err)
				}
			}
			done <- true
		}()
	}
	for range 8 {
		<-done
	}
}
