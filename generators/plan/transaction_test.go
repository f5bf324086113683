package plan

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"testing"
)

// fixture is a project plus an 8-file forced plan that mixes creates (some in
// new nested directories), updates of files with unusual modes, an identical
// file, an edit, and the manifest write.
type fixture struct {
	withManifest bool // start with a manifest (to restore) or without (.kiln is created)
	missingRoot  bool // Apply creates the root itself
}

func (f fixture) build(t *testing.T) (root string, p Plan) {
	t.Helper()
	parent := t.TempDir()
	root = filepath.Join(parent, "proj")
	if f.missingRoot {
		root = filepath.Join(parent, "new", "proj")
	} else {
		writeTree(t, root, map[string]string{
			"go.mod":             "module example.com/app\n",
			"app/models/user.go": "package models\n\n// user, edited by hand\n",
			"README.md":          "# mine\n",
			"config/app.txt":     "same\n",
			"routes/api.go":      "package routes\n",
		})
		chmod(t, root, "app/models/user.go", 0o600)
		chmod(t, root, "README.md", 0o755)
		if f.withManifest {
			writeTree(t, root, map[string]string{ManifestPath: "{\"version\":1,\"files\":[{\"path\":\"other.txt\",\"sha256\":\"00\",\"generator\":\"new\"}]}\n"})
		}
	}
	p = Plan{Generator: "make model"}
	p.Add("app/models/post.go", []byte(formatted))
	p.Add("app/http/controllers/post_controller.go", []byte("package controllers\n"))
	p.Add("database/factories/deep/x/post_factory.go", []byte("package x\n"))
	p.Add("docs/new.md", []byte("new\n"))
	p.Add("top.txt", []byte("top\n"))
	p.Add("app/models/user.go", []byte("package models\n\n// user, generated\n"))
	p.Add("README.md", []byte("# generated\n"))
	p.Add("config/app.txt", []byte("same\n"))
	if !f.missingRoot {
		p.AddEdit("routes/api.go", "register posts", appendLine("// posts\n"))
	}
	return root, p
}

// TestFailureAtEveryStepRollsBack injects a failure after each step of the
// write transaction in turn (mkdir, temp file, write, rename — including the
// manifest's) and checks the tree is byte-identical afterwards; then the same
// with ctx cancelled at each step. The loop ends at the first index the apply
// survives, which must leave the complete result.
func TestFailureAtEveryStepRollsBack(t *testing.T) {
	for _, f := range []fixture{{withManifest: true}, {withManifest: false}, {missingRoot: true}} {
		t.Run(fmt.Sprintf("%+v", f), func(t *testing.T) {
			for _, cancelInstead := range []bool{false, true} {
				steps := failEveryStep(t, f, cancelInstead)
				for _, kind := range []string{"mkdir", "temp", "write", "rename"} {
					if !slices.Contains(steps, kind) {
						t.Errorf("step %q never ran; steps: %q", kind, steps)
					}
				}
			}
		})
	}
}

// failEveryStep runs the loop and returns the step names of the full run.
func failEveryStep(t *testing.T, f fixture, cancelInstead bool) []string {
	injected := errors.New("injected failure")
	for failAt := 1; ; failAt++ {
		root, p := f.build(t)
		parent := filepath.Dir(root)
		if f.missingRoot {
			parent = filepath.Dir(parent)
		}
		before := snapshot(t, parent)
		ctx, cancel := context.WithCancel(context.Background())
		var steps []string
		opts := Options{Force: true}
		opts.hook = func(step, path string) error {
			steps = append(steps, step)
			if len(steps) != failAt {
				return nil
			}
			if cancelInstead {
				cancel()
				return nil
			}
			return injected
		}
		res, err := Apply(ctx, root, p, opts)
		cancel()
		if failAt > len(steps) || (cancelInstead && failAt == len(steps) && err == nil) {
			// No failure was injected (or the cancel came after the last
			// step): the apply must be complete.
			if err != nil {
				t.Fatalf("full run: %v", err)
			}
			checkFixtureApplied(t, root, res)
			return steps
		}
		want := injected
		if cancelInstead {
			want = context.Canceled
		}
		if !errors.Is(err, want) {
			t.Fatalf("fail at step %d (%s): err = %v, want %v", failAt, steps[failAt-1], err, want)
		}
		if diffs := treeDiff(before, snapshot(t, parent)); diffs != "" {
			t.Fatalf("fail at step %d (%s, cancel=%v): tree changed:\n%s", failAt, steps[failAt-1], cancelInstead, diffs)
		}
	}
}

func checkFixtureApplied(t *testing.T, root string, res Result) {
	t.Helper()
	if got := readFile(t, root, "app/models/user.go"); got != "package models\n\n// user, generated\n" {
		t.Errorf("user.go = %q", got)
	}
	if got := readFile(t, root, "database/factories/deep/x/post_factory.go"); got != "package x\n" {
		t.Errorf("post_factory.go = %q", got)
	}
	if len(res.Updated) > 0 {
		if m := fileMode(t, root, "README.md"); m != 0o755 {
			t.Errorf("README.md mode = %v, want 0755", m)
		}
		if m := fileMode(t, root, "app/models/user.go"); m != 0o600 {
			t.Errorf("user.go mode = %v, want 0600", m)
		}
		equalStrings(t, "Identical", res.Identical, []string{"config/app.txt"})
	}
	m, err := ReadManifest(root)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := m.Lookup("top.txt"); !ok {
		t.Errorf("manifest lacks top.txt: %+v", m)
	}
}

// A real (not injected) failure: the destination of a rename is taken by a
// directory created after planning, which makes the rename fail midway.
func TestRealRenameFailureRollsBack(t *testing.T) {
	root, p := fixture{withManifest: true}.build(t)
	before := snapshot(t, root)
	opts := Options{Force: true}
	opts.hook = func(step, path string) error {
		if step == "write" && path == "top.txt" {
			// Sabotage after all checks: top.txt becomes a non-empty dir.
			writeTree(t, root, map[string]string{"top.txt/blocker": ""})
			before["top.txt"] = snapshot(t, root)["top.txt"]
			before["top.txt/blocker"] = snapshot(t, root)["top.txt/blocker"]
		}
		return nil
	}
	_, err := Apply(context.Background(), root, p, opts)
	if err == nil {
		t.Fatal("apply succeeded despite a blocked rename")
	}
	assertSameTree(t, before, snapshot(t, root))
}
