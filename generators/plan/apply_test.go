package plan

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

const (
	// unformatted is valid Go that gofmt changes.
	unformatted = "package models\ntype Post struct{\nID int\n}\n"
	formatted   = "package models\n\ntype Post struct {\n\tID int\n}\n"
)

func TestApplyCreates(t *testing.T) {
	root := t.TempDir()
	p := Plan{Generator: "make model"}
	p.Add("app/models/post.go", []byte(unformatted))
	p.Files = append(p.Files, File{Path: "bin/run.sh", Content: []byte("#!/bin/sh\n"), Mode: 0o755})
	p.Add("top.txt", []byte("top\n"))

	res := mustApply(t, root, p, Options{})

	equalStrings(t, "Created", res.Created, []string{"app/models/post.go", "bin/run.sh", "top.txt"})
	equalStrings(t, "Updated", res.Updated, nil)
	if res.Diff != "" || res.DryRun {
		t.Errorf("Diff = %q, DryRun = %v; want none", res.Diff, res.DryRun)
	}
	if got := readFile(t, root, "app/models/post.go"); got != formatted {
		t.Errorf("post.go not gofmt'd:\n%s", got)
	}
	if m := fileMode(t, root, "bin/run.sh"); m != 0o755 {
		t.Errorf("run.sh mode = %v, want 0755", m)
	}
	if m := fileMode(t, root, "top.txt"); m != 0o644 {
		t.Errorf("top.txt mode = %v, want 0644", m)
	}
	if _, ok := snapshot(t, root)[ManifestPath]; !ok {
		t.Errorf("no manifest written")
	}
}

func TestApplyIntoMissingRoot(t *testing.T) {
	root := filepath.Join(t.TempDir(), "new", "app")
	p := Plan{Generator: "new"}
	p.Add("go.mod", []byte("module example.com/app\n"))
	res := mustApply(t, root, p, Options{})
	equalStrings(t, "Created", res.Created, []string{"go.mod"})
	if got := readFile(t, root, "go.mod"); got != "module example.com/app\n" {
		t.Errorf("go.mod = %q", got)
	}
}

func TestApplyIdenticalWritesNothing(t *testing.T) {
	root := t.TempDir()
	p := Plan{Generator: "make model"}
	p.Add("app/models/post.go", []byte(formatted))
	p.AddEdit("routes/api.go", "register posts", appendLine("// posts\n"))
	writeTree(t, root, map[string]string{"routes/api.go": "package routes\n"})
	mustApply(t, root, p, Options{})
	before := snapshot(t, root)

	res := mustApply(t, root, p, Options{})

	equalStrings(t, "Identical", res.Identical, []string{"app/models/post.go", "routes/api.go"})
	equalStrings(t, "Created", res.Created, nil)
	equalStrings(t, "Updated", res.Updated, nil)
	if res.Diff != "" {
		t.Errorf("Diff = %q, want empty", res.Diff)
	}
	assertSameTree(t, before, snapshot(t, root))
}

func TestApplyConflictRefusesEverything(t *testing.T) {
	root := t.TempDir()
	writeTree(t, root, map[string]string{"app/models/post.go": "package models\n\n// mine\n"})
	before := snapshot(t, root)
	p := Plan{Generator: "make model"}
	p.Add("app/models/post.go", []byte(formatted))
	p.Add("app/models/comment.go", []byte("package models\n"))

	res, err := apply(t, root, p, Options{})

	var ce *ConflictError
	if !errors.As(err, &ce) {
		t.Fatalf("err = %v, want *ConflictError", err)
	}
	equalStrings(t, "ConflictError.Paths", ce.Paths, []string{"app/models/post.go"})
	for _, want := range []string{"app/models/post.go", "use --force to overwrite, --skip-existing to keep them and write the rest (or --dry-run to see the diff)"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not contain %q", err, want)
		}
	}
	equalStrings(t, "Conflicts", res.Conflicts, []string{"app/models/post.go"})
	equalStrings(t, "Created", res.Created, []string{"app/models/comment.go"})
	for _, want := range []string{"--- a/app/models/post.go\n", "+++ b/app/models/post.go\n", "-// mine\n", "+type Post struct {\n"} {
		if !strings.Contains(res.Diff, want) {
			t.Errorf("diff does not contain %q:\n%s", want, res.Diff)
		}
	}
	if strings.Contains(res.Diff, "comment.go") {
		t.Errorf("conflict diff includes a created file:\n%s", res.Diff)
	}
	assertSameTree(t, before, snapshot(t, root))
}

func TestApplyForceOverwritesAndKeepsMode(t *testing.T) {
	root := t.TempDir()
	writeTree(t, root, map[string]string{"app/models/post.go": "package models\n", "run.sh": "old\n"})
	chmod(t, root, "app/models/post.go", 0o600)
	chmod(t, root, "run.sh", 0o755)
	p := Plan{Generator: "make model"}
	p.Add("app/models/post.go", []byte(formatted))
	p.Files = append(p.Files, File{Path: "run.sh", Content: []byte("new\n"), Mode: 0o644})

	res := mustApply(t, root, p, Options{Force: true})

	equalStrings(t, "Updated", res.Updated, []string{"app/models/post.go", "run.sh"})
	equalStrings(t, "Conflicts", res.Conflicts, nil)
	if got := readFile(t, root, "app/models/post.go"); got != formatted {
		t.Errorf("post.go = %q", got)
	}
	if m := fileMode(t, root, "app/models/post.go"); m != 0o600 {
		t.Errorf("post.go mode = %v, want 0600 kept", m)
	}
	if m := fileMode(t, root, "run.sh"); m != 0o755 {
		t.Errorf("run.sh mode = %v, want 0755 kept", m)
	}
}

func TestDryRunWritesNothing(t *testing.T) {
	root := t.TempDir()
	writeTree(t, root, map[string]string{
		"conflict.txt":  "one\ntwo\nthree\n",
		"same.txt":      "same\n",
		"routes/api.go": "package routes\n",
	})
	before := snapshot(t, root)
	p := Plan{Generator: "make model"}
	p.Add("new/dir/new.txt", []byte("hello\n"))
	p.Add("conflict.txt", []byte("one\nTWO\nthree\n"))
	p.Add("same.txt", []byte("same\n"))
	p.AddEdit("routes/api.go", "register", appendLine("// posts\n"))

	res := mustApply(t, root, p, Options{DryRun: true})

	assertSameTree(t, before, snapshot(t, root))
	if !res.DryRun {
		t.Error("DryRun not reported")
	}
	equalStrings(t, "Created", res.Created, []string{"new/dir/new.txt"})
	equalStrings(t, "Updated", res.Updated, []string{"routes/api.go"})
	equalStrings(t, "Conflicts", res.Conflicts, []string{"conflict.txt"})
	equalStrings(t, "Identical", res.Identical, []string{"same.txt"})
	want := "diff --git a/conflict.txt b/conflict.txt\n" +
		"--- a/conflict.txt\n+++ b/conflict.txt\n@@ -1,3 +1,3 @@\n one\n-two\n+TWO\n three\n" +
		"diff --git a/new/dir/new.txt b/new/dir/new.txt\nnew file mode 100644\n" +
		"--- /dev/null\n+++ b/new/dir/new.txt\n@@ -0,0 +1 @@\n+hello\n" +
		"diff --git a/routes/api.go b/routes/api.go\n" +
		"--- a/routes/api.go\n+++ b/routes/api.go\n@@ -1 +1,3 @@\n package routes\n+\n+// posts\n"
	if res.Diff != want {
		t.Errorf("Diff =\n%s\nwant\n%s", res.Diff, want)
	}

	// With --force the conflict shows as an update; still nothing written.
	res = mustApply(t, root, p, Options{DryRun: true, Force: true})
	equalStrings(t, "Updated", res.Updated, []string{"conflict.txt", "routes/api.go"})
	if !strings.Contains(res.Diff, "+TWO\n") {
		t.Errorf("forced dry-run diff lacks the update:\n%s", res.Diff)
	}
	assertSameTree(t, before, snapshot(t, root))
}

func TestDryRunIntoMissingRoot(t *testing.T) {
	parent := t.TempDir()
	root := filepath.Join(parent, "app")
	p := Plan{}
	p.Add("main.go", []byte("package main\n"))
	res := mustApply(t, root, p, Options{DryRun: true})
	equalStrings(t, "Created", res.Created, []string{"main.go"})
	if _, err := os.Lstat(root); !os.IsNotExist(err) {
		t.Errorf("dry run created the root: %v", err)
	}
}

func TestRenderErrorNamesFileAndWritesNothing(t *testing.T) {
	root := t.TempDir()
	writeTree(t, root, map[string]string{"keep.txt": "keep\n"})
	before := snapshot(t, root)
	p := Plan{}
	p.Add("a.txt", []byte("a\n"))
	p.Add("app/models/post.go", []byte("package models\nfunc {\n"))

	_, err := apply(t, root, p, Options{})

	if err == nil || !strings.HasPrefix(err.Error(), "render app/models/post.go: ") {
		t.Fatalf("err = %v, want render app/models/post.go: …", err)
	}
	assertSameTree(t, before, snapshot(t, root))
}

func TestEdits(t *testing.T) {
	const api = "package routes\n\nfunc Register() {\n}\n"
	register := func(old []byte) ([]byte, error) {
		s := string(old)
		if strings.Contains(s, "posts()") {
			return old, nil
		}
		// Deliberately unformatted: Apply must gofmt edited Go files.
		return []byte(strings.Replace(s, "func Register() {\n", "func Register() {\nposts()\n", 1)), nil
	}

	t.Run("updated", func(t *testing.T) {
		root := t.TempDir()
		writeTree(t, root, map[string]string{"routes/api.go": api})
		chmod(t, root, "routes/api.go", 0o600)
		p := Plan{}
		p.AddEdit("routes/api.go", "register posts", register)
		res := mustApply(t, root, p, Options{})
		equalStrings(t, "Updated", res.Updated, []string{"routes/api.go"})
		want := "package routes\n\nfunc Register() {\n\tposts()\n}\n"
		if got := readFile(t, root, "routes/api.go"); got != want {
			t.Errorf("api.go = %q, want %q", got, want)
		}
		if m := fileMode(t, root, "routes/api.go"); m != 0o600 {
			t.Errorf("mode = %v, want 0600 kept", m)
		}
		res = mustApply(t, root, p, Options{})
		equalStrings(t, "Identical", res.Identical, []string{"routes/api.go"})
	})

	t.Run("missing file", func(t *testing.T) {
		root := t.TempDir()
		before := snapshot(t, root)
		p := Plan{}
		p.Add("x.txt", []byte("x\n"))
		p.AddEdit("routes/api.go", "register posts", register)
		_, err := apply(t, root, p, Options{})
		if err == nil || err.Error() != "edit routes/api.go: file does not exist" {
			t.Fatalf("err = %v", err)
		}
		assertSameTree(t, before, snapshot(t, root))
	})

	t.Run("change fails", func(t *testing.T) {
		root := t.TempDir()
		writeTree(t, root, map[string]string{"routes/api.go": api})
		before := snapshot(t, root)
		p := Plan{}
		p.AddEdit("routes/api.go", "register posts", func([]byte) ([]byte, error) {
			return nil, errors.New(`anchor "func Register" not found`)
		})
		_, err := apply(t, root, p, Options{})
		if err == nil || err.Error() != `edit routes/api.go: anchor "func Register" not found` {
			t.Fatalf("err = %v", err)
		}
		assertSameTree(t, before, snapshot(t, root))
	})

	t.Run("not idempotent", func(t *testing.T) {
		root := t.TempDir()
		writeTree(t, root, map[string]string{"notes.txt": "a\n"})
		before := snapshot(t, root)
		p := Plan{}
		p.AddEdit("notes.txt", "append", func(old []byte) ([]byte, error) { return append(old, "b\n"...), nil })
		_, err := apply(t, root, p, Options{})
		if err == nil || !strings.Contains(err.Error(), "edit notes.txt: not idempotent") {
			t.Fatalf("err = %v", err)
		}
		assertSameTree(t, before, snapshot(t, root))
	})

	t.Run("output is not Go", func(t *testing.T) {
		root := t.TempDir()
		writeTree(t, root, map[string]string{"routes/api.go": api})
		p := Plan{}
		p.AddEdit("routes/api.go", "break", func([]byte) ([]byte, error) { return []byte("package routes\nfunc {"), nil })
		_, err := apply(t, root, p, Options{})
		if err == nil || !strings.HasPrefix(err.Error(), "edit routes/api.go: ") {
			t.Fatalf("err = %v", err)
		}
	})
}

func TestCancelledContextWritesNothing(t *testing.T) {
	root := t.TempDir()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	p := Plan{}
	p.Add("a.txt", []byte("a\n"))
	if _, err := Apply(ctx, root, p, Options{}); !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	assertSameTree(t, map[string]node{".": snapshot(t, root)["."]}, snapshot(t, root))
}

func TestEmptyPlan(t *testing.T) {
	root := t.TempDir()
	before := snapshot(t, root)
	res := mustApply(t, root, Plan{}, Options{})
	if res.Diff != "" || len(res.Created)+len(res.Updated)+len(res.Identical)+len(res.Conflicts) != 0 {
		t.Errorf("res = %+v", res)
	}
	assertSameTree(t, before, snapshot(t, root))
}

func TestRootIsAFile(t *testing.T) {
	root := filepath.Join(t.TempDir(), "f")
	writeTree(t, filepath.Dir(root), map[string]string{"f": "x"})
	p := Plan{}
	p.Add("a.txt", nil)
	if _, err := apply(t, root, p, Options{}); err == nil || !strings.Contains(err.Error(), "is not a directory") {
		t.Fatalf("err = %v", err)
	}
}

// TestSkipExistingKeepsConflictsAndWritesTheRest is --skip-existing: the
// user's edited file stays, new files are written, the result lists both.
func TestSkipExistingKeepsConflictsAndWritesTheRest(t *testing.T) {
	root := t.TempDir()
	if err := os.WriteFile(filepath.Join(root, "mine.txt"), []byte("edited by hand\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	var p Plan
	p.Add("mine.txt", []byte("generated\n"))
	p.Add("new.txt", []byte("new\n"))
	res, err := Apply(context.Background(), root, p, Options{SkipExisting: true})
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(filepath.Join(root, "mine.txt")); string(got) != "edited by hand\n" {
		t.Errorf("mine.txt = %q: a skipped file was written", got)
	}
	if _, err := os.Stat(filepath.Join(root, "new.txt")); err != nil {
		t.Errorf("new.txt not written: %v", err)
	}
	if !slices.Equal(res.Skipped, []string{"mine.txt"}) || !slices.Equal(res.Created, []string{"new.txt"}) || len(res.Conflicts) != 0 {
		t.Errorf("result = %+v", res)
	}
	// Force with a per-file Skip: overwrite the others, keep the listed one.
	p.Add("other.txt", []byte("generated\n"))
	if err := os.WriteFile(filepath.Join(root, "other.txt"), []byte("mine too\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	res, err = Apply(context.Background(), root, p, Options{Force: true, Skip: []string{"mine.txt"}})
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(filepath.Join(root, "other.txt")); string(got) != "generated\n" {
		t.Errorf("other.txt = %q, want overwritten", got)
	}
	if got, _ := os.ReadFile(filepath.Join(root, "mine.txt")); string(got) != "edited by hand\n" {
		t.Errorf("mine.txt = %q, want kept", got)
	}
	if !slices.Equal(res.Skipped, []string{"mine.txt"}) || !slices.Equal(res.Updated, []string{"other.txt"}) {
		t.Errorf("result = %+v", res)
	}
}
