package seeder

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kilnhq/kiln/generators/goldentest"
	"github.com/kilnhq/kiln/generators/plan"
	"github.com/kilnhq/kiln/generators/spec"
)

const module = "example.com/blog"

// rootSeeder is database_seeder.go as kiln new writes it.
func rootSeeder(t *testing.T) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "golden", "new_sqlite", "database", "seeders", "database_seeder.go.golden"))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// applyEdits runs p's edits on the root seeder and returns p with the
// result as a file, so golden files show the registered root too.
func applyEdits(t *testing.T, p plan.Plan, root []byte) plan.Plan {
	t.Helper()
	for _, e := range p.Edits {
		out, err := e.Change(root)
		if err != nil {
			t.Fatal(err)
		}
		root = out
	}
	p.Edits = nil
	p.Add(RootFile, root)
	return p
}

func TestGolden(t *testing.T) {
	post, err := spec.ParseName("model name", "Post")
	if err != nil {
		t.Fatal(err)
	}
	for name, o := range map[string]Options{
		"seeder_model":    {Module: module, Model: &post},
		"seeder_no_model": {Module: module},
	} {
		t.Run(name, func(t *testing.T) {
			n, _ := ParseName("PostSeeder")
			p, err := Generate(n, o)
			if err != nil {
				t.Fatal(err)
			}
			goldentest.Check(t, name, applyEdits(t, p, rootSeeder(t)))
		})
	}
}

func TestRegisterIsIdempotentAndKeepsComments(t *testing.T) {
	src := []byte(`package seeders

import (
	"context"

	"github.com/kilnhq/kiln/runtime/seed"
)

// All is mine.
var All = []seed.Seeder{
	DatabaseSeeder{}, // the root
	UserSeeder{},
}

type DatabaseSeeder struct{}

// Run runs users first, on purpose.
func (DatabaseSeeder) Run(ctx context.Context, s *seed.Seeding) error {
	// keep this comment
	return s.Call(ctx, UserSeeder{})
}
`)
	once, err := Register(src, "PostSeeder")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"// All is mine.", "DatabaseSeeder{}, // the root", "\tUserSeeder{},\n\tPostSeeder{},\n}",
		"// keep this comment", "return s.Call(ctx, UserSeeder{}, PostSeeder{})"} {
		if !strings.Contains(string(once), want) {
			t.Errorf("registered file lacks %q:\n%s", want, once)
		}
	}
	twice, err := Register(once, "PostSeeder")
	if err != nil {
		t.Fatal(err)
	}
	if string(twice) != string(once) {
		t.Errorf("second Register changed the file:\n%s", twice)
	}
	if again, _ := Register(once, "UserSeeder"); string(again) != string(once) {
		t.Errorf("registering a listed seeder changed the file:\n%s", again)
	}
}

func TestRegisterRefusesFileWithoutAll(t *testing.T) {
	src := []byte("package seeders\n\ntype DatabaseSeeder struct{}\n")
	_, err := Register(src, "PostSeeder")
	if err == nil || !strings.Contains(err.Error(), "var All = []seed.Seeder") {
		t.Errorf("err = %v", err)
	}
	if _, err := Register([]byte("package"), "PostSeeder"); err == nil {
		t.Error("a file that does not parse was accepted")
	}
}

func TestParseName(t *testing.T) {
	for in, want := range map[string]string{
		"Post": "Post", "post_seeder": "Post", "PostSeeder": "Post", "Seeder": "", "DatabaseSeeder": "",
	} {
		n, err := ParseName(in)
		if got := n.Go(); got != want || (err == nil) != (want != "") {
			t.Errorf("ParseName(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
}

// A variadic s.Call(ctx, list...) cannot take one more argument: the seeder
// only joins All, and the file still compiles.
func TestRegisterLeavesVariadicCall(t *testing.T) {
	src := []byte("package seeders\n\nvar All = []seed.Seeder{\n\tDatabaseSeeder{},\n}\n\n" +
		"type DatabaseSeeder struct{}\n\nfunc (DatabaseSeeder) Run(ctx context.Context, s *seed.Seeding) error {\n\treturn s.Call(ctx, extra...)\n}\n")
	out, err := Register(src, "PostSeeder")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"\tDatabaseSeeder{},\n\tPostSeeder{},\n}", "return s.Call(ctx, extra...)"} {
		if !strings.Contains(string(out), want) {
			t.Errorf("registered file lacks %q:\n%s", want, out)
		}
	}
}

// Entries go on a line of their own in a list written one per line (below
// the comments closing it), and after a comma in a list written on one line.
func TestRegisterFollowsListLayout(t *testing.T) {
	src := []byte("package seeders\n\n// All is mine.\nvar All = []seed.Seeder{DatabaseSeeder{}, UserSeeder{}}\n\n" +
		"type DatabaseSeeder struct{}\n\nfunc (DatabaseSeeder) Run(ctx context.Context, s *seed.Seeding) error {\n" +
		"\treturn s.Call(\n\t\tctx,\n\t\tUserSeeder{}, // users first\n\t\t// then the rest\n\t)\n}\n")
	out, err := Register(src, "PostSeeder")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"var All = []seed.Seeder{DatabaseSeeder{}, UserSeeder{}, PostSeeder{}}",
		"\t\tUserSeeder{}, // users first\n\t\t// then the rest\n\t\tPostSeeder{},\n\t)"} {
		if !strings.Contains(string(out), want) {
			t.Errorf("registered file lacks %q:\n%s", want, out)
		}
	}
}
