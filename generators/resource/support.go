package resource

import "github.com/kilnhq/kiln/generators/plan"

// SupportPath is the file with the helpers every resource uses.
const SupportPath = Dir + "/resources.go"

// Support returns the plan that writes SupportPath: the response envelopes
// ({"data": …} and Laravel's paginated shape) and the conversion helpers
// generated resources call. It is one file per app, not part of each resource's
// plan, so that destroying one resource cannot remove what the others need and
// a user's edit to it never blocks `kiln make resource`: kiln new writes it,
// and a command plans it only when it is missing.
func Support() plan.Plan {
	var p plan.Plan
	p.Add(SupportPath, []byte(supportSource))
	return p
}

// supportSource is SupportPath's content. It depends on nothing in the app, so
// it is the same in every app.
const supportSource = `// Package resources shapes the app's JSON responses: one <Model>Resource type
// per model says which fields the API shows and how, like Laravel's API
// resources, so clients written for a Laravel API work unchanged.
//
// The envelopes and helpers come from runtime/resource; the names below let
// the resources and controllers here use them unqualified, and are the one
// place to change how the whole app shows its records. There, too:
// resource.SetWrapping(false) (at start-up) drops the {"data": …} envelope of
// single records and lists, Wrap(v).Additional(…) adds top-level keys beside
// "data", and When(cond, v) shows a field (a pointer with omitempty) only when
// cond holds.
package resources

import (
	"net/http"

	"github.com/kilnhq/kiln/runtime/orm"
	"github.com/kilnhq/kiln/runtime/resource"
)

// Wrapped is a response body: {"data": …}, with any Additional keys beside it.
type Wrapped[T any] = resource.Wrapped[T]

// Page is one page of a list in Laravel's paginated shape: {"data": [...],
// "links": {...}, "meta": {...}}.
type Page[T any] = resource.Page[T]

// Wrap makes v a response body, {"data": v}.
func Wrap[T any](v T) Wrapped[T] { return resource.Wrap(v) }

// Paginate shows a page of models as a Page of resources, converting each
// with show; its links keep the request's other query parameters.
func Paginate[M, R any](r *http.Request, page orm.Page[M], show func(M) R) Page[R] {
	return resource.Paginate(r, page, show)
}

// List shows every model with show; never nil, so an empty list is [].
func List[M, R any](items []M, show func(M) R) []R { return resource.List(items, show) }

// Many shows a to-many relation only when it was loaded: nil stays nil and is
// left out of the JSON (omitzero); a loaded relation with no rows is [].
func Many[M, R any](items []M, show func(M) R) []R { return resource.Many(items, show) }

// One shows a to-one relation only when it was loaded: nil, and its omitempty
// key left out, when it was not.
func One[M, R any](m *M, show func(M) R) *R { return resource.One(m, show) }

// When returns &v when cond holds, else nil: a pointer field with omitempty
// then appears only when cond holds (Laravel's $this->when()).
func When[T any](cond bool, v T) *T { return resource.When(cond, v) }
`
