package request

import (
	"fmt"

	"github.com/dave/jennifer/jen"

	"github.com/kilnhq/kiln/generators/spec"
)

// modelGen writes the methods that move a request's values into a model,
// so controllers stay a few lines long.
type modelGen struct {
	m         spec.Resource
	modelsPkg string // the app's models import path
}

// local is the model variable's name in generated methods: the model's
// own (post), unless that is the receiver's.
func (mg modelGen) local() string {
	if v := mg.m.Name.Var(); v != "r" {
		return v
	}
	return "model"
}

// build declares the Store request's constructor of a new model: required
// and nullable fields in the literal, fields with a column default only
// when sent (left zero, the ORM lets the database fill them in).
func (mg modelGen) build(f *jen.File, reqType, method string, root *field) {
	model := mg.m.Name.Go()
	v := mg.local()
	var lit []jen.Code
	var defaults []jen.Code
	for _, c := range root.children {
		if c.model == nil {
			continue
		}
		if c.presence() == optional {
			if c.typ == spec.Bool && *c.model.Default == "true" {
				// The ORM writes a bool as it is (false is a value), so the
				// column default has to be set here.
				lit = append(lit, jen.Line().Id(c.model.GoName()).Op(":").True())
			}
			defaults = append(defaults, mg.setIfSent(c, v))
			continue
		}
		lit = append(lit, jen.Line().Id(c.model.GoName()).Op(":").Add(mg.value(c)))
	}
	doc := fmt.Sprintf("%s returns a new models.%s holding the request's fields, ready for orm.Create.", method, model)
	if len(defaults) > 0 {
		doc += " Fields with a column default that were left out stay zero, so the database fills them in."
	}
	comment(f, doc)
	body := []jen.Code{jen.Id(v).Op(":=").Qual(mg.modelsPkg, model).Values(append(lit, jen.Line())...)}
	body = append(body, defaults...)
	body = append(body, jen.Return(jen.Id(v)))
	f.Func().Params(jen.Id("r").Id(reqType)).Id(method).Params().Qual(mg.modelsPkg, model).Block(body...)
}

// apply declares the Update request's method that changes a loaded model:
// only fields that were sent, and for nullable fields also those sent as
// null, which clear the column.
func (mg modelGen) apply(f *jen.File, reqType string, root *field) {
	model := mg.m.Name.Go()
	v := mg.local()
	var body []jen.Code
	for _, c := range root.children {
		if c.model == nil {
			continue
		}
		if c.presence() == nullable {
			body = append(body, jen.If(jen.Id("r").Dot("Sent").Dot("Has").Call(jen.Lit(c.name))).Block(
				jen.Id(v).Dot(c.model.GoName()).Op("=").Add(mg.value(c)),
			))
			continue
		}
		body = append(body, mg.setIfSent(c, v))
	}
	comment(f, fmt.Sprintf("Apply copies the fields the request sent into %s, for orm.Update; "+
		"fields left out keep their current values.", v))
	f.Func().Params(jen.Id("r").Id(reqType)).Id("Apply").Params(jen.Id(v).Op("*").Qual(mg.modelsPkg, model)).Block(body...)
}

// setIfSent assigns a field that is nil when it was not sent.
func (mg modelGen) setIfSent(c *field, v string) jen.Code {
	return jen.If(jen.Id("r").Dot(c.goName()).Op("!=").Nil()).Block(
		jen.Id(v).Dot(c.model.GoName()).Op("=").Add(mg.value(c)),
	)
}

// value converts the request's value of c to the model field's type
// (docs/data-layer.md): dates are parsed, enum strings become the model's
// enum type, and pointers are dereferenced unless the model field is
// nullable too.
func (mg modelGen) value(c *field) jen.Code {
	x := jen.Id("r").Dot(c.goName())
	if c.model.HoldsPassword() {
		return mg.hashed(c, x)
	}
	if c.presence() == nullable {
		switch c.typ {
		case spec.Enum:
			return jen.Parens(jen.Op("*").Qual(mg.modelsPkg, mg.enumType(c))).Call(x)
		case spec.Date:
			return jen.Qual(validatePkg, "DatePtr").Call(x)
		case spec.DateTime:
			return jen.Qual(validatePkg, "TimePtr").Call(x)
		}
		return x
	}
	if c.pointer() {
		x = jen.Op("*").Add(x)
	}
	switch c.typ {
	case spec.Enum:
		return jen.Qual(mg.modelsPkg, mg.enumType(c)).Call(x)
	case spec.Date:
		return jen.Qual(validatePkg, "Date").Call(x)
	case spec.DateTime:
		return jen.Qual(validatePkg, "Time").Call(x)
	}
	return x
}

// hashed is the bcrypt hash of a password field's value: the model stores
// the hash, never the password.
func (mg modelGen) hashed(c *field, x *jen.Statement) jen.Code {
	if c.presence() == nullable {
		return jen.Qual(passwordPkg, "HashPtr").Call(x)
	}
	if c.pointer() {
		x = jen.Op("*").Add(x)
	}
	return jen.Qual(passwordPkg, "Hash").Call(x)
}

// enumType is the model's type for an enum field, named as generators/model
// names it: the model's and the field's Go names (PostStatus).
func (mg modelGen) enumType(c *field) string { return mg.m.Name.Go() + c.model.GoName() }

// required declares Required (validate.Replacer): the JSON keys of the
// fields the model cannot be without, which Bind holds a PUT to sending and
// refuses as null.
func (mg modelGen) required(f *jen.File, reqType string, keys []string) {
	human := mg.m.Name.Human()
	keysMethod(f, reqType, "Required", keys, fmt.Sprintf("Required names, by JSON key, the fields %s %s cannot be without (NOT NULL columns "+
		"with no default), for validate.Bind: a PUT, which replaces the %s, must send them all, "+
		"and no request may send one as null.", article(human), human, human))
}

// notNull declares NotNull (validate.NullRefuser): the JSON keys of the
// fields that may be left out but not sent as null, which Bind refuses.
func (mg modelGen) notNull(f *jen.File, reqType string, keys []string) {
	keysMethod(f, reqType, "NotNull", keys, "NotNull names, by JSON key, the fields that may be left out but cannot be null "+
		"(NOT NULL columns with a default), for validate.Bind: a null would read as left out and be ignored, "+
		"so it is refused.")
}

// keysMethod declares a method of reqType returning keys.
func keysMethod(f *jen.File, reqType, name string, keys []string, doc string) {
	comment(f, doc)
	lits := make([]jen.Code, len(keys))
	for i, k := range keys {
		lits[i] = jen.Lit(k)
	}
	f.Func().Params(jen.Id(reqType)).Id(name).Params().Index().String().Block(
		jen.Return(jen.Index().String().Values(lits...)),
	)
}

// ignoreRow declares IgnoreRow, so the Update request's unique rules skip
// the record being updated, found by the route's {id}.
func (mg modelGen) ignoreRow(f *jen.File, reqType string) {
	human, table := mg.m.Name.Human(), mg.m.Table()
	comment(f, fmt.Sprintf("IgnoreRow names the %s being updated, by the route's {id}, so unique rules skip its row: "+
		"saving %s %s without changing its unique fields is not a duplicate.", human, article(human), human))
	row := func(id jen.Code) jen.Code {
		return jen.Qual(validatePkg, "Row").Values(jen.Id("Table").Op(":").Lit(table), jen.Id("ID").Op(":").Add(id))
	}
	sig := f.Func().Params(jen.Id(reqType)).Id("IgnoreRow").Params(jen.Id("r").Op("*").Qual("net/http", "Request")).
		Params(jen.Qual(validatePkg, "Row"), jen.Error())
	if !mg.m.UUID {
		sig.Block(
			jen.List(jen.Id("id"), jen.Err()).Op(":=").Qual(webPkg, "PathID").Call(jen.Id("r"), jen.Lit("id")),
			jen.Return(row(jen.Id("id")), jen.Err()),
		)
		return
	}
	sig.Block(
		jen.List(jen.Id("id"), jen.Err()).Op(":=").Qual(uuidPkg, "Parse").Call(jen.Id("r").Dot("PathValue").Call(jen.Lit("id"))),
		jen.If(jen.Err().Op("!=").Nil()).Block(
			jen.Return(jen.Qual(validatePkg, "Row").Values(), jen.Qual(webPkg, "BadRequest").Call(
				jen.Qual("fmt", "Sprintf").Call(jen.Lit("invalid id %q: must be a UUID"), jen.Id("r").Dot("PathValue").Call(jen.Lit("id"))))),
		),
		jen.Return(row(jen.Id("id")), jen.Nil()),
	)
}
