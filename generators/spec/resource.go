package spec

import (
	"fmt"
	"strings"
)

// maxFields caps the fields of one model; more is almost certainly a
// mistake (or a script gone wrong) and makes unreadable generated code.
const maxFields = 200

// Resource is everything the generators know about one model: its name,
// its fields (belongs_to relations included), the relations that add no
// column to its table, and the table options.
type Resource struct {
	Name   Name
	Fields []Field
	// Relations are has_one, has_many and belongs_to_many relations;
	// belongs_to relations live on their fields.
	Relations []Relation
	// TableName overrides the conventional table name; "" derives it.
	TableName   string
	Timestamps  bool // created_at and updated_at
	SoftDeletes bool // deleted_at
	UUID        bool // UUID primary key instead of an auto-increment integer
}

// Options are the model-level choices of NewResource, mirroring the
// flags of kiln make:model. The zero value is Laravel's default: an
// integer id and timestamps.
type Options struct {
	Table         string   // --table: explicit table name
	NoTimestamps  bool     // --no-timestamps
	SoftDeletes   bool     // --soft-deletes
	UUID          bool     // --uuid
	HasOne        []string // --has-one: target models
	HasMany       []string // --has-many: target models, singular or plural
	BelongsToMany []string // --belongs-to-many: target models
}

// NewResource parses and validates a whole model in one call: the name,
// the field tokens and the options. It returns the first problem found.
func NewResource(name string, fields []string, opts Options) (Resource, error) {
	n, err := ParseName("model name", name)
	if err != nil {
		return Resource{}, err
	}
	fs, err := ParseFields(fields)
	if err != nil {
		return Resource{}, err
	}
	r := Resource{
		Name: n, Fields: fs, TableName: opts.Table,
		Timestamps: !opts.NoTimestamps, SoftDeletes: opts.SoftDeletes, UUID: opts.UUID,
	}
	for _, f := range r.Fields {
		if f.Relation != nil && f.Relation.Target == n {
			f.Relation.TargetUUID = opts.UUID // a self-reference: the key type is ours
		}
	}
	for _, group := range []struct {
		targets []string
		build   func(Name, string) (Relation, error)
	}{{opts.HasOne, HasOne}, {opts.HasMany, HasMany}, {opts.BelongsToMany, BelongsToMany}} {
		for _, t := range group.targets {
			rel, err := group.build(n, t)
			if err != nil {
				return Resource{}, err
			}
			r.Relations = append(r.Relations, rel)
		}
	}
	if err := r.Validate(); err != nil {
		return Resource{}, err
	}
	return r, nil
}

// Table is the resource's table: TableName when set, else the plural
// snake name.
func (r Resource) Table() string {
	if r.TableName != "" {
		return r.TableName
	}
	return r.Name.Table()
}

// Columns lists the table's columns in migration order: id, the fields,
// then the timestamp columns the options ask for.
func (r Resource) Columns() []string {
	cols := []string{"id"}
	for _, f := range r.Fields {
		cols = append(cols, f.Column())
	}
	if r.Timestamps {
		cols = append(cols, "created_at", "updated_at")
	}
	if r.SoftDeletes {
		cols = append(cols, "deleted_at")
	}
	return cols
}

// Validate runs the checks that span fields and relations. Fields are
// assumed to come from ParseField; Validate does not re-check each one.
func (r Resource) Validate() error {
	if r.Name.IsZero() {
		return errorf("resource", "", "model name is missing")
	}
	if msg := r.problem(); msg != "" {
		return errorf("resource", r.Name.Go(), "%s", msg)
	}
	return nil
}

func (r Resource) problem() string {
	if r.TableName != "" {
		if _, err := ParseTable(r.TableName); err != nil {
			return "table " + err.(*Error).Msg
		}
	}
	if len(r.Fields) > maxFields {
		return fmt.Sprintf("has %d fields; at most %d are supported", len(r.Fields), maxFields)
	}
	if j, i, what := fieldClash(r.Fields); what != "" {
		return fmt.Sprintf("fields %q and %q both map to the %s; keep one or rename it", r.Fields[j].String(), r.Fields[i].String(), what)
	}
	owners := map[string]string{} // Go name → what uses it
	for _, f := range r.Fields {
		names := map[string]string{f.GoName(): fmt.Sprintf("field %q", f.Name)}
		if f.Relation != nil {
			names[f.Relation.Name] = fmt.Sprintf("belongs_to %q", f.Name)
		}
		for g, what := range names {
			if g == r.Name.Go() {
				return fmt.Sprintf("%s has the model's own Go name %s; rename it", what, g)
			}
			owners[g] = what
		}
	}
	return r.relationProblem(owners)
}

// ValidateNew is Validate for a model about to be made, adding the checks a
// recorded spec is not held to: models made by earlier kiln versions must
// still load from the manifest.
func (r Resource) ValidateNew() error {
	if err := r.Validate(); err != nil {
		return err
	}
	if msg := r.requiredSelfReference(); msg != "" {
		return errorf("resource", r.Name.Go(), "%s", msg)
	}
	return nil
}

// requiredSelfReference refuses a belongs_to to the model itself that may
// not be null: no row could be the first.
func (r Resource) requiredSelfReference() string {
	for _, f := range r.Fields {
		if f.Relation == nil || f.Relation.Target != r.Name || f.Nullable {
			continue
		}
		nullable, rel := f, *f.Relation
		nullable.Nullable, rel.OnDelete, nullable.Relation = true, defaultOnDelete(true), &rel
		return fmt.Sprintf("belongs_to %q points at %s itself and may not be null, so the first %s could never be saved (it has no %s to point at); make it nullable: %s",
			f.Name, r.Name.HumanPlural(), r.Name.Human(), strings.ReplaceAll(f.Name, "_", " "), nullable.String())
	}
	return ""
}

// relationProblem checks has_one / has_many / belongs_to_many relations
// against each other, the fields and the names every model has.
func (r Resource) relationProblem(owners map[string]string) string {
	for _, rel := range r.Relations {
		if rel.Kind == RelBelongsTo {
			return fmt.Sprintf("relation %s: declare belongs_to as a field (e.g. %s:belongs_to)", rel.Name, rel.Target.Snake())
		}
		if rel.Name == r.Name.Go() {
			return fmt.Sprintf("relation %s has the model's own Go name; rename it", rel)
		}
		if msg := goNameProblem(rel.Name); msg != "" {
			return fmt.Sprintf("relation %s %s", rel, msg)
		}
		if prev, dup := owners[rel.Name]; dup {
			return fmt.Sprintf("relation %s and %s both need the Go name %s; drop or rename one", rel, prev, rel.Name)
		}
		owners[rel.Name] = "relation " + rel.String()
	}
	return ""
}
