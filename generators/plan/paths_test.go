package plan

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestLexicalPathsRefused(t *testing.T) {
	cases := []struct {
		paths []string
		want  string
	}{
		{[]string{"../x"}, `refusing to write "../x": path leaves the project root`},
		{[]string{"a/../../x"}, `refusing to write "a/../../x": path leaves the project root`},
		{[]string{"/abs"}, `refusing to write "/abs": path is absolute`},
		{[]string{".git/config"}, `refusing to write ".git/config": path is inside .git`},
		{[]string{"sub/.GIT/hooks/pre-commit"}, `path is inside .git`},
		{[]string{""}, `refusing to write "": empty path`},
		{[]string{`a\b`}, `path contains a backslash`},
		{[]string{"a/../b"}, `path contains ".."`},
		{[]string{"./a"}, `path is not clean (want "a")`},
		{[]string{"a//b"}, `path is not clean (want "a/b")`},
		{[]string{"a/"}, `path is not clean (want "a")`},
		{[]string{"."}, `path names the project root`},
		{[]string{"a\x00b"}, `NUL byte`},
		{[]string{ManifestPath}, `path is inside .git or .kiln`},
		{[]string{".kiln"}, `path is inside .git or .kiln`},
		{[]string{"a.txt", "a.txt"}, `refusing to write "a.txt": path appears more than once in the plan`},
		{[]string{"a", "a/b.txt"}, `refusing to write "a": the plan also writes "a/b.txt", which needs it to be a directory`},
	}
	for _, c := range cases {
		t.Run(strings.Join(c.paths, ","), func(t *testing.T) {
			root := t.TempDir()
			before := snapshot(t, root)
			p := Plan{}
			p.Add("ok.txt", []byte("ok\n"))
			for _, path := range c.paths {
				p.Add(path, []byte("x\n"))
			}
			_, err := apply(t, root, p, Options{})
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("err = %v, want %q", err, c.want)
			}
			assertSameTree(t, before, snapshot(t, root))
		})
	}
}

func TestEditPathsRefused(t *testing.T) {
	root := t.TempDir()
	p := Plan{}
	p.AddEdit("../routes/api.go", "x", appendLine("x"))
	_, err := apply(t, root, p, Options{})
	if err == nil || err.Error() != `refusing to edit "../routes/api.go": path leaves the project root` {
		t.Fatalf("err = %v", err)
	}
	p = Plan{}
	p.Add("a.go", []byte("package a\n"))
	p.AddEdit("a.go", "x", appendLine("x"))
	if _, err := apply(t, root, p, Options{}); err == nil || !strings.Contains(err.Error(), "more than once") {
		t.Fatalf("file + edit of one path: err = %v", err)
	}
}

// TestFilesystemPathsRefused covers what only the disk can tell: symlinks
// leading out, symlinks and directories at the target, files in the way.
func TestFilesystemPathsRefused(t *testing.T) {
	cases := []struct {
		name  string
		setup func(t *testing.T, root, outside string)
		path  string
		edit  bool
		want  string
	}{
		{
			name:  "symlinked dir leads outside",
			setup: func(t *testing.T, root, outside string) { symlink(t, outside, root, "out") },
			path:  "out/x.txt",
			want:  `refusing to write "out/x.txt": "out" is a symlink that leads outside the project root`,
		},
		{
			name:  "new dirs below a symlink leading outside",
			setup: func(t *testing.T, root, outside string) { symlink(t, outside, root, "app/out") },
			path:  "app/out/new/deeper/x.txt",
			want:  `"app/out" is a symlink that leads outside the project root`,
		},
		{
			name:  "edit through a symlink leading outside",
			setup: func(t *testing.T, root, outside string) { symlink(t, outside, root, "routes") },
			path:  "routes/api.go",
			edit:  true,
			want:  `refusing to edit "routes/api.go": "routes" is a symlink that leads outside the project root`,
		},
		{
			name: "symlink file at the target",
			setup: func(t *testing.T, root, _ string) {
				writeTree(t, root, map[string]string{"real.txt": "real\n"})
				symlink(t, "real.txt", root, "link.txt")
			},
			path: "link.txt",
			want: `refusing to write "link.txt": it is a symlink`,
		},
		{
			name:  "symlink at the target leading outside",
			setup: func(t *testing.T, root, outside string) { symlink(t, filepath.Join(outside, "f.txt"), root, "f.txt") },
			path:  "f.txt",
			want:  `refusing to write "f.txt": it is a symlink`,
		},
		{
			name:  "dangling symlinked dir",
			setup: func(t *testing.T, root, _ string) { symlink(t, "nowhere", root, "gone") },
			path:  "gone/x.txt",
			want:  `"gone" is a broken symlink`,
		},
		{
			name:  "directory at the target",
			setup: func(t *testing.T, root, _ string) { writeTree(t, root, map[string]string{"app/models/keep": ""}) },
			path:  "app/models",
			want:  `refusing to write "app/models": it is a directory`,
		},
		{
			name:  "file in the way of a directory",
			setup: func(t *testing.T, root, _ string) { writeTree(t, root, map[string]string{"app": "file\n"}) },
			path:  "app/models/post.go",
			want:  `refusing to write "app/models/post.go": "app" is not a directory`,
		},
		{
			name: "manifest dir leads outside",
			setup: func(t *testing.T, root, outside string) {
				symlink(t, outside, root, ".kiln")
			},
			path: "a.txt",
			want: `refusing to write ".kiln/manifest.json": ".kiln" is a symlink that leads outside the project root`,
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			root, outside := t.TempDir(), t.TempDir()
			writeTree(t, outside, map[string]string{"secret.txt": "secret\n", "api.go": "package routes\n"})
			c.setup(t, root, outside)
			before, beforeOut := snapshot(t, root), snapshot(t, outside)
			p := Plan{}
			p.Add("ok.txt", []byte("ok\n"))
			if c.edit {
				p.AddEdit(c.path, "edit", appendLine("// x\n"))
			} else {
				p.Add(c.path, []byte("x\n"))
			}
			for _, opts := range []Options{{}, {Force: true}, {DryRun: true}} {
				_, err := apply(t, root, p, opts)
				if err == nil || !strings.Contains(err.Error(), c.want) {
					t.Fatalf("opts %+v: err = %v, want %q", opts, err, c.want)
				}
			}
			assertSameTree(t, before, snapshot(t, root))
			assertSameTree(t, beforeOut, snapshot(t, outside))
		})
	}
}

// A symlink that stays inside the root is the user's layout choice, not an
// escape.
func TestSymlinkInsideRootAllowed(t *testing.T) {
	root := t.TempDir()
	writeTree(t, root, map[string]string{"src/app/keep": ""})
	symlink(t, "src/app", root, "app")
	p := Plan{}
	p.Add("app/models/post.go", []byte(formatted))
	mustApply(t, root, p, Options{})
	if got := readFile(t, root, "src/app/models/post.go"); got != formatted {
		t.Errorf("post.go = %q", got)
	}
}

// A root reached through a symlink (as /tmp is on macOS) is fine.
func TestRootThroughSymlink(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{"real/keep": ""})
	symlink(t, "real", dir, "link")
	p := Plan{}
	p.Add("a/b.txt", []byte("b\n"))
	mustApply(t, filepath.Join(dir, "link"), p, Options{})
	if got := readFile(t, dir, "real/a/b.txt"); got != "b\n" {
		t.Errorf("b.txt = %q", got)
	}
}

func symlink(t *testing.T, target, root, p string) {
	t.Helper()
	abs := filepath.Join(root, filepath.FromSlash(p))
	if err := os.MkdirAll(filepath.Dir(abs), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(target, abs); err != nil {
		t.Fatal(err)
	}
}

// A symlink inside the project must not become a way into .git or .kiln.
func TestSymlinkIntoGitRefused(t *testing.T) {
	root := t.TempDir()
	if err := os.MkdirAll(filepath.Join(root, ".git", "hooks"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(".git/hooks", filepath.Join(root, "hooks")); err != nil {
		t.Fatal(err)
	}
	var p Plan
	p.Add("hooks/pre-commit", []byte("#!/bin/sh\n"))
	_, err := Apply(context.Background(), root, p, Options{})
	if err == nil || !strings.Contains(err.Error(), "leads into .git or .kiln") {
		t.Fatalf("err = %v, want a refusal", err)
	}
	if _, err := os.Stat(filepath.Join(root, ".git", "hooks", "pre-commit")); !os.IsNotExist(err) {
		t.Error("wrote into .git through a symlink")
	}
}

// An apply where every file is identical still records them in the manifest.
func TestIdenticalApplyRecordsManifest(t *testing.T) {
	root := t.TempDir()
	if err := os.WriteFile(filepath.Join(root, "a.txt"), []byte("a\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	var p Plan
	p.Generator = "test"
	p.Add("a.txt", []byte("a\n"))
	res, err := Apply(context.Background(), root, p, Options{})
	if err != nil || len(res.Identical) != 1 {
		t.Fatalf("res = %+v, err = %v", res, err)
	}
	m, err := ReadManifest(root)
	if err != nil {
		t.Fatal(err)
	}
	if e, ok := m.Lookup("a.txt"); !ok || e.Generator != "test" {
		t.Errorf("manifest = %+v, want a.txt recorded", m)
	}
}
