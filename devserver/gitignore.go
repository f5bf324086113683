package devserver

import (
	"bufio"
	"bytes"
	"os"
	"path/filepath"
	"strings"
)

// gitignore is a small .gitignore matcher: enough of the format for the watcher to
// skip what the project does not track (build output, databases, caches) without a
// dependency. Supported: comments, negation (!), directory-only rules (trailing /),
// anchored rules (a slash before the end), *, ?, [...] and **. The last matching
// rule wins, and rules of a nested .gitignore apply below its directory only.
type gitignore struct {
	rules  []ignoreRule
	loaded map[string]bool // directories whose .gitignore was read (once: rescans walk again)
}

type ignoreRule struct {
	base    string // slash directory of the .gitignore, relative to the root; "" at the root
	pattern glob
	negate  bool
	dirOnly bool
}

// load reads dirRel/.gitignore, if there is one. Watching starts at the root and walks
// down, so a deeper file's rules come later and override the shallower ones.
func (g *gitignore) load(root, dirRel string) {
	if g.loaded[dirRel] {
		return
	}
	if g.loaded == nil {
		g.loaded = map[string]bool{}
	}
	g.loaded[dirRel] = true
	data, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(dirRel), ".gitignore"))
	if err != nil {
		return
	}
	base := dirRel
	if base == "." {
		base = ""
	}
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		if r, ok := parseIgnoreLine(base, sc.Text()); ok {
			g.rules = append(g.rules, r)
		}
	}
}

func parseIgnoreLine(base, line string) (ignoreRule, bool) {
	line = strings.TrimRight(line, " \t\r")
	if line == "" || strings.HasPrefix(line, "#") {
		return ignoreRule{}, false
	}
	r := ignoreRule{base: base}
	if strings.HasPrefix(line, "!") {
		r.negate, line = true, line[1:]
	}
	line = strings.TrimPrefix(line, `\`) // \# and \! are literal
	if strings.HasSuffix(line, "/") {
		r.dirOnly, line = true, strings.TrimSuffix(line, "/")
	}
	anchored := strings.Contains(line, "/")
	line = strings.TrimPrefix(line, "/")
	if line == "" || checkGlob(line) != nil {
		return ignoreRule{}, false
	}
	if anchored {
		r.pattern = glob{segments: strings.Split(line, "/")}
	} else {
		r.pattern = glob{name: line}
	}
	return r, true
}

// ignored reports whether the slash path rel (relative to the root) is ignored.
func (g *gitignore) ignored(rel string, isDir bool) bool {
	ignored := false
	for _, r := range g.rules {
		if r.dirOnly && !isDir {
			continue
		}
		sub := rel
		if r.base != "" {
			var ok bool
			if sub, ok = strings.CutPrefix(rel, r.base+"/"); !ok {
				continue
			}
		}
		if r.pattern.match(sub) {
			ignored = !r.negate
		}
	}
	return ignored
}
