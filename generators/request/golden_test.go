package request

import (
	"slices"
	"strings"
	"testing"

	"github.com/kilnhq/kiln/generators/goldentest"
	"github.com/kilnhq/kiln/generators/spec"
)

// goldenCase is one `kiln make request` run.
type goldenCase struct {
	name   string
	fields string // space-separated field tokens
	model  *modelCase
}

// modelCase is the --model a case derives its requests from.
type modelCase struct {
	name   string
	fields string
	opts   spec.Options
	uuid   []string // existing models with UUID keys
}

var goldenCases = map[string]goldenCase{
	"request_every_rule": {name: "StoreUser", fields: "name:string:required:max=255 email:string:required:email:unique=users.email " +
		"website:string:url ref:string:uuid role:string:in=admin,user age:int:between=18,99 score:float:min=0.5:max=10 " +
		"slug:string:required:regex=slug password:string:required:min=8:confirmed starts_on:date:required:after=today " +
		"ends_on:date:nullable:after=starts_on born_on:string:date:before=2010-01-01 team_id:bigint:exists=teams.id " +
		"handle:string:unique=users bio:text:nullable status:enum=active,banned:required api_key:uuid balance:decimal:min=0 " +
		"active:bool:required prefs:json:required seen_at:datetime:before_or_equal=now trial_ends_on:date:after_or_equal=tomorrow " +
		"nickname:string:nullable:min=2 level:int:in=1,2,3"},
	"request_nested": {name: "StoreOrder", fields: "customer.name:string:required customer.email:string:required:email " +
		"items:array:required:min=1:max=50 items.*.product_id:bigint:required:exists=products.id items.*.qty:int:required:min=1 " +
		"items.*.options.*.name:string:required items.*.options.*.value:string:max=20 tags.*:string:required:max=20 " +
		"scores.*:int:between=1,5 shipping:object:nullable shipping.line1:string:required shipping.postcode:string:regex=alpha_num"},
	"request_search": {name: "SearchPostsRequest", fields: "q:string:required:min=2 page:int:min=1 per_page:int:between=1,100 sort:string:in=title,created_at"},
	"request_empty":  {name: "Ping"},
	"request_model_every_type": {model: &modelCase{name: "Post", opts: spec.Options{SoftDeletes: true}, fields: "title:string:size=120 body:text " +
		"views:int likes:bigint rating:float price:decimal:precision=8:scale=2 published:bool " +
		"publish_on:date published_at:datetime reviewed_at:timestamp ref:uuid meta:json " +
		"status:enum=draft,published,archived slug:string:unique reply_email:string password_hash:string author:belongs_to=users"}},
	"request_model_nullable_defaults": {model: &modelCase{name: "Profile", fields: "bio:text:nullable age:int:nullable " +
		"score:float:nullable balance:decimal:nullable verified:bool:nullable born_on:date:nullable " +
		"seen_at:datetime:nullable external_id:uuid:nullable:unique settings:json:nullable email:string:nullable password:string:nullable " +
		"visibility:enum=public,private:nullable user:belongs_to:nullable theme:string:default=light " +
		"retries:int:default=3 enabled:bool:default=true starts_on:date:default=now level:enum=low,high:default=low"}},
	"request_model_uuid": {model: &modelCase{name: "Tag", fields: "name:string:unique post:belongs_to", opts: spec.Options{UUID: true}, uuid: []string{"Post"}}},
	"request_model_extra_rules": {name: "User", fields: "email:string:email name:string:max=100:regex=alpha_dash password:string:required:min=8:confirmed",
		model: &modelCase{name: "User", fields: "name:string email:string:unique"}},
}

func (c goldenCase) options(t *testing.T) Options {
	t.Helper()
	o := Options{Name: c.name, Fields: strings.Fields(c.fields), Module: "example.com/blog"}
	if c.model != nil {
		r := c.model.resource(t)
		o.Model = &r
	}
	return o
}

func (c modelCase) resource(t *testing.T) spec.Resource {
	t.Helper()
	r, err := spec.NewResource(c.name, strings.Fields(c.fields), c.opts)
	if err != nil {
		t.Fatal(err)
	}
	for i := range r.Fields {
		if rel := r.Fields[i].Relation; rel != nil && slices.Contains(c.uuid, rel.Target.Go()) {
			rel.TargetUUID = true // as the command layer does from app/models
		}
	}
	return r
}

func TestGolden(t *testing.T) {
	for name, c := range goldenCases {
		t.Run(name, func(t *testing.T) {
			p, err := Generate(c.options(t))
			if err != nil {
				t.Fatal(err)
			}
			goldentest.Check(t, name, p)
		})
	}
}
