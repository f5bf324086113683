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
)

// httpPlans plans the HTTP companions of a model that make model was asked for:
// requests, the JSON resource and the controller with its route registration.
func httpPlans(proj project, res spec.Resource, o makeModelOptions) (plan.Plan, error) {
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
	if o.controller {
		cp, err := controller.Generate([]spec.Name{res.Name}, controller.Options{Module: proj.module, Resource: true, Model: &res})
		if err != nil {
			return p, asUsage(err)
		}
		p = mergePlans(p, cp)
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
	entries, _ := os.ReadDir(filepath.Join(p.root, filepath.FromSlash(resource.Dir)))
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
		Args:    minArgs("model name"),
		RunE: func(cmd *cobra.Command, args []string) error {
			o.all = true
			return runMakeModel(cmd, g, o, args[0], args[1:])
		},
	}
	addMakeModelFlags(cmd, &o)
	return cmd
}
