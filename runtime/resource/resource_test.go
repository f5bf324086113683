package resource

import (
	"encoding/json"
	"net/http/httptest"
	"testing"

	"github.com/kilnhq/kiln/runtime/orm"
)

type user struct {
	ID    int64   `json:"id"`
	Email *string `json:"email,omitempty"`
}

type post struct {
	Title    string  `json:"title"`
	Author   *user   `json:"author,omitempty"`
	Comments []user  `json:"comments,omitzero"`
	Secret   *string `json:"secret,omitempty"`
}

func encode(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func showUser(u user) user { return u }

func TestShapes(t *testing.T) {
	author := &user{ID: 7}
	cases := []struct {
		name string
		v    any
		want string
	}{
		{"one record", Wrap(post{Title: "a"}), `{"data":{"title":"a"}}`},
		{"relations only when loaded", Wrap(post{Title: "a", Author: One(author, showUser), Comments: Many([]user{}, showUser)}),
			`{"data":{"title":"a","author":{"id":7},"comments":[]}}`},
		{"relations not loaded", Wrap(post{Title: "a", Author: One[user, user](nil, showUser), Comments: Many[user, user](nil, showUser)}),
			`{"data":{"title":"a"}}`},
		{"conditional field", Wrap([]post{{Title: "a", Secret: When(true, "s")}, {Title: "b", Secret: When(false, "s")}}),
			`{"data":[{"title":"a","secret":"s"},{"title":"b"}]}`},
		{"lazy conditional", user{ID: 1, Email: WhenFunc(false, func() string { panic("computed") })}, `{"id":1}`},
		{"empty list", Wrap(List([]user(nil), showUser)), `{"data":[]}`},
		{"additional", Wrap(user{ID: 1}).Additional(map[string]any{"meta": map[string]int{"v": 2}}).Additional(map[string]any{"a": true}),
			`{"data":{"id":1},"a":true,"meta":{"v":2}}`},
	}
	for _, c := range cases {
		if got := encode(t, c.v); got != c.want {
			t.Errorf("%s: %s, want %s", c.name, got, c.want)
		}
	}
}

func TestWithoutWrapping(t *testing.T) {
	SetWrapping(false)
	t.Cleanup(func() { SetWrapping(true) })
	cases := []struct {
		name string
		v    any
		want string
	}{
		{"one record", Wrap(user{ID: 1}), `{"id":1}`},
		{"list", Wrap([]user{{ID: 1}}), `[{"id":1}]`},
		{"additional keys need the envelope", Wrap(user{ID: 1}).Additional(map[string]any{"v": 2}), `{"data":{"id":1},"v":2}`},
		{"a list with additional keys", Wrap([]int{1}).Additional(map[string]any{"v": 2}), `{"data":[1],"v":2}`},
	}
	for _, c := range cases {
		if got := encode(t, c.v); got != c.want {
			t.Errorf("%s: %s, want %s", c.name, got, c.want)
		}
	}
}

func TestAdditionalCannotReplaceTheData(t *testing.T) {
	for _, key := range []string{"data", "links", "meta"} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("Page.Additional(%q) did not panic", key)
				}
			}()
			Page[int]{}.Additional(map[string]any{key: 1})
		}()
	}
	defer func() {
		if recover() == nil {
			t.Error(`Wrapped.Additional("data") did not panic`)
		}
	}()
	Wrap(1).Additional(map[string]any{"data": 2})
}

func TestPaginate(t *testing.T) {
	r := httptest.NewRequest("GET", "/api/users?page=2&per_page=1000&include=posts", nil)
	page := orm.Page[user]{Items: []user{{ID: 3}, {ID: 4}}, Total: 5, Page: 2, PerPage: 2, LastPage: 3}
	got := encode(t, Paginate(r, page, showUser).Additional(map[string]any{"filters": []string{}}))
	want := `{"data":[{"id":3},{"id":4}],` +
		`"links":{"first":"/api/users?include=posts\u0026page=1\u0026per_page=2","last":"/api/users?include=posts\u0026page=3\u0026per_page=2",` +
		`"prev":"/api/users?include=posts\u0026page=1\u0026per_page=2","next":"/api/users?include=posts\u0026page=3\u0026per_page=2"},` +
		`"meta":{"current_page":2,"from":3,"last_page":3,"path":"/api/users","per_page":2,"to":4,"total":5},"filters":[]}`
	if got != want {
		t.Errorf("page:\n got %s\nwant %s", got, want)
	}

	r = httptest.NewRequest("GET", "/api/users?page=9", nil)
	empty := orm.Page[user]{Items: []user{}, Total: 5, Page: 9, PerPage: 15, LastPage: 1}
	got = encode(t, Paginate(r, empty, showUser))
	want = `{"data":[],"links":{"first":"/api/users?page=1","last":"/api/users?page=1","prev":"/api/users?page=8","next":null},` +
		`"meta":{"current_page":9,"from":null,"last_page":1,"path":"/api/users","per_page":15,"to":null,"total":5}}`
	if got != want {
		t.Errorf("page past the end:\n got %s\nwant %s", got, want)
	}
}
