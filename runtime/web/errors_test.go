package web_test

import (
	"context"
	"errors"
	"fmt"
	"math"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/kilnhq/kiln/runtime/db"
	"github.com/kilnhq/kiln/runtime/orm"
	"github.com/kilnhq/kiln/runtime/web"
)

// errorCase is an error a handler returns and the answer it must get.
type errorCase struct {
	name   string
	method string // default GET
	err    error
	status int
	body   string // exact, without the trailing newline
	header [2]string
}

var errorCases = []errorCase{
	{name: "400", err: web.BadRequest("bad input"), status: 400, body: `{"message":"bad input"}`},
	{name: "401", err: web.Unauthorized(""), status: 401, body: `{"message":"unauthorized"}`},
	{name: "403", err: web.Forbidden("not yours"), status: 403, body: `{"message":"not yours"}`},
	{name: "404", err: web.NotFound(""), status: 404, body: `{"message":"not found"}`},
	{name: "405", err: web.MethodNotAllowed("GET", "POST"), status: 405,
		body: `{"message":"method not allowed"}`, header: [2]string{"Allow", "GET, POST"}},
	{name: "409", err: web.Conflict("already published"), status: 409, body: `{"message":"already published"}`},
	{name: "413", err: web.TooLarge(1 << 20), status: 413, body: `{"message":"request body too large: the limit is 1 MiB"}`},
	{name: "415", err: web.UnsupportedMediaType(""), status: 415, body: `{"message":"unsupported media type"}`},
	{name: "422", err: web.Unprocessable("", map[string][]string{
		"title": {"The title field is required."}, "body": {"The body is too short.", "The body is dull."}}),
		status: 422, body: `{"message":"The body is too short. (and 2 more errors)","errors":{"body":["The body is too short.","The body is dull."],"title":["The title field is required."]}}`},
	{name: "422 in the validator's order", err: func() error {
		e := web.Unprocessable("The title field is required.", map[string][]string{
			"zeta": {"z"}, "body": {"b"}, "title": {"t"}, "alpha": {"a"}})
		e.Order = []string{"title", "slug", "body", "title"} // slug has no errors; title twice
		return e
	}(), status: 422, body: `{"message":"The title field is required.","errors":{"title":["t"],"body":["b"],"alpha":["a"],"zeta":["z"]}}`},
	{name: "429", err: web.TooManyRequests("").WithRetryAfter(1500 * time.Millisecond), status: 429,
		body: `{"message":"too many requests"}`, header: [2]string{"Retry-After", "2"}},
	{name: "500", err: web.Internal(errors.New("disk on fire")), status: 500, body: `{"message":"internal server error"}`},
	{name: "503", err: web.Unavailable("down for maintenance").WithRetryAfter(time.Minute), status: 503,
		body: `{"message":"down for maintenance"}`, header: [2]string{"Retry-After", "60"}},
	{name: "wrapped *Error", err: fmt.Errorf("update: %w", web.Forbidden("")), status: 403, body: `{"message":"forbidden"}`},

	{name: "orm not found", err: fmt.Errorf("show: %w", &orm.NotFoundError{Model: "Post", Key: int64(7)}),
		status: 404, body: `{"message":"post 7 not found"}`},
	{name: "orm not found, two words", err: &orm.NotFoundError{Model: "BlogPost"}, status: 404, body: `{"message":"blog post not found"}`},
	{name: "bare ErrNotFound", err: orm.ErrNotFound, status: 404, body: `{"message":"not found"}`},
	{name: "unknown column", err: fmt.Errorf("orm: %w %q in table posts", orm.ErrUnknownColumn, "titel"),
		status: 400, body: `{"message":"unknown column \"titel\""}`},

	{name: "unique", err: &db.ConstraintError{Kind: db.Unique, Table: "users", Column: "email"},
		status: 409, body: `{"message":"the email has already been taken"}`},
	{name: "unique, no column", err: &db.ConstraintError{Kind: db.Unique},
		status: 409, body: `{"message":"the record conflicts with an existing one"}`},
	{name: "foreign key", method: "POST", err: &db.ConstraintError{Kind: db.ForeignKey, Column: "author_id"}, status: 422,
		body: `{"message":"The selected author id is invalid.","errors":{"author_id":["The selected author id is invalid."]}}`},
	{name: "foreign key, no column", method: "POST", err: &db.ConstraintError{Kind: db.ForeignKey},
		status: 422, body: `{"message":"A related record does not exist."}`},
	{name: "foreign key on delete", method: "DELETE", err: &db.ConstraintError{Kind: db.ForeignKey, Column: "id"},
		status: 409, body: `{"message":"the record is still referenced by other records"}`},
	{name: "not null", method: "PUT", err: &db.ConstraintError{Kind: db.NotNull, Table: "posts", Column: "title"}, status: 422,
		body: `{"message":"The title field is required.","errors":{"title":["The title field is required."]}}`},
	{name: "check", method: "PATCH", err: &db.ConstraintError{Kind: db.Check, Column: "price"}, status: 422,
		body: `{"message":"The price field is invalid.","errors":{"price":["The price field is invalid."]}}`},
	{name: "check, no column", err: &db.ConstraintError{Kind: db.Check}, status: 422, body: `{"message":"The given data was invalid."}`},
	{name: "a value the column cannot hold", method: "POST", err: &db.ConstraintError{Kind: db.InvalidValue}, status: 422, body: `{"message":"The given data was invalid."}`},

	{name: "body read past limit", err: fmt.Errorf("read: %w", &http.MaxBytesError{Limit: 10}),
		status: 413, body: `{"message":"request body too large: the limit is 10 bytes"}`},
	{name: "deadline", err: fmt.Errorf("query: %w", context.DeadlineExceeded), status: 503, body: `{"message":"request timed out"}`},
	{name: "anything else", err: errors.New(`pq: syntax error at or near "SELECT secret FROM users"`),
		status: 500, body: `{"message":"internal server error"}`},
}

// errorApp serves every errorCase at /e/{n} for every method.
func errorApp(t *testing.T, o web.Options) (string, *logs) {
	return newApp(t, o, func(r *web.Router) {
		for _, m := range []string{"GET", "POST", "PUT", "PATCH", "DELETE"} {
			r.Handle(m, "/e/{n}", web.Handler(func(w http.ResponseWriter, r *http.Request) error {
				n, _ := strconv.Atoi(r.PathValue("n"))
				return errorCases[n].err
			}))
		}
	})
}

func TestWriteErrorMapsEveryStatus(t *testing.T) {
	url, logs := errorApp(t, web.Options{})
	for i, tc := range errorCases {
		t.Run(tc.name, func(t *testing.T) {
			method := tc.method
			if method == "" {
				method = "GET"
			}
			resp := send(t, method, fmt.Sprintf("%s/e/%d", url, i), nil)
			message(t, resp) // the shape
			if resp.status != tc.status || resp.body != tc.body+"\n" {
				t.Errorf("got %d %s\nwant %d %s", resp.status, resp.body, tc.status, tc.body)
			}
			if h := tc.header; h[0] != "" && resp.header.Get(h[0]) != h[1] {
				t.Errorf("%s = %q, want %q", h[0], resp.header.Get(h[0]), h[1])
			}
		})
	}
	// The operator, unlike the client, learns what went wrong, with the request id.
	rec := logs.waitFor(t, "request failed", fmt.Sprintf("/e/%d", len(errorCases)-1))
	if !strings.Contains(fmt.Sprint(rec["err"]), "SELECT secret") || rec["status"] != 500.0 || rec["request_id"] == "" {
		t.Errorf("5xx log record = %v", rec)
	}
	if got := logs.lines(t, "request failed"); len(got) != 4 { // 500, 503, 503 (deadline), 500
		t.Errorf("logged %d failures, want the four 5xx:\n%v", len(got), got)
	}
}

func TestDebugPutsTheCauseOf500sInTheBody(t *testing.T) {
	last := len(errorCases) - 1
	url, _ := errorApp(t, web.Options{Debug: true})
	resp := send(t, "GET", fmt.Sprintf("%s/e/%d", url, last), nil)
	want := `{"message":"internal server error","error":"pq: syntax error at or near \"SELECT secret FROM users\""}` + "\n"
	if resp.status != 500 || resp.body != want {
		t.Errorf("got %d %s, want %s", resp.status, resp.body, want)
	}
	// A 4xx has no cause worth showing and gets no "error" even in debug.
	if resp := send(t, "GET", url+"/e/0", nil); resp.body != `{"message":"bad input"}`+"\n" {
		t.Errorf("400 in debug = %s", resp.body)
	}
}

func TestWriteErrorOutsideTheStackReadsAPP_DEBUG(t *testing.T) {
	r := web.NewRouter() // no Defaults: WriteError falls back to the environment
	r.Handle("GET", "/boom", web.Handler(func(http.ResponseWriter, *http.Request) error {
		return errors.New("secret detail")
	}))
	url := serve(t, r)
	t.Setenv("APP_DEBUG", "")
	if resp := send(t, "GET", url+"/boom", nil); resp.body != `{"message":"internal server error"}`+"\n" {
		t.Errorf("without APP_DEBUG: %s", resp.body)
	}
	t.Setenv("APP_DEBUG", "true")
	if resp := send(t, "GET", url+"/boom", nil); !strings.Contains(resp.body, `"error":"secret detail"`) {
		t.Errorf("with APP_DEBUG=true: %s", resp.body)
	}
}

func TestClientGoneIs499WithoutBody(t *testing.T) {
	started := make(chan struct{})
	url, logs := newApp(t, web.Options{}, func(r *web.Router) {
		r.Handle("GET", "/slow", web.Handler(func(w http.ResponseWriter, r *http.Request) error {
			close(started)
			<-r.Context().Done()
			return fmt.Errorf("query: %w", r.Context().Err())
		}))
	})
	ctx, cancel := context.WithCancel(context.Background())
	req, _ := http.NewRequestWithContext(ctx, "GET", url+"/slow", nil)
	go func() { <-started; cancel() }()
	if resp, err := http.DefaultClient.Do(req); err == nil {
		resp.Body.Close()
		t.Fatal("request succeeded after cancel")
	}
	if rec := logs.waitFor(t, "request", "/slow"); rec["status"] != 499.0 || rec["bytes"] != 0.0 {
		t.Errorf("access log = %v, want status 499 and no bytes", rec)
	}
	if got := logs.lines(t, "request failed"); len(got) != 0 {
		t.Errorf("a client going away is not a server failure: %v", got)
	}

	// The same, directly: no body at all.
	gone, stop := context.WithCancel(context.Background())
	stop()
	rec := httptest.NewRecorder()
	web.WriteError(rec, httptest.NewRequest("GET", "/", nil).WithContext(gone), context.Canceled)
	if rec.Code != 499 || rec.Body.Len() != 0 {
		t.Errorf("got %d %q", rec.Code, rec.Body)
	}
}

func TestWriteErrorAfterTheResponseStartedOnlyLogs(t *testing.T) {
	url, logs := newApp(t, web.Options{}, func(r *web.Router) {
		r.Handle("GET", "/late", web.Handler(func(w http.ResponseWriter, r *http.Request) error {
			web.JSON(w, http.StatusOK, map[string]int{"id": 1})
			return errors.New("failed after answering")
		}))
	})
	resp := send(t, "GET", url+"/late", nil)
	if resp.status != 200 || resp.body != `{"id":1}`+"\n" {
		t.Errorf("got %d %q, want the response the handler wrote, untouched", resp.status, resp.body)
	}
	if rec := logs.waitFor(t, "request failed", "/late"); !strings.Contains(fmt.Sprint(rec["err"]), "after answering") {
		t.Errorf("log = %v", rec)
	}
}

func TestJSONThatCannotBeEncodedIs500(t *testing.T) {
	url, logs := newApp(t, web.Options{}, func(r *web.Router) {
		r.Handle("GET", "/returned", web.Handler(func(w http.ResponseWriter, r *http.Request) error {
			return web.JSON(w, http.StatusOK, map[string]float64{"score": math.NaN()})
		}))
		r.Get("/ignored", func(w http.ResponseWriter, r *http.Request) {
			web.JSON(w, http.StatusOK, map[string]float64{"score": math.Inf(1)})
		})
	})
	for _, path := range []string{"/returned", "/ignored"} {
		resp := send(t, "GET", url+path, nil)
		if resp.status != 500 || resp.body != `{"message":"internal server error"}`+"\n" {
			t.Errorf("%s: got %d %q", path, resp.status, resp.body)
		}
	}
	if rec := logs.waitFor(t, "request failed", "/returned"); !strings.Contains(fmt.Sprint(rec["err"]), "unsupported value: NaN") {
		t.Errorf("log = %v", rec)
	}
	// A handler that ignores JSON's error (as generated controllers do) still
	// leaves the cause in the log, and one that returns it is logged once.
	if rec := logs.waitFor(t, "request failed", "/ignored"); !strings.Contains(fmt.Sprint(rec["err"]), "unsupported value: +Inf") || rec["request_id"] == nil {
		t.Errorf("log = %v", rec)
	}
	if n := strings.Count(logs.String(), `"path":"/returned","status":500,"err"`); n != 1 {
		t.Errorf("the failure of /returned was logged %d times:\n%s", n, logs.String())
	}
	if strings.Contains(logs.String(), "superfluous") {
		t.Error("wrote a second response")
	}
}

func TestJSONCreatedNoContent(t *testing.T) {
	url, _ := newApp(t, web.Options{}, func(r *web.Router) {
		r.Get("/json", func(w http.ResponseWriter, r *http.Request) {
			web.JSON(w, http.StatusAccepted, map[string]string{"html": "<b>"})
		})
		r.Post("/posts", func(w http.ResponseWriter, r *http.Request) {
			web.Created(w, "/posts/7", map[string]int{"id": 7})
		})
		r.Delete("/posts/7", func(w http.ResponseWriter, r *http.Request) { web.NoContent(w) })
	})
	resp := send(t, "GET", url+"/json", nil)
	if resp.status != 202 || resp.body != `{"html":"\u003cb\u003e"}`+"\n" ||
		resp.header.Get("Content-Type") != "application/json" || resp.header.Get("Content-Length") != strconv.Itoa(len(resp.body)) {
		t.Errorf("JSON: %d %v %q", resp.status, resp.header, resp.body)
	}
	resp = send(t, "POST", url+"/posts", nil)
	if resp.status != 201 || resp.header.Get("Location") != "/posts/7" || resp.body != `{"id":7}`+"\n" {
		t.Errorf("Created: %d %v %q", resp.status, resp.header, resp.body)
	}
	resp = send(t, "DELETE", url+"/posts/7", nil)
	if resp.status != 204 || resp.body != "" {
		t.Errorf("NoContent: %d %q", resp.status, resp.body)
	}
}
