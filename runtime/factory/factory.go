package factory

import (
	"context"
	"reflect"

	"github.com/kilnhq/kiln/runtime/db"
)

// Factory makes rows of model T. S is the app's own factory type (a struct
// embedding Factory[T, S], generated as factories.PostFactory) so every
// method returns S and the named states generated on S chain in any order:
//
//	factories.NewPostFactory().Count(3).Published().Create(ctx, database)
//
// A Factory is an immutable value: each method returns a changed copy, so a
// configured factory can be shared and reused.
type Factory[T, S any] struct {
	def      func(f *Faker) T
	wrap     func(Factory[T, S]) S
	count    int
	states   []func(f *Faker, v *T)
	made     []func(v *T)
	created  []func(ctx context.Context, q db.Querier, v *T) error
	parents  []link[T]
	children []childSpec[T]
	recycle  []any
}

// New returns the app's factory S of rows that start as def's value. wrap
// turns a configured Factory back into S, which embeds it:
//
//	func NewPostFactory() PostFactory {
//		return factory.New(definePost, func(f factory.Factory[models.Post, PostFactory]) PostFactory {
//			return PostFactory{f}
//		})
//	}
func New[T, S any](def func(f *Faker) T, wrap func(Factory[T, S]) S) S {
	return wrap(Factory[T, S]{def: def, wrap: wrap, count: 1})
}

// clone copies b so appending to a slice never changes b's own.
func (b Factory[T, S]) clone() Factory[T, S] {
	c := b
	c.states = append([]func(*Faker, *T){}, b.states...)
	c.made = append([]func(*T){}, b.made...)
	c.created = append([]func(context.Context, db.Querier, *T) error{}, b.created...)
	c.parents = append([]link[T]{}, b.parents...)
	c.children = append([]childSpec[T]{}, b.children...)
	c.recycle = append([]any{}, b.recycle...)
	return c
}

// Count sets how many rows Make, Create and Insert produce (1 by default).
func (b Factory[T, S]) Count(n int) S {
	c := b.clone()
	c.count = max(n, 0)
	return c.wrap(c)
}

// State changes each row after the definition, in the order states are
// added. Generated named states (PostFactory.Published) are States.
func (b Factory[T, S]) State(fn func(f *Faker, v *T)) S {
	c := b.clone()
	c.states = append(c.states, fn)
	return c.wrap(c)
}

// With overrides attributes of every row, after the states: the typed form
// of Laravel's create(['title' => …]).
func (b Factory[T, S]) With(fn func(v *T)) S {
	return b.State(func(_ *Faker, v *T) { fn(v) })
}

// Sequence gives row i the changes of fns[i % len(fns)], to alternate values
// across rows (draft, published, draft, …).
func (b Factory[T, S]) Sequence(fns ...func(v *T)) S {
	if len(fns) == 0 {
		return b.wrap(b)
	}
	return b.State(func(f *Faker, v *T) { fns[f.index%len(fns)](v) })
}

// AfterMaking runs fn on each row once it is made, before it is saved (by
// Make, Create and Insert alike).
func (b Factory[T, S]) AfterMaking(fn func(v *T)) S {
	c := b.clone()
	c.made = append(c.made, fn)
	return c.wrap(c)
}

// AfterCreating runs fn on each row after it is inserted, in the same
// transaction; an error aborts the whole Create.
func (b Factory[T, S]) AfterCreating(fn func(ctx context.Context, q db.Querier, v *T) error) S {
	c := b.clone()
	c.created = append(c.created, fn)
	return c.wrap(c)
}

// Recycle makes every factory in this run — this one, its parents' and its
// children's — use the given existing models for relations to their type
// instead of creating new ones: Recycle(users) with a Post factory and a
// Comment child factory attaches all of them to those users. A recycled type
// never gets a new row, however many are needed (Laravel's recycle() still
// creates surplus parents in some chains). Pass models by value or pointer,
// or slices of either.
func (b Factory[T, S]) Recycle(models ...any) S {
	c := b.clone()
	for _, m := range models {
		c.recycle = append(c.recycle, flatten(m)...)
	}
	return c.wrap(c)
}

// modelType is T, for matching a factory against a relation.
func (b Factory[T, S]) modelType() reflect.Type { return reflect.TypeFor[T]() }

// flatten turns a model, a pointer to one, or a slice of either into a list
// of pointers.
func flatten(m any) []any {
	v := reflect.ValueOf(m)
	switch {
	case v.Kind() == reflect.Slice:
		out := make([]any, 0, v.Len())
		for i := range v.Len() {
			out = append(out, flatten(v.Index(i).Interface())...)
		}
		return out
	case v.Kind() == reflect.Pointer:
		return []any{m}
	default:
		p := reflect.New(v.Type())
		p.Elem().Set(v)
		return []any{p.Interface()}
	}
}
