package orm_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/shopspring/decimal"

	"github.com/kilnhq/kiln/internal/dbtest"
	"github.com/kilnhq/kiln/runtime/db"
	"github.com/kilnhq/kiln/runtime/orm"
)

// copied runs fn and returns how many rows InsertMany wrote with COPY meanwhile.
func copied(fn func()) int64 {
	before := orm.CopiedRows()
	fn()
	return orm.CopiedRows() - before
}

// wantCopied checks that PostgreSQL wrote n rows by COPY (SQLite none).
func wantCopied(t *testing.T, d *db.DB, got, n int64) {
	t.Helper()
	if d.Dialect().Name() == db.SQLite {
		n = 0
	}
	if got != n {
		t.Errorf("rows written by COPY = %d, want %d", got, n)
	}
}

func countOf[T any](t *testing.T, q db.Querier) int64 {
	t.Helper()
	n, err := orm.Query[T](q).Count(context.Background())
	must(t, err)
	return n
}

func users(n int, prefix string) []User {
	rows := make([]User, n)
	for i := range rows {
		rows[i] = User{Name: fmt.Sprint(prefix, i), Email: fmt.Sprintf("%s%d@example.com", prefix, i)}
	}
	return rows
}

// Generated keys come back into the rows in slice order: more rows than one
// chunk, checked against the table read in key order.
func TestInsertManyReadsKeysBackInOrder(t *testing.T) {
	each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		rows := users(1234, "u")
		stamp := time.Date(2020, 1, 2, 3, 4, 5, 0, time.UTC)
		rows[7].CreatedAt = stamp
		n := copied(func() { must(t, orm.InsertMany(ctx, d, rows)) })
		wantCopied(t, d, n, int64(len(rows)))
		for i, r := range rows {
			if r.ID == 0 || i > 0 && r.ID <= rows[i-1].ID {
				t.Fatalf("row %d: id %d after %d: want increasing keys", i, r.ID, rows[max(i-1, 0)].ID)
			}
		}
		stored, err := orm.Query[User](d).OrderBy("id", "asc").Get(ctx)
		must(t, err)
		if len(stored) != len(rows) {
			t.Fatalf("%d rows stored, want %d", len(stored), len(rows))
		}
		for i, s := range stored {
			if s.ID != rows[i].ID || s.Email != rows[i].Email || !s.CreatedAt.Equal(rows[i].CreatedAt) {
				t.Fatalf("row %d: stored %+v, row %+v", i, s, rows[i])
			}
		}
		first := rows[0]
		if first.CreatedAt.IsZero() || first.CreatedAt.Location() != time.UTC || !first.CreatedAt.Equal(first.UpdatedAt) {
			t.Errorf("timestamps: %v %v", first.CreatedAt, first.UpdatedAt)
		}
		if !rows[7].CreatedAt.Equal(stamp) || rows[7].UpdatedAt.Equal(stamp) {
			t.Errorf("a caller's created_at was not kept: %v", rows[7].CreatedAt)
		}
	})
}

// Every column type round-trips; rows that leave the status to its default
// (bare) and rows that set it (full) go in one call, as two INSERT shapes on
// SQLite and as COPY plus INSERT … RETURNING on PostgreSQL.
func TestInsertManyRoundTripsEveryType(t *testing.T) {
	each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		author := newUser(t, d, "ada")
		body, rating := "hello", 4.5
		published := time.Date(2026, 11, 23, 9, 15, 30, 123456000, time.FixedZone("IST", 5*3600+1800))
		full := Post{
			Title: "Hi", Body: &body, Status: "published", Views: 3,
			Price:    decimal.RequireFromString("19.99"),
			Discount: decimal.NewNullDecimal(decimal.RequireFromString("0.10")),
			Rating:   &rating, Featured: true, Ref: uuid.NullUUID{UUID: uuid.New(), Valid: true},
			Meta: orm.JSON(`{"a": [1, 2]}`), PublishedAt: &published, AuthorID: author.ID,
		}
		bare := Post{Title: "bare", AuthorID: author.ID, Price: decimal.RequireFromString("1")}
		keyed := bare
		keyed.ID = 1000 // given, with the status still left to its default
		rows := []Post{full, bare, full, bare, keyed, bare, full}
		n := copied(func() { must(t, orm.InsertMany(ctx, d, rows)) })
		wantCopied(t, d, n, 3)
		if rows[4].ID != 1000 {
			t.Errorf("a given key became %d", rows[4].ID)
		}
		for _, r := range rows {
			got, err := orm.Find[Post](ctx, d, r.ID)
			must(t, err)
			if r.Title == "bare" {
				if r.Status != "draft" || got.Status != "draft" || got.Body != nil || got.Rating != nil ||
					got.Discount.Valid || got.Ref.Valid || got.Meta != nil || got.PublishedAt != nil || got.Featured {
					t.Errorf("bare row: read back %q, stored %+v", r.Status, got)
				}
				continue
			}
			checkPost(t, got, &r)
		}
	})
}

func TestInsertManyGeneratesUUIDKeys(t *testing.T) {
	each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		mine := uuid.New()
		rows := []Tag{{Name: "go"}, {ID: mine, Name: "sql"}, {Name: "pg"}}
		n := copied(func() { must(t, orm.InsertMany(ctx, d, rows)) })
		wantCopied(t, d, n, 3)
		if rows[1].ID != mine {
			t.Errorf("a caller's UUID was replaced")
		}
		if rows[0].ID.Version() != 7 || rows[2].ID.Version() != 7 || rows[0].ID == rows[2].ID {
			t.Errorf("ids %v %v: want distinct version 7 UUIDs", rows[0].ID, rows[2].ID)
		}
		for _, r := range rows {
			got, err := orm.Find[Tag](ctx, d, r.ID)
			must(t, err)
			if got.Name != r.Name {
				t.Errorf("got %+v, want %+v", got, r)
			}
		}
	})
}

// Date columns are bound as dates, and a zero date with a column default
// is left to it (CURRENT_DATE) and read back.
func TestInsertManyDatesAndDefaults(t *testing.T) {
	each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		seen := time.Date(2026, 3, 1, 23, 30, 0, 0, time.FixedZone("X", -5*3600))
		pub := time.Date(2026, 2, 3, 0, 0, 0, 0, time.UTC)
		ends := time.Date(2026, 12, 31, 15, 0, 0, 0, time.UTC)
		rows := []Listing{
			{Name: "set", Price: decimal.RequireFromString("1.5"), SeenAt: seen, PubOn: pub, EndsOn: &ends},
			{Name: "default", Price: decimal.RequireFromString("2"), SeenAt: seen},
		}
		must(t, orm.InsertMany(ctx, d, rows))
		for _, r := range rows {
			got, err := orm.Find[Listing](ctx, d, r.ID)
			must(t, err)
			if got.PubOn.IsZero() || got.PubOn.Format(time.DateOnly) != r.PubOn.Format(time.DateOnly) || !got.SeenAt.Equal(seen) {
				t.Errorf("%s: stored pub_on %v seen_at %v, row pub_on %v", r.Name, got.PubOn, got.SeenAt, r.PubOn)
			}
		}
		if got, _ := orm.Find[Listing](ctx, d, rows[0].ID); got.EndsOn == nil || got.EndsOn.Format(time.DateOnly) != "2026-12-31" {
			t.Errorf("ends_on = %v", got.EndsOn)
		}
	})
}

func TestInsertManyRunsHooksPerRow(t *testing.T) {
	each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		_, err := d.ExecContext(ctx, ddl(d.Dialect(), "CREATE TABLE audit (id {pk}, name TEXT NOT NULL)"))
		must(t, err)
		var log []string
		rows := []Audited{{Name: "a", log: &log}, {Name: "b", log: &log}}
		must(t, orm.InsertMany(ctx, d, rows))
		if got := strings.Join(log, " "); got != "creating creating created created" || !rows[1].sawQuerier || rows[1].ID == 0 {
			t.Errorf("hooks ran: %s", got)
		}

		log = nil
		refused := []Audited{{Name: "c", log: &log}, {Name: "d", log: &log, refuse: "creating"}}
		err = orm.InsertMany(ctx, d, refused)
		if !errors.Is(err, errRefused) || !strings.Contains(err.Error(), "audit") || countOf[Audited](t, d) != 2 {
			t.Errorf("creating hook: err = %v, rows = %d", err, countOf[Audited](t, d))
		}
		late := []Audited{{Name: "e", log: &log}, {Name: "f", log: &log, failAfter: "created"}}
		err = orm.InsertMany(ctx, d, late)
		if !errors.Is(err, errRefused) || countOf[Audited](t, d) != 2 || late[0].ID != 0 {
			t.Errorf("created hook: err = %v, rows = %d, id %d (want all rolled back)", err, countOf[Audited](t, d), late[0].ID)
		}
	})
}

// A duplicate far into the rows fails the whole call: a typed error naming
// the table, no row written, and the rows' filled-in fields zero again.
func TestInsertManyUniqueViolationRollsBack(t *testing.T) {
	each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		rows := users(2500, "dup")
		rows[1700].Email = rows[10].Email
		stamp := time.Date(2020, 1, 2, 3, 4, 5, 0, time.UTC)
		rows[5].CreatedAt = stamp
		err := orm.InsertMany(ctx, d, rows)
		var ce *db.ConstraintError
		if !errors.As(err, &ce) || ce.Kind != db.Unique || !strings.Contains(err.Error(), "users") {
			t.Fatalf("err = %v, want a unique violation naming users", err)
		}
		if n := countOf[User](t, d); n != 0 {
			t.Errorf("%d users stored, want none", n)
		}
		for i, r := range rows {
			if r.ID != 0 || r.UpdatedAt != (time.Time{}) || i != 5 && r.CreatedAt != (time.Time{}) {
				t.Fatalf("row %d was left changed: %+v", i, r)
			}
		}
		if !rows[5].CreatedAt.Equal(stamp) {
			t.Errorf("a caller's created_at was cleared")
		}
		rows[1700].Email = "fixed@example.com"
		must(t, orm.InsertMany(ctx, d, rows))
		if n := countOf[User](t, d); n != 2500 {
			t.Errorf("after the fix: %d users", n)
		}
	})
}

// On SQLite InsertMany's statements inside a transaction are INSERT OR
// FAIL, which keeps the failing statement's earlier rows for the caller's
// rollback to undo. Outside one (a Querier that is neither a *db.DB nor a
// *db.Tx) each statement commits on its own, so it must stay all or
// nothing: the 500-row statements before the duplicate are kept, the
// failing one leaves no row.
func TestInsertManyOutsideATransactionFailsWholeStatements(t *testing.T) {
	d := dbtest.Open(t, db.SQLite)
	setup(t, d)
	rows := users(2500, "bare")
	rows[1700].Email = rows[10].Email
	err := orm.InsertMany(context.Background(), &counter{DB: d}, rows)
	var ce *db.ConstraintError
	if !errors.As(err, &ce) || ce.Kind != db.Unique {
		t.Fatalf("err = %v, want a unique violation", err)
	}
	if n := countOf[User](t, d); n != 1500 {
		t.Errorf("%d users stored, want the 1500 of the statements before the failing one", n)
	}
}

// NoReadBack still writes every row, with the timestamps InsertMany sets
// and the database's defaults for what the rows leave to it (on PostgreSQL
// by COPY too); only those generated values are not read back: the keys
// stay zero. A model with a created hook is read back regardless, as the
// hook may use its key.
func TestInsertManyNoReadBack(t *testing.T) {
	each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		rows := users(1200, "nrb")
		n := copied(func() { must(t, orm.InsertMany(ctx, d, rows, orm.NoReadBack)) })
		wantCopied(t, d, n, 1200)
		if n := countOf[User](t, d); n != 1200 {
			t.Errorf("%d users stored, want 1200", n)
		}
		if rows[0].ID != 0 || rows[1199].ID != 0 {
			t.Errorf("keys read back (%d, %d) despite NoReadBack", rows[0].ID, rows[1199].ID)
		}
		if rows[0].CreatedAt.IsZero() {
			t.Error("created_at not stamped")
		}

		pub := time.Date(2026, 2, 3, 0, 0, 0, 0, time.UTC)
		listings := []Listing{{Name: "set", Price: decimal.New(15, -1), PubOn: pub}, {Name: "default", Price: decimal.New(2, 0)}}
		n = copied(func() { must(t, orm.InsertMany(ctx, d, listings, orm.NoReadBack)) })
		wantCopied(t, d, n, 2)
		stored, err := orm.Query[Listing](d).OrderBy("name", "desc").Get(ctx)
		must(t, err)
		if len(stored) != 2 || stored[0].PubOn.Format(time.DateOnly) != "2026-02-03" || stored[1].PubOn.IsZero() || stored[1].ID == 0 {
			t.Errorf("stored %+v: want the given pub_on, the default one and keys", stored)
		}

		_, err = d.ExecContext(ctx, ddl(d.Dialect(), "CREATE TABLE audit (id {pk}, name TEXT NOT NULL)"))
		must(t, err)
		var log []string
		hooked := []Audited{{Name: "a", log: &log}, {Name: "b", log: &log}}
		must(t, orm.InsertMany(ctx, d, hooked, orm.NoReadBack))
		if hooked[0].ID == 0 || hooked[1].ID <= hooked[0].ID {
			t.Errorf("keys %d, %d: want them read back for the created hook", hooked[0].ID, hooked[1].ID)
		}
	})
}

func TestInsertManyOfNothingIsANoOp(t *testing.T) {
	each(t, func(t *testing.T, d *db.DB) {
		c := &counter{DB: d}
		must(t, orm.InsertMany[User](context.Background(), c, nil))
		must(t, orm.InsertMany(context.Background(), c, []User{}))
		if c.n.Load() != 0 {
			t.Errorf("%d statements for no rows", c.n.Load())
		}
	})
}

// Wide has 70 columns, so 2,500 rows need 172,500 parameters: several times
// SQLite's limit of 32,766 per statement.
type Wide struct {
	ID                                                                                                                                                                                                                                                                                                                                                      int64 `db:"id"`
	C01, C02, C03, C04, C05, C06, C07, C08, C09, C10, C11, C12, C13, C14, C15, C16, C17, C18, C19, C20, C21, C22, C23, C24, C25, C26, C27, C28, C29, C30, C31, C32, C33, C34, C35, C36, C37, C38, C39, C40, C41, C42, C43, C44, C45, C46, C47, C48, C49, C50, C51, C52, C53, C54, C55, C56, C57, C58, C59, C60, C61, C62, C63, C64, C65, C66, C67, C68, C69 string
}

func wideRows(n int) []Wide {
	rows := make([]Wide, n)
	for i := range rows {
		rows[i].C01, rows[i].C69 = fmt.Sprint("first ", i), fmt.Sprint("last ", i)
	}
	return rows
}

func TestInsertManyBatchesPastTheParameterLimit(t *testing.T) {
	each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		cols := make([]string, 69)
		for i := range cols {
			cols[i] = fmt.Sprintf("c%02d TEXT NOT NULL", i+1)
		}
		_, err := d.ExecContext(ctx, ddl(d.Dialect(), "CREATE TABLE wides (id {pk}, "+strings.Join(cols, ", ")+")"))
		must(t, err)

		// On a plain Querier (no transaction to COPY in): multi-row INSERTs.
		c := &counter{DB: d}
		rows := wideRows(2500)
		must(t, orm.InsertMany(ctx, c, rows))
		limit := map[string]int64{db.SQLite: 32766, db.Postgres: 65535}[d.Dialect().Name()]
		if n, least := c.n.Load(), (2500*69+limit-1)/limit; n < least || n > 10 {
			t.Errorf("%d statements for 2,500 rows of 69 values: want a few (at least %d to stay under the limit)", n, least)
		}
		// On the database: COPY on PostgreSQL.
		more := wideRows(2500)
		n := copied(func() { must(t, orm.InsertMany(ctx, d, more)) })
		wantCopied(t, d, n, 2500)

		all := append(rows, more...)
		for i := 1; i < len(all); i++ {
			if all[i].ID <= all[i-1].ID {
				t.Fatalf("row %d: id %d after %d", i, all[i].ID, all[i-1].ID)
			}
		}
		for _, i := range []int{0, 1999, 2500, 4999} {
			got, err := orm.Find[Wide](ctx, d, all[i].ID)
			must(t, err)
			if got.C01 != all[i].C01 || got.C69 != all[i].C69 {
				t.Errorf("row %d: got %q %q, want %q %q", i, got.C01, got.C69, all[i].C01, all[i].C69)
			}
		}
	})
}

// External's key comes from a sequence the column does not own, so there
// is nothing to reserve keys from: PostgreSQL falls back to INSERT … RETURNING.
type External struct {
	ID   int64  `db:"id"`
	Name string `db:"name"`
}

func TestInsertManyKeyWithoutASequence(t *testing.T) {
	each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		stmts := []string{"CREATE TABLE externals (id INTEGER PRIMARY KEY, name TEXT NOT NULL)"}
		if d.Dialect().Name() == db.Postgres {
			stmts = []string{"CREATE SEQUENCE ext_ids START 100", "CREATE TABLE externals (id bigint PRIMARY KEY DEFAULT nextval('ext_ids'), name text NOT NULL)"}
		}
		for _, s := range stmts {
			_, err := d.ExecContext(ctx, s)
			must(t, err)
		}
		rows := []External{{Name: "a"}, {Name: "b"}, {Name: "c"}}
		n := copied(func() { must(t, orm.InsertMany(ctx, d, rows)) })
		wantCopied(t, d, n, 0)
		for i, r := range rows {
			got, err := orm.Find[External](ctx, d, r.ID)
			must(t, err)
			if r.ID == 0 || i > 0 && r.ID <= rows[i-1].ID || got.Name != r.Name {
				t.Errorf("row %d: %+v stored as %+v", i, r, got)
			}
		}
	})
}

// Odd's table name needs quoting, in SQL and where PostgreSQL parses it
// as a name (finding the key's sequence).
type Odd struct {
	ID   int64  `db:"id"`
	Name string `db:"name"`
}

func (Odd) TableName() string { return `Odd "Table"` }

func TestInsertManyQuotesTheTableName(t *testing.T) {
	each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		_, err := d.ExecContext(ctx, ddl(d.Dialect(), `CREATE TABLE "Odd ""Table""" (id {pk}, name TEXT NOT NULL)`))
		must(t, err)
		rows := []Odd{{Name: "a"}, {Name: "b"}}
		n := copied(func() { must(t, orm.InsertMany(ctx, d, rows)) })
		wantCopied(t, d, n, 2)
		if got, err := orm.Find[Odd](ctx, d, rows[1].ID); err != nil || got.Name != "b" {
			t.Errorf("got %+v, %v", got, err)
		}
	})
}

// Inside a caller's transaction InsertMany joins it (COPY included), so
// rolling the transaction back removes its rows.
func TestInsertManyJoinsTheCallersTransaction(t *testing.T) {
	each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		boom := errors.New("boom")
		err := d.Tx(ctx, func(tx *db.Tx) error {
			rows := users(50, "tx")
			n := copied(func() { must(t, orm.InsertMany(ctx, tx, rows)) })
			wantCopied(t, d, n, 50)
			if got := countOf[User](t, tx); got != 50 {
				t.Errorf("inside the transaction: %d users", got)
			}
			return boom
		})
		if !errors.Is(err, boom) {
			t.Fatal(err)
		}
		if n := countOf[User](t, d); n != 0 {
			t.Errorf("after rollback: %d users", n)
		}
	})
}

// Ticket has nothing but its key: SQLite has no multi-row form of DEFAULT
// VALUES, so those rows go one statement each.
type Ticket struct {
	ID int64 `db:"id"`
}

func TestInsertManyRowsWithOnlyAKey(t *testing.T) {
	each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		_, err := d.ExecContext(ctx, ddl(d.Dialect(), "CREATE TABLE tickets (id {pk})"))
		must(t, err)
		rows := make([]Ticket, 3)
		must(t, orm.InsertMany(ctx, d, rows))
		if rows[0].ID == 0 || rows[1].ID <= rows[0].ID || rows[2].ID <= rows[1].ID || countOf[Ticket](t, d) != 3 {
			t.Errorf("rows %+v, %d stored", rows, countOf[Ticket](t, d))
		}
	})
}

// Neither database documents the order of RETURNING rows, so InsertMany
// checks that generated keys ascend. Keys from a descending sequence look
// exactly like rows returned in reverse, so they are refused rather than
// risk giving rows each other's keys.
func TestInsertManyRefusesReturnedRowsItCannotMatch(t *testing.T) {
	d := dbtest.Open(t, db.Postgres)
	ctx := context.Background()
	for _, s := range []string{
		"CREATE SEQUENCE down INCREMENT BY -1 START 1000 MAXVALUE 1000",
		"CREATE TABLE externals (id bigint PRIMARY KEY DEFAULT nextval('down'), name text NOT NULL)",
	} {
		_, err := d.ExecContext(ctx, s)
		must(t, err)
	}
	rows := []External{{Name: "a"}, {Name: "b"}}
	err := orm.InsertMany(ctx, d, rows)
	if err == nil || !strings.Contains(err.Error(), "RETURNING") || !strings.Contains(err.Error(), "externals") {
		t.Fatalf("err = %v, want the RETURNING order refused", err)
	}
	if rows[0].ID != 0 || rows[1].ID != 0 || countOf[External](t, d) != 0 {
		t.Errorf("rows %+v, %d stored: want nothing kept", rows, countOf[External](t, d))
	}
}
