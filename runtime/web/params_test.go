package web_test

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/kilnhq/kiln/runtime/web"
)

func TestPathID(t *testing.T) {
	url, _ := newApp(t, web.Options{}, func(r *web.Router) {
		show := web.Handler(func(w http.ResponseWriter, r *http.Request) error {
			id, err := web.PathID(r, "id")
			if err != nil {
				return err
			}
			return web.JSON(w, http.StatusOK, id)
		})
		r.Handle("GET", "/posts/{id}", show)
		r.Handle("GET", "/oops/{post}", show) // the wrong wildcard name: a bug, not bad input
	})
	if resp := send(t, "GET", url+"/posts/9223372036854775807", nil); resp.status != 200 || resp.body != "9223372036854775807\n" {
		t.Errorf("max id: %d %s", resp.status, resp.body)
	}
	for _, junk := range []string{"abc", "0", "-1", "+7", "7x", "1e3", "9223372036854775808", "%20"} {
		resp := send(t, "GET", url+"/posts/"+junk, nil)
		want := `invalid id "` + junk + `": must be a positive integer`
		if junk == "%20" {
			want = `invalid id " ": must be a positive integer`
		}
		if got := message(t, resp); resp.status != 400 || got != want {
			t.Errorf("%s: got %d %q, want 400 %q", junk, resp.status, got, want)
		}
	}
	if resp := send(t, "GET", url+"/oops/1", nil); resp.status != 500 {
		t.Errorf("wrong wildcard: got %d %s, want 500", resp.status, resp.body)
	}
}

func TestPageParams(t *testing.T) {
	cases := []struct {
		query         string
		page, perPage int
	}{
		{"", 1, web.DefaultPerPage},
		{"page=3&per_page=20", 3, 20},
		{"page=0&per_page=0", 1, web.DefaultPerPage},
		{"page=-2&per_page=-5", 1, web.DefaultPerPage},
		{"page=two&per_page=lots", 1, web.DefaultPerPage},
		{"per_page=1000", 1, web.MaxPerPage},
		{"page=99999999999999999999999", 2147483647, web.DefaultPerPage},
		{"page=2.5", 1, web.DefaultPerPage},
	}
	for _, tc := range cases {
		page, perPage := web.PageParams(httptest.NewRequest("GET", "/posts?"+tc.query, nil))
		if page != tc.page || perPage != tc.perPage {
			t.Errorf("?%s: page %d per_page %d, want %d %d", tc.query, page, perPage, tc.page, tc.perPage)
		}
	}
	if web.DefaultPerPage != 15 || web.MaxPerPage != 100 {
		t.Errorf("bounds %d %d", web.DefaultPerPage, web.MaxPerPage)
	}
}
