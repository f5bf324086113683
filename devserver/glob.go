package devserver

import (
	"fmt"
	"path"
	"strings"
)

// glob is an --include/--exclude pattern. Without a slash it matches a file or
// directory name at any depth (*.css, tmp); with one it matches the slash path from
// the app's root, where ** stands for any number of directories (assets/**/*.css).
type glob struct {
	segments []string // nil for a name pattern
	name     string
}

// checkGlob rejects a pattern path.Match would silently never match.
func checkGlob(p string) error {
	bad := strings.Trim(p, "/") == ""
	for _, seg := range strings.Split(strings.Trim(p, "/"), "/") {
		if _, err := path.Match(seg, ""); err != nil {
			bad = true
		}
	}
	if bad {
		return fmt.Errorf("invalid glob %q: use *, ?, [a-z] and ** (e.g. 'assets/**/*.css')", p)
	}
	return nil
}

func newGlob(p string) glob {
	p = strings.Trim(p, "/")
	if !strings.Contains(p, "/") {
		return glob{name: p}
	}
	return glob{segments: strings.Split(p, "/")}
}

// match reports whether the slash path rel (relative to the root) matches.
func (g glob) match(rel string) bool {
	if g.segments == nil {
		ok, _ := path.Match(g.name, path.Base(rel))
		return ok
	}
	return matchSegments(g.segments, strings.Split(rel, "/"))
}

func matchSegments(pat, segs []string) bool {
	for len(pat) > 0 {
		if pat[0] == "**" {
			for i := 0; i <= len(segs); i++ {
				if matchSegments(pat[1:], segs[i:]) {
					return true
				}
			}
			return false
		}
		if len(segs) == 0 {
			return false
		}
		if ok, _ := path.Match(pat[0], segs[0]); !ok {
			return false
		}
		pat, segs = pat[1:], segs[1:]
	}
	return len(segs) == 0
}

// globs is a list of patterns; it matches when any pattern does.
type globs []glob

func newGlobs(patterns []string) globs {
	out := make(globs, 0, len(patterns))
	for _, p := range patterns {
		out = append(out, newGlob(p))
	}
	return out
}

func (gs globs) match(rel string) bool {
	for _, g := range gs {
		if g.match(rel) {
			return true
		}
	}
	return false
}
