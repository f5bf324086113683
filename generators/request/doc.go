// Package request generates validated request types, app/http/requests/*.go,
// for `kiln make request`: structs with json and validate tags that
// runtime/validate.Bind decodes and checks, answering failures with
// Laravel's messages.
//
// It is pure: options in, a plan.Plan out (DESIGN.md, convention 2).
// Laravel-style rules are mapped to validator tags here, once, at
// generation time; the generated code carries plain tags.
//
// # Field syntax
//
// A field is one argument, path:type[:rule…]. Rules use = for their value
// (min=3), because ':' separates the parts, and commas inside a value:
//
//	title:string:required:max=255
//	email:string:required:email:unique=users.email
//	role:string:in=admin,user
//	age:int:between=18,99
//	password:string:required:min=8:confirmed
//	ends_on:date:after=starts_on
//	items.*.qty:int:required:min=1
//	tags.*:string:max=20
//
// path is a snake_case JSON key; dots nest: address.city is a field of the
// object address, items.*.qty a field of each element of the array items,
// tags.* the elements of a list of strings. Parents need no token of their
// own, but may have one to carry rules: items:array:required:min=1.
//
// Types: string, text, int, bigint, float, decimal, bool, date, datetime
// (timestamp), uuid, json, enum=a,b, and object and array for parents.
//
// Rules, with the validator tag each becomes:
//
//	required            required; strings and arrays: notblank, so "  " and [] are
//	                    missing too, as Laravel (which trims) has them
//	                    objects a path implies are required when a field in them is:
//	                    address.city:string:required requires address
//	nullable            may be null; not with required
//	email, url, uuid    email, url, uuid (uuid on string fields; uuid fields are checked by type)
//	date                date (implied by date and datetime fields)
//	min=N, max=N        min=N, max=N: characters, items, or the number's value
//	between=A,B         between=A B
//	in=a,b              oneof=a b (implied by enum fields)
//	regex=name          regex=name: a pattern registered with validate.RegisterPattern
//	                    (built in: alpha, alpha_num, alpha_dash, slug)
//	confirmed           confirmed, and adds the field x_confirmation
//	unique=table.column unique=table.column (table alone: the column is the field's name)
//	exists=table.column exists=table.column
//	before=D, after=D, before_or_equal=D, after_or_equal=D
//	                    D is YYYY-MM-DD (a date that exists), today, tomorrow,
//	                    yesterday, now, or a sibling field
//
// Unknown rules, rules a type cannot take, rules no value could pass (a min
// larger than the max, a date that does not exist) and Laravel spellings
// that do not fit (required|email, unique:users,email,NULL,id) are refused
// with a *spec.Error naming the token and saying what to write instead. A
// rule's value may be written Laravel's way, min:3 and unique:users,email,
// as well as kiln's, min=3 and unique=users.email.
//
// # Go types
//
// Required strings (string, text, enum, date) are string. Every other field
// is a pointer, nil when not sent, so a 0, false or "" the client sent is
// never taken for a missing value; nullable decimal and uuid fields use the
// models' decimal.NullDecimal and uuid.NullUUID, json fields orm.JSON,
// objects a pointer to a nested struct and arrays a slice.
//
// # From a model
//
// With Options.Model, Generate writes StoreXRequest (required unless the
// column is nullable or has a default; max for string sizes; the enum's
// values; unique=table.column for unique columns; exists=table.id for
// belongs_to keys) with a method returning a new model, and UpdateXRequest,
// where a PATCH may leave any field out, a PUT must send every field the
// Store request requires and neither may send one of those as null
// (Required, validate.Replacer), nullable fields sent as null clear the
// column (validate.Sent), unique rules skip the row being updated
// (IgnoreRow), and Apply copies what was sent into a loaded model. The
// request name may be the model's (Post) or carry the affixes (StorePost,
// PostRequest); both give StorePostRequest and UpdatePostRequest.
package request
