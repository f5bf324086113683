package resource

import (
	"encoding/json"
	"net/http"
	"strconv"

	"github.com/kilnhq/kiln/runtime/orm"
)

// Page is one page of a list in Laravel's paginated shape, with any
// Additional keys beside data, links and meta.
type Page[T any] struct {
	Data       []T       `json:"data"`
	Links      PageLinks `json:"links"`
	Meta       PageMeta  `json:"meta"`
	additional map[string]any
}

// PageLinks link to the first, last, previous and next pages; Prev and Next
// are null at the ends.
type PageLinks struct {
	First string  `json:"first"`
	Last  string  `json:"last"`
	Prev  *string `json:"prev"`
	Next  *string `json:"next"`
}

// PageMeta describes the page. From and To number its first and last rows
// (from 1) and are null when the page is empty.
type PageMeta struct {
	CurrentPage int    `json:"current_page"`
	From        *int64 `json:"from"`
	LastPage    int    `json:"last_page"`
	Path        string `json:"path"`
	PerPage     int    `json:"per_page"`
	To          *int64 `json:"to"`
	Total       int64  `json:"total"`
}

// Additional returns p with extra top-level keys beside data, links and
// meta. A key named data, links or meta is refused.
func (p Page[T]) Additional(extra map[string]any) Page[T] {
	for _, k := range []string{"links", "meta"} {
		if _, ok := extra[k]; ok {
			panic("resource: Additional cannot set " + strconv.Quote(k))
		}
	}
	p.additional = merged(p.additional, extra)
	return p
}

// MarshalJSON writes the page with its additional keys.
func (p Page[T]) MarshalJSON() ([]byte, error) {
	type plain Page[T] // without this method
	b, err := json.Marshal(plain(p))
	if err != nil {
		return nil, err
	}
	return withKeys(b, p.additional)
}

// Paginate shows a page of models as a Page of resources, converting each
// with show. Its links keep the request's other query parameters (include,
// filters), so following them asks for the same list, with the page size
// actually used.
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
	return Page[R]{Data: List(page.Items, show), Links: pageLinks(r, page), Meta: meta}
}

// pageLinks links the pages around page.
func pageLinks[M any](r *http.Request, page orm.Page[M]) PageLinks {
	url := func(n int) string { return pageURL(r, n, page.PerPage) }
	links := PageLinks{First: url(1), Last: url(page.LastPage)}
	if page.Page > 1 {
		prev := url(page.Page - 1)
		links.Prev = &prev
	}
	if page.Page < page.LastPage {
		next := url(page.Page + 1)
		links.Next = &next
	}
	return links
}

// pageURL is the request's path and query with page set to n, and per_page,
// when the request gave one, to the size used (a request for 1000 per page
// got 100, and per_page=abc the default). It is relative to the server: the
// Host header is the client's to choose, and behind a proxy the app does not
// know its public address.
func pageURL(r *http.Request, n, perPage int) string {
	q := r.URL.Query()
	q.Set("page", strconv.Itoa(n))
	if q.Has("per_page") {
		q.Set("per_page", strconv.Itoa(perPage))
	}
	return r.URL.Path + "?" + q.Encode()
}
