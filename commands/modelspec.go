package commands

import (
	"encoding/json"
	"fmt"

	"github.com/kilnhq/kiln/generators/model"
	"github.com/kilnhq/kiln/generators/plan"
	"github.com/kilnhq/kiln/generators/spec"
)

// modelSpec is the input of make model, recorded with the model file in
// .kiln/manifest.json. `make controller|request|resource --model Post` rebuilds the
// exact spec from it rather than parsing the (user-owned, maybe edited) Go back.
type modelSpec struct {
	Name    string       `json:"name"`
	Fields  []string     `json:"fields"`
	Options spec.Options `json:"options"`
}

// recordModelSpec attaches the spec to the model file of p.
func recordModelSpec(p *plan.Plan, res spec.Resource, name string, fields []string, opts spec.Options) error {
	meta, err := json.Marshal(modelSpec{Name: name, Fields: fields, Options: opts})
	if err != nil {
		return err
	}
	for i := range p.Files {
		if p.Files[i].Path == model.Path(res) {
			p.Files[i].Meta = meta
		}
	}
	return nil
}

// loadModelSpec rebuilds the spec of a model made by kiln make model.
func loadModelSpec(proj project, name string) (spec.Resource, error) {
	n, err := spec.ParseName("model name", name)
	if err != nil {
		return spec.Resource{}, asUsage(err)
	}
	m, err := plan.ReadManifest(proj.root)
	if err != nil {
		return spec.Resource{}, err
	}
	return modelSpecFrom(proj, m, n)
}

// modelSpecFrom rebuilds the spec of model n from the manifest m.
func modelSpecFrom(proj project, m plan.Manifest, n spec.Name) (spec.Resource, error) {
	path := model.Path(spec.Resource{Name: n})
	e, ok := m.Lookup(path)
	var ms modelSpec
	if !ok || len(e.Meta) == 0 || json.Unmarshal(e.Meta, &ms) != nil {
		return spec.Resource{}, usagef("model %s: kiln has no record of how %s was made (.kiln/manifest.json); make it with kiln make model %s … first, or use kiln make model %s … -c", n.Go(), path, n.Go(), n.Go())
	}
	res, err := spec.NewResource(ms.Name, ms.Fields, ms.Options)
	if err != nil {
		return spec.Resource{}, fmt.Errorf("model %s: recorded spec no longer parses: %w", n.Go(), err)
	}
	markUUIDParents(proj, res)
	return res, nil
}
