package plan

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
)

func TestManifestRecordsAndMerges(t *testing.T) {
	root := t.TempDir()
	writeTree(t, root, map[string]string{
		"routes/api.go": "package routes\n",
		"user.txt":      "mine\n",
	})
	p := Plan{Generator: "new"}
	p.Add("routes/web.go", []byte("package routes\n"))
	mustApply(t, root, p, Options{})

	p = Plan{Generator: "make model"}
	p.Add("app/models/post.go", []byte(formatted))
	p.Add("routes/web.go", []byte("package routes\n")) // identical: keeps "new"
	p.AddEdit("routes/api.go", "register", appendLine("// posts\n"))
	mustApply(t, root, p, Options{})

	p = Plan{Generator: "make controller"}
	p.Add("app/http/controllers/post_controller.go", []byte("package controllers\n"))
	p.AddEdit("routes/web.go", "register", appendLine("// posts\n")) // edit of a known file: hash refreshed
	mustApply(t, root, p, Options{})

	want := `{
  "version": 1,
  "files": [
    {
      "path": "app/http/controllers/post_controller.go",
      "sha256": "` + sha256Hex([]byte("package controllers\n")) + `",
      "generator": "make controller"
    },
    {
      "path": "app/models/post.go",
      "sha256": "` + sha256Hex([]byte(formatted)) + `",
      "generator": "make model"
    },
    {
      "path": "routes/web.go",
      "sha256": "` + sha256Hex([]byte("package routes\n\n// posts\n")) /* gofmt'd */ + `",
      "generator": "new"
    }
  ]
}
`
	if got := readFile(t, root, ManifestPath); got != want {
		t.Errorf("manifest =\n%s\nwant\n%s", got, want)
	}
	m, err := ReadManifest(root)
	if err != nil {
		t.Fatal(err)
	}
	if e, ok := m.Lookup("app/models/post.go"); !ok || e.Generator != "make model" {
		t.Errorf("Lookup = %+v, %v", e, ok)
	}
	if _, ok := m.Lookup("routes/api.go"); ok {
		t.Error("an edit of a user file made kiln claim it")
	}

	// --force rewrites an entry: new hash, new generator; others are kept.
	p = Plan{Generator: "make model --force"}
	p.Add("app/models/post.go", []byte("package models\n"))
	mustApply(t, root, p, Options{Force: true})
	m, err = ReadManifest(root)
	if err != nil {
		t.Fatal(err)
	}
	e, _ := m.Lookup("app/models/post.go")
	if e.SHA256 != sha256Hex([]byte("package models\n")) || e.Generator != "make model --force" {
		t.Errorf("forced entry = %+v", e)
	}
	if len(m.Files) != 3 {
		t.Errorf("entries = %+v, want 3", m.Files)
	}
}

func TestManifestKeepsForeignEntries(t *testing.T) {
	root := t.TempDir()
	writeTree(t, root, map[string]string{ManifestPath: `{"version":1,"files":[{"path":"z.txt","sha256":"ab","generator":"new"}]}`})
	p := Plan{Generator: "make model"}
	p.Add("a.txt", []byte("a\n"))
	mustApply(t, root, p, Options{})
	m, err := ReadManifest(root)
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Files) != 2 || m.Files[0].Path != "a.txt" || !reflect.DeepEqual(m.Files[1], ManifestEntry{Path: "z.txt", SHA256: "ab", Generator: "new"}) {
		t.Errorf("files = %+v", m.Files)
	}
}

func TestReadManifestMissing(t *testing.T) {
	m, err := ReadManifest(t.TempDir())
	if err != nil || m.Version != 1 || len(m.Files) != 0 {
		t.Fatalf("ReadManifest = %+v, %v", m, err)
	}
}

func TestCorruptManifest(t *testing.T) {
	for name, content := range map[string]string{
		"not json":    "{nope",
		"wrong shape": `{"version":1,"files":{}}`,
		"version":     `{"version":2,"files":[]}`,
		"bad path":    `{"version":1,"files":[{"path":"../x","sha256":"","generator":""}]}`,
	} {
		t.Run(name, func(t *testing.T) {
			root := t.TempDir()
			writeTree(t, root, map[string]string{ManifestPath: content})
			before := snapshot(t, root)
			if _, err := ReadManifest(root); err == nil || !strings.Contains(err.Error(), ManifestPath) {
				t.Errorf("ReadManifest err = %v, want one naming %s", err, ManifestPath)
			}
			p := Plan{}
			p.Add("a.txt", []byte("a\n"))
			if _, err := apply(t, root, p, Options{}); err == nil || !strings.Contains(err.Error(), ManifestPath) {
				t.Errorf("Apply err = %v, want one naming %s", err, ManifestPath)
			}
			assertSameTree(t, before, snapshot(t, root))
		})
	}
}

// Edits of user files are not kiln's files: they alone create no manifest.
func TestEditsAloneWriteNoManifest(t *testing.T) {
	root := t.TempDir()
	writeTree(t, root, map[string]string{"routes/api.go": "package routes\n"})
	p := Plan{}
	p.AddEdit("routes/api.go", "register", appendLine("// posts\n"))
	res := mustApply(t, root, p, Options{})
	equalStrings(t, "Updated", res.Updated, []string{"routes/api.go"})
	if _, ok := snapshot(t, root)[ManifestPath]; ok {
		t.Error("an edit-only apply wrote a manifest")
	}
}

// File.Meta is recorded with the file, and a changed Meta is recorded again even
// when the content is identical.
func TestManifestRecordsMeta(t *testing.T) {
	root := t.TempDir()
	write := func(meta string) {
		p := Plan{Generator: "make model"}
		p.Files = append(p.Files, File{Path: "m.go.txt", Content: []byte("x\n"), Meta: json.RawMessage(meta)})
		mustApply(t, root, p, Options{})
	}
	write(`{"name":"Post"}`)
	write(`{"name":"Post","fields":["title:string"]}`)
	m, err := ReadManifest(root)
	if err != nil {
		t.Fatal(err)
	}
	e, ok := m.Lookup("m.go.txt")
	if !ok || string(e.Meta) != `{"name":"Post","fields":["title:string"]}` {
		t.Errorf("entry = %+v", e)
	}
}
