package devserver

import (
	"path"
	"strings"
)

// defaultWatch is what a Go web app's build or start depends on: Go sources and
// module files, .env (read at start), templates and SQL migrations, which apps
// usually embed. --include adds to it.
var defaultWatch = []string{
	"*.go", "go.mod", "go.sum", "go.work", ".env",
	"*.tmpl", "*.gotmpl", "*.gohtml", "*.html", "*.sql",
}

// skippedDirs are never watched: VCS data, dependencies, runtime data, kiln's own
// build output (watching it would rebuild forever) and test fixtures.
var skippedDirs = map[string]bool{
	".git": true, "node_modules": true, "vendor": true, "storage": true,
	".kiln": true, "testdata": true,
}

// envFile is the configuration a kiln app reads at start: a change restarts the app
// without a build.
const envFile = ".env"

// rules decide what the watcher looks at. Paths are slash paths relative to the root.
type rules struct {
	include globs
	exclude globs
	git     gitignore
}

func newRules(include, exclude []string) *rules {
	return &rules{
		include: newGlobs(append(append([]string{}, defaultWatch...), include...)),
		exclude: newGlobs(exclude),
	}
}

// skipDir reports whether a directory and everything below it goes unwatched.
func (r *rules) skipDir(rel string) bool {
	if rel == "." || rel == "" {
		return false
	}
	name := path.Base(rel)
	return skippedDirs[name] || strings.HasPrefix(name, ".") ||
		r.exclude.match(rel) || r.git.ignored(rel, true)
}

// skipTree reports whether rel or any directory above it is skipped.
func (r *rules) skipTree(rel string) bool {
	for dir := rel; dir != "." && dir != "/"; dir = path.Dir(dir) {
		if r.skipDir(dir) {
			return true
		}
	}
	return false
}

// watchFile reports whether a change to the file matters. Files starting with . or
// _ are skipped as the go command skips them (editors' swap and lock files look
// like that), except .env. Tests do not go into the binary, so *_test.go is skipped.
// .env is usually git-ignored and is watched anyway: it is configuration.
func (r *rules) watchFile(rel string) bool {
	name := path.Base(rel)
	if name == envFile {
		return !r.exclude.match(rel)
	}
	if strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_") || strings.HasSuffix(name, "_test.go") {
		return false
	}
	return r.include.match(rel) && !r.exclude.match(rel) && !r.git.ignored(rel, false)
}

// restartOnly reports whether a change to rel needs a restart but no build.
func restartOnly(rel string) bool { return rel == envFile }
