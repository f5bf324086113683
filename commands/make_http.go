package commands

import (
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/kilnhq/kiln/generators/controller"
	"github.com/kilnhq/kiln/generators/plan"
	"github.com/kilnhq/kiln/generators/request"
	"github.com/kilnhq/kiln/generators/resource"
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
		p = mergePlans(p, rp)
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
	f.BoolVar(&o.requests, "requests", false, "accepted for Laravel compatibility: --model always uses requests")
	return cmd
}

func runMakeController(cmd *cobra.Command, g *globals, o httpOptions, args []string) error {
	proj, err := loadProject(g)
	if err != nil {
		return err
	}
	var names []spec.Name
	for _, a := range args {
		n, err := controller.ParseName(a)
		if err != nil {
			return asUsage(err)
		}
		names = append(names, n)
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
	return applyPlan(cmd, g, proj.root, p)
}

func newMakeRequestCmd(g *globals) *cobra.Command {
	var o httpOptions
	cmd := &cobra.Command{
		Use:   "request <Name> [field…]",
		Short: "Generate validated request types",
		Long: `Generate app/http/requests/<name>.go: a struct with json and validate tags, bound with
validate.Bind. Fields are path:type[:rule…] with Laravel's rules written with =:
  title:string:required:max=255   email:string:required:email:unique=users.email
  role:string:in=admin,user       items.*.qty:int:required:min=1
With --model, Store<Model>Request and Update<Model>Request derived from the model.`,
		Example: `  kiln make request StorePost --model Post
  kiln make request Search q:string:required:min=2 page:int:min=1`,
		Args: minArgs("request name"),
		RunE: func(cmd *cobra.Command, args []string) error {
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
			p.Generator = "make resource"
			return applyPlan(cmd, g, proj.root, p)
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
