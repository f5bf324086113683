package devserver

import (
	"os"
	"path/filepath"
	"testing"
)

func TestGlobs(t *testing.T) {
	cases := []struct {
		pattern, path string
		want          bool
	}{
		{"*.css", "a/b/site.css", true},
		{"*.css", "site.css", true},
		{"tmp", "a/tmp", true},
		{"assets/*.css", "assets/site.css", true},
		{"assets/*.css", "assets/sub/site.css", false},
		{"assets/**/*.css", "assets/site.css", true},
		{"assets/**/*.css", "assets/a/b/site.css", true},
		{"assets/**", "assets", true},
		{"/docs/**", "docs/x/y.md", true},
		{"**/gen/*.go", "a/gen/x.go", true},
		{"**/gen/*.go", "gen/x.go", true},
		{"a/b", "x/a/b", false},
	}
	for _, c := range cases {
		if got := newGlob(c.pattern).match(c.path); got != c.want {
			t.Errorf("%q matches %q = %v, want %v", c.pattern, c.path, got, c.want)
		}
	}
	for _, bad := range []string{"", "/", "[a-", "a/[/b"} {
		if checkGlob(bad) == nil {
			t.Errorf("checkGlob(%q) accepted a bad pattern", bad)
		}
	}
}

func TestGitignore(t *testing.T) {
	root := t.TempDir()
	writeTree(t, root, map[string]string{
		".gitignore":     "# build output\n/bin/\n*.log\n!keep.log\nbuild/\n/storage/*\n!/storage/.gitignore\ndocs/**/*.tmp\n\\#literal\n",
		"sub/.gitignore": "local.go\n/only-here.go\n",
	})
	var g gitignore
	g.load(root, ".")
	g.load(root, "sub")
	g.load(root, "sub") // loading twice must not duplicate rules
	cases := []struct {
		path  string
		isDir bool
		want  bool
	}{
		{"bin", true, true},
		{"bin", false, false}, // directory-only rule
		{"cmd/bin", true, false},
		{"x.log", false, true},
		{"a/b/x.log", false, true},
		{"a/keep.log", false, false},
		{"a/build", true, true},
		{"storage/app.db", false, true},
		{"storage/.gitignore", false, false},
		{"docs/a/b/x.tmp", false, true},
		{"#literal", false, true},
		{"sub/local.go", false, true},
		{"sub/deep/local.go", false, true},
		{"local.go", false, false}, // sub/.gitignore applies below sub only
		{"sub/only-here.go", false, true},
		{"sub/deep/only-here.go", false, false},
	}
	for _, c := range cases {
		if got := g.ignored(c.path, c.isDir); got != c.want {
			t.Errorf("ignored(%q, dir=%v) = %v, want %v", c.path, c.isDir, got, c.want)
		}
	}
	if n := len(g.rules); n != 10 {
		t.Errorf("%d rules, want 10", n)
	}
}

func TestIsKilnApp(t *testing.T) {
	dir := t.TempDir()
	write := func(src string) {
		if err := os.WriteFile(filepath.Join(dir, "main.go"), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("package main\n\nimport \"github.com/kilnhq/kiln/runtime/app\"\n\nfunc main() { app.Main(app.Config{}) }\n")
	if !isKilnApp(dir) {
		t.Error("a main.go importing runtime/app is a kiln app")
	}
	write("package main\n\nimport \"net/http\"\n\nfunc main() { http.ListenAndServe(\":0\", nil) }\n")
	if isKilnApp(dir) {
		t.Error("a plain main package is not a kiln app")
	}
}

func TestSplitCommand(t *testing.T) {
	cases := map[string][]string{
		`go build .`:                       {"go", "build", "."},
		`go build -tags 'dev local' ./cmd`: {"go", "build", "-tags", "dev local", "./cmd"},
		`sh -c "make build OUT=$KILN_OUT"`: {"sh", "-c", "make build OUT=$KILN_OUT"},
		`a\ b c`:                           {"a b", "c"},
	}
	for in, want := range cases {
		got, err := splitCommand(in)
		if err != nil || len(got) != len(want) {
			t.Errorf("splitCommand(%q) = %q, %v; want %q", in, got, err, want)
			continue
		}
		for i := range want {
			if got[i] != want[i] {
				t.Errorf("splitCommand(%q) = %q, want %q", in, got, want)
			}
		}
	}
	for _, bad := range []string{``, `go 'build`, `x\`} {
		if _, err := splitCommand(bad); err == nil {
			t.Errorf("splitCommand(%q) accepted it", bad)
		}
	}
	if got := buildArgv([]string{"go", "build", "-race", "."}, "/o"); len(got) != 6 || got[2] != "-o" || got[3] != "/o" {
		t.Errorf("buildArgv(go build) = %q", got)
	}
	if got := buildArgv([]string{"make", "OUT=$KILN_OUT"}, "/o"); got[1] != "OUT=/o" {
		t.Errorf("buildArgv(make) = %q", got)
	}
	if !setsOutput([]string{"go", "build", "-o", "x", "."}) || setsOutput([]string{"go", "build", "."}) {
		t.Error("setsOutput")
	}
}

// TestDefaultBuildKeepsTheUsersLdflags: the default build drops DWARF with
// -ldflags=-w, which on the command line would replace -ldflags set in
// GOFLAGS (say a -X version stamp); then kiln leaves -ldflags alone.
func TestDefaultBuildKeepsTheUsersLdflags(t *testing.T) {
	root := t.TempDir()
	writeTree(t, root, map[string]string{"go.mod": "module x\n"})
	for goflags, want := range map[string]string{
		"":                               DefaultBuild,
		"-mod=mod":                       DefaultBuild,
		"-ldflags=-X=main.version=dev":   "go build -buildvcs=false .",
		"-mod=mod -ldflags=-X=main.v=1 ": "go build -buildvcs=false .",
	} {
		t.Setenv("GOFLAGS", goflags)
		c, err := withDefaults(Config{Root: root})
		if err != nil || c.Build != want {
			t.Errorf("GOFLAGS=%q: build %q (%v), want %q", goflags, c.Build, err, want)
		}
	}
}
