package orm

import "context"

// DefaultPerPage is the page size Paginate uses when asked for less than one
// row per page.
const DefaultPerPage = 15

// Page is one page of a query's results, shaped for JSON APIs.
type Page[T any] struct {
	Items    []T   `json:"items"` // never nil, so it encodes as []
	Total    int64 `json:"total"` // rows matching the query, on all pages
	Page     int   `json:"page"`  // 1-based
	PerPage  int   `json:"per_page"`
	LastPage int   `json:"last_page"` // at least 1, even with no rows
}

// Paginate returns page (1-based) of the query's rows, perPage per page,
// ordered by primary key unless OrderBy was called. A page below 1 is page
// 1 and perPage below 1 is DefaultPerPage, because both usually come from a
// request's query string; a page past the last has no items. It runs a
// count and, when the page has rows, the select (plus one query per With
// relation).
func (b *Builder[T]) Paginate(ctx context.Context, page, perPage int) (Page[T], error) {
	page = max(page, 1)
	if perPage < 1 {
		perPage = DefaultPerPage
	}
	total, err := b.Count(ctx)
	if err != nil {
		return Page[T]{}, err
	}
	p := Page[T]{Items: []T{}, Total: total, Page: page, PerPage: perPage, LastPage: lastPage(total, perPage)}
	offset := int64(page-1) * int64(perPage)
	if offset >= total {
		return p, nil
	}
	q := b.Clone()
	q.defaultOrder()
	q.limit, q.offset = perPage, int(offset)
	if p.Items, err = q.Get(ctx); err != nil {
		return Page[T]{}, err
	}
	return p, nil
}

// lastPage is the number of pages total rows fill, at least 1.
func lastPage(total int64, perPage int) int {
	return int(max(1, (total+int64(perPage)-1)/int64(perPage)))
}
