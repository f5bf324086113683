package web_test

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/kilnhq/kiln/internal/dbtest"
	"github.com/kilnhq/kiln/runtime/db"
	"github.com/kilnhq/kiln/runtime/orm"
	"github.com/kilnhq/kiln/runtime/web"
)

// Post is a model for the real not-found error.
type Post struct {
	ID       int64  `db:"id"`
	Slug     string `db:"slug"`
	AuthorID *int64 `db:"author_id"`
}

const constraintSchema = `
CREATE TABLE authors (id INTEGER PRIMARY KEY);
CREATE TABLE posts (id INTEGER PRIMARY KEY, slug TEXT NOT NULL UNIQUE, author_id INTEGER REFERENCES authors (id));
INSERT INTO authors (id) VALUES (1);
INSERT INTO posts (id, slug, author_id) VALUES (1, 'hello', 1)`

// TestDatabaseErrorsOverHTTP runs real statements that each database rejects and
// answers their errors, as a handler would return them, over HTTP.
func TestDatabaseErrorsOverHTTP(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		for _, stmt := range splitSQL(constraintSchema) {
			if _, err := d.ExecContext(ctx, stmt); err != nil {
				t.Fatalf("%s: %v", stmt, err)
			}
		}
		// exec answers the error of running stmt as it comes from the driver,
		// unclassified; WriteError classifies it.
		exec := func(stmt string) web.Handler {
			return func(w http.ResponseWriter, r *http.Request) error {
				if _, err := d.ExecContext(r.Context(), stmt); err != nil {
					return err
				}
				web.NoContent(w)
				return nil
			}
		}
		url, _ := newApp(t, web.Options{}, func(r *web.Router) {
			r.Handle("POST", "/duplicate", exec(`INSERT INTO posts (id, slug) VALUES (2, 'hello')`))
			r.Handle("POST", "/classified", web.Handler(func(w http.ResponseWriter, r *http.Request) error {
				_, err := d.ExecContext(r.Context(), `INSERT INTO posts (id, slug) VALUES (3, 'hello')`)
				return db.ClassifyError(err)
			}))
			r.Handle("POST", "/no-author", exec(`INSERT INTO posts (id, slug, author_id) VALUES (4, 'new', 99)`))
			r.Handle("POST", "/no-slug", exec(`INSERT INTO posts (id, slug) VALUES (5, NULL)`))
			r.Handle("DELETE", "/author", exec(`DELETE FROM authors WHERE id = 1`))
			r.Handle("GET", "/posts/{id}", web.Handler(func(w http.ResponseWriter, r *http.Request) error {
				id, err := web.PathID(r, "id")
				if err != nil {
					return err
				}
				p, err := orm.Find[Post](r.Context(), d, id)
				if err != nil {
					return err
				}
				return web.JSON(w, http.StatusOK, p)
			}))
		})

		for _, path := range []string{"/duplicate", "/classified"} {
			resp := send(t, "POST", url+path, nil)
			if resp.status != 409 || message(t, resp) != "the slug has already been taken" {
				t.Errorf("%s: got %d %s, want 409 naming slug", path, resp.status, resp.body)
			}
		}
		anonymous := "A related record does not exist." // SQLite does not name the column
		if d.Driver == db.Postgres {
			anonymous = ""
		}
		resp := send(t, "POST", url+"/no-author", nil)
		checkUnprocessable(t, resp, "author_id", "The selected author id is invalid.", anonymous)
		resp = send(t, "POST", url+"/no-slug", nil)
		checkUnprocessable(t, resp, "slug", "The slug field is required.", "")
		resp = send(t, "DELETE", url+"/author", nil)
		if resp.status != 409 || message(t, resp) != "the record is still referenced by other records" {
			t.Errorf("delete referenced author: got %d %s", resp.status, resp.body)
		}
		resp = send(t, "GET", url+"/posts/42", nil)
		if resp.status != 404 || resp.body != `{"message":"post 42 not found"}`+"\n" {
			t.Errorf("missing post: got %d %s", resp.status, resp.body)
		}
		if resp = send(t, "GET", url+"/posts/1", nil); resp.status != 200 {
			t.Errorf("existing post: got %d %s", resp.status, resp.body)
		}
	})
}

// checkUnprocessable checks a 422 from a constraint: msg under field, or, when
// anonymous is not empty, possibly the anonymous message without field errors.
func checkUnprocessable(t *testing.T, resp response, field, msg, anonymous string) {
	t.Helper()
	var body struct {
		Message string              `json:"message"`
		Errors  map[string][]string `json:"errors"`
	}
	if err := json.Unmarshal([]byte(resp.body), &body); err != nil || resp.status != 422 {
		t.Fatalf("got %d %s, want 422", resp.status, resp.body)
	}
	if body.Errors == nil && anonymous != "" && body.Message == anonymous {
		return
	}
	if body.Message != msg || len(body.Errors) != 1 || len(body.Errors[field]) != 1 || body.Errors[field][0] != msg {
		t.Errorf("got %s, want %q under %q", resp.body, msg, field)
	}
}

// splitSQL splits a script into statements.
func splitSQL(script string) []string {
	var out []string
	for _, s := range strings.Split(script, ";") {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}
