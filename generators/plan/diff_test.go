package plan

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

func TestFileDiffShapes(t *testing.T) {
	cases := []struct {
		name string
		c    change
		want string
	}{{
		name: "new file",
		c:    change{target: target{path: "a.txt"}, content: []byte("x\ny\n"), newMode: 0o644},
		want: "diff --git a/a.txt b/a.txt\nnew file mode 100644\n--- /dev/null\n+++ b/a.txt\n@@ -0,0 +1,2 @@\n+x\n+y\n",
	}, {
		name: "new executable, empty",
		c:    change{target: target{path: "run.sh"}, newMode: 0o755},
		want: "diff --git a/run.sh b/run.sh\nnew file mode 100755\n",
	}, {
		name: "no newline at the end",
		c:    change{target: target{path: "a.txt", exists: true, old: []byte("a\nb")}, content: []byte("a\nc")},
		want: "diff --git a/a.txt b/a.txt\n--- a/a.txt\n+++ b/a.txt\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+c\n\\ No newline at end of file\n",
	}, {
		name: "existing empty file",
		c:    change{target: target{path: "e.txt", exists: true}, content: []byte("now\n")},
		want: "diff --git a/e.txt b/e.txt\n--- a/e.txt\n+++ b/e.txt\n@@ -0,0 +1 @@\n+now\n",
	}, {
		name: "CRLF lines and a line that looks like a hunk header",
		c:    change{target: target{path: "w.txt", exists: true, old: []byte("a\r\n@@ -1 +1 @@\r\n")}, content: []byte("a\r\n@@ -2 +2 @@\r\n")},
		want: "diff --git a/w.txt b/w.txt\n--- a/w.txt\n+++ b/w.txt\n@@ -1,2 +1,2 @@\n a\r\n-@@ -1 +1 @@\r\n+@@ -2 +2 @@\r\n",
	}, {
		name: "binary",
		c:    change{target: target{path: "b.bin", exists: true, old: []byte("a\x00")}, content: []byte("b\x00")},
		want: "diff --git a/b.bin b/b.bin\nBinary files a/b.bin and b/b.bin differ\n",
	}}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := fileDiff(tc.c); got != tc.want {
				t.Errorf("got\n%s\nwant\n%s", got, tc.want)
			}
		})
	}
}

func TestGitHunkHeader(t *testing.T) {
	for in, want := range map[string]string{
		"@@ -1,1 +1,3 @@":   "@@ -1 +1,3 @@",
		"@@ -0,0 +1,1 @@":   "@@ -0,0 +1 @@",
		"@@ -10,7 +10,6 @@": "@@ -10,7 +10,6 @@",
		"@@ -3,1 +2,0 @@":   "@@ -3 +2,0 @@",
	} {
		if got := string(gitHunkHeader([]byte(in))); got != want {
			t.Errorf("gitHunkHeader(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestDryRunDiffAppliesWithGit: what the doc promises, that a dry run's
// diff can be fed to `git apply`, for a change with several hunks, a new
// file, a file without a final newline, an empty file filled, and CRLF lines
// one of which looks like a hunk header.
func TestDryRunDiffAppliesWithGit(t *testing.T) {
	git, err := exec.LookPath("git")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("git not found")
		}
		t.Skip("git not found")
	}
	var long, edited []string
	for i := range 40 {
		long = append(long, fmt.Sprintf("line %d", i))
		edited = append(edited, long[i])
	}
	edited[2], edited[30] = "changed near the top", "changed near the end"
	edited = append(edited[:20], append([]string{"inserted"}, edited[20:]...)...)
	oldTree := map[string]string{
		"long.txt":  strings.Join(long, "\n") + "\n",
		"nonl.txt":  "one\ntwo",
		"same.txt":  "same\n",
		"sub/k.txt": "keep\n",
		"empty.txt": "",
		"crlf.txt":  "a\r\n@@ -1 +1 @@\r\nb\r\n",
	}
	root := t.TempDir()
	writeTree(t, root, oldTree)
	p := Plan{}
	p.Add("long.txt", []byte(strings.Join(edited, "\n")+"\n"))
	p.Add("nonl.txt", []byte("one\nTWO"))
	p.Add("sub/new.txt", []byte("fresh\n"))
	p.Add("empty.txt", []byte("filled\n"))
	p.Add("crlf.txt", []byte("a\r\n@@ -2 +2 @@\r\nb\r\n"))
	res := mustApply(t, root, p, Options{DryRun: true, Force: true})
	if strings.Count(res.Diff, "\n@@ ") < 4 {
		t.Fatalf("expected several hunks:\n%s", res.Diff)
	}

	patch := filepath.Join(t.TempDir(), "dry.patch")
	if err := os.WriteFile(patch, []byte(res.Diff), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(git, "apply", "--unsafe-paths", "--directory=.", patch)
	cmd.Dir = root
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("git apply: %v\n%s\npatch:\n%s", err, out, res.Diff)
	}
	for path, want := range map[string]string{
		"long.txt":    strings.Join(edited, "\n") + "\n",
		"nonl.txt":    "one\nTWO",
		"sub/new.txt": "fresh\n",
		"same.txt":    "same\n",
		"empty.txt":   "filled\n",
		"crlf.txt":    "a\r\n@@ -2 +2 @@\r\nb\r\n",
	} {
		got, err := os.ReadFile(filepath.Join(root, path))
		if err != nil || string(got) != want {
			t.Errorf("%s after git apply = %q (%v), want %q", path, got, err, want)
		}
	}
}
