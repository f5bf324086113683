package orm_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/kilnhq/kiln/internal/dbtest"
	"github.com/kilnhq/kiln/runtime/db"
	"github.com/kilnhq/kiln/runtime/orm"
)

// BenchRow is the seeding benchmark's model (issue 5): six columns, one of
// them unique, and an auto-increment key.
type BenchRow struct {
	ID        int64           `db:"id"`
	Name      string          `db:"name"`
	Email     string          `db:"email"`
	Title     string          `db:"title"`
	Body      string          `db:"body"`
	Price     decimal.Decimal `db:"price"`
	CreatedAt time.Time       `db:"created_at"`
}

const benchBody = "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore et dolore magna aliqua. Ut enim ad minim veniam, quis nostrud exercitation."

// benchRows makes n rows whose emails continue from seq.
func benchRows(n, seq int) []BenchRow {
	rows := make([]BenchRow, n)
	for i := range rows {
		k := seq + i
		rows[i] = BenchRow{
			Name: fmt.Sprint("Name ", k), Email: fmt.Sprintf("user%d@example.com", k),
			Title: "A title for row " + fmt.Sprint(k), Body: benchBody, Price: decimal.New(int64(k%100000), -2),
		}
	}
	return rows
}

// BenchmarkInsertMany inserts 10,000 rows per op with one InsertMany call on
// the database (one transaction), reporting rows/s.
func BenchmarkInsertMany(b *testing.B) {
	const n = 10_000
	for _, driver := range []string{db.SQLite, db.Postgres} {
		b.Run(driver, func(b *testing.B) {
			ctx := context.Background()
			d := dbtest.Open(b, driver)
			schema := "CREATE TABLE bench_rows (id {pk}, name TEXT NOT NULL, email TEXT NOT NULL UNIQUE, title TEXT NOT NULL, body TEXT NOT NULL, price {dec} NOT NULL, created_at {ts} NOT NULL)"
			if _, err := d.ExecContext(ctx, ddl(d.Dialect(), strings.Replace(schema, "{dec}", map[string]string{db.SQLite: "TEXT", db.Postgres: "numeric(12,2)"}[driver], 1))); err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				rows := benchRows(n, i*n)
				b.StartTimer()
				if err := orm.InsertMany(ctx, d, rows); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "rows/s")
		})
	}
}
