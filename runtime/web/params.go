package web

import (
	"errors"
	"fmt"
	"math"
	"net/http"
	"strconv"

	"github.com/kilnhq/kiln/runtime/orm"
)

// Page size bounds for PageParams. MaxPerPage stops ?per_page=1000000 from
// turning one request into a full table scan and a huge response.
const (
	DefaultPerPage = orm.DefaultPerPage
	MaxPerPage     = 100
)

// maxPage keeps page*per_page far from overflowing an offset; any page that high
// is past the last one anyway.
const maxPage = math.MaxInt32

// PathID parses the path wildcard name ("id" in /posts/{id}) as a positive integer
// key. Junk, zero, signs and overflow are a 400 naming the value, so a handler can
// return the error as it is. A route without that wildcard is a programming error
// and gives a plain error (500).
func PathID(r *http.Request, name string) (int64, error) {
	s := r.PathValue(name)
	if s == "" {
		return 0, fmt.Errorf("web: PathID: route %q has no {%s} wildcard", r.Pattern, name)
	}
	id, err := strconv.ParseInt(s, 10, 64)
	if err != nil || id < 1 || s[0] == '+' {
		return 0, BadRequest(fmt.Sprintf("invalid %s %q: must be a positive integer", name, s))
	}
	return id, nil
}

// PageParams reads ?page= and ?per_page= for a paginated list. They are forgiving,
// like Laravel's: a missing or unreadable page is 1, a missing or unreadable
// per_page is DefaultPerPage, and per_page is capped at MaxPerPage.
func PageParams(r *http.Request) (page, perPage int) {
	q := r.URL.Query()
	page = queryInt(q.Get("page"), 1, 1, maxPage)
	perPage = queryInt(q.Get("per_page"), DefaultPerPage, 1, MaxPerPage)
	return page, perPage
}

// queryInt parses s, falling back to def when s is not an integer or is below lo,
// and capping it at hi (also when s is too big for an int).
func queryInt(s string, def, lo, hi int) int {
	n, err := strconv.Atoi(s)
	if errors.Is(err, strconv.ErrRange) && n > 0 {
		return hi
	}
	if err != nil || n < lo {
		return def
	}
	return min(n, hi)
}
