package validate_test

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/kilnhq/kiln/internal/dbtest"
	"github.com/kilnhq/kiln/runtime/db"
	"github.com/kilnhq/kiln/runtime/validate"
	"github.com/kilnhq/kiln/runtime/web"
)

const schema = `
CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT NOT NULL UNIQUE);
CREATE TABLE posts (id INTEGER PRIMARY KEY, slug TEXT NOT NULL UNIQUE, author_id INTEGER REFERENCES users (id));
INSERT INTO users (id, email) VALUES (1, 'ada@example.com'), (2, 'bob@example.com');
INSERT INTO posts (id, slug, author_id) VALUES (1, 'hello', 1), (2, 'world', 2)`

// savePost uses both database rules, as store and update requests do.
type savePost struct {
	Slug     string  `json:"slug" validate:"required,unique=posts.slug"`
	AuthorID *int64  `json:"author_id" validate:"required,exists=users.id"`
	Email    *string `json:"email" validate:"omitnil,unique=users.email"`
}

type updateSavePost struct{ savePost }

func (updateSavePost) IgnoreRow(r *http.Request) (validate.Row, error) {
	id, err := web.PathID(r, "id")
	return validate.Row{Table: "posts", ID: id}, err
}

// TestUniqueAndExists runs the database rules against real SQLite and
// PostgreSQL, directly and over HTTP.
func TestUniqueAndExists(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		for _, stmt := range strings.Split(schema, ";") {
			if _, err := d.ExecContext(ctx, stmt); err != nil {
				t.Fatalf("%s: %v", stmt, err)
			}
		}
		id := func(n int64) *int64 { return &n }
		str := func(s string) *string { return &s }
		cases := []struct {
			name string
			ctx  context.Context
			v    savePost
			want string
		}{
			{"new slug, existing author", ctx, savePost{Slug: "new", AuthorID: id(1)}, ""},
			{"taken slug", ctx, savePost{Slug: "hello", AuthorID: id(1)}, "slug: The slug has already been taken."},
			{"missing author", ctx, savePost{Slug: "new", AuthorID: id(99)}, "author_id: The selected author id is invalid."},
			{"taken email", ctx, savePost{Slug: "new", AuthorID: id(2), Email: str("ada@example.com")}, "email: The email has already been taken."},
			{"own slug, ignoring own row", validate.Ignoring(ctx, validate.Row{Table: "posts", ID: int64(1)}), savePost{Slug: "hello", AuthorID: id(1)}, ""},
			{"other's slug, ignoring own row", validate.Ignoring(ctx, validate.Row{Table: "posts", ID: int64(1)}), savePost{Slug: "world", AuthorID: id(1)}, "slug: The slug has already been taken."},
			{"ignoring another table's row", validate.Ignoring(ctx, validate.Row{Table: "posts", ID: int64(1)}), savePost{Slug: "hello", AuthorID: id(1), Email: str("ada@example.com")},
				"email: The email has already been taken."},
		}
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				if got := fieldErrors(t, validate.Struct(c.ctx, d, &c.v)); got != c.want {
					t.Errorf("got %q, want %q", got, c.want)
				}
			})
		}

		url := serve[updateSavePost](t, d, web.Options{})
		status, body := post(t, "PATCH", url+"/bind/1", "application/json", `{"slug":"hello","author_id":1}`)
		if status != 200 {
			t.Errorf("update keeping its own slug: got %d %s", status, body)
		}
		status, body = post(t, "PATCH", url+"/bind/2", "application/json", `{"slug":"hello","author_id":1}`)
		if want := `{"message":"The slug has already been taken.","errors":{"slug":["The slug has already been taken."]}}`; status != 422 || body != want {
			t.Errorf("update taking another's slug: got %d %s", status, body)
		}

		// A failed query is the server's problem, never a 422.
		var missing struct {
			A string `json:"a" validate:"exists=nowhere.id"`
		}
		missing.A = "x"
		err := validate.Struct(ctx, d, &missing)
		var e *web.Error
		if err == nil || errors.As(err, &e) || !strings.Contains(err.Error(), "nowhere.id") {
			t.Errorf("missing table: got %v, want a plain error naming nowhere.id", err)
		}
	})
}

// fieldErrors renders a 422's field errors as sorted "key: message" pairs.
func fieldErrors(t *testing.T, err error) string {
	t.Helper()
	if err == nil {
		return ""
	}
	var e *web.Error
	if !errors.As(err, &e) || e.Status != http.StatusUnprocessableEntity {
		t.Fatalf("got %v, want a 422", err)
	}
	var out []string
	for k, msgs := range e.Errors {
		out = append(out, k+": "+strings.Join(msgs, " | "))
	}
	return strings.Join(out, "; ")
}
