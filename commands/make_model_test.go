package commands

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// newTestApp writes the smallest project kiln make accepts: a go.mod
// requiring kiln.
func newTestApp(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module blog\n\ngo 1.26\n\nrequire github.com/kilnhq/kiln v0.1.0\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

// listFiles returns every file below dir, relative to it.
func listFiles(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			rel, _ := filepath.Rel(dir, p)
			out = append(out, rel)
		}
		return err
	})
	return out
}

// Hostile field specs are refused with exit 2, a message naming the token, and
// nothing written — not even the model file or the migration.
func TestMakeModelRefusesHostileFields(t *testing.T) {
	hostile := []struct{ field, want string }{
		{"order:int", `"order"`},
		{"group:string", `"group"`},
		{"select:text", `"select"`},
		{"title:strng", `did you mean "string"`},
		{"title", "title:string"},
		{"title:string:size=abc", `"abc"`},
		{"title:string:size=0", "size"},
		{"price:decimal:precision=100", "precision"},
		{"price:decimal:precision=4:scale=5", "scale"},
		{"title:string:nullable:nullable", "nullable"},
		{"email:string:unique:index", "unique"},
		{"age:int:default=abc", `"abc"`},
		{"ok:bool:default=maybe", `"maybe"`},
		{"status:enum=", "enum"},
		{"status:enum=a,a", `"a"`},
		{"status:enum=a,b:default=c", `"c"`},
		{"id:int", "automatically"},
		{"created_at:datetime", "automatically"},
		{"user-name:string", "user-name"},
		{"title::nullable", "title::nullable"},
		{"title:string:bogus", `"bogus"`},
		{"author:belongs_to=users:default=1", "default"},
		{"author:belongs_to=users:on_delete=set_null", "nullable"},
		{"na\x00me:string", "na"},
		{"title:string:default=it's", "quote"},
		{"Ünïcode:string", "Ünïcode"},
		{"relations:string", "relations"},
	}
	for _, h := range hostile {
		dir := newTestApp(t)
		code, _, stderr := run(t, "--dir", dir, "make", "model", "Post", h.field, "-m")
		if code != 2 || !strings.Contains(stderr, h.want) {
			t.Errorf("make model Post %q: exit %d, stderr %q; want exit 2 mentioning %q", h.field, code, stderr, h.want)
		}
		if files := listFiles(t, dir); len(files) != 1 {
			t.Errorf("make model Post %q wrote %v", h.field, files)
		}
	}
}
