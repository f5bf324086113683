package devserver

import (
	"crypto/sha256"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// digest is a file's content hash; the zero value means "absent".
type digest [sha256.Size]byte

// hashes remembers the content of every watched file as of the last decision to
// build, so a save that changed nothing (touch, an editor re-saving, git checkout
// back and forth) starts no build.
type hashes struct {
	root  string
	known map[string]digest
}

func newHashes(root string) *hashes {
	return &hashes{root: root, known: map[string]digest{}}
}

// record hashes the files as they are now, without reporting them.
func (h *hashes) record(rels []string) {
	h.update(rels)
}

// update re-hashes rels and returns those whose content differs from what was
// recorded, remembering the new content. A directory stands for the files
// recorded under it (a removed directory removes them all).
func (h *hashes) update(rels []string) []string {
	changed := map[string]bool{}
	for _, rel := range h.expand(rels) {
		now, ok := h.hash(rel)
		old, had := h.known[rel]
		switch {
		case ok && (!had || old != now):
			h.known[rel] = now
			changed[rel] = true
		case !ok && had:
			delete(h.known, rel)
			changed[rel] = true
		}
	}
	return sortedKeys(changed)
}

// expand adds the recorded files under any directory in rels.
func (h *hashes) expand(rels []string) []string {
	out := slices.Clone(rels)
	for _, rel := range rels {
		if _, isFile := h.known[rel]; isFile {
			continue
		}
		for k := range h.known {
			if strings.HasPrefix(k, rel+"/") || rel == "." {
				out = append(out, k)
			}
		}
	}
	return out
}

// hash reads a regular file; anything else (gone, a directory) is absent.
func (h *hashes) hash(rel string) (digest, bool) {
	f, err := os.Open(filepath.Join(h.root, filepath.FromSlash(rel)))
	if err != nil {
		return digest{}, false
	}
	defer f.Close()
	if info, err := f.Stat(); err != nil || !info.Mode().IsRegular() {
		return digest{}, false
	}
	s := sha256.New()
	if _, err := io.Copy(s, f); err != nil {
		return digest{}, false
	}
	var d digest
	s.Sum(d[:0])
	return d, true
}

// sortedKeys returns a map's keys in order, so output and tests are deterministic.
func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
