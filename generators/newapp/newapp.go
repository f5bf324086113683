// Package newapp generates the skeleton of a kiln app (`kiln new`): a pure function
// from options to a plan; plan.Apply does the writing.
package newapp

import (
	"fmt"
	"strings"

	"golang.org/x/mod/module"

	"github.com/kilnhq/kiln/generators/plan"
	"github.com/kilnhq/kiln/templates"
)

// KilnModule is kiln's own module path, which every app requires.
const KilnModule = "github.com/kilnhq/kiln"

// DevVersion is the pseudo-version an app requires kiln at when a replace directive
// points it at a local checkout.
const DevVersion = "v0.0.0-00010101000000-000000000000"

// Options describe the app to create. Name and Module are validated by Generate.
type Options struct {
	Name        string // the app's name: its directory's base name
	Module      string // Go module path; defaults to Name
	DB          string // "sqlite" (default) or "postgres"
	KilnVersion string // kiln version to require; DevVersion when KilnPath is set
	KilnPath    string // local kiln checkout for a replace directive; "" for none
}

// Drivers are the databases an app can start with.
var Drivers = []string{"sqlite", "postgres"}

// Generate returns the plan for a new app.
func Generate(o Options) (plan.Plan, error) {
	if err := o.normalize(); err != nil {
		return plan.Plan{}, err
	}
	p := plan.Plan{Generator: "new"}
	for _, f := range []func(Options, *plan.Plan) error{addModuleFiles, addGoFiles, addConfigFiles} {
		if err := f(o, &p); err != nil {
			return plan.Plan{}, err
		}
	}
	return p, nil
}

func (o *Options) normalize() error {
	if o.Module == "" {
		o.Module = o.Name
	}
	if err := module.CheckImportPath(o.Module); err != nil || strings.HasPrefix(o.Module, "/") {
		return &OptionError{fmt.Sprintf("invalid module path %q: use a Go import path such as blog or github.com/you/blog (set it with --module)", o.Module)}
	}
	if o.DB == "" {
		o.DB = "sqlite"
	}
	if o.DB != "sqlite" && o.DB != "postgres" {
		return &OptionError{fmt.Sprintf("invalid database %q: use sqlite or postgres", o.DB)}
	}
	if o.KilnVersion == "" {
		o.KilnVersion = DevVersion
	}
	return nil
}

// OptionError is bad user input to Generate; commands report it as a usage error.
type OptionError struct{ Msg string }

func (e *OptionError) Error() string { return e.Msg }

// dsn is the default DB_DSN for the chosen database.
func (o Options) dsn() string {
	if o.DB == "postgres" {
		return "postgres://postgres:postgres@127.0.0.1:5432/" + databaseName(o.Name) + "?sslmode=disable"
	}
	return "storage/app.db"
}

// databaseName makes a PostgreSQL database name from the app name (my-app → my_app).
func databaseName(name string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(name) {
		if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') {
			b.WriteRune(r)
		} else {
			b.WriteByte('_')
		}
	}
	if b.Len() == 0 {
		return "app"
	}
	return b.String()
}

// addModuleFiles adds go.mod and go.sum, listing the runtime's dependencies so the app
// builds offline right away.
func addModuleFiles(o Options, p *plan.Plan) error {
	data := map[string]any{
		"Module":      o.Module,
		"GoVersion":   appGoVersion,
		"KilnVersion": o.KilnVersion,
		"KilnPath":    o.KilnPath,
		"Requires":    runtimeRequires,
	}
	mod, err := templates.Render("app/go.mod.tmpl", data)
	if err != nil {
		return err
	}
	p.Add("go.mod", mod)
	p.Add("go.sum", []byte(runtimeGoSum))
	return nil
}

// addConfigFiles adds .env, .env.example, .gitignore files and the README.
func addConfigFiles(o Options, p *plan.Plan) error {
	stubs := []struct {
		path, stub string
		example    bool
	}{
		{".env", "app/env.tmpl", false},
		{".env.example", "app/env.tmpl", true},
		{".gitignore", "app/gitignore.tmpl", false},
		{"storage/.gitignore", "app/storage.gitignore.tmpl", false},
		{"README.md", "app/readme.md.tmpl", false},
	}
	for _, s := range stubs {
		out, err := templates.Render(s.stub, map[string]any{
			"Name": o.Name, "Module": o.Module, "DBDriver": o.DB, "DBDSN": o.dsn(), "Example": s.example,
		})
		if err != nil {
			return err
		}
		p.Add(s.path, out)
	}
	// Empty directories the layout promises; git keeps them through these files.
	p.Add("app/models/.gitkeep", nil)
	p.Add("database/migrations/.gitkeep", nil)
	return nil
}
