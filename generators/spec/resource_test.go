package spec

import (
	"reflect"
	"strconv"
	"strings"
	"testing"
)

func TestRelations(t *testing.T) {
	post := mustName(t, "Post")
	tests := []struct {
		name string
		got  func() (Relation, error)
		want Relation
	}{
		{"has_many plural", func() (Relation, error) { return HasMany(post, "comments") }, Relation{
			Kind: RelHasMany, Name: "Comments", Target: mustName(t, "Comment"), Table: "comments", ForeignKey: "post_id"}},
		{"has_many singular", func() (Relation, error) { return HasMany(post, "Comment") }, Relation{
			Kind: RelHasMany, Name: "Comments", Target: mustName(t, "Comment"), Table: "comments", ForeignKey: "post_id"}},
		{"has_many irregular", func() (Relation, error) { return HasMany(post, "people") }, Relation{
			Kind: RelHasMany, Name: "People", Target: mustName(t, "Person"), Table: "people", ForeignKey: "post_id"}},
		{"has_one", func() (Relation, error) { return HasOne(mustName(t, "User"), "profile") }, Relation{
			Kind: RelHasOne, Name: "Profile", Target: mustName(t, "Profile"), Table: "profiles", ForeignKey: "user_id"}},
		{"belongs_to_many", func() (Relation, error) { return BelongsToMany(post, "tags") }, Relation{
			Kind: RelBelongsToMany, Name: "Tags", Target: mustName(t, "Tag"), Table: "tags",
			ForeignKey: "post_id", RelatedKey: "tag_id", PivotTable: "post_tag"}},
		{"belongs_to_many sorted", func() (Relation, error) { return BelongsToMany(mustName(t, "Tag"), "BlogPost") }, Relation{
			Kind: RelBelongsToMany, Name: "BlogPosts", Target: mustName(t, "BlogPost"), Table: "blog_posts",
			ForeignKey: "tag_id", RelatedKey: "blog_post_id", PivotTable: "blog_post_tag"}},
	}
	for _, tt := range tests {
		got, err := tt.got()
		if err != nil || !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s: got %#v, %v\nwant %#v", tt.name, got, err, tt.want)
		}
	}
	if _, err := BelongsToMany(post, "posts"); err == nil {
		t.Error("self belongs_to_many: want error")
	}
	_, err := HasMany(post, "../x")
	assertError(t, err, "has_many target", "../x", `contains ".."`)
	_, err = HasOne(Name{}, "profile")
	assertError(t, err, "has_one target", "profile", "no name")
}

func TestNewResource(t *testing.T) {
	r, err := NewResource("BlogPost", []string{"title:string", "author:belongs_to=users", "body:text:nullable"},
		Options{SoftDeletes: true, HasMany: []string{"comments"}, BelongsToMany: []string{"tags"}})
	if err != nil {
		t.Fatal(err)
	}
	if r.Table() != "blog_posts" || !r.Timestamps || !r.SoftDeletes || r.UUID {
		t.Errorf("resource options: %+v", r)
	}
	want := []string{"id", "title", "author_id", "body", "created_at", "updated_at", "deleted_at"}
	if got := r.Columns(); !reflect.DeepEqual(got, want) {
		t.Errorf("Columns() = %v, want %v", got, want)
	}
	if len(r.Relations) != 2 || r.Relations[0].Name != "Comments" || r.Relations[1].PivotTable != "blog_post_tag" {
		t.Errorf("Relations = %+v", r.Relations)
	}

	r, err = NewResource("person", nil, Options{Table: "staff_members", NoTimestamps: true, UUID: true})
	if err != nil {
		t.Fatal(err)
	}
	if r.Table() != "staff_members" || !reflect.DeepEqual(r.Columns(), []string{"id"}) {
		t.Errorf("Table %q Columns %v", r.Table(), r.Columns())
	}
}

func TestResourceValidate(t *testing.T) {
	many := make([]string, maxFields+1)
	for i := range many {
		many[i] = "f" + strconv.Itoa(i) + ":int"
	}
	tests := []struct {
		name   string
		fields []string
		opts   Options
		kind   string
		input  string
		phrase string
	}{
		{"bad name", nil, Options{}, "model name", "Model", "used by kiln"},
		{"bad table", nil, Options{Table: "Posts"}, "resource", "Post", "lower case"},
		{"reserved table", nil, Options{Table: "order"}, "resource", "Post", "SQL reserved word"},
		{"too many fields", many, Options{}, "resource", "Post", "at most 200"},
		{"field named like model", []string{"post:string"}, Options{}, "resource", "Post", "model's own Go name Post"},
		{"belongs_to named like model", []string{"post:belongs_to=posts"}, Options{}, "resource", "Post", "model's own Go name Post"},
		{"relation vs field", []string{"comments:json"}, Options{HasMany: []string{"comments"}}, "resource", "Post", "both need the Go name Comments"},
		{"two relations", nil, Options{HasMany: []string{"tags"}, BelongsToMany: []string{"tags"}}, "resource", "Post", "both need the Go name Tags"},
		{"relation vs belongs_to", []string{"author:belongs_to=users"}, Options{HasOne: []string{"author"}}, "resource", "Post", "both need the Go name Author"},
		{"relation to reserved", nil, Options{HasMany: []string{"models"}}, "has_many target", "models", "used by kiln"},
	}
	for _, tt := range tests {
		name := "Post"
		if tt.kind == "model name" {
			name = tt.input
		}
		_, err := NewResource(name, tt.fields, tt.opts)
		if err == nil {
			t.Errorf("%s: want error", tt.name)
			continue
		}
		assertError(t, err, tt.kind, tt.input, tt.phrase)
	}

	// Hand-built resources are checked too.
	f1, f2 := mustField(t, "title:string"), mustField(t, "title:text")
	err := Resource{Name: mustName(t, "Post"), Fields: []Field{f1, f2}}.Validate()
	assertError(t, err, "resource", "Post", `"title:string" and "title:text" both map to the column title`)
	err = Resource{}.Validate()
	assertError(t, err, "resource", "", "model name is missing")
	rel, _ := HasMany(mustName(t, "Post"), "comments")
	rel.Kind, rel.Name = RelHasMany, "ID"
	err = Resource{Name: mustName(t, "Post"), Relations: []Relation{rel}}.Validate()
	assertError(t, err, "resource", "Post", "becomes the Go field ID")
}

// A required self-reference is refused for a new model, but a recorded spec
// that has one (made by an earlier kiln) still loads.
func TestRequiredSelfReference(t *testing.T) {
	r, err := NewResource("Category", []string{"name:string", "parent:belongs_to=categories"}, Options{})
	if err != nil {
		t.Fatalf("a recorded spec must load: %v", err)
	}
	err = r.ValidateNew()
	if err == nil || !strings.Contains(err.Error(), "could never be saved (it has no parent to point at); make it nullable: parent:belongs_to=categories:nullable") {
		t.Errorf("ValidateNew = %v", err)
	}
	r, err = NewResource("Category", []string{"parent:belongs_to=categories:nullable"}, Options{})
	if err != nil || r.ValidateNew() != nil {
		t.Errorf("a nullable self-reference: %v, %v", err, r.ValidateNew())
	}
}
