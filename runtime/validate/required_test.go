package validate_test

import (
	"testing"

	"github.com/kilnhq/kiln/runtime/validate"
	"github.com/kilnhq/kiln/runtime/web"
)

// replacePost is an update request as kiln generates one for a model whose
// title and views are NOT NULL without a default, and whose subtitle is
// nullable.
type replacePost struct {
	validate.Sent
	Title    *string `json:"title" validate:"omitnil,notblank,max=20"`
	Subtitle *string `json:"subtitle" validate:"omitnil,max=20"`
	Views    *int    `json:"views" validate:"omitnil,min=0"`
}

func (replacePost) Required() []string { return []string{"title", "views"} }

// A PUT replaces the record, so it must send every required field; a PATCH
// may leave any out; neither may send one as null. The misses are reported
// with the other failed rules, in field order.
func TestRequiredOnPutAndNull(t *testing.T) {
	url := serve[replacePost](t, nil, web.Options{}) + "/bind/1"
	const json = "application/json"
	cases := []struct {
		method, body string
		status       int
		want         string
	}{
		{"PATCH", `{"subtitle":null}`, 200, `{"title":null,"subtitle":null,"views":null}`},
		{"PATCH", `{"title":null}`, 422, `{"message":"The title field is required.","errors":{"title":["The title field is required."]}}`},
		{"PUT", `{"title":"T","views":1}`, 200, `{"title":"T","subtitle":null,"views":1}`},
		{"PUT", `{"Title":"T","views":1}`, 200, `{"title":"T","subtitle":null,"views":1}`},
		// The member encoding/json decodes is the last that matches, in any case.
		{"PUT", `{"title":"x","TITLE":null,"views":1}`, 422, `{"message":"The title field is required.","errors":{"title":["The title field is required."]}}`},
		{"PUT", `{"title":null,"Title":"new","views":1}`, 200, `{"title":"new","subtitle":null,"views":1}`},
		{"PUT", `{"title":"T"}`, 422, `{"message":"The views field is required.","errors":{"views":["The views field is required."]}}`},
		{"PUT", `{"subtitle":"this subtitle is far too long"}`, 422,
			`{"message":"The title field is required. (and 2 more errors)","errors":{"title":["The title field is required."],"subtitle":["The subtitle field must not be greater than 20 characters."],"views":["The views field is required."]}}`},
		{"PUT", `{"title":"this title is far too long","views":null}`, 422,
			`{"message":"The title field must not be greater than 20 characters. (and 1 more error)","errors":{"title":["The title field must not be greater than 20 characters."],"views":["The views field is required."]}}`},
	}
	for _, c := range cases {
		status, body := post(t, c.method, url, json, c.body)
		if status != c.status || body != c.want {
			t.Errorf("%s %s:\n got %d %s\nwant %d %s", c.method, c.body, status, body, c.status, c.want)
		}
	}
}

// patchItem has fields that may be left out but not nulled: NOT NULL columns
// with a default, as kiln generates NotNull for.
type patchItem struct {
	Name   *string `json:"name" validate:"omitnil,max=20"`
	Qty    *int    `json:"qty" validate:"omitnil,min=0"`
	Active *bool   `json:"active"`
}

func (patchItem) NotNull() []string { return []string{"qty", "active"} }

// A null for a NotNull field is refused, by any method: decoded it is the
// same nil as a field left out, which would be silently ignored.
func TestNotNullRefusesNull(t *testing.T) {
	url := serve[patchItem](t, nil, web.Options{}) + "/bind/1"
	cases := []struct {
		method, body string
		status       int
		want         string
	}{
		{"PATCH", `{}`, 200, `{"name":null,"qty":null,"active":null}`},
		{"PATCH", `{"name":null,"qty":2}`, 200, `{"name":null,"qty":2,"active":null}`},
		{"PATCH", `{"qty":null}`, 422, `{"message":"The qty field must have a value.","errors":{"qty":["The qty field must have a value."]}}`},
		{"PUT", `{"active":null,"qty":-1}`, 422,
			`{"message":"The qty field must be at least 0. (and 1 more error)","errors":{"qty":["The qty field must be at least 0."],"active":["The active field must have a value."]}}`},
	}
	for _, c := range cases {
		status, body := post(t, c.method, url, "application/json", c.body)
		if status != c.status || body != c.want {
			t.Errorf("%s %s:\n got %d %s\nwant %d %s", c.method, c.body, status, body, c.status, c.want)
		}
	}
}
