package plan

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"slices"
	"strings"

	"github.com/kilnhq/kiln/internal/plainfile"
)

// ManifestPath is where Apply records what kiln wrote, relative to the root.
// `kiln destroy` reads it to remove exactly the files a generator made, and
// only while their content is still what kiln wrote (the sha256).
const ManifestPath = ".kiln/manifest.json"

// manifestVersion is bumped only on incompatible changes to the format.
const manifestVersion = 1

// Manifest is the content of .kiln/manifest.json.
type Manifest struct {
	Version int             `json:"version"`
	Files   []ManifestEntry `json:"files"`
}

// ManifestEntry records one file kiln wrote.
type ManifestEntry struct {
	Path      string          `json:"path"`
	SHA256    string          `json:"sha256"`
	Generator string          `json:"generator"`
	Meta      json.RawMessage `json:"meta,omitempty"` // File.Meta of the apply that wrote it
}

// Lookup returns the entry for a slash path.
func (m Manifest) Lookup(path string) (ManifestEntry, bool) {
	i := slices.IndexFunc(m.Files, func(e ManifestEntry) bool { return e.Path == path })
	if i < 0 {
		return ManifestEntry{}, false
	}
	return m.Files[i], true
}

// Matches reports whether content is still what kiln wrote at e's path,
// so a later generator may rewrite it without losing the user's edits.
func (e ManifestEntry) Matches(content []byte) bool { return e.SHA256 == sha256Hex(content) }

// ReadManifest reads root's manifest; a project without one has an empty
// manifest, because nothing has been generated into it yet.
func ReadManifest(root string) (Manifest, error) {
	data, err := plainfile.ReadFile(filepath.Join(root, filepath.FromSlash(ManifestPath)))
	if errors.Is(err, fs.ErrNotExist) {
		return Manifest{Version: manifestVersion}, nil
	}
	if err != nil {
		return Manifest{}, fmt.Errorf("read %s: %w", ManifestPath, err)
	}
	return parseManifest(data)
}

// parseManifest refuses anything it does not fully understand: destroy
// deletes files based on this data, so a guess would be dangerous.
func parseManifest(data []byte) (Manifest, error) {
	var m Manifest
	if err := json.Unmarshal(data, &m); err != nil {
		return Manifest{}, fmt.Errorf("read %s: corrupt manifest: %w", ManifestPath, err)
	}
	if m.Version != manifestVersion {
		return Manifest{}, fmt.Errorf("read %s: unsupported manifest version %d (want %d)", ManifestPath, m.Version, manifestVersion)
	}
	for i, e := range m.Files {
		if reason := checkPath(e.Path); reason != "" {
			return Manifest{}, fmt.Errorf("read %s: corrupt manifest: entry %q: %s", ManifestPath, e.Path, reason)
		}
		m.Files[i].Meta = compactJSON(e.Meta)
	}
	return m, nil
}

// compactJSON undoes the manifest's indentation, so metadata compares equal to
// what a generator produces.
func compactJSON(raw json.RawMessage) json.RawMessage {
	if len(raw) == 0 {
		return nil
	}
	var b bytes.Buffer
	if json.Compact(&b, raw) != nil {
		return raw
	}
	return b.Bytes()
}

// merge returns m with the given entries replacing those for the same paths,
// sorted by path so the file is deterministic and diffs well in review.
func (m Manifest) merge(entries []ManifestEntry) Manifest {
	byPath := make(map[string]ManifestEntry, len(m.Files)+len(entries))
	for _, e := range m.Files {
		byPath[e.Path] = e
	}
	for _, e := range entries {
		byPath[e.Path] = e
	}
	out := Manifest{Version: manifestVersion, Files: make([]ManifestEntry, 0, len(byPath))}
	for _, e := range byPath {
		out.Files = append(out.Files, e)
	}
	slices.SortFunc(out.Files, func(a, b ManifestEntry) int { return strings.Compare(a.Path, b.Path) })
	return out
}

// encode writes the manifest as 2-space indented JSON with a final newline;
// no timestamps, so re-running a generator leaves it byte-identical.
func (m Manifest) encode() ([]byte, error) {
	if m.Files == nil {
		m.Files = []ManifestEntry{}
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(m); err != nil {
		return nil, fmt.Errorf("write %s: %w", ManifestPath, err)
	}
	return b.Bytes(), nil
}

func sha256Hex(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// manifestEntries says what this apply adds to the manifest. Files are
// recorded as owned by the plan's generator (identical ones too, unless the
// manifest already records exactly this content, so the original generator
// is kept). Edits change files kiln does not own: they only refresh the hash
// of an existing entry, so destroy still sees the file as unmodified.
func manifestEntries(old Manifest, changes []change, generator string) []ManifestEntry {
	var out []ManifestEntry
	for _, c := range changes {
		sum := sha256Hex(c.content)
		prev, known := old.Lookup(c.path)
		switch {
		case c.isEdit && !known:
			continue
		case c.isEdit, c.status == StatusIdentical && known && prev.SHA256 == sum && bytes.Equal(prev.Meta, c.meta):
			prev.SHA256 = sum
			out = append(out, prev)
		default:
			out = append(out, ManifestEntry{Path: c.path, SHA256: sum, Generator: generator, Meta: c.meta})
		}
	}
	return out
}
