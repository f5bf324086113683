package migrate

import (
	"context"
	"database/sql"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/kilnhq/kiln/internal/dbtest"
	"github.com/kilnhq/kiln/runtime/db"
)

// Every column type stores a value and gives it back unchanged, on both databases;
// the decimal keeps all 19 digits.
func TestEveryColumnTypeRoundTrips(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		h := newHarness(t, d)
		h.create("things", func(t *Table) {
			t.ID()
			t.UUID("token")
			t.String("title", 20)
			t.Text("body")
			t.Integer("views")
			t.BigInteger("big")
			t.Float("ratio")
			t.Decimal("price", 19, 2)
			t.Boolean("published")
			t.Date("due")
			t.DateTime("at")
			t.JSON("meta")
			t.Enum("status", "draft", "published")
		})
		token := uuid.MustParse("123e4567-e89b-12d3-a456-426614174000")
		at := time.Date(2026, 11, 23, 12, 30, 15, 123456000, time.UTC)
		due := time.Date(2026, 2, 28, 0, 0, 0, 0, time.UTC)
		h.mustExec(`INSERT INTO things (token, title, body, views, big, ratio, price, published, due, at, meta, status)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			token, "héllo wörld", "long text", 2147483647, int64(9007199254740993), 0.1,
			"12345678901234567.89", true, due, at, `{"a": [1, 2]}`, "published")

		var got struct {
			id                 int64
			token              uuid.UUID
			title, body, price string
			views              int32
			big                int64
			ratio              float64
			published          bool
			due, at            time.Time
			meta, status       string
		}
		row := d.QueryRowContext(context.Background(), `SELECT id, token, title, body, views, big, ratio, price, published, due, at, meta, status FROM things`)
		if err := row.Scan(&got.id, &got.token, &got.title, &got.body, &got.views, &got.big, &got.ratio, &got.price,
			&got.published, &got.due, &got.at, &got.meta, &got.status); err != nil {
			t.Fatal(err)
		}
		checks := []struct {
			name      string
			got, want any
		}{
			{"id", got.id, int64(1)}, {"token", got.token, token}, {"title", got.title, "héllo wörld"},
			{"body", got.body, "long text"}, {"views", got.views, int32(2147483647)},
			{"big", got.big, int64(9007199254740993)}, {"ratio", got.ratio, 0.1},
			{"price", got.price, "12345678901234567.89"}, {"published", got.published, true},
			{"due", got.due.Format(time.DateOnly), "2026-02-28"}, {"at", got.at.UTC(), at}, {"status", got.status, "published"},
		}
		for _, c := range checks {
			if c.got != c.want {
				t.Errorf("%s = %v, want %v", c.name, c.got, c.want)
			}
		}
		if got.meta != `{"a": [1, 2]}` && got.meta != `{"a":[1,2]}` {
			t.Errorf("meta = %s", got.meta)
		}
	})
}

// Defaults are SQL literals that read back as the values given, on both databases.
func TestDefaultsRoundTrip(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		h := newHarness(t, d)
		at := time.Date(2024, 1, 31, 15, 4, 5, 0, time.UTC)
		h.create("defaults", func(t *Table) {
			t.ID()
			t.String("s", 20).Default("it's")
			t.Integer("i").Default(-7)
			t.Float("f").Default(2.5)
			t.Decimal("dec", 20, 2).Default("12345678901234567.89")
			t.Boolean("yes").Default(true)
			t.Boolean("no").Default(false)
			t.Date("day").Default("2024-01-31")
			t.Date("today").Default("now")
			t.DateTime("at").Default(at)
			t.JSON("meta").Default(`{"k":"v"}`)
			t.Enum("status", "draft", "live").Default("draft")
			t.Text("maybe").Nullable().Default(nil)
			t.Timestamps()
		})
		h.mustExec("INSERT INTO defaults (id) VALUES (1)")
		var (
			s, dec, meta, status string
			i                    int
			f                    float64
			yes, no              bool
			day, today, gotAt    time.Time
			created              time.Time
			maybe                sql.NullString
		)
		row := d.QueryRowContext(context.Background(), "SELECT s, i, f, dec, yes, no, day, today, at, meta, status, maybe, created_at FROM defaults")
		if err := row.Scan(&s, &i, &f, &dec, &yes, &no, &day, &today, &gotAt, &meta, &status, &maybe, &created); err != nil {
			t.Fatal(err)
		}
		if s != "it's" || i != -7 || f != 2.5 || dec != "12345678901234567.89" || !yes || no || status != "draft" || maybe.Valid {
			t.Errorf("defaults: s=%q i=%d f=%v dec=%s yes=%v no=%v status=%s maybe=%v", s, i, f, dec, yes, no, status, maybe)
		}
		if day.Format(time.DateOnly) != "2024-01-31" || !gotAt.Equal(at) {
			t.Errorf("day = %v, at = %v", day, gotAt)
		}
		if time.Since(today) > 48*time.Hour || time.Since(created) > time.Hour || time.Since(created) < -time.Hour {
			t.Errorf("today = %v, created_at = %v: not the current time", today, created)
		}
		if meta != `{"k":"v"}` && meta != `{"k": "v"}` {
			t.Errorf("meta = %s", meta)
		}
	})
}
