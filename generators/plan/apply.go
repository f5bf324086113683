package plan

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"go/format"
	"io/fs"
	"slices"
	"strings"
	"sync"

	"github.com/kilnhq/kiln/internal/stackgrow"
)

// change is one planned path, fully rendered and classified, before any write.
type change struct {
	target
	content []byte      // the new content, gofmt'd when .go
	newMode fs.FileMode // mode to write with
	status  Status
	isEdit  bool
	meta    json.RawMessage // File.Meta, for the manifest
}

// Apply writes the plan under root, all or nothing.
//
// Everything happens in memory first: paths are checked, current files read,
// .go output gofmt'd and edits run. Only then, and only if no file would be
// overwritten (or opts.Force is set), does it write — see transaction for how
// a failure at any point restores the tree. Conflicts without Force fail the
// whole apply with *ConflictError; the Result still lists every path and
// diffs the conflicts. A dry run returns the Result with a diff of every
// change and a nil error even when there are conflicts (Result.Conflicts
// says a real run would fail). Cancelling ctx rolls back and returns ctx.Err().
func Apply(ctx context.Context, root string, p Plan, opts Options) (Result, error) {
	if err := ctx.Err(); err != nil {
		return Result{}, err
	}
	if err := checkPlanPaths(p); err != nil {
		return Result{}, err
	}
	r, err := openRoot(root)
	if err != nil {
		return Result{}, err
	}
	changes, err := prepare(r, p, opts.Force)
	if err != nil {
		return Result{}, err
	}
	skipChosen(changes, opts)
	mt, manifest, err := readPlanManifest(r)
	if err != nil {
		return Result{}, err
	}
	res := summarize(changes, opts.DryRun)
	if len(res.Conflicts) > 0 && !opts.DryRun {
		res.Diff = diffAll(changes, StatusConflict)
		return res, &ConflictError{Paths: res.Conflicts}
	}
	if opts.DryRun {
		res.Diff = diffAll(changes, StatusCreated, StatusUpdated, StatusConflict)
		return res, nil
	}
	writes := writesFor(changes)
	// The manifest is brought up to date even when every file is identical, so
	// whether kiln records a file never depends on whether another one changed.
	mw, err := manifestWrite(mt, manifest, changes, p.Generator)
	if err != nil {
		return Result{}, err
	}
	if mw != nil {
		writes = append(writes, mw)
	}
	if len(writes) == 0 {
		return res, nil
	}
	t := &transaction{ctx: ctx, root: r.abs, writes: writes, hook: opts.hook, present: map[string]bool{}}
	if err := t.run(); err != nil {
		return Result{}, err
	}
	return res, nil
}

// prepare inspects and renders every planned path, sorted by path so
// results, diffs and write order are deterministic. The edits run beside the
// files (each parses and gofmts a file the user owns, twice); of several
// errors, the first in plan order is returned.
func prepare(r projectRoot, p Plan, force bool) ([]change, error) {
	changes := make([]change, len(p.Files)+len(p.Edits))
	errs := make([]error, len(changes))
	var wg sync.WaitGroup
	if len(p.Edits) > 0 {
		wg.Go(func() {
			stackgrow.Grow() // each edit parses and prints Go
			for i, e := range p.Edits {
				j := len(p.Files) + i
				if changes[j], errs[j] = prepareEdit(r, e); errs[j] != nil {
					return
				}
			}
		})
	}
	for i, f := range p.Files {
		if changes[i], errs[i] = prepareFile(r, f, force); errs[i] != nil {
			break
		}
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	slices.SortFunc(changes, func(a, b change) int { return strings.Compare(a.path, b.path) })
	return changes, nil
}

// Render returns f's content exactly as Apply would write it (Go files gofmt'd), with
// an error naming the file. Golden tests use it to compare what users will get.
func Render(f File) ([]byte, error) {
	if f.Formatted {
		return f.Content, nil
	}
	content, err := render(f.Path, f.Content)
	if err != nil {
		return nil, fmt.Errorf("render %s: %w", f.Path, err)
	}
	return content, nil
}

func prepareFile(r projectRoot, f File, force bool) (change, error) {
	content, err := Render(f)
	if err != nil {
		return change{}, err
	}
	t, err := r.inspect("write", f.Path)
	if err != nil {
		return change{}, err
	}
	c := change{target: t, content: content, newMode: f.Mode, meta: f.Meta}
	if c.newMode == 0 {
		c.newMode = defaultMode
	}
	switch {
	case !t.exists:
		c.status = StatusCreated
	case bytes.Equal(t.old, content):
		c.status = StatusIdentical
	case force:
		c.status = StatusUpdated
	default:
		c.status = StatusConflict
	}
	if t.exists {
		c.newMode = t.mode
	}
	return c, nil
}

func prepareEdit(r projectRoot, e Edit) (change, error) {
	if e.Change == nil {
		return change{}, fmt.Errorf("edit %s: no change function", e.Path)
	}
	t, err := r.inspect("edit", e.Path)
	if err != nil {
		return change{}, err
	}
	if !t.exists {
		return change{}, fmt.Errorf("edit %s: file does not exist", e.Path)
	}
	content, err := runEdit(e, t.old)
	if err != nil {
		return change{}, fmt.Errorf("edit %s: %w", e.Path, err)
	}
	// Idempotency is the edit's contract; checking it here turns a
	// double-registered route into an error instead of a broken file.
	if err := checkIdempotent(e, content); err != nil {
		return change{}, fmt.Errorf("edit %s: not idempotent: %w", e.Path, err)
	}
	c := change{target: t, content: content, newMode: t.mode, isEdit: true, status: StatusUpdated}
	if bytes.Equal(t.old, content) {
		c.status = StatusIdentical
	}
	return c, nil
}

// checkIdempotent runs e again on its own result, content, which must come
// back unchanged. content is gofmt'd already, so an edit that returns it as
// it is needs no second gofmt pass to prove it.
func checkIdempotent(e Edit, content []byte) error {
	again, err := e.Change(bytes.Clone(content))
	if err != nil {
		return fmt.Errorf("a second run fails: %w", err)
	}
	if bytes.Equal(again, content) {
		return nil
	}
	if again, err = render(e.Path, again); err != nil || !bytes.Equal(again, content) {
		return errors.New("a second run changes the file again")
	}
	return nil
}

// runEdit runs Change on a private copy, so an edit that modifies its input
// in place cannot corrupt the original kept for diff and rollback.
func runEdit(e Edit, old []byte) ([]byte, error) {
	out, err := e.Change(bytes.Clone(old))
	if err != nil {
		return nil, err
	}
	return render(e.Path, out)
}

// render gofmts Go files so generated code is always formatted, and so a
// generator bug surfaces as an error naming the file, before any write.
func render(p string, content []byte) ([]byte, error) {
	if !strings.HasSuffix(p, ".go") {
		return content, nil
	}
	return format.Source(content)
}

// readPlanManifest inspects the manifest path like any other target (it must
// not be a symlink leading out of the root) and parses it, so a corrupt
// manifest fails the apply before any write.
func readPlanManifest(r projectRoot) (target, Manifest, error) {
	t, err := r.inspect("write", ManifestPath)
	if err != nil {
		return t, Manifest{}, err
	}
	if !t.exists {
		return t, Manifest{Version: manifestVersion}, nil
	}
	m, err := parseManifest(t.old)
	return t, m, err
}

// manifestWrite merges this apply into the manifest; nil when the manifest
// would not change (or would be created empty, as after edits only).
func manifestWrite(t target, old Manifest, changes []change, generator string) (*write, error) {
	m := old.merge(manifestEntries(old, changes, generator))
	if !t.exists && len(m.Files) == 0 {
		return nil, nil
	}
	data, err := m.encode()
	if err != nil {
		return nil, err
	}
	if t.exists && bytes.Equal(data, t.old) {
		return nil, nil
	}
	mode := defaultMode
	if t.exists {
		mode = t.mode
	}
	return &write{target: t, content: data, newMode: mode}, nil
}

// writesFor lists the changes that touch the disk.
func writesFor(changes []change) []*write {
	var ws []*write
	for _, c := range changes {
		if c.status == StatusCreated || c.status == StatusUpdated {
			ws = append(ws, &write{target: c.target, content: c.content, newMode: c.newMode})
		}
	}
	return ws
}

// skipChosen marks the conflicts the user chose to keep (and, with Force,
// the updates of the files listed in Skip) as skipped, so nothing writes them.
func skipChosen(changes []change, opts Options) {
	for i := range changes {
		c := &changes[i]
		differs := c.status == StatusConflict || (c.status == StatusUpdated && !c.isEdit)
		chosen := slices.Contains(opts.Skip, c.path) || (opts.SkipExisting && c.status == StatusConflict)
		if differs && chosen {
			c.status = StatusSkipped
		}
	}
}

// summarize sorts the changes into the Result's lists.
func summarize(changes []change, dryRun bool) Result {
	res := Result{DryRun: dryRun}
	for _, c := range changes {
		switch c.status {
		case StatusCreated:
			res.Created = append(res.Created, c.path)
		case StatusUpdated:
			res.Updated = append(res.Updated, c.path)
		case StatusIdentical:
			res.Identical = append(res.Identical, c.path)
		case StatusConflict:
			res.Conflicts = append(res.Conflicts, c.path)
		case StatusSkipped:
			res.Skipped = append(res.Skipped, c.path)
		}
	}
	return res
}

// diffAll concatenates the diffs of the changes with the given statuses.
func diffAll(changes []change, statuses ...Status) string {
	var b strings.Builder
	for _, c := range changes {
		if !slices.Contains(statuses, c.status) {
			continue
		}
		b.WriteString(fileDiff(c))
	}
	return b.String()
}
