package plan

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync"

	"github.com/kilnhq/kiln/internal/plainfile"
)

// write is one file the transaction puts in place.
type write struct {
	target              // where, and what was there (kept for rollback)
	content []byte      // new content
	newMode fs.FileMode // mode to write it with
	tmp     string      // temp file while it exists, so rollback can remove it
	syncErr error       // the temp's fsync (if it replaces a file) and close, once waited for
	renamed bool        // new content is in place; rollback must undo it
}

// maxSyncs bounds the fsyncs in flight. Concurrent fsyncs overlap their waits
// for the disk (and share one journal commit on ext4 and XFS), but each one
// blocked in the kernel holds an OS thread of its own; on the team's 2-core
// VM, more than eight at a time saved nothing measurable.
const maxSyncs = 8

// transaction writes files all-or-nothing.
//
// It works in three passes: create missing directories; write every new
// content to a temp file beside its destination; then, once every temp is
// complete, rename them into place. A rename within one directory is atomic,
// so each file is always either its old or its new content, never
// half-written; and writing all temps before the first rename means most
// failures (disk full, bad permissions) happen while the user's files are
// still untouched. If anything fails — or ctx is cancelled — rollback puts
// back the original content kept in memory, removes new files and temps, and
// removes the directories this transaction created, leaving the tree as it
// was.
//
// Durability against a crash of the machine (not of kiln: the above covers
// that) is paid only where a crash could destroy what the user had: the temp
// of every file that replaces an existing one (a route or seeder
// registration, the manifest, a --force overwrite) is fsync'd before the
// renames, so a rename can never put an empty or partial file over the
// user's. New files are left to the kernel's writeback, as every other
// generator and gofmt -w leave theirs: after a power cut within its ~30 s
// window one may be missing or empty, and running the command again with
// --force restores it. Fsyncing all of them too (and their directories) cost
// 23 fsyncs and 6 ms of a 30 ms scaffold on the team's VM.
type transaction struct {
	ctx    context.Context
	root   string
	writes []*write
	hook   func(step, path string) error
	dirs   []string // directories created, in creation order
	// present are the directories known to exist (found or created), so
	// files that share a directory look it up once.
	present map[string]bool
}

// run applies the writes, rolling back on any failure.
func (t *transaction) run() error {
	err := t.apply()
	if err == nil {
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
	if err := t.writeTemps(); err != nil {
		return err
	}
	for _, w := range t.writes {
		if err := t.ctx.Err(); err != nil {
			return err
		}
		if err := putInPlace(w.tmp, w.abs, w.exists); err != nil {
			if !w.exists && errors.Is(err, fs.ErrExist) {
				return fmt.Errorf("write %s: a file appeared there while kiln was writing; kept it, and wrote nothing (run the command again to see the conflict)", w.path)
			}
			return fmt.Errorf("write %s: %w", w.path, err)
		}
		w.tmp, w.renamed = "", true
		if err := t.step("rename", w.path); err != nil {
			return err
		}
	}
	return nil
}

// writeTemps writes every temp file and returns once all of them are
// complete and those that replace a file are on disk, so no rename that
// follows can put a file whose data is not over one the user had.
func (t *transaction) writeTemps() error {
	var wg sync.WaitGroup
	err := t.startTemps(&wg)
	wg.Wait() // also after a failure: rollback removes the temps
	if err != nil {
		return err
	}
	for _, w := range t.writes {
		if w.syncErr != nil {
			return fmt.Errorf("write %s: %w", w.path, w.syncErr)
		}
	}
	if err := t.ctx.Err(); err != nil {
		return err
	}
	return t.step("sync", "")
}

// startTemps writes the temp files one by one. A temp that replaces a file
// starts its writeback and then its fsync as soon as it is written, at most
// maxSyncs at a time, added to wg; a new file's is only closed. The
// replacing ones go first, so their fsyncs wait for the disk while the new
// files are written.
func (t *transaction) startTemps(wg *sync.WaitGroup) error {
	sem := make(chan struct{}, maxSyncs)
	for _, w := range replacingFirst(t.writes) {
		f, err := t.writeTemp(w)
		if err != nil {
			return err
		}
		if !w.exists {
			w.syncErr = f.Close()
			continue
		}
		_ = startWriteback(f) // only a head start: the fsync reports any failure
		sem <- struct{}{}
		wg.Go(func() {
			w.syncErr = closeSynced(f)
			<-sem
		})
	}
	return nil
}

// replacingFirst is writes with those that replace a file first, each part
// in its original order.
func replacingFirst(writes []*write) []*write {
	out := make([]*write, 0, len(writes))
	for _, replacing := range []bool{true, false} {
		for _, w := range writes {
			if w.exists == replacing {
				out = append(out, w)
			}
		}
	}
	return out
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
	for d := filepath.Dir(w.abs); !t.present[d]; {
		_, err := os.Lstat(d)
		if err == nil {
			t.present[d] = true
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
		t.present[missing[i]] = true
		if err := t.step("mkdir", t.rel(missing[i])); err != nil {
			return err
		}
	}
	return nil
}

// writeTemp writes w's content to a temp file in its destination directory
// (same filesystem, so the rename is atomic) and returns it still open, for
// the fsync. The name starts with a dot so file watchers such as `kiln serve
// --watch` ignore it.
func (t *transaction) writeTemp(w *write) (*os.File, error) {
	if err := t.ctx.Err(); err != nil {
		return nil, err
	}
	f, err := createTemp(w.abs)
	if err != nil {
		return nil, fmt.Errorf("write %s: %w", w.path, err)
	}
	w.tmp = f.Name()
	if err := t.step("temp", w.path); err != nil {
		f.Close()
		return nil, err
	}
	if err := fill(f, w.content, w.newMode); err != nil {
		f.Close()
		return nil, fmt.Errorf("write %s: %w", w.path, err)
	}
	if err := t.step("write", w.path); err != nil {
		f.Close()
		return nil, err
	}
	return f, nil
}

// closeSynced fsyncs and closes f.
func closeSynced(f *os.File) error {
	err := f.Sync()
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

func createTemp(dest string) (*os.File, error) {
	return plainfile.CreateTemp(filepath.Dir(dest), "."+filepath.Base(dest)+".kiln-")
}

// fill writes content to f and chmods it. The explicit chmod gives new files
// exactly their planned mode and updated files exactly their old one,
// whatever the umask.
func fill(f *os.File, content []byte, mode fs.FileMode) error {
	_, err := f.Write(content)
	if err == nil {
		err = f.Chmod(mode)
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
	err = fill(f, content, mode)
	if err == nil {
		err = closeSynced(f)
	} else {
		f.Close()
	}
	if err != nil {
		os.Remove(f.Name())
		return err
	}
	if err := os.Rename(f.Name(), dest); err != nil {
		os.Remove(f.Name())
		return err
	}
	return nil
}

// rel names a path for messages, relative to the root.
func (t *transaction) rel(p string) string {
	r, err := filepath.Rel(t.root, p)
	if err != nil {
		return p
	}
	return filepath.ToSlash(r)
}
