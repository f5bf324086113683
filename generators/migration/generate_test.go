package migration

import (
	"errors"
	"strings"
	"testing"

	"github.com/kilnhq/kiln/generators/spec"
)

func TestGuessFromName(t *testing.T) {
	cases := map[string]guessed{
		"create_posts_table":             {create, "posts"},
		"create_audit_log":               {create, "audit_log"},
		"add_status_to_posts_table":      {addCols, "posts"},
		"add_status_to_posts":            {addCols, "posts"},
		"add_to_do_to_tasks_table":       {addCols, "tasks"},
		"add_index_in_users_table":       {addCols, "users"},
		"remove_status_from_posts_table": {removeCols, "posts"},
		"remove_status_from_posts":       {removeCols, "posts"},
		"drop_posts_table":               {drop, "posts"},
		"drop_legacy":                    {drop, "legacy"},
		"backfill_slugs":                 {blank, ""},
	}
	for name, want := range cases {
		if got := guessFromName(name); got != want {
			t.Errorf("guessFromName(%s) = %+v, want %+v", name, got, want)
		}
	}
}

func TestGenerateNamesTheFile(t *testing.T) {
	p := generate(t, Options{Name: "create_posts_table", Version: 20261123120000})
	if len(p.Files) != 1 || p.Files[0].Path != "database/migrations/20261123120000_create_posts_table.go" {
		t.Fatalf("files = %+v", p.Files)
	}
	src := string(p.Files[0].Content)
	for _, want := range []string{
		`Set.Add(20261123120000, "create_posts_table", upCreatePostsTable, downCreatePostsTable)`,
		"func upCreatePostsTable(ctx context.Context, s *migrate.Schema) error",
		"t.ID()", "t.Timestamps()",
	} {
		if !strings.Contains(src, want) {
			t.Errorf("generated file lacks %q:\n%s", want, src)
		}
	}
	p = generate(t, Options{Name: "create_posts_table", SQL: true})
	if p.Files[0].Path != "database/migrations/20261123120000_create_posts_table.sql" {
		t.Errorf("SQL file = %s", p.Files[0].Path)
	}
}

// Flags agree with the name or decide when the name says nothing.
func TestFlagsDecide(t *testing.T) {
	cases := []struct {
		opts   Options
		fields []string
		want   string
	}{
		{Options{Name: "backfill", Table: "posts"}, []string{"slug:string:nullable"}, `s.Table("posts"`},
		{Options{Name: "setup", Table: "logs", Create: true}, nil, `s.Create("logs"`},
		{Options{Name: "create_posts_table", Table: "posts"}, []string{"slug:string:nullable"}, `s.Table("posts"`},
		{Options{Name: "remove_slug_from_posts", Table: "posts"}, []string{"slug:string:nullable"}, `t.DropColumn("slug")`},
	}
	for _, c := range cases {
		src := string(generate(t, c.opts, c.fields...).Files[0].Content)
		if !strings.Contains(src, c.want) {
			t.Errorf("%+v: lacks %s:\n%s", c.opts, c.want, src)
		}
	}
}

// Bad and conflicting input is a *spec.Error naming the offending input, so the
// command exits 2 having written nothing.
func TestGenerateRejects(t *testing.T) {
	field := func(s string) []spec.Field {
		f, err := spec.ParseFields([]string{s})
		if err != nil {
			t.Fatal(err)
		}
		return f
	}
	cases := []struct {
		opts Options
		want string
	}{
		{Options{Name: "CreatePosts"}, `invalid migration name "CreatePosts": use snake_case`},
		{Options{Name: "1_posts"}, `invalid migration name "1_posts"`},
		{Options{Name: "has space"}, "snake_case"},
		{Options{Name: ""}, "snake_case"},
		{Options{Name: "create_posts_table", Table: "users"}, `the name is about table posts, but --table names users`},
		{Options{Name: "create_posts_table", Table: "articles", Create: true}, `--create names articles`},
		{Options{Name: "x", Create: true}, "--create needs a table"},
		{Options{Name: "backfill", Fields: field("a:string")}, "fields need a table"},
		{Options{Name: "create_Posts_table"}, "snake_case"},
		{Options{Name: "create_select_table"}, `invalid table name "select"`},
		{Options{Name: "x", Table: "Bad-Table"}, `invalid table name "Bad-Table"`},
		{Options{Name: "add_author_to_posts", SQL: true, Fields: field("author:belongs_to=users")}, "SQLite's ALTER TABLE can't add column author_id"},
		{Options{Name: "add_body_to_posts", SQL: true, Dialect: "sqlite", Fields: field("body:text")}, "drop --sql"},
	}
	for _, c := range cases {
		if c.opts.Version == 0 {
			c.opts.Version = version
		}
		_, err := Generate(c.opts)
		var specErr *spec.Error
		if !errors.As(err, &specErr) || !strings.Contains(err.Error(), c.want) {
			t.Errorf("Generate(%+v) = %v, want a *spec.Error containing %q", c.opts, err, c.want)
		}
	}
	if _, err := Generate(Options{Name: "x", Version: 0}); err == nil {
		t.Error("version 0 accepted")
	}
	if _, err := Generate(Options{Name: "x", SQL: true, Dialect: "mysql", Version: 1}); err == nil {
		t.Error("mysql accepted")
	}
}
