package devserver

import (
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

// pollInterval is how often a subtree without inotify watches is scanned.
const pollInterval = 500 * time.Millisecond

// poller is the fallback for subtrees the kernel will not watch: it compares each
// file's modification time and size with the previous scan. The event loop scans
// when pollC fires, so polling needs no goroutine either.
type poller struct {
	root  string
	rules *rules
	clock clock
	roots []string
	seen  map[string]stamp
	timer timer
}

type stamp struct {
	mod  time.Time
	size int64
}

func newPoller(root string, r *rules, c clock) *poller {
	return &poller{root: root, rules: r, clock: c, seen: map[string]stamp{}}
}

// add starts polling the subtree at rel and returns its watched files.
func (p *poller) add(rel string) []string {
	if !slices.Contains(p.roots, rel) { // a rescan after lost events adds it again
		p.roots = append(p.roots, rel)
	}
	found := p.walk(rel)
	for f, st := range found {
		p.seen[f] = st
	}
	if p.timer == nil {
		p.timer = p.clock.NewTimer(pollInterval)
	}
	return sortedKeys(found)
}

// C fires when the next scan is due; nil (never fires) while nothing is polled.
func (p *poller) C() <-chan time.Time {
	if p.timer == nil {
		return nil
	}
	return p.timer.C()
}

// scan returns the files created, changed or removed since the last scan.
func (p *poller) scan() []string {
	now := map[string]stamp{}
	for _, r := range p.roots {
		for f, st := range p.walk(r) {
			now[f] = st
		}
	}
	var changed []string
	for f, st := range now {
		if old, ok := p.seen[f]; !ok || old != st {
			changed = append(changed, f)
		}
	}
	for f := range p.seen {
		if _, ok := now[f]; !ok {
			changed = append(changed, f)
		}
	}
	p.seen = now
	p.timer.Reset(pollInterval)
	return changed
}

func (p *poller) stop() {
	if p.timer != nil {
		p.timer.Stop()
	}
}

// walk stamps the watched files under rel.
func (p *poller) walk(rel string) map[string]stamp {
	out := map[string]stamp{}
	start := filepath.Join(p.root, filepath.FromSlash(rel))
	filepath.WalkDir(start, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		r, _ := relSlash(p.root, path)
		if d.IsDir() {
			if r != rel && p.rules.skipDir(r) {
				return filepath.SkipDir
			}
			p.rules.git.load(p.root, r)
			return nil
		}
		if p.rules.watchFile(r) {
			if info, err := d.Info(); err == nil {
				out[r] = stamp{info.ModTime(), info.Size()}
			}
		}
		return nil
	})
	return out
}

// relSlash converts a path under root to a slash path relative to it ("." for root).
func relSlash(root, p string) (string, bool) {
	r, err := filepath.Rel(root, p)
	if err != nil || r == ".." || strings.HasPrefix(r, ".."+string(filepath.Separator)) {
		return "", false
	}
	return filepath.ToSlash(r), true
}

func isDir(p string) bool {
	info, err := os.Stat(p)
	return err == nil && info.IsDir()
}
