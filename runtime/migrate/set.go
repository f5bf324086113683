package migrate

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"slices"
)

// Func is the up or down half of a Go migration.
type Func func(ctx context.Context, s *Schema) error

// Set is an app's migration history: the SQL files of a file system and the Go
// migrations added to it, in version order.
type Set struct {
	fsys fs.FS
	sqls []source // *.sql files, in version order
	gos  []goMigration
	err  error // a problem with the file system, reported by NewRunner
}

// source is one migration file: <version>_<name>.sql or .go.
type source struct {
	version int64
	name    string
	path    string
}

type goMigration struct {
	version  int64
	name     string
	up, down Func
}

// NewSet reads the migrations of fsys, usually the app's embedded
// database/migrations directory: only its top-level *.sql files are migrations
// (`//go:embed *` also embeds the Go files, which register themselves with Add).
// A file system that can't be read is reported by NewRunner, as NewSet runs while
// the app initialises.
func NewSet(fsys fs.FS) *Set {
	s := &Set{fsys: fsys}
	if fsys != nil {
		s.sqls, s.err = scan(fsys, ".sql")
	}
	return s
}

// Add registers a Go migration. version is the file name's numeric prefix and name
// the rest of it (20261123120000, "create_posts_table"). A nil down makes the
// migration irreversible in effect: rolling it back only forgets it ran. Add panics
// on a version added twice — a programming error, found when the app starts.
func (s *Set) Add(version int64, name string, up, down Func) {
	if version < 1 {
		panic(fmt.Sprintf("migrate: Add(%d, %q): the version must be positive", version, name))
	}
	if name == "" {
		panic(fmt.Sprintf("migrate: Add(%d, \"\"): the name is empty", version))
	}
	for _, g := range s.gos {
		if g.version == version {
			panic(fmt.Sprintf("migrate: Add(%d, %q): version %d is already added as %q", version, name, version, g.name))
		}
	}
	s.gos = append(s.gos, goMigration{version: version, name: name, up: up, down: down})
}

// check finds what goose would reject, with messages that say what to change: a
// version used twice, and a Go migration file whose Set.Add doesn't match its name.
func (s *Set) check() error {
	if s.err != nil {
		return s.err
	}
	seen := map[int64]string{}
	for _, src := range s.sqls {
		if prev, dup := seen[src.version]; dup {
			return fmt.Errorf("migrations %s and %s share version %d; renumber one", prev, src.path, src.version)
		}
		seen[src.version] = src.path
	}
	for _, g := range s.gos {
		if prev, dup := seen[g.version]; dup {
			return fmt.Errorf("Go migration %d_%s and %s share version %d; renumber one", g.version, g.name, prev, g.version)
		}
	}
	return s.checkGoFiles()
}

// checkGoFiles makes sure each <version>_<name>.go file registers exactly that
// version and name, so the history matches the file names people see.
func (s *Set) checkGoFiles() error {
	if s.fsys == nil {
		return nil
	}
	files, err := scan(s.fsys, ".go")
	if err != nil {
		return err
	}
	for _, f := range files {
		i := slices.IndexFunc(s.gos, func(g goMigration) bool { return g.version == f.version })
		switch {
		case i < 0:
			return fmt.Errorf("%s registers no migration %d: its init must call Set.Add(%d, %q, …) (the version and name come from the file name)", f.path, f.version, f.version, f.name)
		case s.gos[i].name != f.name:
			return fmt.Errorf("%s: Set.Add(%d, %q, …) must use the name %q from the file name", f.path, f.version, s.gos[i].name, f.name)
		}
	}
	return nil
}

// names maps each version to its migration's name and kind ("go" or "sql").
func (s *Set) names() map[int64]source {
	out := map[int64]source{}
	for _, src := range s.sqls {
		out[src.version] = src
	}
	for _, g := range s.gos {
		out[g.version] = source{version: g.version, name: g.name}
	}
	return out
}

// empty reports whether the set has no migrations at all (goose refuses that).
func (s *Set) empty() bool { return len(s.sqls) == 0 && len(s.gos) == 0 }

var errNoSet = errors.New("no migration set: pass the app's migrations.Set")
