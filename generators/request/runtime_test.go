package request

import (
	"encoding/json"
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/kilnhq/kiln/generators/spec"
	"github.com/kilnhq/kiln/runtime/validate"
	"github.com/kilnhq/kiln/runtime/web"
)

// runtimeType builds, with reflect, the struct a request's fields generate:
// the same Go shapes and the same json and validate tags, so the tags can be
// checked by runtime/validate without compiling an app.
func runtimeType(t *testing.T, obj *field) reflect.Type {
	t.Helper()
	var fields []reflect.StructField
	for _, c := range obj.children {
		var typ reflect.Type
		switch {
		case c.kind == object:
			typ = reflect.PointerTo(runtimeType(t, c))
		case c.kind == array && c.elem.kind == object:
			typ = reflect.SliceOf(runtimeType(t, c.elem))
		case c.kind == array:
			typ = reflect.SliceOf(scalarType(t, c.elem.typ))
		case c.pointer():
			typ = reflect.PointerTo(scalarType(t, c.typ))
		default:
			typ = scalarType(t, c.typ)
		}
		tag := `json:"` + c.name + `"`
		if v := c.validateTag(); v != "" {
			tag += ` validate:"` + v + `"`
		}
		fields = append(fields, reflect.StructField{Name: c.goName(), Type: typ, Tag: reflect.StructTag(tag)})
	}
	return reflect.StructOf(fields)
}

func scalarType(t *testing.T, typ spec.Type) reflect.Type {
	t.Helper()
	switch typ {
	case spec.String, spec.Text, spec.Enum, spec.Date, spec.DateTime:
		return reflect.TypeFor[string]()
	case spec.Int:
		return reflect.TypeFor[int]()
	case spec.BigInt:
		return reflect.TypeFor[int64]()
	case spec.Float:
		return reflect.TypeFor[float64]()
	case spec.Bool:
		return reflect.TypeFor[bool]()
	}
	t.Fatalf("runtimeType: no test type for %v", typ)
	return nil
}

// check decodes body into root's struct and validates it with
// runtime/validate: the 422's errors, or nil when it passes.
func check(t *testing.T, root *field, body string) map[string][]string {
	t.Helper()
	v := reflect.New(runtimeType(t, root)).Interface()
	if err := json.Unmarshal([]byte(body), v); err != nil {
		t.Fatalf("%s: %v", body, err)
	}
	err := validate.Struct(t.Context(), nil, v)
	if err == nil {
		return nil
	}
	var we *web.Error
	if !errors.As(err, &we) || we.Status != 422 {
		t.Fatalf("%s: got %v, want a 422", body, err)
	}
	return we.Errors
}

func errorsJSON(errs map[string][]string) string {
	if errs == nil {
		return "passes"
	}
	b, _ := json.Marshal(errs)
	return string(b)
}

// TestRuntimeRules validates bodies against the tags generated for fields,
// as Bind does: required strings reject white space as Laravel does, and a
// required field makes the objects on its path required.
func TestRuntimeRules(t *testing.T) {
	cases := []struct{ tokens, body, want string }{
		// Required strings: Laravel trims, so blank is missing.
		{"title:string:required", `{"title":"   "}`, `{"title":["The title field is required."]}`},
		{"title:string:required", `{"title":""}`, `{"title":["The title field is required."]}`},
		{"title:string:required", `{}`, `{"title":["The title field is required."]}`},
		{"title:string:required", `{"title":" x "}`, `passes`},
		{"body:text:required:min=3", "{\"body\":\"\\t\\n\"}", `{"body":["The body field is required."]}`},
		{"on:date:required", `{"on":" "}`, `{"on":["The on field is required."]}`},
		{"tags.*:string:required", `{"tags":["a"," "]}`, `{"tags.1":["The tags.1 field is required."]}`},
		{"title:string:required:confirmed", `{"title":" ","title_confirmation":" "}`, `{"title":["The title field is required."]}`},

		// Required nested fields make their implied parents required.
		{"address.city:string:required", `{}`, `{"address":["The address field is required."]}`},
		{"address.city:string:required", `{"address":null}`, `{"address":["The address field is required."]}`},
		{"address.city:string:required", `{"address":{}}`, `{"address.city":["The address.city field is required."]}`},
		{"address.city:string:required", `{"address":{"city":"Oslo"}}`, `passes`},
		{"address.city:string address.zip:int:required", `{}`, `{"address":["The address field is required."]}`},
		{"a.b.c.d:string:required", `{}`, `{"a":["The a field is required."]}`},
		{"a.b.c.d:string:required", `{"a":{}}`, `{"a.b":["The a.b field is required."]}`},
		{"a.b.c.d:string:required", `{"a":{"b":{"c":{}}}}`, `{"a.b.c.d":["The a.b.c.d field is required."]}`},
		{"a.b.c.d:string:required", `{"a":{"b":{"c":{"d":"x"}}}}`, `passes`},
		{"a.b.c.d:string:required a.x:string", `{"a":{"x":"y"}}`, `{"a.b":["The a.b field is required."]}`},
		{"items.*.addr.city:string:required", `{"items":[{}]}`, `{"items.0.addr":["The items.0.addr field is required."]}`},
		{"address:object address.city:string:required", `{}`, `{"address":["The address field is required."]}`},
		// ... but not optional ones, nor parents declared nullable, nor arrays
		// (Laravel's items.*.qty passes when items is absent).
		{"address.city:string", `{}`, `passes`},
		{"address.city:string:nullable", `{}`, `passes`},
		{"shipping:object:nullable shipping.line1:string:required", `{}`, `passes`},
		{"shipping:object:nullable shipping.line1:string:required", `{"shipping":{}}`, `{"shipping.line1":["The shipping.line1 field is required."]}`},
		{"items.*.qty:int:required", `{}`, `passes`},
		{"a.b:object:nullable a.b.c:string:required", `{}`, `passes`},
	}
	for _, c := range cases {
		root, err := parseFields(strings.Fields(c.tokens))
		if err != nil {
			t.Fatalf("%s: %v", c.tokens, err)
		}
		if got := errorsJSON(check(t, root, c.body)); got != c.want {
			t.Errorf("%s with %s:\n got %s\nwant %s", c.tokens, c.body, got, c.want)
		}
	}
}

// TestRuntimeModelRequests: a Store request derived from a model rejects a
// blank required string, as its Update request always has.
func TestRuntimeModelRequests(t *testing.T) {
	m, err := spec.NewResource("Post", []string{"title:string", "body:text", "status:enum=draft,live"}, spec.Options{})
	if err != nil {
		t.Fatal(err)
	}
	store, err := modelFields(m, nil)
	if err != nil {
		t.Fatal(err)
	}
	for body, want := range map[string]string{
		`{"title":"  ","body":"x","status":"live"}`: `{"title":["The title field is required."]}`,
		`{"title":"x","body":" ","status":" "}`:     `{"body":["The body field is required."],"status":["The status field is required."]}`,
		`{"title":"x","body":"y","status":"live"}`:  `passes`,
	} {
		if got := errorsJSON(check(t, store, body)); got != want {
			t.Errorf("store %s:\n got %s\nwant %s", body, got, want)
		}
	}
	update := forUpdate(store)
	for body, want := range map[string]string{
		`{"title":"  "}`: `{"title":["The title field is required."]}`,
		`{}`:             `passes`,
	} {
		if got := errorsJSON(check(t, update, body)); got != want {
			t.Errorf("update %s:\n got %s\nwant %s", body, got, want)
		}
	}
}
