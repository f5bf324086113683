package plan

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/sys/unix"
)

// A file that appears where a new file is going, after the checks and before
// its rename, is kept as it is, and the apply fails and rolls back.
func TestNewFileDoesNotReplaceOneThatAppeared(t *testing.T) {
	requireNoReplace(t)
	root, p := fixture{withManifest: true}.build(t)
	before := snapshot(t, root)
	opts := Options{Force: true}
	opts.hook = func(step, path string) error {
		if step == "sync" {
			writeTree(t, root, map[string]string{"top.txt": "saved by an editor\n"})
			before["top.txt"] = snapshot(t, root)["top.txt"]
		}
		return nil
	}
	_, err := Apply(context.Background(), root, p, opts)
	if err == nil || !strings.Contains(err.Error(), "write top.txt: a file appeared there while kiln was writing") {
		t.Fatalf("Apply error = %v, want one saying top.txt appeared", err)
	}
	assertSameTree(t, before, snapshot(t, root))
}

// requireNoReplace skips the test where the temp directory's filesystem has
// no RENAME_NOREPLACE (kiln then renames as os.Rename does).
func requireNoReplace(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a"), filepath.Join(dir, "b")
	os.WriteFile(a, nil, 0o644)
	os.WriteFile(b, nil, 0o644)
	err := unix.Renameat2(unix.AT_FDCWD, a, unix.AT_FDCWD, b, unix.RENAME_NOREPLACE)
	if !errors.Is(err, unix.EEXIST) {
		t.Skipf("no RENAME_NOREPLACE on %s: %v", dir, err)
	}
}
