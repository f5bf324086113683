// Package resource shapes a generated app's JSON responses the way Laravel's
// API resources do, so clients written for a Laravel API work unchanged:
// one record as {"data": {…}}, a list as {"data": […]}, a page as
// {"data": […], "links": {…}, "meta": {…}}, relations only when loaded,
// fields only when a condition holds, and extra top-level keys beside
// "data" (Additional). SetWrapping(false) drops the {"data": …} envelope of
// single records and lists without additional keys, as
// JsonResource::withoutWrapping() does.
//
// An app's app/http/resources package defines one <Model>Resource type per
// model (which fields the API shows, and how) and uses these helpers through
// the short names in its resources.go.
package resource

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"sync/atomic"
)

// unwrapped is the opposite of the wrapping setting, so the zero value wraps.
var unwrapped atomic.Bool

// SetWrapping turns the {"data": …} envelope of Wrap's responses on (the
// default) or off for the whole app; call it at start-up. Pages keep their
// envelope either way: their links and meta need a place beside the data.
func SetWrapping(on bool) { unwrapped.Store(!on) }

// Wrapping reports whether Wrap's responses are wrapped in {"data": …}.
func Wrapping() bool { return !unwrapped.Load() }

// Wrapped is a response body: Data, wrapped in {"data": …} unless wrapping
// is off, with any Additional keys beside it.
type Wrapped[T any] struct {
	Data       T
	additional map[string]any
}

// Wrap makes v a response body.
func Wrap[T any](v T) Wrapped[T] { return Wrapped[T]{Data: v} }

// Additional returns w with extra top-level keys beside "data", as Laravel's
// additional(): Wrap(post).Additional(map[string]any{"meta": …}). A key
// named "data" is refused: the data has that place.
func (w Wrapped[T]) Additional(extra map[string]any) Wrapped[T] {
	w.additional = merged(w.additional, extra)
	return w
}

// MarshalJSON writes {"data": …, <additional keys>}; without wrapping it
// writes the data alone, unless there are additional keys, which need the
// envelope (as in Laravel, whose unwrapped resources are wrapped again when
// they carry additional data).
func (w Wrapped[T]) MarshalJSON() ([]byte, error) {
	if !Wrapping() && len(w.additional) == 0 {
		return json.Marshal(w.Data)
	}
	wrapped, err := json.Marshal(struct {
		Data T `json:"data"`
	}{w.Data})
	if err != nil {
		return nil, err
	}
	return withKeys(wrapped, w.additional)
}

// merged returns a copy of base with extra's keys added; it panics on a key
// named "data", a programming error that would silently replace the data.
func merged(base, extra map[string]any) map[string]any {
	if _, ok := extra["data"]; ok {
		panic(`resource: Additional cannot set "data"`)
	}
	out := maps.Clone(base)
	if out == nil {
		out = make(map[string]any, len(extra))
	}
	maps.Copy(out, extra)
	return out
}

// withKeys appends keys, in sorted order, to the JSON object obj.
func withKeys(obj []byte, keys map[string]any) ([]byte, error) {
	if len(keys) == 0 {
		return obj, nil
	}
	var b bytes.Buffer
	b.Write(obj[:len(obj)-1]) // without its closing brace
	sep := ","
	if bytes.Equal(bytes.TrimSpace(obj), []byte("{}")) {
		sep = ""
	}
	for _, k := range slices.Sorted(maps.Keys(keys)) {
		name, _ := json.Marshal(k)
		value, err := json.Marshal(keys[k])
		if err != nil {
			return nil, fmt.Errorf("resource: additional key %s: %w", name, err)
		}
		b.WriteString(sep)
		b.Write(name)
		b.WriteByte(':')
		b.Write(value)
		sep = ","
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// When returns &v when cond holds, else nil: a field declared as a pointer
// with omitempty (`json:"email,omitempty"`) then appears only when cond
// holds, as with Laravel's $this->when().
func When[T any](cond bool, v T) *T {
	if !cond {
		return nil
	}
	return &v
}

// WhenFunc is When for a value that costs something to compute: value runs
// only when cond holds.
func WhenFunc[T any](cond bool, value func() T) *T {
	if !cond {
		return nil
	}
	v := value()
	return &v
}

// List shows every model with show. The result is never nil, so an empty
// list is [] in JSON, not null.
func List[M, R any](items []M, show func(M) R) []R {
	out := make([]R, len(items))
	for i, m := range items {
		out[i] = show(m)
	}
	return out
}

// Many shows a to-many relation only when it was loaded (Laravel's
// whenLoaded): nil, not loaded, stays nil and is left out of the JSON by
// omitzero; a loaded relation with no rows is [].
func Many[M, R any](items []M, show func(M) R) []R {
	if items == nil {
		return nil
	}
	return List(items, show)
}

// One shows a to-one relation only when it was loaded: nil when it was not
// (or there is no related row), so an omitempty key is left out.
func One[M, R any](m *M, show func(M) R) *R {
	if m == nil {
		return nil
	}
	r := show(*m)
	return &r
}
