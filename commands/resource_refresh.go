package commands

import (
	"bytes"
	"fmt"
	"path/filepath"

	"github.com/kilnhq/kiln/generators/plan"
	"github.com/kilnhq/kiln/generators/resource"
	"github.com/kilnhq/kiln/generators/spec"
	"github.com/kilnhq/kiln/internal/plainfile"
)

// A resource made while a related model had no resource of its own shows that
// relation as the model itself, so that it compiles (Post's author is a
// *models.User): every column, the password and deleted_at too, reaches the
// client on ?include=author. When the related model gets its resource, the
// resources kiln wrote that way and nobody has edited since are rewritten to
// nest it (refreshDependents); an edited one is the user's, and
// warnRawRelations says how to regenerate it.

// refreshDependents plans the rewrite of the other resources that show
// target's model raw, now that target gets a resource whose file will hold
// planned. A resource of target's already on disk with other content is the
// user's (the apply will refuse or keep it, or --force replace it): its shape
// is not one to nest by guess, so nothing else is rewritten then.
func refreshDependents(proj project, target spec.Name, planned plan.File) (plan.Plan, error) {
	var p plan.Plan
	want, err := plan.Render(planned)
	if err != nil {
		return p, err
	}
	if cur, err := plainfile.ReadFile(filepath.Join(proj.root, filepath.FromSlash(planned.Path))); err == nil && !bytes.Equal(cur, want) {
		return p, nil
	}
	existing := proj.existingResources()
	deps, m, err := rawDependents(proj, target, existing)
	if err != nil {
		return p, err
	}
	nested := append(existing, target.Go())
	for _, d := range deps {
		entry, known := m.Lookup(d.path)
		if !known || !entry.Matches(d.content) {
			continue // edited since kiln wrote it: the user's (warnRawRelations names it)
		}
		edit, err := refreshEdit(proj, d, entry, target, nested)
		if err != nil {
			return p, err
		}
		p.Edits = append(p.Edits, edit)
	}
	return p, nil
}

// dependent is the resource of another model that kiln made, whose file
// shows target raw.
type dependent struct {
	model      spec.Resource // its model, as kiln make model recorded it
	path       string
	content    []byte
	collection bool // it has a <Name>Collection type (--collection)
}

// rawDependents lists the resources among existing (model names, as
// existingResources gives them), other than target's own, of models
// whose spec kiln recorded, whose files refer to target's model type; and
// the manifest, read only when some file does.
func rawDependents(proj project, target spec.Name, existing []string) ([]dependent, plan.Manifest, error) {
	var out []dependent
	var m plan.Manifest
	read := false
	for _, goName := range existing {
		n, err := spec.ParseName("model name", goName)
		if err != nil || n == target {
			continue
		}
		path := resource.Path(n)
		content, err := plainfile.ReadFile(filepath.Join(proj.root, filepath.FromSlash(path)))
		if err != nil || !refersToModel(content, target) {
			continue
		}
		if !read {
			if m, err = plan.ReadManifest(proj.root); err != nil {
				return nil, m, err
			}
			read = true
		}
		res, err := modelSpecFrom(proj, m, n)
		if err != nil {
			continue // PostSummary, PublicUser: a resource named for no model kiln made, not one to regenerate
		}
		out = append(out, dependent{model: res, path: path, content: content,
			collection: bytes.Contains(content, []byte("type "+n.Go()+"Collection "))})
	}
	return out, m, nil
}

// refreshEdit is the edit that regenerates d with nested's relations shown
// as their resources. It checks the file against entry again when it runs,
// and leaves a file that differs from what kiln wrote as it is.
func refreshEdit(proj project, d dependent, entry plan.ManifestEntry, target spec.Name, nested []string) (plan.Edit, error) {
	rp, err := resource.Generate(d.model.Name, resource.Options{Module: proj.module, Model: &d.model, Collection: d.collection, Nested: nested})
	if err != nil {
		return plan.Edit{}, err
	}
	content, err := plan.Render(rp.Files[0])
	if err != nil {
		return plan.Edit{}, err
	}
	change := func(old []byte) ([]byte, error) {
		if !entry.Matches(old) {
			return old, nil
		}
		return content, nil
	}
	return plan.Edit{Path: d.path, Change: change, Desc: "show " + target.Go() + " as " + resource.TypeName(target)}, nil
}

// warnRawRelations points out, once target has a resource, the resources
// kiln made that still show target's model raw: ones the user edited, which
// kiln does not rewrite.
func warnRawRelations(g *globals, proj project, target spec.Name) {
	if g.dryRun || !proj.exists(resource.Path(target)) {
		return // a dry run rewrote nothing: its diff shows what would be
	}
	deps, _, err := rawDependents(proj, target, proj.existingResources())
	if err != nil {
		return // the apply has read the manifest already; nothing to add to its error
	}
	for _, d := range deps {
		name := d.model.Name.Go()
		flags := ""
		if d.collection {
			flags = " --collection"
		}
		fmt.Fprintf(g.stderr, "kiln: note: %s shows %s as the model itself, every column included; "+
			"kiln make resource %s --model %s%s --force rewrites it to nest %s\n",
			d.path, target.Go(), name, name, flags, resource.TypeName(target))
	}
}

// refersToModel reports whether a resource's source mentions the model type
// target (models.User, not models.UserProfile).
func refersToModel(src []byte, target spec.Name) bool {
	ref := []byte("models." + target.Go())
	for i := bytes.Index(src, ref); i >= 0; {
		end := i + len(ref)
		if end == len(src) || !isIdentByte(src[end]) {
			return true
		}
		next := bytes.Index(src[end:], ref)
		if next < 0 {
			return false
		}
		i = end + next
	}
	return false
}

func isIdentByte(c byte) bool {
	return c == '_' || '0' <= c && c <= '9' || 'a' <= c|0x20 && c|0x20 <= 'z'
}
