package commands

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/spf13/cobra"

	"github.com/kilnhq/kiln/generators/controller"
	"github.com/kilnhq/kiln/generators/plan"
	"github.com/kilnhq/kiln/generators/request"
	"github.com/kilnhq/kiln/generators/resource"
	"github.com/kilnhq/kiln/generators/routes"
	"github.com/kilnhq/kiln/generators/spec"
	"github.com/kilnhq/kiln/internal/plainfile"
)

// requestResourcePlans plans the request types and the JSON resource of a
// model that make model (or make controller --model) was asked for.
func requestResourcePlans(proj project, res spec.Resource, o makeModelOptions) (plan.Plan, error) {
	var p plan.Plan
	if o.requests {
		rp, err := request.Generate(request.Options{Model: &res, Module: proj.module})
		if err != nil {
			return p, asUsage(err)
		}
		p = mergePlans(p, rp)
	}
	if o.resource {
		if !proj.exists(resource.SupportPath) {
			p = mergePlans(p, resource.Support()) // apps made before resources existed
		}
		rp, err := resource.Generate(res.Name, resource.Options{Module: proj.module, Model: &res, Nested: proj.existingResources()})
		if err != nil {
			return p, asUsage(err)
		}
		dp, err := refreshDependents(proj, res.Name, rp.Files[0])
		if err != nil {
			return p, err
		}
		p = mergePlans(p, rp, dp)
	}
	return p, nil
}

// modelControllerPlan plans the resource controller wired to res, with its
// route registration, when make model was asked for one. It is a planner of
// its own because it is the largest: beside the requests and the resource
// it kept one core busy ~0.6 ms after the other had finished.
func modelControllerPlan(proj project, res spec.Resource, o makeModelOptions) (plan.Plan, error) {
	if !o.controller {
		return plan.Plan{}, nil
	}
	p, err := controller.Generate([]spec.Name{res.Name}, controller.Options{Module: proj.module, Resource: true, Model: &res})
	if err != nil {
		return plan.Plan{}, asUsage(err)
	}
	return p, nil
}

// exists reports whether a slash path exists in the project.
func (p project) exists(rel string) bool {
	_, err := os.Stat(filepath.Join(p.root, filepath.FromSlash(rel)))
	return err == nil
}

// existingResources lists the models that already have a JSON resource, so a
// new resource shows those relations as their resources.
func (p project) existingResources() []string {
	entries, _ := plainfile.ReadDir(filepath.Join(p.root, filepath.FromSlash(resource.Dir)))
	paths := make([]string, 0, len(entries))
	for _, e := range entries {
		paths = append(paths, resource.Dir+"/"+e.Name())
	}
	return resource.Existing(paths)
}

func newMakeScaffoldCmd(g *globals) *cobra.Command {
	o := makeModelOptions{all: true}
	cmd := &cobra.Command{
		Use:   "scaffold <Name> [field…]",
		Short: "Generate a whole JSON API resource: make model -a",
		Long: `Generate a model, its migration, Store/Update requests, a JSON resource and an API
controller, and register the routes under /api/<plural> — kiln make model -a.`,
		Example: `  kiln make scaffold Post title:string body:text author:belongs_to=users`,
		Args:    wizardArgs(g, minArgs("model name")),
		RunE: func(cmd *cobra.Command, args []string) error {
			o.all = true
			return runMakeModelOrAsk(cmd, g, o, args)
		},
	}
	addMakeModelFlags(cmd, &o)
	return cmd
}

// httpOptions are the flags of make controller, request and resource.
type httpOptions struct {
	model      string
	resource   bool // --resource / --api: the five API handlers
	requests   bool
	collection bool
}

// withModel loads --model's spec, or nil without --model.
func (o httpOptions) withModel(proj project) (*spec.Resource, error) {
	if o.model == "" {
		return nil, nil
	}
	res, err := loadModelSpec(proj, o.model)
	if err != nil {
		return nil, err
	}
	return &res, nil
}

func newMakeControllerCmd(g *globals) *cobra.Command {
	var o httpOptions
	cmd := &cobra.Command{
		Use:   "controller <Name>…",
		Short: "Generate controllers (--resource --model for a working CRUD API)",
		Long: `Generate app/http/controllers/<name>_controller.go. With --resource (or --api), the
five JSON API handlers, registered in routes/api.go under /api/<plural>; with
--model, wired to the model, its Store/Update requests and its resource (generated
too when missing).`,
		Example: `  kiln make controller PostController --resource --model Post
  kiln make controller Health Status`,
		Args: minArgs("controller name"),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runMakeController(cmd, g, o, args)
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.model, "model", "", "wire the handlers to `Model` (implies --resource)")
	f.BoolVar(&o.resource, "resource", false, "the five API handlers: index, store, show, update, destroy")
	f.BoolVar(&o.resource, "api", false, "same as --resource: kiln controllers are JSON APIs")
	f.BoolVar(&o.requests, "requests", false, "accepted with --model (which always uses the model's requests), for Laravel compatibility")
	return cmd
}

func runMakeController(cmd *cobra.Command, g *globals, o httpOptions, args []string) error {
	if o.requests && o.model == "" {
		return usagef("--requests needs --model: the Store and Update requests are derived from the model's fields (kiln make controller %s --api --model <Model>); for other requests, use kiln make request", args[0])
	}
	names, err := controllerNames(args, o.resource || o.model != "")
	if err != nil {
		return err
	}
	proj, err := loadProject(g)
	if err != nil {
		return err
	}
	if o.resource || o.model != "" {
		if err := proj.checkRoutesFile(names); err != nil {
			return err
		}
	}
	res, err := o.withModel(proj)
	if err != nil {
		return err
	}
	if res != nil && len(names) > 1 {
		return usagef("--model wires one controller: give one name with --model %s", o.model)
	}
	p, err := controller.Generate(names, controller.Options{Module: proj.module, Resource: o.resource || res != nil, Model: res})
	if err != nil {
		return asUsage(err)
	}
	if res != nil { // the controller needs the requests and the resource
		names := request.ModelNames(*res)
		hp, err := requestResourcePlans(proj, *res, makeModelOptions{
			requests: !proj.exists(names.StorePath) || !proj.exists(names.UpdatePath),
			resource: !proj.exists(resource.Path(res.Name)),
		})
		if err != nil {
			return err
		}
		p = mergePlans(p, hp)
	}
	p.Generator = "make controller"
	if err := applyPlan(cmd, g, proj.root, p); err != nil {
		return err
	}
	if res != nil {
		warnRawRelations(g, proj, res.Name)
	}
	return nil
}

// controllerNames parses make controller's names, refusing a controller given
// twice (Post PostController) and, for resource controllers, two that would
// be registered at one path (Post Posts: /api/posts).
func controllerNames(args []string, resource bool) ([]spec.Name, error) {
	var names []spec.Name
	byFile, byRoute := map[string]string{}, map[string]string{}
	for _, a := range args {
		n, err := controller.ParseName(a)
		if err != nil {
			return nil, asUsage(err)
		}
		if prev, ok := byFile[controller.Path(n)]; ok {
			if prev == a {
				return nil, usagef("controller name %q is given twice: give each controller once", a)
			}
			return nil, usagef("controller names %q and %q both name %s: give each controller once", prev, a, controller.TypeName(n))
		}
		if prev, ok := byRoute[n.RoutePath()]; ok && resource {
			return nil, usagef("controllers %q and %q would both be registered at %s: give one of them", prev, a, n.RoutePath())
		}
		byFile[controller.Path(n)], byRoute[n.RoutePath()] = a, a
		names = append(names, n)
	}
	return names, nil
}

// checkRoutesFile refuses, before planning, to register resource controllers
// in an app without routes/api.go, saying what to create: the plan's edit
// would fail with no more than "file does not exist".
func (p project) checkRoutesFile(names []spec.Name) error {
	if len(names) == 0 || p.exists(routes.File) {
		return nil
	}
	return routes.Missing(routes.Resource{Path: names[0].RoutePath(), Controller: controller.TypeName(names[0])})
}

func newMakeRequestCmd(g *globals) *cobra.Command {
	var o httpOptions
	cmd := &cobra.Command{
		Use:   "request <Name> [field…]",
		Short: "Generate validated request types",
		Long: `Generate app/http/requests/<name>.go: a struct with json and validate tags, bound with
validate.Bind. Fields are path:type[:rule…] with Laravel's rules, values written
Laravel's way (max:255, unique:users,email) or with = (max=255, unique=users.email):
  title:string:required:max:255   email:string:required:email:unique=users.email
  role:string:in=admin,user       items.*.qty:int:required:min=1
With --model, Store<Model>Request and Update<Model>Request derived from the model.`,
		Example: `  kiln make request StorePost --model Post
  kiln make request Search q:string:required:min=2 page:int:min=1`,
		Args: minArgs("request name"),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := checkASCIIFieldNames(args[1:]); err != nil {
				return err
			}
			proj, err := loadProject(g)
			if err != nil {
				return err
			}
			res, err := o.withModel(proj)
			if err != nil {
				return err
			}
			p, err := request.Generate(request.Options{Name: args[0], Fields: args[1:], Model: res, Module: proj.module})
			if err != nil {
				return asUsage(err)
			}
			p.Generator = "make request"
			return applyPlan(cmd, g, proj.root, p)
		},
	}
	cmd.Flags().StringVar(&o.model, "model", "", "derive Store and Update requests from `Model`")
	return cmd
}

// checkASCIIFieldNames refuses request fields whose names are not ASCII
// (naïve:string), suggesting an ASCII spelling (naive) where one is plain:
// the request generator would suggest the name back, accent and all.
func checkASCIIFieldNames(fields []string) error {
	for _, tok := range fields {
		name, _, _ := strings.Cut(tok, ":")
		for _, seg := range strings.Split(name, ".") {
			i := strings.IndexFunc(seg, func(r rune) bool { return r >= utf8.RuneSelf })
			if i < 0 {
				continue
			}
			r, _ := utf8.DecodeRuneInString(seg[i:])
			msg := fmt.Sprintf("name %q contains %q; use ASCII snake_case (a-z, 0-9 and _)", seg, string(r))
			if ex := asciiName(seg); ex != "" {
				msg += ", e.g. " + ex
			}
			return asUsage(&spec.Error{Kind: "request field", Input: tok, Msg: msg})
		}
	}
	return nil
}

// asciiFold spells accented Latin letters in ASCII.
var asciiFold = sync.OnceValue(func() map[rune]string {
	m := map[rune]string{'ß': "ss", 'æ': "ae", 'œ': "oe", 'ø': "o", 'ł': "l", 'đ': "d", 'ð': "d", 'þ': "th"}
	for ascii, letters := range map[string]string{
		"a": "àáâãäåāăą", "c": "çćĉċč", "d": "ď", "e": "èéêëēĕėęě", "g": "ĝğġģ", "h": "ĥ", "i": "ìíîïĩīĭįı",
		"j": "ĵ", "k": "ķ", "l": "ĺļľ", "n": "ñńņň", "o": "òóôõöōŏő", "r": "ŕŗř", "s": "śŝşš", "t": "ţť",
		"u": "ùúûüũūŭůűų", "w": "ŵ", "y": "ýÿŷ", "z": "źżž",
	} {
		for _, r := range letters {
			m[r] = ascii
		}
	}
	return m
})

// asciiName is name in ASCII snake_case (Crème-Brûlée → creme_brulee), or ""
// when a letter has no plain ASCII spelling or the result is no valid name.
func asciiName(name string) string {
	var b strings.Builder
	for _, r := range name {
		r = unicode.ToLower(r)
		switch {
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '_':
			b.WriteRune(r)
		case r == '-' || r == ' ':
			b.WriteByte('_')
		case asciiFold()[r] != "":
			b.WriteString(asciiFold()[r])
		default:
			return ""
		}
	}
	s := b.String()
	if s == "" || s[0] < 'a' || s[0] > 'z' || strings.HasSuffix(s, "_") || strings.Contains(s, "__") {
		return ""
	}
	return s
}

func newMakeResourceCmd(g *globals) *cobra.Command {
	var o httpOptions
	cmd := &cobra.Command{
		Use:     "resource <Name>",
		Short:   "Generate a JSON resource",
		Long:    `Generate app/http/resources/<name>_resource.go: the JSON shape of a model, its constructor, and a paginated wrapper.`,
		Example: `  kiln make resource Post --model Post --collection`,
		Args:    exactArgs("resource name"),
		RunE: func(cmd *cobra.Command, args []string) error {
			proj, err := loadProject(g)
			if err != nil {
				return err
			}
			n, err := resource.ParseName(args[0])
			if err != nil {
				return asUsage(err)
			}
			res, err := o.withModel(proj)
			if err != nil {
				return err
			}
			var p plan.Plan
			if !proj.exists(resource.SupportPath) {
				p = resource.Support()
			}
			rp, err := resource.Generate(n, resource.Options{Module: proj.module, Model: res, Collection: o.collection, Nested: proj.existingResources()})
			if err != nil {
				return asUsage(err)
			}
			p = mergePlans(p, rp)
			if res != nil && res.Name == n { // the model's own resource: others may nest it now
				dp, err := refreshDependents(proj, n, rp.Files[0])
				if err != nil {
					return err
				}
				p = mergePlans(p, dp)
			}
			p.Generator = "make resource"
			if err := applyPlan(cmd, g, proj.root, p); err != nil {
				return err
			}
			if res != nil && res.Name == n {
				warnRawRelations(g, proj, n)
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&o.model, "model", "", "show `Model`'s fields")
	cmd.Flags().BoolVar(&o.collection, "collection", false, "also a <Name>Collection type ({\"data\": [...]})")
	return cmd
}

func newRoutesCmd(g *globals) *cobra.Command {
	return &cobra.Command{
		Use:   "routes",
		Short: "List the app's routes: method, path, handler",
		Args:  exactArgs(),
		RunE: func(cmd *cobra.Command, _ []string) error {
			proj, err := loadProject(g)
			if err != nil {
				return err
			}
			args := []string{"routes"}
			if g.json {
				args = append(args, "--json")
			}
			return runApp(cmd.Context(), g, proj, args...)
		},
	}
}
