package factory

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kilnhq/kiln/generators/internal/tempapp"
	"github.com/kilnhq/kiln/generators/model"
	"github.com/kilnhq/kiln/generators/spec"
)

// appModel is one model of the compile test and the factories kiln knew of
// when it wrote the model's factory; factories nil means it has none.
type appModel struct {
	name, fields string
	uuid         bool
	factories    []string
}

// parentModels relate to their parents in every way a factory declares:
// a nullable key (Post.author; Comment.tag, to a UUID key; Category.parent,
// a self-reference by UUID), a parent with a factory (Post.topic,
// by UUID), a parent whose factory came later (Comment.post: Comment was
// scaffolded before Post) and one with no factory at all (Note.tag).
var parentModels = []appModel{
	{name: "User", fields: "name:string", factories: []string{"User"}},
	{name: "Category", fields: "name:string parent:belongs_to=categories:nullable", uuid: true, factories: []string{"User", "Category"}},
	{name: "Topic", fields: "name:string", uuid: true, factories: []string{"Topic"}},
	{name: "Post", fields: "title:string author:belongs_to=users:nullable topic:belongs_to=topics",
		factories: []string{"User", "Topic", "Post"}},
	{name: "Tag", fields: "name:string", uuid: true},
	{name: "Comment", fields: "body:text post:belongs_to tag:belongs_to:nullable", factories: []string{"Comment"}},
	{name: "Note", fields: "body:text tag:belongs_to", factories: []string{"Note"}},
}

// TestGeneratedParentsCompileAndRun writes parentModels and their factories
// into a temporary app module that uses this checkout of kiln, then vets
// it and runs testdata/parents_test.go.txt inside it against SQLite: each
// kind of relation compiles, and creates, leaves NULL or asks for a parent.
func TestGeneratedParentsCompileAndRun(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a module")
	}
	app := tempapp.New(t, "shop")
	uuids := map[string]bool{}
	for _, m := range parentModels {
		uuids[m.name] = m.uuid
	}
	for _, m := range parentModels {
		r, err := spec.NewResource(m.name, strings.Fields(m.fields), spec.Options{UUID: m.uuid})
		if err != nil {
			t.Fatal(err)
		}
		for _, fl := range r.Fields {
			if fl.Relation != nil {
				fl.Relation.TargetUUID = uuids[fl.Relation.Target.Go()] // as the command layer sets it
			}
		}
		mp, err := model.Generate(r, model.Options{Module: "shop"})
		if err != nil {
			t.Fatal(err)
		}
		app.WritePlan(mp)
		if m.factories == nil {
			continue
		}
		fp, err := Generate(r.Name, Options{Module: "shop", Model: &r, Factories: m.factories})
		if err != nil {
			t.Fatal(err)
		}
		app.WritePlan(fp)
	}
	test, err := os.ReadFile(filepath.Join("testdata", "parents_test.go.txt"))
	if err != nil {
		t.Fatal(err)
	}
	app.Write(Dir+"/parents_test.go", string(test))
	app.Go("vet", "./...")
	app.Go("test", "-count=1", "./...")
}
