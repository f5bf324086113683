package commands

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
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
// target's model raw, now that target gets a resource.
func refreshDependents(proj project, target spec.Name) (plan.Plan, error) {
	var p plan.Plan
	existing := proj.existingResources()
	var manifest *plan.Manifest
	for _, other := range rawDependents(proj, target, existing) {
		if manifest == nil {
			m, err := plan.ReadManifest(proj.root)
			if err != nil {
				return p, err
			}
			manifest = &m
		}
		edit, ok, err := refreshEdit(proj, *manifest, other, target, existing)
		if err != nil {
			return p, err
		}
		if ok {
			p.Edits = append(p.Edits, edit)
		}
	}
	return p, nil
}

// dependent is another model's resource file that shows target raw.
type dependent struct {
	name    spec.Name
	path    string
	content []byte
}

// rawDependents lists the resources, other than target's own, whose files
// refer to target's model type.
func rawDependents(proj project, target spec.Name, existing []string) []dependent {
	var out []dependent
	for _, goName := range existing {
		n, err := spec.ParseName("model name", goName)
		if err != nil || n == target {
			continue
		}
		path := resource.Path(n)
		content, err := plainfile.ReadFile(filepath.Join(proj.root, filepath.FromSlash(path)))
		if err == nil && refersToModel(content, target) {
			out = append(out, dependent{name: n, path: path, content: content})
		}
	}
	return out
}

// refreshEdit is the edit that regenerates d's resource with target nested,
// when kiln wrote d's file and it is unchanged since (its manifest hash) and
// the model's spec is on record. The edit checks the hash again when it runs,
// and leaves a file that differs as it is.
func refreshEdit(proj project, m plan.Manifest, d dependent, target spec.Name, existing []string) (plan.Edit, bool, error) {
	entry, known := m.Lookup(d.path)
	if !known || entry.SHA256 != sha256Hex(d.content) {
		return plan.Edit{}, false, nil
	}
	res, err := modelSpecFrom(proj, m, d.name)
	if err != nil {
		return plan.Edit{}, false, nil // not kiln's model: leave its resource alone
	}
	rp, err := resource.Generate(d.name, resource.Options{
		Module:     proj.module,
		Model:      &res,
		Collection: bytes.Contains(d.content, []byte("type "+d.name.Go()+"Collection ")),
		Nested:     append(existing, target.Go()),
	})
	if err != nil {
		return plan.Edit{}, false, err
	}
	content, err := plan.Render(rp.Files[0])
	if err != nil {
		return plan.Edit{}, false, err
	}
	change := func(old []byte) ([]byte, error) {
		if sha256Hex(old) != entry.SHA256 {
			return old, nil
		}
		return content, nil
	}
	return plan.Edit{Path: d.path, Change: change, Desc: "show " + target.Go() + " as " + resource.TypeName(target)}, true, nil
}

// warnRawRelations points out, once target has a resource, the resources
// that still show target's model raw: ones the user edited, which kiln does
// not rewrite.
func warnRawRelations(g *globals, proj project, target spec.Name) {
	if g.dryRun || !proj.exists(resource.Path(target)) {
		return // a dry run rewrote nothing: its diff shows what would be
	}
	for _, d := range rawDependents(proj, target, proj.existingResources()) {
		fmt.Fprintf(g.stderr, "kiln: note: %s shows %s as the model itself, every column included; "+
			"kiln make resource %s --model %s --force rewrites it to nest %s\n",
			d.path, target.Go(), d.name.Go(), d.name.Go(), resource.TypeName(target))
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

func sha256Hex(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}
