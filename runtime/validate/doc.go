// Package validate binds and validates JSON request bodies the way Laravel's
// form requests do, on top of go-playground/validator:
//
//	req, err := validate.Bind[requests.StorePostRequest](r, db)
//	if err != nil {
//		return err // a *web.Error: 400, 413, 415 or 422; or a database error (500)
//	}
//
// Bind decodes strictly (an unknown field or a value of the wrong type is a 422
// naming the field, with its full path such as items.0.qty), validates the
// struct's `validate` tags and answers failures in Laravel's shape, keyed by
// JSON field name:
//
//	{"message": "The title field is required. (and 1 more error)",
//	 "errors": {"title": ["The title field is required."],
//	            "author_id": ["The selected author id is invalid."]}}
//
// # Rules
//
// Tags are validator's, plus the rules kiln registers. `kiln make request`
// writes them from Laravel-style rules, once, at generation time:
//
//	required, notblank       The x field is required. (notblank: not empty or blank)
//	email, url, uuid         The x field must be a valid email address. / URL. / UUID.
//	min=N, max=N, between=A B  characters for strings, items for arrays, values
//	                         for numbers (decimal.Decimal included)
//	oneof=a b                The selected x is invalid.            (Laravel's in)
//	regex=name               The x field format is invalid.        (see RegisterPattern)
//	confirmed                The x field confirmation does not match. (x_confirmation)
//	unique=table.column      The x has already been taken.
//	exists=table.column      The selected x is invalid.
//	date                     The x field must be a valid date.
//	before=D, after=D, before_or_equal=D, after_or_equal=D
//	                         D is an ISO date, today/tomorrow/yesterday/now, or
//	                         the JSON name of another field of the same struct
//
// Each field reports its first failing rule only, as with Laravel's bail, so
// put cheap rules first: generated tags keep unique and exists last, because
// they query the database.
//
// A request type may implement Messages to override messages (keys "rule" or
// "field.rule" by Laravel's rule names, so "title.required" also words the
// notblank tag of a required string; :attribute and the rule's parameters
// are placeholders),
// IgnoreRow so unique rules skip the record being updated, Required (see
// Replacer) so a PUT must send every required field and no request may send
// one as null, and may embed Sent to tell a field sent as null from one left
// out.
//
// There is one validator per process, built on first use. It is not exposed:
// its registrations are fixed, so nothing a handler does can change how
// another request is validated. Apps add named patterns at startup with
// RegisterPattern.
package validate
