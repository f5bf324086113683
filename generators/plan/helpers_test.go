package plan

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// node is one entry of a snapshotted tree.
type node struct {
	mode    fs.FileMode
	content string // regular files
	link    string // symlinks
}

// snapshot records every path under root (root included): its mode, its
// content and its symlink target, without following symlinks. Two equal
// snapshots mean the tree is byte-identical, with no leftovers.
func snapshot(t *testing.T, root string) map[string]node {
	t.Helper()
	tree := map[string]node{}
	err := filepath.WalkDir(root, func(p string, _ fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		fi, err := os.Lstat(p)
		if err != nil {
			return err
		}
		n := node{mode: fi.Mode()}
		switch {
		case fi.Mode()&fs.ModeSymlink != 0:
			if n.link, err = os.Readlink(p); err != nil {
				return err
			}
		case fi.Mode().IsRegular():
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			n.content = string(b)
		}
		rel, err := filepath.Rel(root, p)
		if err != nil {
			return err
		}
		tree[filepath.ToSlash(rel)] = n
		return nil
	})
	if err != nil && !os.IsNotExist(err) {
		t.Fatalf("snapshot %s: %v", root, err)
	}
	return tree
}

// assertSameTree fails with every difference between two snapshots.
func assertSameTree(t *testing.T, before, after map[string]node) {
	t.Helper()
	if diffs := treeDiff(before, after); diffs != "" {
		t.Fatalf("tree changed:\n%s", diffs)
	}
}

// treeDiff lists, one per line, what differs between two snapshots.
func treeDiff(before, after map[string]node) string {
	var diffs []string
	for p, b := range before {
		a, ok := after[p]
		switch {
		case !ok:
			diffs = append(diffs, "missing: "+p)
		case a != b:
			diffs = append(diffs, "changed: "+p)
		}
	}
	for p := range after {
		if _, ok := before[p]; !ok {
			diffs = append(diffs, "leftover: "+p)
		}
	}
	slices.Sort(diffs)
	return strings.Join(diffs, "\n")
}

// writeTree creates files (slash paths → content) under root with mode 0o644.
func writeTree(t *testing.T, root string, files map[string]string) {
	t.Helper()
	for p, content := range files {
		abs := filepath.Join(root, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(abs), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(abs, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func readFile(t *testing.T, root, p string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(p)))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func chmod(t *testing.T, root, p string, mode fs.FileMode) {
	t.Helper()
	if err := os.Chmod(filepath.Join(root, filepath.FromSlash(p)), mode); err != nil {
		t.Fatal(err)
	}
}

func fileMode(t *testing.T, root, p string) fs.FileMode {
	t.Helper()
	fi, err := os.Lstat(filepath.Join(root, filepath.FromSlash(p)))
	if err != nil {
		t.Fatal(err)
	}
	return fi.Mode()
}

func apply(t *testing.T, root string, p Plan, opts Options) (Result, error) {
	t.Helper()
	return Apply(context.Background(), root, p, opts)
}

func mustApply(t *testing.T, root string, p Plan, opts Options) Result {
	t.Helper()
	res, err := apply(t, root, p, opts)
	if err != nil {
		t.Fatalf("Apply: %v", err)
	}
	return res
}

func equalStrings(t *testing.T, what string, got, want []string) {
	t.Helper()
	if !slices.Equal(got, want) {
		t.Errorf("%s = %q, want %q", what, got, want)
	}
}

// appendLine is an idempotent edit: it appends line unless it is there.
func appendLine(line string) func([]byte) ([]byte, error) {
	return func(old []byte) ([]byte, error) {
		if strings.Contains(string(old), line) {
			return old, nil
		}
		return append(old, line...), nil
	}
}
