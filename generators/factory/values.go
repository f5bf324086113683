package factory

import (
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/kilnhq/kiln/generators/model"
	"github.com/kilnhq/kiln/generators/spec"
)

// textByName maps a string field's name to the Faker method that fills it,
// checked in order: the first entry any of whose words the name matches wins.
// Names are matched as whole snake_case words or suffixes (work_phone,
// user_name), so "phoned" is not a phone. Email and password columns are
// spec's HoldsEmail and HoldsPassword, which requests use too.
var textByName = []struct {
	names  []string
	method string
}{
	{[]string{"first_name", "firstname", "given_name"}, "FirstName"},
	{[]string{"last_name", "lastname", "surname", "family_name"}, "LastName"},
	{[]string{"username", "user_name", "login", "handle", "nickname"}, "Username"},
	{[]string{"name", "full_name", "author_name", "display_name"}, "Name"},
	{[]string{"slug"}, "Slug"},
	{[]string{"url", "website", "link", "homepage", "avatar", "image"}, "URL"},
	{[]string{"phone", "phone_number", "mobile", "telephone", "tel"}, "Phone"},
	{[]string{"address", "street", "address1", "address_line1", "street_address"}, "Address"},
	{[]string{"city", "town"}, "City"},
	{[]string{"country"}, "Country"},
	{[]string{"zip", "zipcode", "zip_code", "postal_code", "postcode"}, "Zip"},
	{[]string{"title", "subject", "headline", "heading"}, "Title"},
	{[]string{"body", "description", "content", "text", "bio", "summary", "excerpt", "notes", "note", "comment", "message", "about"}, "Paragraph"},
}

// uniqueMethod is the Faker method that keeps a unique column unique, for
// the methods that have one; others are wrapped in f.Unique.
var uniqueMethod = map[string]string{"Email": "UniqueEmail", "Slug": "UniqueSlug"}

// nameMatches reports whether a field name is one of names, or ends in
// _<name> (work_email).
func nameMatches(field string, names []string) bool {
	for _, n := range names {
		if field == n || strings.HasSuffix(field, "_"+n) {
			return true
		}
	}
	return false
}

// textMethod is the Faker method for a string or text field, by name, else
// a few words (string) or a paragraph (text).
func textMethod(fl spec.Field) string {
	switch {
	case fl.HoldsEmail():
		return "Email"
	case fl.HoldsPassword():
		return "Password"
	}
	for _, e := range textByName {
		if nameMatches(fl.Name, e.names) {
			if e.method == "Paragraph" && fl.Type == spec.String {
				return "Sentence"
			}
			return e.method
		}
	}
	if fl.Type == spec.Text {
		return "Paragraph"
	}
	return "Words"
}

// value is the expression that fills fl in the definition; nil leaves the
// field zero (a belongs-to key, filled by its relation).
func (g *gen) value(fl spec.Field) jen.Code {
	if fl.Type == spec.BelongsTo {
		return nil
	}
	v := g.baseValue(fl)
	if !fl.Nullable {
		return v
	}
	switch fl.Type {
	case spec.Decimal:
		return jen.Qual(decimalPkg, "NewNullDecimal").Call(v)
	case spec.UUID:
		return jen.Qual(uuidPkg, "NullUUID").Values(jen.Dict{jen.Id("UUID"): v, jen.Id("Valid"): jen.True()})
	case spec.JSON:
		return v
	}
	return jen.Qual(factoryPkg, "Ptr").Call(v)
}

// baseValue is the non-null value of fl.
func (g *gen) baseValue(fl spec.Field) jen.Code {
	switch fl.Type {
	case spec.String, spec.Text:
		return g.textValue(fl)
	case spec.Int, spec.BigInt:
		return intValue(fl)
	case spec.Float:
		lo, hi := floatRange(fl.Name)
		return f().Dot("Float").Call(jen.Lit(lo), jen.Lit(hi))
	case spec.Decimal:
		return f().Dot("Decimal").Call(jen.Lit(1), jen.Lit(decimalMax(fl)), jen.Lit(fl.Scale))
	case spec.Bool:
		return f().Dot("Bool").Call()
	case spec.Date:
		return f().Dot("Date").Call()
	case spec.DateTime:
		return f().Dot("Time").Call()
	case spec.UUID:
		return f().Dot("UUID").Call()
	case spec.JSON:
		return jen.Qual(ormPkg, "JSON").Call(f().Dot("JSON").Call())
	case spec.Enum:
		return jen.Qual(factoryPkg, "OneOf").Call(f(), jen.Qual(g.modelsPkg, model.EnumType(*g.o.Model, fl)+"Values").Call().Op("..."))
	}
	return jen.Lit("") // not reached: every type is handled above
}

// textValue fills a string or text field, unique when the column is, and
// cut to a string column's size.
func (g *gen) textValue(fl spec.Field) jen.Code {
	method := textMethod(fl)
	var v *jen.Statement
	switch {
	case method == "Words":
		v = f().Dot("Words").Call(jen.Lit(3))
	case fl.Unique && uniqueMethod[method] != "":
		v = f().Dot(uniqueMethod[method]).Call()
	default:
		v = f().Dot(method).Call()
	}
	if fl.Unique && uniqueMethod[method] == "" {
		v = f().Dot("Unique").Call(v)
	}
	if fl.Type == spec.String && fl.Size < longestValue(method) {
		fit := "Fit"
		if method == "Email" {
			fit = "FitEmail" // an address cut at the end is no address, and requests check it is one
		}
		v = f().Dot(fit).Call(v, jen.Lit(fl.Size))
	}
	return v
}

// longestValue bounds what a Faker text method returns, so only columns too
// small for it get a Fit.
func longestValue(method string) int {
	switch method {
	case "Email", "Username", "Name", "FirstName", "LastName", "Phone", "City", "Country", "Zip", "Slug":
		return 100
	case "Password":
		return 60
	}
	return 200
}

// intValue fills an int or bigint field, in a range its name suggests.
func intValue(fl spec.Field) jen.Code {
	if fl.Unique {
		v := f().Dot("UniqueInt").Call()
		if fl.Type == spec.Int {
			return jen.Int().Call(v)
		}
		return v
	}
	lo, hi := 0, 1000
	switch {
	case nameMatches(fl.Name, []string{"age"}):
		lo, hi = 18, 90
	case nameMatches(fl.Name, []string{"year"}):
		lo, hi = 1990, 2025
	case nameMatches(fl.Name, []string{"count", "quantity", "qty", "stock", "position", "order", "rank", "sort"}):
		lo, hi = 0, 100
	case nameMatches(fl.Name, []string{"price", "amount", "cents", "cost", "total"}):
		lo, hi = 100, 100000
	}
	v := f().Dot("Int").Call(jen.Lit(lo), jen.Lit(hi))
	if fl.Type == spec.BigInt {
		return jen.Int64().Call(v)
	}
	return v
}

// floatRange is a float field's range by its name: coordinates, else 0–1000.
func floatRange(name string) (float64, float64) {
	switch {
	case nameMatches(name, []string{"lat", "latitude"}):
		return -90, 90
	case nameMatches(name, []string{"lng", "lon", "long", "longitude"}):
		return -180, 180
	case nameMatches(name, []string{"rating", "score"}):
		return 0, 5
	}
	return 0, 1000
}

// decimalMax is the largest whole part a decimal column holds, capped at
// 999 so prices look like prices.
func decimalMax(fl spec.Field) int {
	digits := fl.Precision - fl.Scale
	hi := 1
	for range min(digits, 3) {
		hi *= 10
	}
	return max(hi-1, 1)
}

// f is the definition's *factory.Faker parameter, a fresh statement each time
// (jennifer statements grow as they are chained).
func f() *jen.Statement { return jen.Id("f") }
