package devserver

import (
	"errors"
	"io/fs"
	"path/filepath"
	"strings"
	"syscall"

	"github.com/fsnotify/fsnotify"
)

// watcher makes a single-directory notifier recursive: it adds every directory the
// rules allow, picks up new ones, drops removed ones, and turns raw events into the
// slash paths (relative to the root) of files whose change matters. Where the
// kernel refuses more watches it polls that subtree instead. It has no goroutine of
// its own: the event loop calls it.
type watcher struct {
	root  string
	rules *rules
	n     notifier // nil when inotify is unavailable: then everything is polled
	dirs  map[string]bool
	poll  *poller
	warn  func(format string, args ...any)
}

func newWatcher(root string, r *rules, n notifier, c clock, warn func(string, ...any)) *watcher {
	return &watcher{root: root, rules: r, n: n, dirs: map[string]bool{}, poll: newPoller(root, r, c), warn: warn}
}

// start watches the whole tree and returns the watched files, for the first hashes.
func (w *watcher) start() []string {
	if w.n == nil {
		return w.pollTree(".")
	}
	return w.addTree(".")
}

// events and errors are nil without a notifier; a nil channel never fires in a select.
func (w *watcher) events() <-chan fsnotify.Event {
	if w.n == nil {
		return nil
	}
	return w.n.Events()
}

func (w *watcher) errors() <-chan error {
	if w.n == nil {
		return nil
	}
	return w.n.Errors()
}

func (w *watcher) close() {
	w.poll.stop()
	if w.n != nil {
		w.n.Close()
	}
}

// handle turns one event into the paths that may have changed. A removed directory
// is returned as itself: the hashes know which files were under it.
func (w *watcher) handle(ev fsnotify.Event) []string {
	rel, ok := w.rel(ev.Name)
	if !ok || ev.Op == fsnotify.Chmod {
		return nil
	}
	if ev.Has(fsnotify.Remove) || ev.Has(fsnotify.Rename) {
		if w.dirs[rel] {
			w.dropTree(rel)
			return []string{rel}
		}
		if w.rules.watchFile(rel) {
			return []string{rel}
		}
		return nil
	}
	if isDir(filepath.Join(w.root, filepath.FromSlash(rel))) {
		if ev.Has(fsnotify.Create) && !w.dirs[rel] && !w.rules.skipTree(rel) {
			return w.addTree(rel) // files may have landed in it before the watch did
		}
		return nil
	}
	if w.rules.watchFile(rel) {
		return []string{rel}
	}
	return nil
}

// overflowed recovers from lost events (the kernel queue overflowed): it walks the
// tree again and reports every watched file, whose hashes then tell what changed.
func (w *watcher) overflowed() []string {
	w.warn("file events were lost (queue overflow); rescanning")
	return w.start()
}

// addTree watches rel and every allowed directory below it and returns the watched
// files found there.
func (w *watcher) addTree(rel string) []string {
	var files []string
	start := filepath.Join(w.root, filepath.FromSlash(rel))
	filepath.WalkDir(start, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil // vanished while walking: its own event follows
		}
		r, _ := w.rel(p)
		if !d.IsDir() {
			if w.rules.watchFile(r) {
				files = append(files, r)
			}
			return nil
		}
		if r != rel && w.rules.skipDir(r) {
			return filepath.SkipDir
		}
		w.rules.git.load(w.root, r)
		if err := w.n.Add(p); err != nil {
			if isWatchLimit(err) {
				w.warnLimit(r, err)
				files = append(files, w.pollTree(r)...)
				return filepath.SkipDir
			}
			return nil
		}
		w.dirs[r] = true
		return nil
	})
	return files
}

// pollTree hands the subtree at rel to the poller and returns its watched files.
func (w *watcher) pollTree(rel string) []string {
	return w.poll.add(rel)
}

// dropTree forgets rel and the directories below it. The kernel drops the watches
// of deleted directories by itself; Remove matters for a directory renamed away.
func (w *watcher) dropTree(rel string) {
	for d := range w.dirs {
		if d == rel || strings.HasPrefix(d, rel+"/") {
			delete(w.dirs, d)
			w.n.Remove(filepath.Join(w.root, filepath.FromSlash(d)))
		}
	}
}

// rel converts an absolute path to a slash path relative to the root.
func (w *watcher) rel(p string) (string, bool) { return relSlash(w.root, p) }

// isWatchLimit reports the kernel's inotify limits: ENOSPC is max_user_watches,
// EMFILE max_user_instances (or the open files limit).
func isWatchLimit(err error) bool {
	return errors.Is(err, syscall.ENOSPC) || errors.Is(err, syscall.EMFILE)
}

// warnLimit explains the limit and its fix once per polled subtree.
func (w *watcher) warnLimit(rel string, err error) {
	fix := "sudo sysctl fs.inotify.max_user_watches=524288"
	if errors.Is(err, syscall.EMFILE) {
		fix = "sudo sysctl fs.inotify.max_user_instances=1024 (or raise ulimit -n)"
	}
	w.warn("cannot watch %s: the system's inotify limit is reached (%v); polling it every %s instead.\n"+
		"  Raise the limit: %s, and persist it in /etc/sysctl.d/.", displayDir(rel), err, pollInterval, fix)
}

func displayDir(rel string) string {
	if rel == "." {
		return "the project"
	}
	return rel + "/"
}
