package spec

import (
	"errors"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzParseField checks that ParseField never panics, that every
// rejection is a *Error quoting the input, and that every accepted field
// round-trips through its canonical String form.
func FuzzParseField(f *testing.F) {
	for _, s := range []string{
		"title:string", "title:string:size=100:nullable:unique:default=hi",
		"price:decimal:precision=8:scale=2:default=1.25", "status:enum=a,b:default=a",
		"author:belongs_to=users:nullable:on_delete=set_null", "user_id:belongs_to:unique",
		"at:timestamp:default=2024-01-02T15:04:05+01:00", "j:json:default={\"a\":[1,2]}",
		"d:date:default=now", "u:uuid", "x:int:default=-5", "f:float:default=1e10",
		"firstName:string", "a:b:c", "::", "title", "order:int", "x:enum=a,,b",
		"n:text:default=a:1:nullable", "n:string:default=Zürich",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		fld, err := ParseField(s)
		if err != nil {
			var e *Error
			if !errors.As(err, &e) || e.Input != s || e.Kind != "field" {
				t.Fatalf("ParseField(%q): error %v is not a field *Error for the input", s, err)
			}
			if !utf8.ValidString(e.Error()) || strings.ContainsAny(e.Error(), "\n\r\x00") {
				t.Fatalf("ParseField(%q): unsafe message %q", s, e.Error())
			}
			return
		}
		canon := fld.String()
		again, err := ParseField(canon)
		if err != nil {
			t.Fatalf("ParseField(%q) ok, but its String %q fails: %v", s, canon, err)
		}
		if !reflect.DeepEqual(fld, again) {
			t.Fatalf("round trip of %q via %q:\n%#v\n%#v", s, canon, fld, again)
		}
		if again.String() != canon {
			t.Fatalf("String not stable: %q then %q", canon, again.String())
		}
	})
}

// FuzzParseName checks that accepted names are stable under every
// spelling kiln derives from them (the snake/camel round trip).
func FuzzParseName(f *testing.F) {
	for _, s := range []string{"Post", "BlogPost", "blog_post", "APIKey", "UserIDs", "URLID", "HTTPServer", "OrderItem2", "a_b", "x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n, err := ParseName("model name", s)
		if err != nil {
			var e *Error
			if !errors.As(err, &e) || e.Input != s {
				t.Fatalf("ParseName(%q): error %v is not a *Error for the input", s, err)
			}
			return
		}
		for _, form := range []string{n.Go(), n.Snake(), n.Var()} {
			m, err := ParseName("model name", form)
			if err != nil || m != n {
				t.Fatalf("ParseName(%q) = %q, but its form %q gives %q, %v", s, n.Snake(), form, m.Snake(), err)
			}
		}
	})
}
