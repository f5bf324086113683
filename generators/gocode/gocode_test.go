package gocode

import (
	"go/format"
	"strings"
	"testing"

	"github.com/dave/jennifer/jen"
)

func TestRenderGroupsImportsWithoutAliases(t *testing.T) {
	f := jen.NewFilePathName("blog/routes", "routes")
	f.Func().Id("X").Params(jen.Id("r").Op("*").Qual("github.com/kilnhq/kiln/runtime/web", "Router")).Block(
		jen.Qual("fmt", "Println").Call(jen.Qual("blog/app/models", "Post").Values()),
	)
	out, err := Render("routes/api.go", f, "blog", "github.com/kilnhq/kiln/runtime/web", "blog/app/models")
	if err != nil {
		t.Fatal(err)
	}
	want := "import (\n\t\"fmt\"\n\n\t\"github.com/kilnhq/kiln/runtime/web\"\n\n\t\"blog/app/models\"\n)"
	if !strings.Contains(string(out), want) {
		t.Errorf("imports not grouped without aliases:\n%s", out)
	}
}

func TestRenderErrorNamesFile(t *testing.T) {
	f := jen.NewFilePathName("x", "x")
	f.Func().Id("1bad").Params().Block()
	_, err := Render("app/x.go", f, "x")
	if err == nil || !strings.HasPrefix(err.Error(), "render app/x.go: ") {
		t.Errorf("err = %v", err)
	}
}

func TestPackageName(t *testing.T) {
	for in, want := range map[string]string{
		"github.com/jackc/pgx/v5":        "pgx",
		"github.com/go-faker/faker/v4":   "faker",
		"blog/routes":                    "routes",
		"github.com/kilnhq/kiln/runtime": "runtime",
	} {
		if got := packageName(in); got != want {
			t.Errorf("packageName(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestImportGroup(t *testing.T) {
	for _, c := range []struct {
		path string
		want int
	}{
		{"os", 0}, {"net/http", 0}, {"github.com/x/y", 1}, {"blog/routes", 2}, {"blog", 2}, {"blogger/x", 0},
	} {
		if got := importGroup(c.path, "blog"); got != c.want {
			t.Errorf("importGroup(%q) = %d, want %d", c.path, got, c.want)
		}
	}
}

func TestRenderSingleImportAndComments(t *testing.T) {
	f := jen.NewFilePathName("blog/routes", "routes")
	f.PackageComment("Package routes does things.")
	f.Comment("X is documented.")
	f.Func().Id("X").Params().Block(jen.Qual("fmt", "Println").Call())
	out, err := Render("routes/api.go", f, "blog")
	if err != nil {
		t.Fatal(err)
	}
	want := "// Package routes does things.\npackage routes\n\nimport \"fmt\"\n\n// X is documented.\nfunc X() {\n\tfmt.Println()\n}\n"
	if string(out) != want {
		t.Errorf("got:\n%s\nwant:\n%s", out, want)
	}
}

// TestRenderIsGofmtStable checks that splicing the import groups leaves a file
// gofmt would not change, since plan.Apply trusts Render's output as formatted.
func TestRenderIsGofmtStable(t *testing.T) {
	f := jen.NewFilePathName("blog/app/http/controllers", "controllers")
	f.Func().Id("X").Params(
		jen.Id("w").Qual("net/http", "ResponseWriter"),
		jen.Id("r").Op("*").Qual("github.com/kilnhq/kiln/runtime/web", "Router"),
		jen.Id("d").Qual("github.com/shopspring/decimal", "Decimal"),
	).Block(
		jen.Qual("fmt", "Println").Call(jen.Qual("blog/app/models", "Post").Values(), jen.Qual("blog/app/http/requests", "X")),
		jen.Qual("github.com/google/uuid", "New").Call(),
		jen.Qual("context", "Background").Call(),
	)
	out, err := Render("x.go", f, "blog", "github.com/kilnhq/kiln/runtime/web", "blog/app/models", "blog/app/http/requests", "github.com/google/uuid")
	if err != nil {
		t.Fatal(err)
	}
	formatted, err := format.Source(out)
	if err != nil {
		t.Fatal(err)
	}
	if string(formatted) != string(out) {
		t.Errorf("Render output is not gofmt-stable:\n%s\ngofmt:\n%s", out, formatted)
	}
}
