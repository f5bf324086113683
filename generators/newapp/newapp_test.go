package newapp

import (
	"errors"
	"os/exec"
	"slices"
	"strings"
	"testing"

	"github.com/kilnhq/kiln/generators/goldentest"
	"github.com/kilnhq/kiln/generators/plan"
)

// Golden cases use a fixed kiln path so the output does not depend on the machine.
func TestGolden(t *testing.T) {
	cases := map[string]Options{
		"new_sqlite":   {Name: "blog", KilnPath: "/src/kiln"},
		"new_postgres": {Name: "my-shop", Module: "example.com/acme/shop", DB: "postgres", KilnPath: "/src/kiln"},
		"new_release":  {Name: "blog", KilnVersion: "v1.2.3"},
	}
	for name, opts := range cases {
		t.Run(name, func(t *testing.T) {
			p, err := Generate(opts)
			if err != nil {
				t.Fatal(err)
			}
			goldentest.Check(t, name, p, "go.sum")
		})
	}
}

func TestGoSumListsRuntimeModules(t *testing.T) {
	p, err := Generate(Options{Name: "blog"})
	if err != nil {
		t.Fatal(err)
	}
	sum := fileContent(t, p, "go.sum")
	for _, r := range runtimeRequires {
		if !strings.Contains(sum, r.Path+" "+r.Version+" h1:") {
			t.Errorf("go.sum lacks %s %s", r.Path, r.Version)
		}
	}
}

func TestGenerateRejectsBadOptions(t *testing.T) {
	for _, o := range []Options{
		{Name: "x", DB: "mysql"},
		{Name: "has space"},
		{Name: "x", Module: "/abs/path"},
		{Name: "fmt"},
		{Name: "x", Module: "net/blog"},
		{Name: "x\nDB_DRIVER=postgres", Module: "x"},
		{Name: "my app", Module: "myapp"},
		{Name: "-x"},
		{Name: "x", Module: "a//b"},
		{Name: ""},
	} {
		_, err := Generate(o)
		var optErr *OptionError
		if !errors.As(err, &optErr) {
			t.Errorf("Generate(%+v) = %v, want an *OptionError", o, err)
		}
	}
}

func TestDatabaseName(t *testing.T) {
	for in, want := range map[string]string{"my-shop": "my_shop", "Blog": "blog", "": "app", "a.b": "a_b"} {
		if got := databaseName(in); got != want {
			t.Errorf("databaseName(%q) = %q, want %q", in, got, want)
		}
	}
}

func fileContent(t *testing.T, p plan.Plan, path string) string {
	t.Helper()
	for _, f := range p.Files {
		if f.Path == path {
			return string(f.Content)
		}
	}
	t.Fatalf("plan has no %s", path)
	return ""
}

// TestStdRootsMatchGoList keeps stdRoots in step with the installed toolchain.
func TestStdRootsMatchGoList(t *testing.T) {
	out, err := exec.Command("go", "list", "std").Output()
	if err != nil {
		t.Fatalf("go list std: %v", err)
	}
	roots := map[string]bool{}
	for _, p := range strings.Fields(string(out)) {
		first, _, _ := strings.Cut(p, "/")
		roots[first] = true
	}
	for r := range roots {
		if !slices.Contains(stdRoots, r) {
			t.Errorf("stdRoots lacks %q", r)
		}
	}
}
