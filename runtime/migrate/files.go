package migrate

import (
	"cmp"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strconv"
	"strings"
)

// scan lists the top-level files of fsys with the extension ext whose names start
// with a version, as goose does: other files (migrations.go) are not migrations.
func scan(fsys fs.FS, ext string) ([]source, error) {
	entries, err := fs.ReadDir(fsys, ".")
	if err != nil {
		return nil, fmt.Errorf("read migrations: %w", err)
	}
	var out []source
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || path.Ext(name) != ext || strings.HasSuffix(name, "_test.go") {
			continue
		}
		if src, ok := parseFileName(name); ok {
			out = append(out, src)
		}
	}
	slices.SortFunc(out, func(a, b source) int { return cmp.Compare(a.version, b.version) })
	return out, nil
}

// parseFileName splits 20261123120000_create_posts_table.sql into its version and
// name; ok is false when the name has no positive numeric prefix.
func parseFileName(file string) (source, bool) {
	base := strings.TrimSuffix(file, path.Ext(file))
	prefix, name, found := strings.Cut(base, "_")
	v, err := strconv.ParseInt(prefix, 10, 64)
	if !found || err != nil || v < 1 {
		return source{}, false
	}
	return source{version: v, name: name, path: file}, true
}

// filteredFS shows goose only the top-level files keep accepts: the *.sql files
// (goose would otherwise also match the Go files against registrations), or a single
// file when a dry run reads one migration's statements.
type filteredFS struct {
	fsys fs.FS
	keep func(name string) bool
}

func sqlOnly(fsys fs.FS) fs.FS {
	if fsys == nil {
		return nil
	}
	return filteredFS{fsys, func(name string) bool { return path.Ext(name) == ".sql" }}
}

func (f filteredFS) Open(name string) (fs.File, error) {
	if name != "." && (strings.Contains(name, "/") || !f.keep(name)) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
	}
	return f.fsys.Open(name)
}

func (f filteredFS) ReadDir(name string) ([]fs.DirEntry, error) {
	if name != "." {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: fs.ErrNotExist}
	}
	entries, err := fs.ReadDir(f.fsys, ".")
	return slices.DeleteFunc(entries, func(e fs.DirEntry) bool { return e.IsDir() || !f.keep(e.Name()) }), err
}
