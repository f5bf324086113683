package devserver

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"

	"github.com/fsnotify/fsnotify"
)

// writeTree creates files (slash paths → content) under root.
func writeTree(t testing.TB, root string, files map[string]string) {
	t.Helper()
	for rel, content := range files {
		p := filepath.Join(root, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// sampleTree is an app with everything the default rules must skip.
var sampleTree = map[string]string{
	"go.mod":                  "module x\n",
	"main.go":                 "package main\n",
	"main_test.go":            "package main\n",
	".env":                    "PORT=1\n",
	".gitignore":              "/tmp/\n*.gen.go\n!keep.gen.go\n",
	"README.md":               "# x\n",
	"app/models/post.go":      "package models\n",
	"app/views/index.tmpl":    "{{.}}\n",
	"db/migrations/1_a.sql":   "select 1;\n",
	"app/models/post.gen.go":  "package models\n",
	"app/models/keep.gen.go":  "package models\n",
	"app/_scratch.go":         "package app\n",
	"app/.#post.go":           "lock\n",
	".git/HEAD":               "ref\n",
	".idea/x.go":              "package x\n",
	"node_modules/m/x.go":     "package x\n",
	"vendor/v/x.go":           "package x\n",
	"storage/x.go":            "package x\n",
	".kiln/serve/build-1":     "bin\n",
	"testdata/x.go":           "package x\n",
	"tmp/x.go":                "package x\n",
	"docs/example/x.go":       "package x\n",
	"assets/css/site.css":     "body{}\n",
	"assets/css/sub/more.css": "p{}\n",
}

func newTestWatcher(t *testing.T, include, exclude []string) (*watcher, *fakeNotifier, *fakeClock, *[]string) {
	t.Helper()
	root := t.TempDir()
	writeTree(t, root, sampleTree)
	n, c := newFakeNotifier(), newFakeClock()
	var warnings []string
	warn := func(f string, a ...any) { warnings = append(warnings, fmt.Sprintf(f, a...)) }
	return newWatcher(root, newRules(include, exclude), n, c, warn), n, c, &warnings
}

func (w *watcher) watchedDirs() []string { return sortedKeys(w.dirs) }

func TestWatcherSkipsIgnoredDirectoriesAndFiles(t *testing.T) {
	w, n, _, _ := newTestWatcher(t, []string{"assets/**/*.css"}, []string{"docs"})
	files := w.start()
	wantFiles := []string{".env", "app/models/keep.gen.go", "app/models/post.go", "app/views/index.tmpl",
		"assets/css/site.css", "assets/css/sub/more.css", "db/migrations/1_a.sql", "go.mod", "main.go"}
	slices.Sort(files)
	if !slices.Equal(files, wantFiles) {
		t.Errorf("watched files:\n got %v\nwant %v", files, wantFiles)
	}
	wantDirs := []string{".", "app", "app/models", "app/views", "assets", "assets/css", "assets/css/sub", "db", "db/migrations"}
	if got := w.watchedDirs(); !slices.Equal(got, wantDirs) {
		t.Errorf("watched dirs:\n got %v\nwant %v", got, wantDirs)
	}
	if len(n.watched) != len(wantDirs) {
		t.Errorf("notifier watches %d directories, want %d", len(n.watched), len(wantDirs))
	}
}

func (w *watcher) abs(rel string) string { return filepath.Join(w.root, filepath.FromSlash(rel)) }

func ev(w *watcher, op fsnotify.Op, rel string) fsnotify.Event {
	return fsnotify.Event{Name: w.abs(rel), Op: op}
}

func TestWatcherReportsOnlyRelevantEvents(t *testing.T) {
	w, _, _, _ := newTestWatcher(t, nil, nil)
	w.start()
	cases := []struct {
		ev   fsnotify.Event
		want []string
	}{
		{ev(w, fsnotify.Write, "main.go"), []string{"main.go"}},
		{ev(w, fsnotify.Write, ".env"), []string{".env"}},
		{ev(w, fsnotify.Chmod, "main.go"), nil},
		{ev(w, fsnotify.Write, "README.md"), nil},
		{ev(w, fsnotify.Write, "main_test.go"), nil},
		{ev(w, fsnotify.Write, "app/models/post.gen.go"), nil}, // git-ignored
		{ev(w, fsnotify.Create, "app/.#post.go"), nil},         // an editor's lock file
		{ev(w, fsnotify.Remove, "app/models/post.go"), []string{"app/models/post.go"}},
		{fsnotify.Event{Name: "/elsewhere/x.go", Op: fsnotify.Write}, nil},
	}
	for _, c := range cases {
		if got := w.handle(c.ev); !slices.Equal(got, c.want) {
			t.Errorf("%v: got %v, want %v", c.ev, got, c.want)
		}
	}
}

// An editor's atomic save writes a temporary file and renames it over the original:
// the temporary file is ignored, the rename reports the original.
func TestWatcherSeesAtomicSaves(t *testing.T) {
	w, _, _, _ := newTestWatcher(t, nil, nil)
	h := newHashes(w.root)
	h.record(w.start())
	tmp := "app/models/.post.go.swp"
	writeTree(t, w.root, map[string]string{tmp: "package models // v2\n"})
	var got []string
	got = append(got, w.handle(ev(w, fsnotify.Create, tmp))...)
	got = append(got, w.handle(ev(w, fsnotify.Write, tmp))...)
	if err := os.Rename(w.abs(tmp), w.abs("app/models/post.go")); err != nil {
		t.Fatal(err)
	}
	got = append(got, w.handle(ev(w, fsnotify.Rename, tmp))...)
	got = append(got, w.handle(ev(w, fsnotify.Create, "app/models/post.go"))...)
	if !slices.Equal(got, []string{"app/models/post.go"}) {
		t.Fatalf("events reported %v, want the saved file once", got)
	}
	if changed := h.update(got); !slices.Equal(changed, []string{"app/models/post.go"}) {
		t.Errorf("hashes: changed %v", changed)
	}
}

func TestWatcherPicksUpNewDirectories(t *testing.T) {
	w, n, _, _ := newTestWatcher(t, nil, nil)
	w.start()
	// mkdir -p and a copy land before the watch on the new directory exists.
	writeTree(t, w.root, map[string]string{"pkg/sub/a.go": "package sub\n", "pkg/sub/notes.txt": "x\n"})
	got := w.handle(ev(w, fsnotify.Create, "pkg"))
	if !slices.Equal(got, []string{"pkg/sub/a.go"}) {
		t.Errorf("new directory reported %v", got)
	}
	if !n.watched[w.abs("pkg")] || !n.watched[w.abs("pkg/sub")] {
		t.Errorf("new directories not watched: %v", n.watched)
	}
	writeTree(t, w.root, map[string]string{"node_modules/y/z.go": "package z\n"})
	if got := w.handle(ev(w, fsnotify.Create, "node_modules/y")); got != nil {
		t.Errorf("a new directory under an ignored one reported %v", got)
	}
}

func TestWatcherDropsRemovedDirectories(t *testing.T) {
	w, n, _, _ := newTestWatcher(t, nil, nil)
	h := newHashes(w.root)
	h.record(w.start())
	if err := os.RemoveAll(w.abs("app")); err != nil {
		t.Fatal(err)
	}
	got := w.handle(ev(w, fsnotify.Remove, "app"))
	if !slices.Equal(got, []string{"app"}) {
		t.Fatalf("removed directory reported %v", got)
	}
	for _, d := range []string{"app", "app/models", "app/views"} {
		if w.dirs[d] || n.watched[w.abs(d)] {
			t.Errorf("%s still watched", d)
		}
	}
	want := []string{"app/models/keep.gen.go", "app/models/post.go", "app/views/index.tmpl"}
	if changed := h.update(got); !slices.Equal(changed, want) {
		t.Errorf("hashes: changed %v, want %v", changed, want)
	}
}

func TestHashesSkipSavesThatChangeNothing(t *testing.T) {
	root := t.TempDir()
	writeTree(t, root, map[string]string{"main.go": "package main\n"})
	h := newHashes(root)
	h.record([]string{"main.go"})
	writeTree(t, root, map[string]string{"main.go": "package main\n"}) // re-saved as it was
	if got := h.update([]string{"main.go"}); len(got) != 0 {
		t.Errorf("identical save changed %v", got)
	}
	writeTree(t, root, map[string]string{"main.go": "package main // v2\n"})
	writeTree(t, root, map[string]string{"main.go": "package main\n"}) // and back
	if got := h.update([]string{"main.go"}); len(got) != 0 {
		t.Errorf("changed and changed back: %v", got)
	}
	writeTree(t, root, map[string]string{"main.go": "package main // v3\n", "new.go": "package main\n"})
	if got := h.update([]string{"main.go", "new.go"}); !slices.Equal(got, []string{"main.go", "new.go"}) {
		t.Errorf("real changes: %v", got)
	}
}

// Where the kernel refuses a watch (fs.inotify.max_user_watches), the watcher says
// how to raise the limit and polls that subtree instead.
func TestWatcherPollsWhereTheWatchLimitIsReached(t *testing.T) {
	w, n, clk, warnings := newTestWatcher(t, nil, nil)
	n.refuse[w.abs("app")] = syscall.ENOSPC
	files := w.start()
	if !slices.Contains(files, "app/models/post.go") {
		t.Errorf("files of the polled subtree not reported at start: %v", files)
	}
	if len(*warnings) != 1 || !strings.Contains((*warnings)[0], "sysctl fs.inotify.max_user_watches=") {
		t.Fatalf("warnings = %q", *warnings)
	}
	if n.watched[w.abs("app/models")] {
		t.Error("a directory below the refused one got an inotify watch")
	}
	writeTree(t, w.root, map[string]string{"app/models/user.go": "package models\n"})
	select {
	case <-w.poll.C():
		t.Fatal("polled before the interval")
	default:
	}
	clk.Advance(pollInterval)
	<-w.poll.C()
	if got := w.poll.scan(); !slices.Equal(got, []string{"app/models/user.go"}) {
		t.Errorf("poll found %v", got)
	}
	if got := w.poll.scan(); got != nil {
		t.Errorf("second poll found %v", got)
	}
}
