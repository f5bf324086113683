package factory

import (
	"context"
	"fmt"
	"reflect"

	"github.com/kilnhq/kiln/runtime/db"
)

// Relation is a belongs-to relation of T, declared once in a generated
// factory with Parent and BelongsTo.
type Relation[T any] struct {
	l link[T]
}

// link is how each row of T gets its parent of one type.
type link[T any] struct {
	name  string       // the relation, "author"
	ptype reflect.Type // the parent model
	// def is the parent's own factory, used when nothing else gives the row
	// a parent; without one the foreign key is left alone (OptionalParent),
	// or, when required, Create fails (RequiredParent).
	def      func() source
	required bool
	set      func(v *T, parent any) // points the row at parent (*P)
	isSet    func(v *T) bool        // the row has a foreign key already: keep it
	// pick, from For or Has, chooses the parent of row i; shared, from For
	// with a factory, is made once for every row.
	pick   func(i int) any
	shared *sharedParent
}

// sharedParent is For's factory; a run makes its one parent once, keyed by
// this pointer (factories themselves are not comparable).
type sharedParent struct{ src source }

// source is a factory seen without its types: what relations need to make
// or create parents and children of any model.
type source interface {
	modelType() reflect.Type
	makeParents(st *run, n int) []any
	createParents(ctx context.Context, q db.Querier, st *run, n int) ([]any, error)
	createChildren(ctx context.Context, q db.Querier, st *run, parents []any, perParent int, relation string) error
}

// Parent declares a belongs-to relation for BelongsTo: its name, the
// parent's factory constructor (NewUserFactory), how a row points at a
// parent, and whether a row already does (an override set the key). With a
// nil constructor the relation gets a parent only through For, Has or Recycle.
func Parent[T, P, PS any](name string, newFactory func() PS, set func(v *T, p *P), isSet func(v *T) bool) Relation[T] {
	l := link[T]{
		name:  name,
		ptype: reflect.TypeFor[P](),
		set:   func(v *T, p any) { set(v, p.(*P)) },
		isSet: isSet,
	}
	if newFactory != nil {
		l.def = func() source { return asSource(newFactory()) }
	}
	return Relation[T]{l}
}

// OptionalParent declares a belongs-to relation whose nullable key stays
// NULL unless For, Has or Recycle gives the row a parent: a new row needs
// none, and for a self-reference a parent made by default would need a
// parent of its own, forever.
func OptionalParent[T, P any](name string, set func(v *T, p *P), isSet func(v *T) bool) Relation[T] {
	return Parent[T, P, any](name, nil, set, isSet)
}

// RequiredParent declares a belongs-to relation whose key is required but
// that has no factory to create parents with: the parent model had no
// factory when the relation was written, or it is a self-reference (see
// OptionalParent). For, Has or Recycle must give each row its parent;
// Create and Insert fail, saying so, for a row that gets none, rather than
// insert a key that points nowhere. Make leaves such a key zero, as it
// leaves the keys of the parents it makes.
func RequiredParent[T, P any](name string, set func(v *T, p *P), isSet func(v *T) bool) Relation[T] {
	r := Parent[T, P, any](name, nil, set, isSet)
	r.l.required = true
	return r
}

// missingParent is Create's error for a row that a RequiredParent relation
// gave no parent. It names the generated constructors (NewPostFactory) to
// say where the relation is declared and how to have parents created.
func (b Factory[T, S]) missingParent(l link[T]) error {
	model := reflect.TypeFor[T]()
	if l.ptype == model {
		return fmt.Errorf("factory: each %v needs an existing %v as its %s: give it with For or Recycle", model, l.ptype, l.name)
	}
	return fmt.Errorf("factory: each %v needs a %v as its %s, and nothing creates one: give it with For, Has or Recycle, "+
		"or declare the relation in New%s as factory.Parent(%q, New%sFactory, …)",
		model, l.ptype, l.name, reflect.TypeFor[S]().Name(), l.name, l.ptype.Name())
}

// asSource checks that an app's factory type embeds a Factory.
func asSource(f any) source {
	s, ok := f.(source)
	if !ok {
		panic(fmt.Sprintf("factory: %T is not a factory (it must embed factory.Factory)", f))
	}
	return s
}

// BelongsTo adds a relation the factory fills for each row: by default one
// new parent per row, made by the parent's factory (in the same batch, so
// 10,000 posts insert their 10,000 authors in a few statements).
func (b Factory[T, S]) BelongsTo(r Relation[T]) S {
	c := b.clone()
	c.parents = append(c.parents, r.l)
	return c.wrap(c)
}

// For gives every row the same parent: an existing model (value or pointer;
// several are used in turn) or a factory, which then creates one parent for
// all the rows. The relation is the one to the parent's type, or the one
// named, when T has two to the same type (author and editor).
func (b Factory[T, S]) For(parent any, relation ...string) S {
	c := b.clone()
	i := c.findLink(reflectTypeOfParent(parent), relation)
	if s, ok := parent.(source); ok {
		c.parents[i].shared, c.parents[i].pick = &sharedParent{s}, nil
	} else {
		ps := flatten(parent)
		c.parents[i].pick, c.parents[i].shared = func(k int) any { return ps[k%len(ps)] }, nil
	}
	return c.wrap(c)
}

// Has creates n rows of child (a factory of a model that belongs to T) for
// each row this factory creates, pointed at it; the relation is the child's
// one to T, or the one named.
func (b Factory[T, S]) Has(child any, n int, relation ...string) S {
	c := b.clone()
	name := ""
	if len(relation) > 0 {
		name = relation[0]
	}
	c.children = append(c.children, childSpec[T]{src: asSource(child), n: n, relation: name})
	return c.wrap(c)
}

// childSpec is one Has.
type childSpec[T any] struct {
	src      source
	n        int
	relation string
}

// reflectTypeOfParent is the model type a For argument stands for.
func reflectTypeOfParent(parent any) reflect.Type {
	if s, ok := parent.(source); ok {
		return s.modelType()
	}
	t := reflect.TypeOf(parent)
	for t != nil && (t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice) {
		t = t.Elem()
	}
	return t
}

// findLink is the index of the relation to ptype (named, if a name is given);
// a wrong For is a programming error, reported at once.
func (b Factory[T, S]) findLink(ptype reflect.Type, name []string) int {
	found := -1
	for i, l := range b.parents {
		if l.ptype != ptype || (len(name) > 0 && l.name != name[0]) {
			continue
		}
		if found >= 0 {
			panic(fmt.Sprintf("factory: %s has two relations to %s (%s, %s): name one, For(parent, %q)",
				reflect.TypeFor[T](), ptype, b.parents[found].name, l.name, l.name))
		}
		found = i
	}
	if found < 0 {
		panic(fmt.Sprintf("factory: %s has no belongs-to relation to %v%s", reflect.TypeFor[T](), ptype, named(name)))
	}
	return found
}

func named(name []string) string {
	if len(name) == 0 {
		return ""
	}
	return " named " + name[0]
}

// run is what one Make or Create shares across the factories it reaches.
type run struct {
	recycle map[reflect.Type][]any
	pooled  map[any]bool          // the models in recycle, each added once
	shared  map[*sharedParent]any // For(factory) parents, made once
}

// newRun starts a run; each factory adds its own Recycle models as it
// joins (create and makeRows call withRecycled).
func newRun() *run {
	return &run{recycle: map[reflect.Type][]any{}, pooled: map[any]bool{}, shared: map[*sharedParent]any{}}
}

// add puts more recycled models in the pool, once each however often their
// factory joins the run (a parent factory joins once per batch).
func (st *run) add(models []any) {
	for _, m := range models {
		if st.pooled[m] {
			continue
		}
		st.pooled[m] = true
		t := reflect.TypeOf(m).Elem()
		st.recycle[t] = append(st.recycle[t], m)
	}
}

// withRecycled is st with a factory's own Recycle models added; st itself
// is shared by the whole run, so a child factory's recycling reaches its
// own parents as Laravel's does.
func (st *run) withRecycled(models []any) *run {
	if len(models) > 0 {
		st.add(models)
	}
	return st
}
