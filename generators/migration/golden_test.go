package migration

import (
	"testing"

	"github.com/kilnhq/kiln/generators/goldentest"
	"github.com/kilnhq/kiln/generators/plan"
	"github.com/kilnhq/kiln/generators/spec"
)

const version = 20261123120000

// everyField uses every field type and modifier of the DSL.
var everyField = []string{
	"title:string:size=120", "body:text:nullable", "views:int:default=0", "score:bigint:index",
	"huge:bigint:default=9007199254740993", "rating:float:nullable:default=2.5",
	"price:decimal:precision=10:scale=2:default=9.99", "published:bool:default=false",
	"published_on:date:nullable", "reviewed_on:date:default=now", "published_at:datetime:nullable",
	"expires_at:timestamp:default=2030-01-01T00:00:00Z", "token:uuid:unique", "meta:json:default={}",
	"status:enum=draft,published:default=draft", "slug:string:size=80:unique",
}

// Golden cases for make model -m: every type and modifier, relations, key and
// timestamp options, a pivot.
func TestGoldenForResource(t *testing.T) {
	cases := map[string]struct {
		model  string
		fields []string
		opts   spec.Options
	}{
		"migration_every_type": {"Post", everyField, spec.Options{}},
		"migration_belongs_to": {"Comment", []string{
			"body:text", "post:belongs_to", "author:belongs_to=users", "editor:belongs_to=users:nullable",
			"approver_id:belongs_to=users:nullable:on_delete=restrict", "profile:belongs_to:unique",
		}, spec.Options{}},
		"migration_uuid":          {"Token", []string{"name:string"}, spec.Options{UUID: true}},
		"migration_soft_deletes":  {"Article", []string{"title:string"}, spec.Options{SoftDeletes: true}},
		"migration_no_timestamps": {"Setting", []string{"name:string:unique", "value:text:nullable"}, spec.Options{NoTimestamps: true, Table: "app_settings"}},
		"migration_pivot": {"Post", []string{"title:string"}, spec.Options{
			BelongsToMany: []string{"tags", "Category"}, HasMany: []string{"comments"},
		}},
		"migration_pivot_uuid": {"Tag", []string{"name:string"}, spec.Options{UUID: true, BelongsToMany: []string{"posts"}}},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			r, err := spec.NewResource(c.model, c.fields, c.opts)
			if err != nil {
				t.Fatal(err)
			}
			p, err := ForResource(r, version)
			if err != nil {
				t.Fatal(err)
			}
			goldentest.Check(t, name, p)
		})
	}
}

// Golden cases for make migration: inference from the name, flags, SQL files.
func TestGoldenGenerate(t *testing.T) {
	cases := map[string]struct {
		opts   Options
		fields []string
	}{
		"migration_create":           {Options{Name: "create_posts_table"}, []string{"title:string", "author:belongs_to=users"}},
		"migration_add_columns":      {Options{Name: "add_status_to_posts_table"}, []string{"status:enum=draft,live:default=draft", "summary:string:nullable:unique", "editor:belongs_to=users"}},
		"migration_remove_columns":   {Options{Name: "remove_summary_from_posts"}, []string{"summary:string:nullable", "views:int:index"}},
		"migration_drop_table":       {Options{Name: "drop_posts_table"}, []string{"title:string", "body:text:nullable"}},
		"migration_drop_table_bare":  {Options{Name: "drop_legacy_table"}, nil},
		"migration_blank":            {Options{Name: "backfill_slugs"}, nil},
		"migration_blank_table":      {Options{Name: "backfill_slugs", Table: "posts"}, nil},
		"migration_create_flag":      {Options{Name: "make_audit_log", Table: "audit_log", Create: true}, []string{"event:string", "payload:json:nullable"}},
		"migration_sql_sqlite":       {Options{Name: "create_posts_table", SQL: true, Dialect: "sqlite"}, everyField},
		"migration_sql_postgres":     {Options{Name: "create_posts_table", SQL: true, Dialect: "postgres"}, everyField},
		"migration_sql_add_sqlite":   {Options{Name: "add_summary_to_posts_table", SQL: true, Dialect: "sqlite"}, []string{"summary:string:nullable:unique", "views:int:default=0:index"}},
		"migration_sql_add_postgres": {Options{Name: "add_author_to_posts_table", SQL: true, Dialect: "postgres"}, []string{"author:belongs_to=users", "summary:text:nullable"}},
		"migration_sql_drop":         {Options{Name: "drop_posts_table", SQL: true, Dialect: "postgres"}, []string{"title:string"}},
		"migration_sql_blank":        {Options{Name: "tune_settings", SQL: true}, nil},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			p := generate(t, c.opts, c.fields...)
			goldentest.Check(t, name, p)
		})
	}
}

func generate(t *testing.T, o Options, fields ...string) plan.Plan {
	t.Helper()
	fs, err := spec.ParseFields(fields)
	if err != nil {
		t.Fatal(err)
	}
	o.Fields = fs
	if o.Version == 0 {
		o.Version = version
	}
	p, err := Generate(o)
	if err != nil {
		t.Fatal(err)
	}
	return p
}
