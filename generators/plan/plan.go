// Package plan is kiln's plan-then-apply writer.
//
// Generators are pure: they return a Plan (files to create, edits to existing
// files) and never touch the disk. Apply is the only code in kiln that writes a
// user's tree, so every safety rule lives in one place: everything is rendered
// and gofmt'd in memory first, paths are confined to the project root,
// existing files are never silently overwritten, a dry run shows a diff, and
// a real run is all-or-nothing — either every file (and the manifest that lets
// `kiln destroy` undo it) is in place, or the tree is exactly as it was.
package plan

import (
	"encoding/json"
	"io/fs"
)

// File is a whole file a generator wants to exist with exactly this content.
type File struct {
	// Path is slash-separated and relative to the project root, so plans
	// are the same on every OS and can be golden-tested.
	Path    string
	Content []byte
	// Mode applies to new files; 0 means 0o644. An existing file keeps its
	// mode, because the user may have chmod'ed it on purpose.
	Mode fs.FileMode
	// Meta is recorded with the file in the manifest: what produced it (a
	// model's spec), so a later generator can rebuild its input exactly
	// instead of parsing Go back. nil records nothing.
	Meta json.RawMessage
	// Formatted says Content is gofmt'd already (generators/gocode output,
	// which jennifer formats), so Apply does not format it a second time.
	Formatted bool
}

// Edit changes an existing user file, e.g. registering a route or a seeder.
//
// Change receives the current content and returns the new content. It must
// be idempotent — running a generator twice must not register a route twice —
// and Apply checks this by running Change again on its own output. Edits to a
// missing file fail: an edit's anchor lives in a file the user owns, and
// silently creating it would hide a broken project.
type Edit struct {
	Path   string
	Change func(old []byte) ([]byte, error)
	// Desc says what the edit does, for humans ("register PostController").
	Desc string
}

// Plan is everything one generator run wants to change.
type Plan struct {
	Files []File
	Edits []Edit
	// Generator names the command that made the plan ("new", "make model");
	// it is recorded in the manifest so destroy knows who made each file.
	Generator string
}

// Add appends a file with the default mode.
func (p *Plan) Add(path string, content []byte) {
	p.Files = append(p.Files, File{Path: path, Content: content})
}

// AddFormatted appends a Go file whose content is gofmt'd already.
func (p *Plan) AddFormatted(path string, content []byte) {
	p.Files = append(p.Files, File{Path: path, Content: content, Formatted: true})
}

// AddEdit appends an edit of an existing file.
func (p *Plan) AddEdit(path, desc string, change func([]byte) ([]byte, error)) {
	p.Edits = append(p.Edits, Edit{Path: path, Change: change, Desc: desc})
}

// Options control how Apply treats the disk.
type Options struct {
	// Force overwrites files whose content differs (conflicts) instead of
	// refusing the whole apply.
	Force bool
	// DryRun computes the result and the diff but writes nothing at all.
	DryRun bool
	// SkipExisting keeps every file whose content differs as it is and
	// writes the rest (--skip-existing), instead of refusing the apply.
	// Skip keeps only the listed paths (a wizard's per-file choice); Force
	// overwrites the other conflicts.
	SkipExisting bool
	Skip         []string

	// hook is the test seam for injected failures: when set, it is called
	// after every step of the write transaction (step is "mkdir", "temp",
	// "write" or "rename"; path is slash-separated, relative to the root), and
	// a non-nil error fails the apply right there. It is a field rather than
	// a package variable so parallel tests cannot interfere.
	hook func(step, path string) error
}

// Status is what Apply did (or, in a dry run, would do) to one path.
type Status string

// The statuses, named like the JSON report's keys' singular forms.
const (
	StatusCreated   Status = "created"
	StatusUpdated   Status = "updated"
	StatusIdentical Status = "identical"
	StatusConflict  Status = "conflict"
	StatusSkipped   Status = "skipped" // a conflict kept as it was, by choice
)

// defaultMode is the mode of a new file whose File.Mode is 0.
const defaultMode fs.FileMode = 0o644

// dirMode is the mode of directories Apply creates; the umask applies, as it
// does for mkdir(1), because directories carry no generated meaning.
const dirMode fs.FileMode = 0o755
