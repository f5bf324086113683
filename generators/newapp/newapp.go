// Package newapp generates the skeleton of a kiln app (`kiln new`): a pure function
// from options to a plan; plan.Apply does the writing.
package newapp

import (
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"sync"

	"golang.org/x/mod/module"

	"github.com/kilnhq/kiln/generators/plan"
	"github.com/kilnhq/kiln/generators/resource"
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

// CheckName validates an app's name (its directory's base name), as
// Generate will; kiln new's wizard checks the answer while it is typed.
func CheckName(name string) error {
	if !validAppName().MatchString(name) {
		return &OptionError{fmt.Sprintf("invalid app name %q (the directory's name): use letters, digits, '.', '-' and '_', starting with a letter or digit", name)}
	}
	return nil
}

// CheckModule validates a module path, as Generate will.
func CheckModule(path string) error { return checkModulePath(path) }

func (o *Options) normalize() error {
	if err := CheckName(o.Name); err != nil {
		return err
	}
	if o.Module == "" {
		o.Module = o.Name
	}
	if err := CheckModule(o.Module); err != nil {
		return err
	}
	if o.DB == "" {
		o.DB = "sqlite"
	}
	if !slices.Contains(Drivers, o.DB) {
		return &OptionError{fmt.Sprintf("invalid database %q: use sqlite or postgres", o.DB)}
	}
	if o.KilnVersion == "" {
		o.KilnVersion = DevVersion
	}
	return nil
}

// validAppName keeps the app name safe where it is written verbatim: .env values,
// .gitignore patterns, the README and a PostgreSQL database name.
var validAppName = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$`) })

// checkModulePath accepts Go import paths that do not collide with the standard
// library: a module named fmt or net would make `import "fmt"` ambiguous.
func checkModulePath(m string) error {
	if err := module.CheckImportPath(m); err != nil {
		return &OptionError{fmt.Sprintf("invalid module path %q: %v; use a Go import path such as blog or github.com/you/blog (set it with --module)", m, unwrapPathError(err))}
	}
	first, _, _ := strings.Cut(m, "/")
	if slices.Contains(stdRoots, first) {
		return &OptionError{fmt.Sprintf("invalid module path %q: %q is a standard-library package; use --module example.com/%s or similar", m, first, m)}
	}
	return nil
}

// unwrapPathError drops the path that module.CheckImportPath repeats in its error.
func unwrapPathError(err error) error {
	var ie *module.InvalidPathError
	if errors.As(err, &ie) && ie.Err != nil {
		return ie.Err
	}
	return err
}

// stdRoots are the first path elements of the standard library's packages
// (TestStdRootsMatchGoList keeps the list current).
var stdRoots = []string{
	"archive", "bufio", "builtin", "bytes", "cmd", "cmp", "compress", "container", "context",
	"crypto", "database", "debug", "embed", "encoding", "errors", "expvar", "flag", "fmt",
	"go", "hash", "html", "image", "index", "internal", "io", "iter", "log", "maps", "math",
	"mime", "net", "os", "path", "plugin", "reflect", "regexp", "runtime", "slices", "sort",
	"strconv", "strings", "structs", "sync", "syscall", "testing", "text", "time", "unicode",
	"unique", "unsafe", "vendor", "weak",
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
	p.Files = append(p.Files, resource.Support().Files...)
	return nil
}
