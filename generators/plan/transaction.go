package plan

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
)

// write is one file the transaction puts in place.
type write struct {
	target              // where, and what was there (kept for rollback)
	content []byte      // new content
	newMode fs.FileMode // mode to write it with
	tmp     string      // temp file while it exists, so rollback can remove it
	renamed bool        // new content is in place; rollback must undo it
}

// transaction writes files all-or-nothing.
//
// It works in four passes: create missing directories, write every new
// content to a temp file beside its destination, fsync the temps (all at
// once: concurrent fsyncs share one journal commit on ext4 and XFS, so nine
// files cost about as much as one), then rename the temps into place. A rename within one directory is atomic, so each file is
// always either its old or its new content, never half-written; and writing
// all temps before the first rename means most failures (disk full, bad
// permissions) happen while the user's files are still untouched. If
// anything fails — or ctx is cancelled — rollback puts back the original
// content kept in memory, removes new files and temps, and removes the
// directories this transaction created, leaving the tree as it was.
type transaction struct {
	ctx    context.Context
	root   string
	writes []*write
	hook   func(step, path string) error
	dirs   []string // directories created, in creation order
}

// run applies the writes, rolling back on any failure.
func (t *transaction) run() error {
	err := t.apply()
	if err == nil {
		t.syncDirs()
		return nil
	}
	if rerr := t.rollback(); rerr != nil {
		return errors.Join(err, fmt.Errorf("rollback incomplete, the project may be partly written: %w", rerr))
	}
	return err
}

func (t *transaction) apply() error {
	for _, w := range t.writes {
		if err := t.mkdirs(w); err != nil {
			return err
		}
	}
	for _, w := range t.writes {
		if err := t.writeTemp(w); err != nil {
			return err
		}
	}
	if err := t.syncTemps(); err != nil {
		return err
	}
	for _, w := range t.writes {
		if err := t.ctx.Err(); err != nil {
			return err
		}
		if err := os.Rename(w.tmp, w.abs); err != nil {
			return fmt.Errorf("write %s: %w", w.path, err)
		}
		w.tmp, w.renamed = "", true
		if err := t.step("rename", w.path); err != nil {
			return err
		}
	}
	return nil
}

// step reports a finished step to the test hook.
func (t *transaction) step(name, path string) error {
	if t.hook == nil {
		return nil
	}
	if err := t.hook(name, path); err != nil {
		return fmt.Errorf("%s %s: %w", name, path, err)
	}
	return nil
}

// mkdirs creates the missing parent directories of w, top-down, remembering
// each so rollback removes exactly those (and never a directory that was
// already there).
func (t *transaction) mkdirs(w *write) error {
	var missing []string
	for d := filepath.Dir(w.abs); ; {
		_, err := os.Lstat(d)
		if err == nil {
			break
		}
		if !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("write %s: %w", w.path, err)
		}
		missing = append(missing, d)
		parent := filepath.Dir(d)
		if parent == d {
			break
		}
		d = parent
	}
	for i := len(missing) - 1; i >= 0; i-- {
		if err := t.ctx.Err(); err != nil {
			return err
		}
		if err := os.Mkdir(missing[i], dirMode); err != nil {
			return fmt.Errorf("write %s: %w", w.path, err)
		}
		t.dirs = append(t.dirs, missing[i])
		if err := t.step("mkdir", t.rel(missing[i])); err != nil {
			return err
		}
	}
	return nil
}

// writeTemp writes w's content to a temp file in its destination directory
// (same filesystem, so the rename is atomic). The name starts with a dot so
// file watchers such as `kiln serve --watch` ignore it.
func (t *transaction) writeTemp(w *write) error {
	if err := t.ctx.Err(); err != nil {
		return err
	}
	f, err := createTemp(w.abs)
	if err != nil {
		return fmt.Errorf("write %s: %w", w.path, err)
	}
	w.tmp = f.Name()
	if err := t.step("temp", w.path); err != nil {
		f.Close()
		return err
	}
	if err := fill(f, w.content, w.newMode, false); err != nil {
		return fmt.Errorf("write %s: %w", w.path, err)
	}
	return t.step("write", w.path)
}

// syncTemps fsyncs every temp file concurrently, so the renames that follow
// never expose a file whose data is not on disk yet.
func (t *transaction) syncTemps() error {
	paths := make([]string, len(t.writes))
	for i, w := range t.writes {
		paths[i] = w.tmp
	}
	errs := syncAll(paths)
	for i, err := range errs {
		if err != nil {
			return fmt.Errorf("write %s: %w", t.writes[i].path, err)
		}
	}
	if err := t.ctx.Err(); err != nil {
		return err
	}
	return t.step("sync", "")
}

// syncAll fsyncs the files or directories at paths in parallel and returns
// each one's error.
func syncAll(paths []string) []error {
	errs := make([]error, len(paths))
	var wg sync.WaitGroup
	for i, p := range paths {
		wg.Go(func() { errs[i] = syncPath(p) })
	}
	wg.Wait()
	return errs
}

func syncPath(p string) error {
	f, err := os.Open(p)
	if err != nil {
		return err
	}
	err = f.Sync()
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

func createTemp(dest string) (*os.File, error) {
	return os.CreateTemp(filepath.Dir(dest), "."+filepath.Base(dest)+".kiln-*")
}

// fill writes, chmods, optionally fsyncs, and closes f. The explicit chmod
// gives new files exactly their planned mode and updated files exactly their
// old one, whatever the umask.
func fill(f *os.File, content []byte, mode fs.FileMode, fsync bool) error {
	_, err := f.Write(content)
	if err == nil {
		err = f.Chmod(mode)
	}
	if err == nil && fsync {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// rollback undoes everything in reverse order. It ignores ctx: a cancelled
// apply must still leave the tree as it was. It keeps going after an error so
// as much as possible is restored, and reports every failure.
func (t *transaction) rollback() error {
	var errs []error
	for i := len(t.writes) - 1; i >= 0; i-- {
		w := t.writes[i]
		if w.tmp != "" {
			if err := os.Remove(w.tmp); err != nil && !errors.Is(err, fs.ErrNotExist) {
				errs = append(errs, fmt.Errorf("remove temp file for %s: %w", w.path, err))
			}
			w.tmp = ""
		}
		if !w.renamed {
			continue
		}
		var err error
		if w.exists {
			err = replace(w.abs, w.old, w.mode)
		} else {
			err = os.Remove(w.abs)
		}
		if err != nil {
			errs = append(errs, fmt.Errorf("restore %s: %w", w.path, err))
			continue
		}
		w.renamed = false
	}
	for i := len(t.dirs) - 1; i >= 0; i-- {
		if err := os.Remove(t.dirs[i]); err != nil {
			errs = append(errs, fmt.Errorf("remove directory %s: %w", t.rel(t.dirs[i]), err))
		}
	}
	t.dirs = nil
	return errors.Join(errs...)
}

// replace atomically puts content at dest, the same way apply does.
func replace(dest string, content []byte, mode fs.FileMode) error {
	f, err := createTemp(dest)
	if err != nil {
		return err
	}
	if err := fill(f, content, mode, true); err != nil {
		os.Remove(f.Name())
		return err
	}
	if err := os.Rename(f.Name(), dest); err != nil {
		os.Remove(f.Name())
		return err
	}
	return nil
}

// syncDirs fsyncs the directories whose entries changed so the renames
// survive a crash. Best effort: some filesystems cannot sync directories, and
// the files themselves are already complete.
func (t *transaction) syncDirs() {
	seen := map[string]bool{}
	var dirs []string
	add := func(d string) {
		if !seen[d] {
			seen[d] = true
			dirs = append(dirs, d)
		}
	}
	for _, w := range t.writes {
		add(filepath.Dir(w.abs))
	}
	for _, d := range t.dirs {
		add(filepath.Dir(d))
	}
	syncAll(dirs)
}

// rel names a path for messages, relative to the root.
func (t *transaction) rel(p string) string {
	r, err := filepath.Rel(t.root, p)
	if err != nil {
		return p
	}
	return filepath.ToSlash(r)
}
