package validate_test

import (
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"

	"github.com/kilnhq/kiln/internal/pgtest"
	"github.com/kilnhq/kiln/runtime/db"
	"github.com/kilnhq/kiln/runtime/validate"
	"github.com/kilnhq/kiln/runtime/web"
)

func TestMain(m *testing.M) { os.Exit(pgtest.Main(m)) }

// storePost is a request as kiln make request writes one.
type storePost struct {
	Title    string      `json:"title" validate:"required,max=20"`
	Email    string      `json:"email" validate:"omitempty,email"`
	Views    *int        `json:"views" validate:"required,min=0"`
	Role     string      `json:"role" validate:"omitempty,oneof=admin user"`
	Items    []storeItem `json:"items" validate:"omitempty,dive"`
	AuthorID *int64      `json:"author_id" validate:"omitnil,exists=users.id"`
}

type storeItem struct {
	Qty *int `json:"qty" validate:"required,min=1"`
}

// serve starts an app whose POST /bind answers the bound request as JSON,
// or Bind's error through web.WriteError, as a generated controller does.
func serve[T any](t *testing.T, q db.Querier, opts web.Options) string {
	t.Helper()
	opts.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	r := web.NewRouter()
	r.Use(web.Defaults(opts)...)
	handler := web.Handler(func(w http.ResponseWriter, r *http.Request) error {
		v, err := validate.Bind[T](r, q)
		if err != nil {
			return err
		}
		return web.JSON(w, http.StatusOK, v)
	})
	r.Handle("POST", "/bind", handler)
	r.Handle("PATCH", "/bind/{id}", handler)
	r.Handle("PUT", "/bind/{id}", handler)
	srv := httptest.NewServer(r)
	t.Cleanup(srv.Close)
	return srv.URL
}

// post sends body and returns the status and the response body.
func post(t *testing.T, method, url, contentType, body string) (int, string) {
	t.Helper()
	req, err := http.NewRequest(method, url, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, strings.TrimSuffix(string(b), "\n")
}

// TestBindOverHTTP sends real requests and checks the exact answers: the
// errors map lists fields in the request type's order, as Laravel lists them
// in rule order.
func TestBindOverHTTP(t *testing.T) {
	url := serve[storePost](t, nil, web.Options{MaxBody: 256}) + "/bind"
	const json = "application/json"
	cases := []struct {
		name, contentType, body string
		status                  int
		want                    string
	}{
		{"valid", json, `{"title":"Hi","views":0,"items":[{"qty":2}]}`, 200,
			`{"title":"Hi","email":"","views":0,"role":"","items":[{"qty":2}],"author_id":null}`},
		{"three errors", json, `{"email":"nope","role":"root"}`, 422,
			`{"message":"The title field is required. (and 3 more errors)","errors":{"title":["The title field is required."],"email":["The email field must be a valid email address."],"views":["The views field is required."],"role":["The selected role is invalid."]}}`},
		{"one error", json, `{"title":"Hi"}` + "\n", 422,
			`{"message":"The views field is required.","errors":{"views":["The views field is required."]}}`},
		{"nested", json, `{"title":"Hi","views":1,"items":[{"qty":1},{"qty":0},{}]}`, 422,
			`{"message":"The items.1.qty field must be at least 1. (and 1 more error)","errors":{"items.1.qty":["The items.1.qty field must be at least 1."],"items.2.qty":["The items.2.qty field is required."]}}`},
		{"unknown field", json, `{"title":"Hi","views":1,"admin":true}`, 422,
			`{"message":"The admin field is prohibited.","errors":{"admin":["The admin field is prohibited."]}}`},
		{"unknown nested field", json, `{"title":"Hi","views":1,"items":[{"qty":1},{"qty":1,"price":3}]}`, 422,
			`{"message":"The items.1.price field is prohibited.","errors":{"items.1.price":["The items.1.price field is prohibited."]}}`},
		{"wrong types", json, `{"title":7,"views":"many","items":[{"qty":1.5}]}`, 422,
			`{"message":"The title field must be a string. (and 2 more errors)","errors":{"title":["The title field must be a string."],"views":["The views field must be an integer."],"items.0.qty":["The items.0.qty field must be an integer."]}}`},
		{"not an array", json, `{"title":"Hi","views":1,"items":{"qty":1}}`, 422,
			`{"message":"The items field must be an array.","errors":{"items":["The items field must be an array."]}}`},
		{"case-insensitive keys", json, `{"Title":"Hi","VIEWS":3}`, 200,
			`{"title":"Hi","email":"","views":3,"role":"","items":null,"author_id":null}`},
		{"malformed", json, `{"title":`, 400, `{"message":"malformed JSON: unexpected end of input"}`},
		{"empty", json, ``, 400, `{"message":"request body is empty: send a JSON value"}`},
		{"array body", json, `[1]`, 400, `{"message":"request body must be a JSON object"}`},
		{"null body", json, `null`, 400, `{"message":"request body must be a JSON object"}`},
		{"a key sent twice", json, `{"title":1,"title":2,"views":1}`, 422, `{"message":"The title field must be a string.","errors":{"title":["The title field must be a string."]}}`},
		{"null body with spaces", json, " null \n", 400, `{"message":"request body must be a JSON object"}`},
		{"trailing data", json, `{"title":"Hi","views":1} {}`, 400, `{"message":"unexpected data after the JSON value at line 1, column 26"}`},
		{"not JSON", "text/plain", `{}`, 415, `{"message":"unsupported Content-Type \"text/plain\": send application/json"}`},
		{"too large", json, `{"title":"` + strings.Repeat("a", 300) + `"}`, 413, `{"message":"request body too large: the limit is 256 bytes"}`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			status, body := post(t, "POST", url, c.contentType, c.body)
			if status != c.status || body != c.want {
				t.Errorf("got %d %s\nwant %d %s", status, body, c.status, c.want)
			}
		})
	}
}

// updatePost shows the two update helpers: Sent tells null from absent, and
// IgnoreRow names the row unique rules skip.
type updatePost struct {
	validate.Sent
	Title *string `json:"title" validate:"omitnil,notblank"`
	Body  *string `json:"body"`
}

func (updatePost) IgnoreRow(r *http.Request) (validate.Row, error) {
	id, err := web.PathID(r, "id")
	return validate.Row{Table: "posts", ID: id}, err
}

// TestSentAndIgnoreRow: keys sent (even as null) are recorded; a bad id in
// the path is the error IgnoreRow returns.
func TestSentAndIgnoreRow(t *testing.T) {
	url := serve[sentEcho](t, nil, web.Options{}) + "/bind/1"
	status, body := post(t, "PATCH", url, "application/json", `{"body":null, "Title" : "x"}`)
	if status != 200 || body != `{"title":"x","body":null,"sent_body":true,"sent_title":true}` {
		t.Errorf("got %d %s", status, body)
	}
	status, body = post(t, "PATCH", url, "application/json", `{}`)
	if status != 200 || body != `{"title":null,"body":null,"sent_body":false,"sent_title":false}` {
		t.Errorf("got %d %s", status, body)
	}
	status, body = post(t, "PATCH", strings.TrimSuffix(url, "1")+"x", "application/json", `{}`)
	if status != 400 || body != `{"message":"invalid id \"x\": must be a positive integer"}` {
		t.Errorf("bad id: got %d %s", status, body)
	}
}

// sentEcho answers what Sent recorded, so the test can see it over HTTP.
type sentEcho struct{ updatePost }

func (e sentEcho) MarshalJSON() ([]byte, error) {
	s := func(p *string) string {
		if p == nil {
			return "null"
		}
		return `"` + *p + `"`
	}
	b := func(v bool) string {
		if v {
			return "true"
		}
		return "false"
	}
	return []byte(`{"title":` + s(e.Title) + `,"body":` + s(e.Body) +
		`,"sent_body":` + b(e.Sent.Has("body")) + `,"sent_title":` + b(e.Sent.Has("title")) + `}`), nil
}
