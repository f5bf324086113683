package orm_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/kilnhq/kiln/runtime/db"
	"github.com/kilnhq/kiln/runtime/orm"
)

func names(ls []Listing) string {
	var s []string
	for _, l := range ls {
		s = append(s, l.Name)
	}
	return strings.Join(s, " ")
}

// Decimals are TEXT on SQLite; compared and sorted as text, 9.50 > 10.00.
// The ORM compares and sorts them as numbers, as PostgreSQL's numeric does.
func TestDecimalsCompareAndSortAsNumbers(t *testing.T) {
	each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		seen := time.Date(2026, 3, 1, 10, 0, 0, 0, time.UTC)
		for _, l := range []struct{ name, price, fee string }{
			{"ten", "10.00", "1.50"}, {"nine", "9.50", ""}, {"hundred", "100.25", "10.00"}, {"dime", "0.10", "0.90"},
		} {
			row := &Listing{Name: l.name, Price: decimal.RequireFromString(l.price), SeenAt: seen}
			if l.fee != "" {
				row.Fee = decimal.NewNullDecimal(decimal.RequireFromString(l.fee))
			}
			must(t, orm.Create(ctx, d, row))
		}
		dec := decimal.RequireFromString
		for name, c := range map[string]struct {
			b    *orm.Builder[Listing]
			want string
		}{
			"greater":        {orm.Query[Listing](d).Where("price", ">", dec("9.75")).OrderBy("id", "asc"), "ten hundred"},
			"less or equal":  {orm.Query[Listing](d).Where("price", "<=", dec("10")).OrderBy("id", "asc"), "ten nine dime"},
			"equal":          {orm.Query[Listing](d).Where("price", "=", dec("10.0")), "ten"},
			"string value":   {orm.Query[Listing](d).Where("price", "<", "9.5"), "dime"},
			"not equal":      {orm.Query[Listing](d).Where("price", "!=", dec("9.5")).OrderBy("id", "asc"), "ten hundred dime"},
			"in":             {orm.Query[Listing](d).WhereIn("price", dec("9.5"), dec("100.250")).OrderBy("id", "asc"), "nine hundred"},
			"not in":         {orm.Query[Listing](d).WhereNotIn("price", []decimal.Decimal{dec("10"), dec("0.1")}).OrderBy("id", "asc"), "nine hundred"},
			"nullable":       {orm.Query[Listing](d).Where("fee", ">=", dec("1.5")).OrderBy("id", "asc"), "ten hundred"},
			"order desc":     {orm.Query[Listing](d).OrderBy("price", "desc"), "hundred ten nine dime"},
			"order asc":      {orm.Query[Listing](d).OrderBy("price", "asc"), "dime nine ten hundred"},
			"order nullable": {orm.Query[Listing](d).WhereNotNull("fee").OrderBy("fee", "desc"), "hundred ten dime"},
			"group": {orm.Query[Listing](d).WhereGroup(func(g *orm.Builder[Listing]) *orm.Builder[Listing] {
				return g.Where("price", "<", dec("1")).OrWhere("price", ">", dec("99.99"))
			}).OrderBy("price", "asc"), "dime hundred"},
		} {
			got, err := c.b.Get(ctx)
			if err != nil {
				t.Errorf("%s: %v", name, err)
				continue
			}
			if names(got) != c.want {
				t.Errorf("%s: got %q, want %q", name, names(got), c.want)
			}
		}
		page, err := orm.Query[Listing](d).OrderBy("price", "desc").Paginate(ctx, 2, 2)
		must(t, err)
		if names(page.Items) != "nine dime" {
			t.Errorf("page 2 by price: %q", names(page.Items))
		}
		if n, err := orm.Query[Listing](d).Where("price", ">", dec("9.75")).Count(ctx); err != nil || n != 2 {
			t.Errorf("count: %d (%v), want 2", n, err)
		}
		// The values themselves stay exact.
		ten, err := orm.Query[Listing](d).Where("name", "=", "ten").First(ctx)
		must(t, err)
		if !ten.Price.Equal(dec("10")) || !ten.Fee.Decimal.Equal(dec("1.5")) {
			t.Errorf("ten: price %s fee %s", ten.Price, ten.Fee.Decimal)
		}
	})
}

// Times are DATETIME text on SQLite: stored with the caller's zone, they
// compare as text, not chronologically. The ORM binds them as UTC.
func TestTimesCompareChronologically(t *testing.T) {
	each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		plus2, minus5, plus9 := time.FixedZone("", 2*3600), time.FixedZone("", -5*3600), time.FixedZone("", 9*3600)
		at := func(h, m int) time.Time { return time.Date(2026, 3, 1, h, m, 0, 0, time.UTC) }
		rows := map[string]*Listing{
			"a": {Name: "a", SeenAt: at(10, 0).In(plus2)}, // 12:00+02:00
			"b": {Name: "b", SeenAt: at(11, 0)},
			"c": {Name: "c", SeenAt: at(9, 0).In(minus5)}, // 04:00-05:00
		}
		for _, name := range []string{"a", "b", "c"} {
			rows[name].Price = decimal.New(1, 0)
			must(t, orm.Create(ctx, d, rows[name]))
		}
		after := at(10, 30).In(minus5) // 05:30-05:00
		query := func() *orm.Builder[Listing] { return orm.Query[Listing](d) }
		check := func(step string, b *orm.Builder[Listing], want string) {
			t.Helper()
			got, err := b.Get(ctx)
			must(t, err)
			if names(got) != want {
				t.Errorf("%s: got %q, want %q", step, names(got), want)
			}
		}
		check("after", query().Where("seen_at", ">", after).OrderBy("id", "asc"), "b")
		check("before", query().Where("seen_at", "<", &after).OrderBy("id", "asc"), "a c")
		check("equal", query().Where("seen_at", "=", at(10, 0).In(plus9)), "a")
		check("in", query().WhereIn("seen_at", at(11, 0).In(plus2), at(9, 0)).OrderBy("id", "asc"), "b c")
		check("order", query().OrderBy("seen_at", "asc"), "c a b")

		// Update binds UTC too: b moves to 09:30 UTC, written as 18:30+09:00.
		rows["b"].SeenAt = at(9, 30).In(plus9)
		must(t, orm.Update(ctx, d, rows["b"]))
		check("after update", query().Where("seen_at", ">", after), "")
		check("order after update", query().OrderBy("seen_at", "desc"), "a b c")

		got, err := orm.Find[Listing](ctx, d, rows["a"].ID)
		must(t, err)
		if !got.SeenAt.Equal(at(10, 0)) {
			t.Errorf("a read back as %v, want %v", got.SeenAt, at(10, 0))
		}
		if d.Driver == db.SQLite {
			var text string
			must(t, d.QueryRowContext(ctx, "SELECT CAST(seen_at AS TEXT) FROM listings WHERE name = 'a'").Scan(&text))
			if text != "2026-03-01 10:00:00+00:00" {
				t.Errorf("stored as %q, want UTC", text)
			}
		}
	})
}

// A date column filled by its default (CURRENT_DATE) and one written by the
// ORM hold the same kind of value, so an equality finds both.
func TestDatesAreStoredAsDates(t *testing.T) {
	each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		byDefault := &Listing{Name: "default", Price: decimal.New(1, 0), SeenAt: time.Now()}
		must(t, orm.Create(ctx, d, byDefault))
		y, m, day := byDefault.PubOn.Date()
		if byDefault.PubOn.IsZero() || byDefault.PubOn.Hour() != 0 {
			t.Fatalf("the default was not read back as a date: %v", byDefault.PubOn)
		}
		// The afternoon of the same day, in a zone east of UTC.
		today := time.Date(y, m, day, 15, 30, 0, 0, time.FixedZone("", 3*3600))
		tomorrow := today.AddDate(0, 0, 1)
		byORM := &Listing{Name: "orm", Price: decimal.New(1, 0), SeenAt: time.Now(), PubOn: today, EndsOn: &tomorrow}
		must(t, orm.Create(ctx, d, byORM))

		n, err := orm.Query[Listing](d).Where("pub_on", "=", today).Count(ctx)
		must(t, err)
		if n != 2 {
			t.Errorf("pub_on = today: %d rows, want 2", n)
		}
		n, err = orm.Query[Listing](d).Where("pub_on", "<", tomorrow).Where("pub_on", ">=", today).Count(ctx)
		must(t, err)
		if n != 2 {
			t.Errorf("today <= pub_on < tomorrow: %d rows, want 2", n)
		}
		n, err = orm.Query[Listing](d).Where("ends_on", "=", &tomorrow).Count(ctx)
		must(t, err)
		if n != 1 {
			t.Errorf("ends_on = tomorrow: %d rows, want 1", n)
		}
		got, err := orm.Find[Listing](ctx, d, byORM.ID)
		must(t, err)
		if !got.PubOn.Equal(byDefault.PubOn) {
			t.Errorf("pub_on read back as %v, want %v (the date the default wrote)", got.PubOn, byDefault.PubOn)
		}
		if want := time.Date(y, m, day+1, 0, 0, 0, 0, time.UTC); got.EndsOn == nil || !got.EndsOn.Equal(want) {
			t.Errorf("ends_on read back as %v, want %v", got.EndsOn, want)
		}
		// Update writes dates as dates too.
		got.PubOn = tomorrow
		must(t, orm.Update(ctx, d, got))
		if n, _ := orm.Query[Listing](d).Where("pub_on", "=", tomorrow).Count(ctx); n != 1 {
			t.Errorf("after update, pub_on = tomorrow: %d rows, want 1", n)
		}
	})
}

// like is case-insensitive for ASCII on SQLite and case-sensitive on
// PostgreSQL; ilike is case-insensitive on both.
func TestILike(t *testing.T) {
	each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		for _, name := range []string{"Alpha", "alphabet", "BETA"} {
			must(t, orm.Create(ctx, d, &Listing{Name: name, Price: decimal.New(1, 0), SeenAt: time.Now()}))
		}
		for op, want := range map[string]string{"ilike": "Alpha alphabet", "ILIKE": "Alpha alphabet", "not ilike": "BETA"} {
			got, err := orm.Query[Listing](d).Where("name", op, "ALP%").OrderBy("id", "asc").Get(ctx)
			if err != nil {
				t.Errorf("%s: %v", op, err)
				continue
			}
			if names(got) != want {
				t.Errorf("%s 'ALP%%': got %q, want %q", op, names(got), want)
			}
		}
		if got, err := orm.Query[Listing](d).Where("name", "like", "alp%").Get(ctx); err != nil || !strings.Contains(names(got), "alphabet") {
			t.Errorf("like: %q %v", names(got), err)
		}
	})
}
