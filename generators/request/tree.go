package request

import (
	"fmt"
	"strings"

	"github.com/kilnhq/kiln/generators/spec"
)

// maxFields caps the tokens of one request, as spec caps a model's fields.
const maxFields = 200

// parseFields builds a request's root object from field tokens. Dotted
// paths nest: address.city declares a field of the object address, and
// items.*.qty a field of each element of the array items. Parents a path
// implies need no token of their own; a token may still declare one to
// give it rules (items:array:required:min=1).
func parseFields(tokens []string) (*field, error) {
	if len(tokens) > maxFields {
		return nil, &spec.Error{Kind: "request", Input: strings.Join(tokens[:3], " ") + " …", Msg: fmt.Sprintf("has %d fields; at most %d are supported", len(tokens), maxFields)}
	}
	root := &field{kind: object}
	for _, tok := range tokens {
		if msg := root.add(tok); msg != "" {
			return nil, fieldError(tok, msg)
		}
	}
	if err := root.finish(""); err != nil {
		return nil, err
	}
	return root, nil
}

// fieldError is the *spec.Error for a bad token, so the CLI prints it the
// way it prints model field errors and exits 2.
func fieldError(token, msg string) *spec.Error {
	return &spec.Error{Kind: "request field", Input: token, Msg: msg}
}

// add parses one token and places it in the tree under root.
func (root *field) add(tok string) string {
	if tok == "" {
		return "is empty; write name:type[:rule…], e.g. title:string:required"
	}
	if strings.ContainsAny(tok, " \t\r\n") {
		return "contains white space; pass one field per argument, rules joined by \":\" (e.g. title:string:required:max=255)"
	}
	segs := strings.Split(tok, ":")
	path := strings.Split(segs[0], ".")
	if len(segs) < 2 {
		return fmt.Sprintf("missing type; write %s:string (types: %s)", snake(segs[0]), typeList)
	}
	parent, msg := root.parentOf(path)
	if msg != "" {
		return msg
	}
	leaf := path[len(path)-1]
	f := &field{name: leaf, token: tok}
	if leaf == "*" {
		f.name = parent.name
	} else if msg := nameProblem(leaf); msg != "" {
		return msg
	}
	if msg := f.parseType(segs[1]); msg != "" {
		return msg
	}
	if msg := f.parseRules(segs[2:]); msg != "" {
		return msg
	}
	return parent.place(leaf, f)
}

// parentOf walks the path's parents, creating the objects and arrays it
// implies, and returns the field the last segment belongs to.
func (root *field) parentOf(path []string) (*field, string) {
	if path[0] == "*" {
		return nil, `a path cannot start with "*"; name the array first, e.g. items.*.qty`
	}
	cur := root
	for i, seg := range path[:len(path)-1] {
		next := path[i+1]
		if seg == "*" {
			if cur.elem == nil {
				cur.elem = &field{name: cur.name, kind: object}
			}
			if cur.elem.kind != object {
				return nil, fmt.Sprintf("%s.* is declared as a list of %s, not of objects", strings.Join(path[:i], "."), cur.elem.typeWord())
			}
			cur = cur.elem
			continue
		}
		if msg := nameProblem(seg); msg != "" {
			return nil, msg
		}
		want := object
		if next == "*" {
			want = array
		}
		c := cur.child(seg)
		if c == nil {
			c = &field{name: seg, kind: want}
			cur.children = append(cur.children, c)
		}
		if c.kind != want {
			return nil, fmt.Sprintf("%s is declared as %s, so %s cannot follow it", strings.Join(path[:i+1], "."), c.typeWord(), strings.Join(path[:i+2], "."))
		}
		cur = c
	}
	return cur, ""
}

// place puts f under parent: as the element of an array (leaf "*") or as a
// field of an object. A parent created implicitly by an earlier path takes
// the rules of its own token.
func (parent *field) place(leaf string, f *field) string {
	if leaf == "*" {
		if parent.kind != array {
			return fmt.Sprintf("%s.* needs %s to be an array", parent.name, parent.name)
		}
		if parent.elem != nil {
			return fmt.Sprintf("the elements of %s are declared twice", parent.name)
		}
		parent.elem = f
		return f.elemProblem()
	}
	prev := parent.child(leaf)
	switch {
	case prev == nil:
		parent.children = append(parent.children, f)
		return ""
	case prev.token != "":
		return fmt.Sprintf("field %s is declared twice (first by %q)", leaf, prev.token)
	case prev.kind != f.kind:
		return fmt.Sprintf("%s has nested fields, so its type must be %s", leaf, prev.typeWord())
	}
	prev.token, prev.rules = f.token, f.rules
	return ""
}

// elemProblem rejects what array elements cannot be: a null element would
// be a pointer in a slice, and a required number is always "present".
func (f *field) elemProblem() string {
	switch {
	case f.kind != scalar:
		return fmt.Sprintf("declare the fields of %s's elements instead, e.g. %s.*.name:string", f.name, f.name)
	case f.rules.has("nullable"):
		return "array elements cannot be nullable"
	case f.rules.has("required") && f.typ != spec.String && f.typ != spec.Text:
		return fmt.Sprintf("elements of %s are always present; required only applies to string elements (not empty)", f.name)
	case f.rules.has("confirmed"):
		return "array elements cannot be confirmed"
	}
	return ""
}

// finish checks what only the whole tree shows: objects and arrays have
// contents, before/after name a sibling date, and confirmed adds its
// x_confirmation sibling. An object (address, declared or only implied by
// address.city) is required when one of its fields is, as Laravel's
// address.city rule fails when address is missing: so the body {} is
// answered "The address field is required." rather than passing. An object
// declared nullable stays optional.
func (obj *field) finish(path string) error {
	for _, c := range obj.children {
		if err := c.finishField(obj, join(path, c.name)); err != nil {
			return err
		}
		if c.kind == object && c.requiresAField() && !c.rules.has("required") && !c.rules.has("nullable") {
			if c.rules == nil {
				c.rules = ruleSet{}
			}
			c.rules["required"] = ""
		}
	}
	for _, c := range obj.children {
		if c.rules.has("confirmed") {
			if err := obj.addConfirmation(c); err != nil {
				return err
			}
		}
	}
	return nil
}

func (c *field) finishField(parent *field, path string) error {
	tok := c.token
	if tok == "" {
		tok = path
	}
	switch {
	case c.kind == object && len(c.children) == 0:
		return fieldError(tok, fmt.Sprintf("object %s has no fields; add some, e.g. %s.name:string", path, path))
	case c.kind == array && c.elem == nil:
		return fieldError(tok, fmt.Sprintf("array %s needs its elements: add %s.*:string or %s.*.name:string", path, path, path))
	case c.kind == object:
		return c.finish(path)
	case c.kind == array && c.elem.kind == object:
		return c.elem.finish(path + ".*")
	}
	for _, r := range []string{"before", "after", "before_or_equal", "after_or_equal"} {
		if msg := parent.dateReference(c, c.rules[r]); msg != "" {
			return fieldError(tok, r+"="+c.rules[r]+": "+msg)
		}
	}
	return nil
}

// requiresAField reports whether one of the object's fields is required
// (implied objects below it have been marked already, by finish).
func (obj *field) requiresAField() bool {
	for _, c := range obj.children {
		if c.presence() == required {
			return true
		}
	}
	return false
}

// dateReference checks a before/after value that names a field.
func (parent *field) dateReference(f *field, val string) string {
	if val == "" || isoDate().MatchString(val) || val == "today" || val == "tomorrow" || val == "yesterday" || val == "now" {
		return ""
	}
	other := parent.child(val)
	switch {
	case other == nil:
		return fmt.Sprintf("no field %s next to %s to compare with", val, f.name)
	case other == f:
		return "a field cannot be compared with itself"
	case other.kind != scalar || !(other.typ == spec.Date || other.typ == spec.DateTime || other.typ == spec.String || other.typ == spec.Text):
		return fmt.Sprintf("%s is not a date field", val)
	}
	return ""
}

// addConfirmation adds the x_confirmation field confirmed compares with:
// same type, no rules of its own (a mismatch is reported on x).
func (obj *field) addConfirmation(f *field) error {
	name := f.name + "_confirmation"
	if obj.child(name) != nil {
		return fieldError(f.token, fmt.Sprintf("confirmed adds %s itself; drop the %s field", name, name))
	}
	c := &field{name: name, kind: scalar, typ: f.typ, enum: f.enum, rules: ruleSet{}, confirm: true}
	if f.rules.has("required") {
		c.rules["required"] = "" // a value, not a pointer, like the field it confirms
	}
	for i, ch := range obj.children {
		if ch == f {
			obj.children = append(obj.children[:i+1], append([]*field{c}, obj.children[i+1:]...)...)
			break
		}
	}
	return nil
}

func join(path, name string) string {
	if path == "" {
		return name
	}
	return path + "." + name
}
