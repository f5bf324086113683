package commands

import (
	"fmt"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/joho/godotenv"
	"golang.org/x/mod/modfile"

	"github.com/kilnhq/kiln/generators/newapp"
	"github.com/kilnhq/kiln/internal/plainfile"
)

// project is the kiln app a command works on.
type project struct {
	root   string // absolute path of the directory holding go.mod
	module string // the app's module path
}

// loadProject finds the app (--dir or the nearest go.mod upward) and reads its module path.
func loadProject(g *globals) (project, error) {
	root, err := g.projectRoot()
	if err != nil {
		return project{}, err
	}
	data, err := plainfile.ReadFile(filepath.Join(root, "go.mod"))
	if err != nil {
		return project{}, fmt.Errorf("read go.mod: %w", err)
	}
	module := modfile.ModulePath(data)
	if module == "" {
		return project{}, fmt.Errorf("%s has no module line", filepath.Join(root, "go.mod"))
	}
	if !requiresKiln(data) {
		return project{}, usagef("%s is not a kiln app: its go.mod does not require %s, whose runtime the generated code imports; run kiln inside an app made with kiln new (or pass --dir), or add the runtime first: go get %s",
			root, newapp.KilnModule, newapp.KilnModule)
	}
	return project{root: root, module: module}, nil
}

// requiresKiln reports whether go.mod requires kiln's module, as every app
// kiln new writes does (at DevVersion with a replace directive when made
// with --kiln-path). It reads the require lines itself rather than parsing
// the file with modfile: every make command runs it, and the parser's code
// is a few hundred microseconds of page faults in a fresh process.
func requiresKiln(gomod []byte) bool {
	inBlock := false
	for line := range strings.Lines(string(gomod)) {
		if i := strings.Index(line, "//"); i >= 0 {
			line = line[:i]
		}
		f := strings.Fields(strings.NewReplacer("(", " ( ", ")", " ) ").Replace(line)) // require( is valid too
		switch {
		case len(f) == 0:
		case inBlock && f[0] == ")":
			inBlock = false
		case inBlock:
			if strings.Trim(f[0], `"`) == newapp.KilnModule {
				return true
			}
		case f[0] == "require" && len(f) == 2 && f[1] == "(":
			inBlock = true
		case f[0] == "require" && len(f) >= 2 && strings.Trim(f[1], `"`) == newapp.KilnModule:
			return true
		}
	}
	return false
}

// env returns the app's configuration as the app itself will see it: the .env file
// with real environment variables taking precedence.
func (p project) env(key string) string {
	if v, ok := os.LookupEnv(key); ok {
		return v
	}
	vals, err := godotenv.Read(filepath.Join(p.root, ".env"))
	if err != nil {
		return ""
	}
	return vals[key]
}

// migrationsDir is where the app's migrations live, relative to the root.
const migrationsDir = "database/migrations"

// versionPrefix matches a migration file's version prefix.
var versionPrefix = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^(\d{14})_`) })

// migrationFile is one migration on disk.
type migrationFile struct {
	version int64
	name    string // the part after the version, without the extension
	path    string // slash path relative to the root
}

// migrations lists the app's migration files.
func (p project) migrations() ([]migrationFile, error) {
	entries, err := plainfile.ReadDir(filepath.Join(p.root, migrationsDir))
	if err != nil && !os.IsNotExist(err) {
		return nil, err
	}
	var out []migrationFile
	for _, e := range entries {
		if m, ok := parseMigrationPath(migrationsDir + "/" + e.Name()); ok {
			out = append(out, m)
		}
	}
	return out, nil
}

// parseMigrationPath reads version and name from a migration's slash path
// (database/migrations/20261123120000_create_posts_table.go).
func parseMigrationPath(p string) (migrationFile, bool) {
	base := path.Base(p)
	m := versionPrefix().FindStringSubmatch(base)
	ext := path.Ext(base)
	if m == nil || (ext != ".go" && ext != ".sql") || strings.HasSuffix(base, "_test.go") {
		return migrationFile{}, false
	}
	v, _ := strconv.ParseInt(m[1], 10, 64)
	name := strings.TrimSuffix(strings.TrimPrefix(base, m[0]), ext)
	return migrationFile{version: v, name: name, path: p}, true
}

// findMigration returns the existing migration called name, if any.
func (p project) findMigration(name string) (migrationFile, bool, error) {
	all, err := p.migrations()
	if err != nil {
		return migrationFile{}, false, err
	}
	for _, m := range all {
		if m.name == name {
			return m, true, nil
		}
	}
	return migrationFile{}, false, nil
}

// nextMigrationVersion returns a yyyymmddhhmmss version for now, bumped past the
// newest existing migration so two migrations made within one second (or a clock
// that went backwards) still get increasing versions.
func (p project) nextMigrationVersion(now time.Time) (int64, error) {
	v, _ := strconv.ParseInt(now.UTC().Format("20060102150405"), 10, 64)
	all, err := p.migrations()
	if err != nil {
		return 0, err
	}
	for _, m := range all {
		if m.version >= v {
			v = m.version + 1
		}
	}
	return v, nil
}

// driver is the app's DB_DRIVER, defaulting to sqlite like the runtime does.
func (p project) driver() string {
	if d := p.env("DB_DRIVER"); d != "" {
		return d
	}
	return "sqlite"
}
