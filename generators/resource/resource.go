// Package resource generates an app's JSON resources,
// app/http/resources/<name>_resource.go: the typed shape in which the API shows
// a model (`kiln make resource`), like Laravel's API resources but checked by the
// compiler. A resource is a plain struct with json tags and a constructor from
// the model, so hiding, renaming or computing a field is an edit to ordinary Go.
//
// It is pure: a spec in, a plan.Plan out (DESIGN.md, convention 2).
package resource

import (
	"fmt"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/kilnhq/kiln/generators/gocode"
	"github.com/kilnhq/kiln/generators/plan"
	"github.com/kilnhq/kiln/generators/spec"
)

// Import paths the generated code may use; gocode imports each by its own name.
const (
	ormPkg     = "github.com/kilnhq/kiln/runtime/orm"
	uuidPkg    = "github.com/google/uuid"
	decimalPkg = "github.com/shopspring/decimal"
)

// Dir is where an app's resources live; their package is resources.
const Dir = "app/http/resources"

// Options describe one `kiln make resource`.
type Options struct {
	// Module is the app's module path, to import its models and group imports.
	Module string
	// Model is the model the resource shows (--model); nil gives an empty
	// struct and constructor to fill in by hand.
	Model *spec.Resource
	// Collection (--collection) adds a <Name>Collection response type,
	// {"data": [...]}, with room for top-level keys beside the list; without
	// it, New<Name>Collection returns a plain []<Name>Resource.
	Collection bool
	// Nested lists the models (Go names) that already have a resource in the
	// app. A relation to one of them is shown as that resource; a relation to
	// any other model is shown as the model itself, so the file compiles
	// either way. The resource's own model always counts.
	Nested []string
}

// ParseName parses a resource name as given on the command line: Post,
// blog_post, or with Laravel's suffix, PostResource.
func ParseName(s string) (spec.Name, error) { return parseSuffixed("resource name", s, "_resource") }

// parseSuffixed parses a name, dropping a kind suffix the user may have typed
// (PostResource, PostController) so it is not doubled.
func parseSuffixed(kind, s, suffix string) (spec.Name, error) {
	n, err := spec.ParseName(kind, s)
	if err != nil {
		return spec.Name{}, err
	}
	base, ok := strings.CutSuffix(n.Snake(), suffix)
	if !ok {
		return n, nil
	}
	if base == "" {
		return spec.Name{}, &spec.Error{Kind: kind, Input: s, Msg: "give the model's name, such as Post"}
	}
	return spec.ParseName(kind, base)
}

// Path is where the resource named n lives: app/http/resources/post_resource.go.
func Path(n spec.Name) string { return Dir + "/" + n.Snake() + "_resource.go" }

// TypeName is the resource type of n: PostResource. Controllers use it, with
// its constructor NewFunc and the page constructor PageFunc.
func TypeName(n spec.Name) string { return n.Go() + "Resource" }

// NewFunc is the constructor of n's resource from its model: NewPostResource.
func NewFunc(n spec.Name) string { return "New" + TypeName(n) }

// PageFunc is the constructor of a page of n's resources: NewPostPage.
func PageFunc(n spec.Name) string { return "New" + n.Go() + "Page" }

// Generate returns the plan that writes the resource named n. The file needs
// the helpers of SupportFile (Page, Paginate, One, Many, List) in its package.
func Generate(n spec.Name, o Options) (plan.Plan, error) {
	path := Path(n)
	if n.IsZero() {
		return plan.Plan{}, fmt.Errorf("generate %s: the resource has no name", path)
	}
	g := gen{name: n, o: o}
	f := jen.NewFilePathName(o.Module+"/"+Dir, "resources")
	if o.Model == nil {
		g.skeleton(f)
	} else {
		g.fromModel(f)
	}
	return gocode.Plan(path, f, o.Module, ormPkg, uuidPkg, decimalPkg, g.modelsPkg())
}

// gen builds one resource file.
type gen struct {
	name spec.Name
	o    Options
}

func (g gen) typ() string        { return TypeName(g.name) }
func (g gen) collection() string { return g.name.Go() + "Collection" }
func (g gen) modelsPkg() string  { return g.o.Module + "/app/models" }

// model is a qualified reference to a type of the app's models package.
func (g gen) model(name string) *jen.Statement { return jen.Qual(g.modelsPkg(), name) }

// Existing returns the models that have a resource among paths, the app's
// files under Dir (app/http/resources/user_resource.go → User), for
// Options.Nested. Other paths are ignored.
func Existing(paths []string) []string {
	var out []string
	for _, p := range paths {
		file, ok := strings.CutPrefix(p, Dir+"/")
		if !ok || strings.Contains(file, "/") {
			continue
		}
		base, ok := strings.CutSuffix(file, "_resource.go")
		if !ok {
			continue
		}
		if n, err := spec.ParseName("resource name", base); err == nil && Path(n) == p {
			out = append(out, n.Go())
		}
	}
	return out
}
