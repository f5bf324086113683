package migrate

import (
	"context"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/kilnhq/kiln/internal/pgtest"
	"github.com/kilnhq/kiln/runtime/db"
	"github.com/kilnhq/kiln/runtime/migrate/ddl"
)

func TestMain(m *testing.M) { os.Exit(pgtest.Main(m)) }

// harness applies Go migrations one by one to a database, through a Runner, so
// every test exercises the real path: goose, its transaction, the SQLite
// foreign-key handling.
type harness struct {
	t   *testing.T
	d   *db.DB
	set *Set
}

func newHarness(t *testing.T, d *db.DB) *harness {
	return &harness{t: t, d: d, set: NewSet(nil)}
}

// run applies up as the next migration and returns its error. A failed migration
// is taken out of the set again, so the next one doesn't retry it.
func (h *harness) run(up Func) error {
	h.t.Helper()
	v := int64(len(h.set.gos) + 1)
	h.set.Add(v, "step_"+strconv.FormatInt(v, 10), up, nil)
	r, err := NewRunner(h.d, h.set)
	if err != nil {
		h.t.Fatal(err)
	}
	if _, err = r.Up(context.Background()); err != nil {
		h.set.gos = h.set.gos[:len(h.set.gos)-1]
	}
	return err
}

// must applies up and fails the test on error.
func (h *harness) must(up Func) {
	h.t.Helper()
	if err := h.run(up); err != nil {
		h.t.Fatal(err)
	}
}

// create is must with a single s.Create.
func (h *harness) create(table string, fn func(t *Table)) {
	h.t.Helper()
	h.must(func(ctx context.Context, s *Schema) error { return s.Create(table, fn) })
}

// alter is run with a single s.Table.
func (h *harness) alter(table string, fn func(t *Table)) error {
	h.t.Helper()
	return h.run(func(ctx context.Context, s *Schema) error { return s.Table(table, fn) })
}

// exec runs a statement written with ? placeholders on either database.
func (h *harness) exec(query string, args ...any) error {
	_, err := h.d.ExecContext(context.Background(), placeholders(h.d, query), args...)
	return db.ClassifyError(err)
}

func (h *harness) mustExec(query string, args ...any) {
	h.t.Helper()
	if err := h.exec(query, args...); err != nil {
		h.t.Fatalf("%s: %v", query, err)
	}
}

// scalar reads one value.
func (h *harness) scalar(dest any, query string, args ...any) {
	h.t.Helper()
	if err := h.d.QueryRowContext(context.Background(), placeholders(h.d, query), args...).Scan(dest); err != nil {
		h.t.Fatalf("%s: %v", query, err)
	}
}

func (h *harness) count(query string, args ...any) int {
	h.t.Helper()
	var n int
	h.scalar(&n, query, args...)
	return n
}

func (h *harness) hasTable(name string) bool {
	h.t.Helper()
	ok, err := newSchema(context.Background(), h.d.Dialect(), h.d.DB).HasTable(name)
	if err != nil {
		h.t.Fatal(err)
	}
	return ok
}

func (h *harness) hasColumn(table, column string) bool {
	h.t.Helper()
	ok, err := newSchema(context.Background(), h.d.Dialect(), h.d.DB).HasColumn(table, column)
	if err != nil {
		h.t.Fatal(err)
	}
	return ok
}

// indexes lists the names of table's indexes, primary keys excluded.
func (h *harness) indexes(table string) []string {
	h.t.Helper()
	q := "SELECT name FROM pragma_index_list(?) WHERE origin = 'c' ORDER BY name"
	if h.d.Dialect().Name() == db.Postgres {
		q = "SELECT indexname FROM pg_indexes WHERE schemaname = current_schema() AND tablename = $1 AND indexname NOT LIKE '%_pkey' ORDER BY indexname"
	}
	names, err := queryStrings(context.Background(), h.d.DB, q, table)
	if err != nil {
		h.t.Fatal(err)
	}
	return names
}

// placeholders turns ? into $1, $2, … on PostgreSQL.
func placeholders(d *db.DB, query string) string {
	if d.Dialect().Name() != db.Postgres {
		return query
	}
	var b strings.Builder
	n := 0
	for _, r := range query {
		if r == '?' {
			n++
			b.WriteString(d.Dialect().Placeholder(n))
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

func ddlIndexName(table, column string) string {
	return ddl.IndexName(table, []string{column}, true)
}
