package factory

import (
	"strings"
	"testing"

	"github.com/kilnhq/kiln/generators/goldentest"
	"github.com/kilnhq/kiln/generators/spec"
)

const module = "example.com/blog"

// goldenCase is one `kiln make factory` run; model "" means no model.
type goldenCase struct {
	name, model, fields string
	opts                spec.Options
	factories           []string
}

var goldenCases = map[string]goldenCase{
	"factory_belongs_to": {name: "Post", model: "Post", fields: "title:string body:text published:bool author:belongs_to=users",
		factories: []string{"User"}},
	"factory_every_type": {name: "Account", model: "Account", fields: "nickname:string:unique bio:text:nullable " +
		"visits:int likes:bigint:nullable code:int:unique rating:float balance:decimal credit:decimal:nullable:precision=6:scale=2 " +
		"active:bool archived:bool:nullable born_on:date:nullable seen_at:datetime ref:uuid ext:uuid:nullable prefs:json " +
		"status:enum=active,closed tier:enum=free,pro:nullable parent:belongs_to=accounts:nullable short:string:size=20",
		opts: spec.Options{UUID: true, SoftDeletes: true}, factories: []string{"Account"}},
	"factory_names": {name: "Person", model: "Person", fields: "email:string:unique work_email:string:size=40 email_address:string:unique:size=30 first_name:string " +
		"last_name:string username:string name:string password:string slug:string:unique website:string phone:string " +
		"address:string city:string country:string zip:string title:string description:text summary:string " +
		"age:int year:int quantity:int price:decimal lat:float lng:float avatar_url:string external_id:uuid"},
	"factory_parent_without_factory": {name: "Comment", model: "Comment", fields: "body:text post:belongs_to user:belongs_to:nullable",
		opts: spec.Options{NoTimestamps: true}},
	"factory_no_model": {name: "ReportFactory"},
}

func TestGolden(t *testing.T) {
	for name, c := range goldenCases {
		t.Run(name, func(t *testing.T) {
			n, err := ParseName(c.name)
			if err != nil {
				t.Fatal(err)
			}
			o := Options{Module: module, Factories: c.factories}
			if c.model != "" {
				r, err := spec.NewResource(c.model, strings.Fields(c.fields), c.opts)
				if err != nil {
					t.Fatal(err)
				}
				o.Model = &r
			}
			p, err := Generate(n, o)
			if err != nil {
				t.Fatal(err)
			}
			goldentest.Check(t, name, p)
		})
	}
}

func TestParseName(t *testing.T) {
	for in, want := range map[string]string{
		"Post": "Post", "post_factory": "Post", "BlogPostFactory": "BlogPost", "Factory": "", "../x": "",
	} {
		n, err := ParseName(in)
		if got := n.Go(); got != want || (err == nil) != (want != "") {
			t.Errorf("ParseName(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
}

func TestTextMethodByName(t *testing.T) {
	for field, want := range map[string]string{
		"email": "Email", "work_email": "Email", "emailed": "Words", "first_name": "FirstName", "surname": "LastName",
		"title": "Title", "body": "Sentence", "username": "Username", "password_hash": "Password", "zip_code": "Zip",
		"homepage": "URL", "mobile": "Phone", "city": "City", "nothing_special": "Words",
	} {
		if got := textMethod(spec.Field{Name: field, Type: spec.String}); got != want {
			t.Errorf("textMethod(%s:string) = %s, want %s", field, got, want)
		}
	}
	if got := textMethod(spec.Field{Name: "body", Type: spec.Text}); got != "Paragraph" {
		t.Errorf("body:text = %s, want Paragraph", got)
	}
}
