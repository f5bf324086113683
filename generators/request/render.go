package request

import (
	"fmt"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/kilnhq/kiln/generators/spec"
)

// wrapWidth is where doc comments wrap, as in hand-written code.
const wrapWidth = 80

// comment adds text to f as a doc comment wrapped at wrapWidth. Lines that
// start with a tab are kept whole (code examples); blank lines separate
// paragraphs.
func comment(f *jen.File, text string) {
	for _, para := range strings.Split(text, "\n") {
		if para == "" || strings.HasPrefix(para, "\t") {
			f.Comment(para)
			continue
		}
		line := ""
		for _, w := range strings.Fields(para) {
			if line != "" && len(line)+1+len(w) > wrapWidth-3 {
				f.Comment(line)
				line = ""
			}
			line = strings.TrimPrefix(line+" "+w, " ")
		}
		f.Comment(line)
	}
}

// gen renders one request file.
type gen struct {
	file   *jen.File
	types  map[string]string // declared type name → the field path that declared it
	sent   bool              // the root struct embeds validate.Sent
	method []string          // names of methods generated on the root type
}

// structs declares the request type and, after it, one type per nested
// object or array-of-objects element, named after their path.
func (g *gen) structs(name, doc string, obj *field, path string) error {
	if prev, dup := g.types[name]; dup {
		return fmt.Errorf("fields %s and %s both need the Go type %s; rename one", prev, orRoot(path), name)
	}
	g.types[name] = orRoot(path)
	fields, err := g.fieldDecls(name, obj, path == "")
	if err != nil {
		return err
	}
	comment(g.file, doc)
	g.file.Type().Id(name).Struct(fields...)
	for _, c := range obj.children {
		if sub := nestedObject(c); sub != nil {
			g.file.Line()
			tn := nestedName(name, c)
			if err := g.structs(tn, nestedDoc(tn, name, c), sub, join(path, c.name)); err != nil {
				return err
			}
		}
	}
	return nil
}

func orRoot(path string) string {
	if path == "" {
		return "the request"
	}
	return path
}

// fieldDecls are the struct's fields; root adds the embedded Sent.
func (g *gen) fieldDecls(typeName string, obj *field, root bool) ([]jen.Code, error) {
	var out []jen.Code
	members := map[string]string{}
	if root {
		for _, m := range g.method {
			members[m] = "the generated " + m + " method"
		}
		if g.sent {
			members["Sent"] = "the embedded validate.Sent"
			out = append(out, jen.Qual(validatePkg, "Sent").Comment("tells null (clear the column) from absent (keep it)"), jen.Line())
		}
	}
	for _, c := range obj.children {
		gn := c.goName()
		if prev, dup := members[gn]; dup {
			return nil, fmt.Errorf("field %s and %s would both be named %s; rename the field", c.name, prev, gn)
		}
		members[gn] = "field " + c.name
		tags := map[string]string{"json": c.name}
		if v := c.validateTag(); v != "" {
			tags["validate"] = v
		}
		st := jen.Id(gn).Add(c.goType(nestedName(typeName, c))).Tag(tags)
		if note := c.comment(); note != "" {
			st.Comment(note)
		}
		out = append(out, st)
	}
	return out, nil
}

// comment is a field's line comment, where its type alone does not say
// enough.
func (c *field) comment() string {
	if c.confirm {
		return "must equal " + goName(strings.TrimSuffix(c.name, "_confirmation"))
	}
	return c.note
}

// nestedObject is the object whose struct type c needs: c itself, or the
// element of an array of objects.
func nestedObject(c *field) *field {
	switch {
	case c.kind == object:
		return c
	case c.kind == array && c.elem.kind == object:
		return c.elem
	}
	return nil
}

// nestedName names the struct type of c: the parent type plus the field's
// Go name, singular for array elements (StoreOrderRequestItem).
func nestedName(parent string, c *field) string {
	if c.kind == array {
		return parent + goName(spec.Singular(c.name))
	}
	return parent + c.goName()
}

func nestedDoc(name, parent string, c *field) string {
	if c.kind == array {
		return fmt.Sprintf("%s is one element of %s.%s.", name, parent, c.goName())
	}
	return fmt.Sprintf("%s is %s.%s, a nested object.", name, parent, c.goName())
}
