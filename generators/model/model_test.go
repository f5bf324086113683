package model

import (
	"slices"
	"strings"
	"testing"

	"github.com/kilnhq/kiln/generators/goldentest"
	"github.com/kilnhq/kiln/generators/spec"
)

// goldenCase is one `kiln make model` run: the arguments and flags it
// parses, and the models that already use UUID keys.
type goldenCase struct {
	model  string
	fields string // space-separated field tokens
	opts   spec.Options
	uuid   []string // existing models with UUID keys
}

var goldenCases = map[string]goldenCase{
	"model_basic": {model: "User", fields: "name:string email:string:unique password:string remember_token:string:nullable"},
	"model_every_type": {model: "Post", opts: spec.Options{SoftDeletes: true}, fields: "title:string:size=120 body:text " +
		"views:int likes:bigint rating:float price:decimal:precision=8:scale=2 published:bool " +
		"publish_on:date published_at:datetime reviewed_at:timestamp ref:uuid meta:json " +
		"status:enum=draft,published,archived author:belongs_to=users"},
	"model_nullable": {model: "Profile", fields: "bio:text:nullable age:int:nullable followers:bigint:nullable " +
		"score:float:nullable balance:decimal:nullable verified:bool:nullable born_on:date:nullable " +
		"seen_at:datetime:nullable external_id:uuid:nullable settings:json:nullable " +
		"visibility:enum=public,private:nullable user:belongs_to:nullable"},
	"model_defaults": {model: "Setting", fields: "theme:string:default=light retries:int:default=3 " +
		"ratio:float:default=0.5 fee:decimal:default=1.50 enabled:bool:default=true archived:bool:default=false " +
		"starts_on:date:default=now checked_at:datetime:default=now options:json:default={} " +
		"level:enum=low,high:default=low note:text:nullable:default=none"},
	"model_enum":             {model: "Order", fields: "status:enum=pending,paid,shipped,in_transit priority:enum=low,high:nullable api_source:enum=web,ios"},
	"model_belongs_to":       {model: "Comment", fields: "body:text post:belongs_to author:belongs_to=users:nullable reviewer_id:belongs_to=users:on_delete=restrict"},
	"model_has_relations":    {model: "User", fields: "name:string", opts: spec.Options{HasMany: []string{"posts", "Comment"}, HasOne: []string{"profile"}}},
	"model_belongs_to_many":  {model: "Post", fields: "title:string", opts: spec.Options{BelongsToMany: []string{"tags"}}},
	"model_uuid":             {model: "Tag", fields: "name:string:unique", opts: spec.Options{UUID: true, BelongsToMany: []string{"posts"}}},
	"model_uuid_parent":      {model: "Comment", fields: "body:text post:belongs_to editor:belongs_to=users:nullable", uuid: []string{"Post"}},
	"model_self_reference":   {model: "Category", fields: "name:string parent:belongs_to=categories:nullable", opts: spec.Options{UUID: true, HasMany: []string{"products"}}},
	"model_soft_deletes":     {model: "Invoice", fields: "number:string:unique total:decimal", opts: spec.Options{SoftDeletes: true}},
	"model_no_timestamps":    {model: "Country", fields: "code:string:size=2:unique name:string", opts: spec.Options{NoTimestamps: true}},
	"model_table_override":   {model: "Post", fields: "title:string", opts: spec.Options{Table: "legacy_posts", NoTimestamps: true, SoftDeletes: true}},
	"model_irregular_plural": {model: "Person", fields: "name:string"},
	"model_initialisms":      {model: "APIKey", fields: "url:string ip_address:string:nullable owner_id:belongs_to=users"},
}

func (c goldenCase) resource(t *testing.T) spec.Resource {
	t.Helper()
	r, err := spec.NewResource(c.model, strings.Fields(c.fields), c.opts)
	if err != nil {
		t.Fatal(err)
	}
	markUUIDTargets(r, c.uuid)
	return r
}

// markUUIDTargets does what the command layer does from app/models: flags the
// belongs_to relations whose target model has a UUID key.
func markUUIDTargets(r spec.Resource, uuidModels []string) {
	for i := range r.Fields {
		if rel := r.Fields[i].Relation; rel != nil && slices.Contains(uuidModels, rel.Target.Go()) {
			rel.TargetUUID = true
		}
	}
}

func (c goldenCase) options() Options {
	return Options{Module: "example.com/blog"}
}

func TestGolden(t *testing.T) {
	for name, c := range goldenCases {
		t.Run(name, func(t *testing.T) {
			p, err := Generate(c.resource(t), c.options())
			if err != nil {
				t.Fatal(err)
			}
			goldentest.Check(t, name, p)
		})
	}
}

// specOpts builds spec.Options from flag-like pairs, so the compile test's
// models read like their command lines: specOpts("uuid", "", "has-many", "posts").
func specOpts(pairs ...string) spec.Options {
	var o spec.Options
	for i := 0; i < len(pairs); i += 2 {
		switch v := pairs[i+1]; pairs[i] {
		case "uuid":
			o.UUID = true
		case "soft-deletes":
			o.SoftDeletes = true
		case "has-many":
			o.HasMany = append(o.HasMany, v)
		case "has-one":
			o.HasOne = append(o.HasOne, v)
		case "belongs-to-many":
			o.BelongsToMany = append(o.BelongsToMany, v)
		}
	}
	return o
}
