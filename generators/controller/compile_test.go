package controller

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kilnhq/kiln/generators/internal/tempapp"
	"github.com/kilnhq/kiln/generators/migration"
	"github.com/kilnhq/kiln/generators/model"
	"github.com/kilnhq/kiln/generators/plan"
	"github.com/kilnhq/kiln/generators/request"
	"github.com/kilnhq/kiln/generators/resource"
	"github.com/kilnhq/kiln/generators/routes"
	"github.com/kilnhq/kiln/generators/spec"
)

// appModule is the temporary app's module path.
const appModule = "blog"

// routesGo is routes/api.go as kiln new writes it, with the database
// parameter the route editor needs.
const routesGo = `// Package routes registers the app's HTTP routes.
package routes

import (
	"github.com/kilnhq/kiln/runtime/db"
	"github.com/kilnhq/kiln/runtime/web"
)

// API registers the app's JSON API on r.
func API(r *web.Router, database *db.DB) {}
`

// migrationsGo is the migration Set file kiln new writes (docs/data-layer.md).
const migrationsGo = `package migrations

import (
	"embed"

	"github.com/kilnhq/kiln/runtime/migrate"
)

//go:embed *
var files embed.FS

var Set = migrate.NewSet(files)
`

// TestGeneratedAPIServes writes a generated slice of an app — models,
// migrations, requests, resources and a resource controller registered by the
// route editor — into a temporary module that uses this checkout
// of kiln, vets it, and runs a test inside it that serves the controller over
// httptest against SQLite: create, list, show, update, delete, 404, 400, 422.
func TestGeneratedAPIServes(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a module")
	}
	app := tempapp.New(t, appModule)
	user := newResource(t, "User", "name:string email:string:unique")
	post := newResource(t, "Post", "title:string body:text:nullable published:bool author:belongs_to=users", spec.Options{SoftDeletes: true})
	var p plan.Plan
	for i, r := range []spec.Resource{user, post} {
		p = merge(p, must(model.Generate(r, model.Options{Module: appModule})))
		p = merge(p, must(migration.ForResource(r, 20261123120000+int64(i))))
		p = merge(p, must(resource.Generate(r.Name, resource.Options{Module: appModule, Model: &r, Nested: []string{"User"}})))
	}
	p = merge(p, resource.Support())
	p = merge(p, must(request.Generate(request.Options{Module: appModule, Model: &post})))
	p = merge(p, must(Generate([]spec.Name{post.Name}, Options{Module: appModule, Model: &post})))
	app.Write(routes.File, routesGo)
	app.Write(migration.Dir+"/migrations.go", migrationsGo)
	app.Write("routes/api_test.go", readTestdata(t, "api_test.go.txt"))
	if _, err := plan.Apply(t.Context(), app.Dir, p, plan.Options{}); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"vet", "./..."}, {"test", "-count=1", "./..."}} {
		t.Logf("go %s:\n%s", strings.Join(args, " "), app.Go(args...))
	}
}

func newResource(t *testing.T, name, fields string, opts ...spec.Options) spec.Resource {
	t.Helper()
	var o spec.Options
	if len(opts) > 0 {
		o = opts[0]
	}
	r, err := spec.NewResource(name, strings.Fields(fields), o)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func merge(p, more plan.Plan) plan.Plan {
	p.Files = append(p.Files, more.Files...)
	p.Edits = append(p.Edits, more.Edits...)
	return p
}

// must unwraps a generator's result; the compile test has no use for a
// failing generator beyond reporting it.
func must(p plan.Plan, err error) plan.Plan {
	if err != nil {
		panic(err)
	}
	return p
}

func readTestdata(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
