package seed_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/kilnhq/kiln/internal/dbtest"
	"github.com/kilnhq/kiln/runtime/db"
	"github.com/kilnhq/kiln/runtime/factory"
	"github.com/kilnhq/kiln/runtime/seed"
)

// Article is the benchmark model: name, a unique email, title, body,
// price and created_at.
type Article struct {
	ID        int64           `db:"id"`
	Name      string          `db:"name"`
	Email     string          `db:"email"`
	Title     string          `db:"title"`
	Body      string          `db:"body"`
	Price     decimal.Decimal `db:"price"`
	CreatedAt time.Time       `db:"created_at"`
}

type ArticleFactory struct {
	factory.Factory[Article, ArticleFactory]
}

func NewArticleFactory() ArticleFactory {
	return factory.New(func(f *factory.Faker) Article {
		return Article{Name: f.Name(), Email: f.UniqueEmail(), Title: f.Title(), Body: f.Paragraph(), Price: f.Price(), CreatedAt: f.Time()}
	}, func(f factory.Factory[Article, ArticleFactory]) ArticleFactory { return ArticleFactory{f} })
}

const articles = `CREATE TABLE articles (id %s PRIMARY KEY, name VARCHAR(255) NOT NULL, email VARCHAR(255) NOT NULL UNIQUE,
  title VARCHAR(255) NOT NULL, body TEXT NOT NULL, price NUMERIC(10,2) NOT NULL, created_at TIMESTAMP NOT NULL)`

// articleSeeder inserts n articles through the factory, as a generated
// seeder does.
type articleSeeder struct{ n int }

func (a articleSeeder) Run(ctx context.Context, s *seed.Seeding) error {
	_, err := NewArticleFactory().Count(a.n).Insert(ctx, s.DB)
	return err
}

// BenchmarkSeed seeds 100,000 articles per op the way `kiln db seed` does
// (seed.Run: one transaction, factory batches) and reports rows/s.
//
//	go test -run '^$' -bench Seed -benchtime 3x ./runtime/seed/
func BenchmarkSeed(b *testing.B) {
	const rows = 100_000
	for _, driver := range []string{db.SQLite, db.Postgres} {
		b.Run(driver, func(b *testing.B) {
			ctx := context.Background()
			var elapsed time.Duration
			for b.Loop() {
				b.StopTimer()
				d := dbtest.Open(b, driver)
				id := "INTEGER"
				if driver == db.Postgres {
					id = "BIGSERIAL"
				}
				if _, err := d.ExecContext(ctx, fmt.Sprintf(articles, id)); err != nil {
					b.Fatal(err)
				}
				b.StartTimer()
				start := time.Now()
				sum, err := seed.Run(ctx, d, articleSeeder{rows}, seed.Options{})
				elapsed += time.Since(start)
				if err != nil || sum.Rows != rows {
					b.Fatalf("seed: %d rows, %v", sum.Rows, err)
				}
				b.StopTimer()
				d.Close()
				b.StartTimer()
			}
			b.ReportMetric(float64(rows*b.N)/elapsed.Seconds(), "rows/s")
		})
	}
}
