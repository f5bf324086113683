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
// resources, and the helpers here wrap them the way Laravel does, so clients
// written for a Laravel API work unchanged.
package resources

import (
	"net/http"
	"strconv"

	"github.com/kilnhq/kiln/runtime/orm"
)

// Wrapped is a response body wrapped in {"data": …}. Single records, lists and
// pages all put their payload under "data", so a client reads every response
// the same way and top-level keys can be added later without breaking it.
type Wrapped[T any] struct {
	Data T ` + "`json:\"data\"`" + `
}

// Wrap wraps v in {"data": …}.
func Wrap[T any](v T) Wrapped[T] { return Wrapped[T]{Data: v} }

// Page is one page of a list in Laravel's paginated shape.
type Page[T any] struct {
	Data  []T       ` + "`json:\"data\"`" + `
	Links PageLinks ` + "`json:\"links\"`" + `
	Meta  PageMeta  ` + "`json:\"meta\"`" + `
}

// PageLinks link to the first, last, previous and next pages; Prev and Next
// are null at the ends.
type PageLinks struct {
	First string  ` + "`json:\"first\"`" + `
	Last  string  ` + "`json:\"last\"`" + `
	Prev  *string ` + "`json:\"prev\"`" + `
	Next  *string ` + "`json:\"next\"`" + `
}

// PageMeta describes the page. From and To number its first and last rows
// (from 1) and are null when the page is empty.
type PageMeta struct {
	CurrentPage int    ` + "`json:\"current_page\"`" + `
	From        *int64 ` + "`json:\"from\"`" + `
	LastPage    int    ` + "`json:\"last_page\"`" + `
	Path        string ` + "`json:\"path\"`" + `
	PerPage     int    ` + "`json:\"per_page\"`" + `
	To          *int64 ` + "`json:\"to\"`" + `
	Total       int64  ` + "`json:\"total\"`" + `
}

// Paginate shows a page of models as a Page of resources, converting each
// with show. Its links keep the request's other query parameters (per_page,
// include, filters), so following them asks for the same list.
func Paginate[M, R any](r *http.Request, page orm.Page[M], show func(M) R) Page[R] {
	meta := PageMeta{
		CurrentPage: page.Page, LastPage: page.LastPage, Path: r.URL.Path,
		PerPage: page.PerPage, Total: page.Total,
	}
	if n := len(page.Items); n > 0 {
		from := int64(page.Page-1)*int64(page.PerPage) + 1
		to := from + int64(n) - 1
		meta.From, meta.To = &from, &to
	}
	return Page[R]{Data: List(page.Items, show), Links: pageLinks(r, page.Page, page.LastPage), Meta: meta}
}

// pageLinks links the pages around page.
func pageLinks(r *http.Request, page, last int) PageLinks {
	links := PageLinks{First: pageURL(r, 1), Last: pageURL(r, last)}
	if page > 1 {
		prev := pageURL(r, page-1)
		links.Prev = &prev
	}
	if page < last {
		next := pageURL(r, page+1)
		links.Next = &next
	}
	return links
}

// pageURL is the request's path and query with page set to n. It is relative
// to the server: the Host header is the client's to choose, and behind a proxy
// the app does not know its public address.
func pageURL(r *http.Request, n int) string {
	q := r.URL.Query()
	q.Set("page", strconv.Itoa(n))
	return r.URL.Path + "?" + q.Encode()
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

// Many shows a to-many relation: nil (not loaded, so left out of the JSON)
// stays nil, and a loaded relation with no rows is [].
func Many[M, R any](items []M, show func(M) R) []R {
	if items == nil {
		return nil
	}
	return List(items, show)
}

// One shows a to-one relation: nil when it was not loaded (or there is no
// related row), so the key is left out of the JSON.
func One[M, R any](m *M, show func(M) R) *R {
	if m == nil {
		return nil
	}
	r := show(*m)
	return &r
}
`
