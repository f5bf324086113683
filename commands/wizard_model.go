package commands

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"github.com/kilnhq/kiln/generators/spec"
	"github.com/kilnhq/kiln/internal/form"
	"github.com/kilnhq/kiln/internal/plainfile"
)

// fieldTypes are the types the field builder offers, in the DSL's spelling.
var fieldTypes = []string{"string", "text", "int", "bigint", "float", "decimal", "bool", "date",
	"datetime", "uuid", "json", "enum", "belongs_to"}

// companionNames are the files make model can add, as the wizard lists them.
var companionNames = []string{"migration", "factory", "seeder", "controller", "requests", "resource"}

// askModel fills in what `make model` was not given: the name (checked as the
// flags are), the fields one by one, and the companion files, preselected
// from the flags.
func (w *wizard) askModel(proj project, o *makeModelOptions, name *string, fields *[]string) error {
	if *name == "" {
		err := w.ask(form.Group{&form.Input{Title: "Model name", Placeholder: "Post",
			Description: "Singular, such as Post or BlogPost", Value: name,
			Validate: func(s string) error { _, err := spec.ParseName("model name", s); return err }}})
		if err != nil {
			return err
		}
	}
	if len(*fields) == 0 {
		b := fieldBuilder{w: w, proj: proj, model: *name, opts: o.spec}
		for {
			token, err := b.askField()
			if err != nil {
				return err
			}
			if token == "" {
				break
			}
			b.fields = append(b.fields, token)
		}
		*fields = b.fields
	}
	return w.askCompanions(o)
}

// fieldBuilder asks for a model's fields one at a time, checking each answer
// with the fields before it, as the whole command line will be checked: a
// duplicate column or a clash with a timestamp is caught while typing, not
// after the last question.
type fieldBuilder struct {
	w      *wizard
	proj   project
	model  string
	opts   spec.Options
	fields []string
}

// check validates token as the next field.
func (b *fieldBuilder) check(token string) error {
	r, err := spec.NewResource(b.model, append(slices.Clone(b.fields), token), b.opts)
	if err != nil {
		return err
	}
	return r.ValidateNew()
}

// askField asks for one field and returns its DSL token, or "" when the
// user is done.
func (b *fieldBuilder) askField() (string, error) {
	var name, typ string
	err := b.w.ask(form.Group{&form.Input{Title: "Field name (empty to finish)", Placeholder: "title", Value: &name,
		Validate: func(s string) error {
			if s == "" {
				return nil
			}
			if _, err := spec.ParseField(s + ":string"); err != nil {
				return err
			}
			return b.duplicate(s)
		}}})
	if err != nil || name == "" {
		return "", err
	}
	err = b.w.ask(form.Group{&form.Select{Title: "Type of " + name, Options: form.Options(fieldTypes...), Value: &typ}})
	if err != nil {
		return "", err
	}
	token := name + ":" + typ
	switch typ {
	case "enum":
		token, err = b.askEnum(token)
	case "belongs_to":
		token, err = b.askParent(token)
	}
	if err != nil {
		return "", err
	}
	return b.askModifiers(token, typ == "belongs_to")
}

// duplicate refuses a field name given before.
func (b *fieldBuilder) duplicate(name string) error {
	for _, f := range b.fields {
		if prev, _, _ := strings.Cut(f, ":"); prev == name {
			return fmt.Errorf("%s is already a field of %s", name, b.model)
		}
	}
	return nil
}

func (b *fieldBuilder) askEnum(token string) (string, error) {
	var values string
	err := b.w.ask(form.Group{&form.Input{Title: "Values, comma-separated", Placeholder: "draft,published", Value: &values,
		Validate: func(s string) error { _, err := spec.ParseField(token + "=" + s); return err }}})
	return token + "=" + values, err
}

// askParent offers the relation's target: the model being made (a
// self-reference such as a category's parent) and the app's models, each by
// the table it really has (a model made with --table keeps it), or the
// table inferred from the field's name.
func (b *fieldBuilder) askParent(token string) (string, error) {
	var table string
	opts := []form.Option{{Label: "(from the field's name)", Value: ""}}
	self, err := spec.NewResource(b.model, nil, b.opts)
	if err == nil {
		opts = append(opts, form.Option{Label: self.Name.Go() + " (this model)", Value: self.Table()})
	}
	for _, m := range b.proj.existingModels() {
		if m.Go() == self.Name.Go() {
			continue
		}
		t := m.Table()
		if res, err := loadModelSpec(b.proj, m.Go()); err == nil {
			t = res.Table()
		}
		opts = append(opts, form.Option{Label: m.Go(), Value: t})
	}
	err = b.w.ask(form.Group{&form.Select{Title: "Belongs to", Options: opts, Value: &table}})
	if table != "" {
		token += "=" + table
	}
	return token, err
}

// askModifiers offers the modifiers on one screen — the flags, then the
// foreign key's delete action for a relation or a default value for any
// other column — and checks the whole token as the command line would.
func (b *fieldBuilder) askModifiers(token string, relation bool) (string, error) {
	var mods []string
	var onDelete, def string
	build := func() string {
		parts := append([]string{token}, mods...)
		if onDelete != "" {
			parts = append(parts, "on_delete="+onDelete)
		}
		if def != "" {
			parts = append(parts, "default="+def) // last: a default may hold colons
		}
		return strings.Join(parts, ":")
	}
	check := func() error { return b.check(build()) }
	group := form.Group{&form.MultiSelect{Title: "Modifiers", Options: form.Options("nullable", "unique", "index"), Value: &mods,
		Validate: func([]string) error { return check() }}}
	if relation {
		group = append(group, &form.Select{Title: "On delete of the parent",
			Options: []form.Option{{Label: "default: cascade, or set null when nullable", Value: ""},
				{Label: "cascade", Value: "cascade"}, {Label: "set null", Value: "set_null"},
				{Label: "restrict", Value: "restrict"}},
			Value: &onDelete, Validate: func(string) error { return check() }})
	} else {
		group = append(group, &form.Input{Title: "Default value (empty: none)", Value: &def,
			Validate: func(string) error { return check() }})
	}
	if err := b.w.ask(group); err != nil {
		return "", err
	}
	return build(), nil
}

// askCompanions offers the companion files, preselected from the flags.
func (w *wizard) askCompanions(o *makeModelOptions) error {
	o.companions()
	on := map[string]*bool{"migration": &o.migration, "factory": &o.factory, "seeder": &o.seeder,
		"controller": &o.controller, "requests": &o.requests, "resource": &o.resource}
	var chosen []string
	opts := form.Options(companionNames...)
	for i, n := range companionNames {
		opts[i].Selected = *on[n]
	}
	err := w.ask(form.Group{&form.MultiSelect{Title: "Also generate", Options: opts, Value: &chosen}})
	if err != nil {
		return err
	}
	for n, p := range on {
		*p = slices.Contains(chosen, n)
	}
	o.all = false
	return nil
}

// equivalentModelCommand is the non-interactive command line that makes the
// same files as a wizard run, printed so it can go into a script or CI
// (applyAsked adds the global flags and -n).
func equivalentModelCommand(name string, fields []string, o makeModelOptions) string {
	parts := []string{"kiln", "make", "model", name}
	parts = append(parts, fields...)
	for _, f := range []struct {
		on   bool
		flag string
	}{
		{o.migration, "-m"}, {o.factory, "-f"}, {o.seeder, "-s"}, {o.controller, "-c"},
		{o.requests && !o.controller, "--requests"}, {o.resource && !o.controller, "--resource"},
		{o.spec.SoftDeletes, "--soft-deletes"}, {o.spec.NoTimestamps, "--no-timestamps"}, {o.spec.UUID, "--uuid"},
	} {
		if f.on {
			parts = append(parts, f.flag)
		}
	}
	if o.spec.Table != "" {
		parts = append(parts, "--table", o.spec.Table)
	}
	for _, rel := range []struct {
		flag    string
		targets []string
	}{{"--has-many", o.spec.HasMany}, {"--has-one", o.spec.HasOne}, {"--belongs-to-many", o.spec.BelongsToMany}} {
		for _, t := range rel.targets {
			parts = append(parts, rel.flag, t)
		}
	}
	return shellLine(parts)
}

// existingModels lists the app's models kiln knows (from their files).
func (p project) existingModels() []spec.Name {
	var names []spec.Name
	for _, base := range p.goFilesIn("app/models") {
		if n, err := spec.ParseName("model name", base); err == nil {
			names = append(names, n)
		}
	}
	return names
}

// goFilesIn lists the .go files of a project directory (not tests), by base
// name without the extension.
func (p project) goFilesIn(dir string) []string {
	entries, _ := plainfile.ReadDir(filepath.Join(p.root, filepath.FromSlash(dir)))
	var names []string
	for _, e := range entries {
		base, ok := strings.CutSuffix(e.Name(), ".go")
		if ok && !e.IsDir() && !strings.HasSuffix(base, "_test") {
			names = append(names, base)
		}
	}
	return names
}
