package request

import (
	"errors"
	"strings"
	"testing"

	"github.com/kilnhq/kiln/generators/spec"
)

// TestRejectedTokens: every bad token is a *spec.Error naming it, with a
// message that says what to write instead.
func TestRejectedTokens(t *testing.T) {
	cases := []struct{ token, want string }{
		{"title", `missing type; write title:string`},
		{"WorkEmail", `missing type; write work_email:string`},
		{"ends_on:date:after=items.*.starts_on", `after=items.*.starts_on: name a field beside this one by its key (after=starts_on), not a path`},
		{"ends_on:date:before=event.ends_at", `(before=ends_at), not a path`},
		{"items.*.WorkEmail", `missing type; write items.*.work_email:string`},
		{"HTTPCode:int", `e.g. http_code`},
		{"title:strin", `unknown type "strin"; use one of: string, text`},
		{"Title:string", `name "Title": use snake_case (lower-case letters, digits and _), e.g. title`},
		{"firstName:string", `e.g. first_name`},
		{"author:belongs_to=users", `belongs_to is for models; in a request write the key and check it, e.g. author_id:bigint:exists=users.id`},
		{"title:string:requird", `unknown rule "requird"; rules: required, nullable`},
		{"title:string:required|max:255", `"required|max": separate rules with ":", not "|"`},
		{"title:string:min:required", `rule min needs a value: write min=3 (or Laravel's min:3)`},
		{"title:string:required:max", `rule max needs a value, e.g. max=255`},
		{"title:string:max:requird", `rule max needs a value: write max=255 (or Laravel's max:255)`},
		{"kind:string:in:required", `rule in needs a value: write in=admin,user (or Laravel's in:admin,user)`},
		{"title:string:max=", `rule max needs a value, e.g. max=255`},
		{"title:string:required=yes", `rule required takes no value; write just required`},
		{"title:string:required:required", `rule "required" is given twice; keep one`},
		{"title:string:required:nullable", `required and nullable contradict each other`},
		{"title:string:string", `rule "string" is not needed: the field's type says it`},
		{"title:string:sometimes", `rule "sometimes" is not needed: fields without required are optional already`},
		{"views:int:email", `rule email does not apply to int fields`},
		{"active:bool:min=1", `rule min does not apply to bool fields`},
		{"views:int:min=1.5", `"1.5" is not a whole number`},
		{"title:string:max=-1", `"-1" is not a length: use a whole number of characters`},
		{"price:decimal:min=abc", `"abc" is not a number`},
		{"age:int:between=1", `between takes two values, e.g. between=1,10, got "1"`},
		{"age:int:between=9,1", `between=9,1: the first value must not be larger than the second`},
		{"role:string:in=admin,,user", `in has an empty value`},
		{"role:string:in=a,a", `in value "a" is given twice`},
		{"level:int:in=1,x", `in value "x" is not a whole number, as level is`},
		{"slug:string:regex=^[a-z]+$", `regex takes the name of a pattern the app registers with validate.RegisterPattern`},
		{"email:string:unique:users,email,NULL,id", `unique=users,email,NULL,id: write unique=table.column (Laravel's extra parameters, such as the row to ignore, are not needed`},
		{"email:string:exists=Users.email", `exists=Users.email: name "Users": use snake_case`},
		{"on:date:before=2024-01-01T10", `date "2024-01-01T10": write YYYY-MM-DD`},
		{"on:date:after=start", `after=start: no field start next to on to compare with`},
		{"on:date:after=on", `after=on: a field cannot be compared with itself`},
		{"status:enum", `enum needs its values, e.g. status:enum=draft,published`},
		{"status:enum=a,b:in=a", `rule in does not apply to enum fields`},
		{"title:string=5", `type string takes no value; put rules after it, e.g. title:string:max=255`},
		{"*.qty:int", `a path cannot start with "*"`},
		{"items.*:int:nullable", `array elements cannot be nullable`},
		{"items.*:int:required", `elements of items are always present; required only applies to string elements (not empty)`},
		{"items:array:required", `array items needs its elements: add items.*:string or items.*.name:string`},
		{"address:object", `object address has no fields; add some, e.g. address.name:string`},
		{"items.*.qty:int:email", `rule email does not apply to int fields`},
		{"meta:json:min=1", `rule min does not apply to json fields`},
		{"title:string:confirmed title_confirmation:string", `confirmed adds title_confirmation itself; drop the title_confirmation field`},
		{"title:string title:text", `field title is declared twice (first by "title:string")`},
		{"items.*.qty:int items:object", `items has nested fields, so its type must be array`},
		{"address.city:string address.*:string", `address is declared as object, so address.* cannot follow it`},
		{"", `is empty; write name:type[:rule…]`},
		{"title:string:", `empty rule ("::" or a trailing ":")`},
		{"d:date:before=2030-13-45", `before=2030-13-45: 2030-13-45 is not a date (month out of range); write a real date as YYYY-MM-DD`},
		{"d:date:after_or_equal=2023-02-29", `after_or_equal=2023-02-29: 2023-02-29 is not a date (day out of range)`},
		{"x:string:min=5:max=3", `min=5 and max=3 contradict each other: min must not be larger than max`},
		{"x:int:min=10:max=1", `min=10 and max=1 contradict each other`},
		{"x:float:max=1.5:min=2", `min=2 and max=1.5 contradict each other`},
		{"x.*:string:min=5:max=3", `min=5 and max=3 contradict each other`},
	}
	for _, c := range cases {
		t.Run(c.token, func(t *testing.T) {
			_, err := Generate(Options{Name: "StoreThing", Fields: strings.Fields(c.token), Module: "example.com/app"})
			if c.token == "" {
				_, err = Generate(Options{Name: "StoreThing", Fields: []string{""}, Module: "example.com/app"})
			}
			var se *spec.Error
			if !errors.As(err, &se) {
				t.Fatalf("got %v, want a *spec.Error", err)
			}
			if !strings.Contains(se.Msg, c.want) {
				t.Errorf("got  %s\nwant it to contain %q", err, c.want)
			}
		})
	}
}

// TestModelExtraRules: with a model, rules added to a model field must keep
// its type and cannot change whether it may be left out.
func TestModelExtraRules(t *testing.T) {
	m, err := spec.NewResource("User", []string{"name:string", "bio:text:nullable", "age:int"}, spec.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for token, want := range map[string]string{
		"name:text:max=10":        `name is string in model User; write it with that type to add rules (e.g. name:string:…)`,
		"bio:text:required":       `bio cannot be required: its column is nullable or has a default`,
		"name:string:nullable":    `name cannot be nullable: its column is NOT NULL`,
		"age:int:bogus":           `unknown rule "bogus"`,
		"name:string:min=300":     `min=300 and max=255 contradict each other`,
		"name:string:max=300":     `max=300 is more than the name column holds (size=255)`,
		"age:int:max=3000000000":  `max=3000000000 is outside what the age column holds (a 32-bit int`,
		"age:int:min=-2147483649": `min=-2147483649 is outside what the age column holds`,
	} {
		_, err := Generate(Options{Model: &m, Fields: []string{token}, Module: "example.com/app"})
		var se *spec.Error
		if !errors.As(err, &se) || !strings.Contains(se.Msg, want) || se.Input != token {
			t.Errorf("%s: got %v, want %q", token, err, want)
		}
	}
}

// TestNameClashes: generated names that would collide are refused, naming
// both sides.
func TestNameClashes(t *testing.T) {
	m, err := spec.NewResource("Email", []string{"subject:string", "sent:bool:nullable"}, spec.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for name, o := range map[string]Options{
		"field vs Sent":       {Model: &m},
		"field vs method":     {Model: &m, Fields: []string{"email:string"}},
		"nested type clash":   {Name: "StoreOrder", Fields: []string{"item.name:string", "items.*.name:string"}},
		"field vs IgnoreRow?": {Name: "X", Fields: []string{"ignore_row:string"}}, // a plain request has no methods: fine
	} {
		_, err := Generate(o)
		if name == "field vs IgnoreRow?" {
			if err != nil {
				t.Errorf("%s: %v", name, err)
			}
			continue
		}
		if err == nil || !strings.Contains(err.Error(), "would both") && !strings.Contains(err.Error(), "both need") {
			t.Errorf("%s: got %v, want a clash", name, err)
		}
	}
}

// TestModelNames: the names the controller generator uses match the files
// Generate writes.
func TestModelNames(t *testing.T) {
	m, err := spec.NewResource("BlogPost", []string{"title:string"}, spec.Options{})
	if err != nil {
		t.Fatal(err)
	}
	n := ModelNames(m)
	want := Names{Store: "StoreBlogPostRequest", Update: "UpdateBlogPostRequest",
		StorePath: "app/http/requests/store_blog_post_request.go", UpdatePath: "app/http/requests/update_blog_post_request.go",
		Build: "BlogPost", Apply: "Apply"}
	if n != want {
		t.Errorf("got %+v, want %+v", n, want)
	}
	p, err := Generate(Options{Model: &m, Module: "example.com/app"})
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Files) != 2 || p.Files[0].Path != n.StorePath || p.Files[1].Path != n.UpdatePath {
		t.Errorf("files %v", p.Files)
	}
	for _, f := range p.Files {
		src := string(f.Content)
		if !strings.Contains(src, "type "+n.Store+" struct") && !strings.Contains(src, "type "+n.Update+" struct") {
			t.Errorf("%s declares neither request type", f.Path)
		}
	}
}

// Laravel's spelling of a rule's value, min:3 and unique:users,email, gives
// the same request as kiln's, min=3 and unique=users.email.
func TestLaravelRuleSpelling(t *testing.T) {
	pairs := [][2]string{
		{"title:string:required:min:3:max:255", "title:string:required:min=3:max=255"},
		{"email:string:required:email:unique:users,email", "email:string:required:email:unique=users.email"},
		{"age:int:between:18,99", "age:int:between=18,99"},
		{"role:string:in:admin,user", "role:string:in=admin,user"},
		{"author_id:bigint:exists:users,id", "author_id:bigint:exists=users.id"},
		{"ends_on:date:after:starts_on starts_on:date", "ends_on:date:after=starts_on starts_on:date"},
		{"slug:string:regex:slug", "slug:string:regex=slug"},
		{"code:string:regex:email", "code:string:regex=email"}, // a pattern named like a rule
	}
	for _, p := range pairs {
		render := func(fields string) string {
			t.Helper()
			plan, err := Generate(Options{Name: "StoreThing", Fields: strings.Fields(fields), Module: "example.com/app"})
			if err != nil {
				t.Fatalf("%s: %v", fields, err)
			}
			return string(plan.Files[0].Content)
		}
		if laravel, kiln := render(p[0]), render(p[1]); laravel != kiln {
			t.Errorf("%s gives\n%s\nbut %s gives\n%s", p[0], laravel, p[1], kiln)
		}
	}
}

// A decimal column's request field gets the range and places the column
// holds, so PostgreSQL neither rounds nor overflows what was sent.
func TestDecimalColumnRules(t *testing.T) {
	m, err := spec.NewResource("Item", []string{"price:decimal", "rate:decimal:precision=5:scale=4", "whole:decimal:precision=3:scale=0"}, spec.Options{})
	if err != nil {
		t.Fatal(err)
	}
	p, err := Generate(Options{Model: &m, Module: "example.com/app"})
	if err != nil {
		t.Fatal(err)
	}
	src := string(p.Files[0].Content)
	for _, want := range []string{
		`validate:"required,min=-99999999.99,max=99999999.99,decimal=0 2"`,
		`validate:"required,min=-9.9999,max=9.9999,decimal=0 4"`,
		`validate:"required,min=-999,max=999,decimal=0 0"`,
	} {
		if !strings.Contains(src, want) {
			t.Errorf("store request lacks %s:\n%s", want, src)
		}
	}
	for _, tok := range []string{"n:int:decimal=0,2", "x:decimal:decimal=3,1", "x:decimal:decimal=2"} {
		if _, err := Generate(Options{Name: "StoreThing", Fields: []string{tok}, Module: "example.com/app"}); err == nil {
			t.Errorf("%s accepted", tok)
		}
	}
}
