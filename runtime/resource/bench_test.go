package resource

import (
	"encoding/json"
	"testing"
	"time"
)

// benchPost is the shape of a generated PostResource with a loaded author.
type benchPost struct {
	ID        int64     `json:"id"`
	Title     string    `json:"title"`
	Body      *string   `json:"body"`
	Published bool      `json:"published"`
	AuthorID  int64     `json:"author_id"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
	Author    *user     `json:"author,omitempty"`
}

// BenchmarkWrap is the cost of {"data": …} around one record, against the
// plain struct it replaced (what a GET /api/posts/{id} encodes).
func BenchmarkWrap(b *testing.B) {
	body := "Hello, world"
	p := benchPost{ID: 1, Title: "Hello", Body: &body, AuthorID: 1, CreatedAt: time.Now(), UpdatedAt: time.Now()}
	b.Run("Wrapped", func(b *testing.B) {
		for b.Loop() {
			if _, err := json.Marshal(Wrap(p)); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("plain struct", func(b *testing.B) {
		for b.Loop() {
			if _, err := json.Marshal(struct {
				Data benchPost `json:"data"`
			}{p}); err != nil {
				b.Fatal(err)
			}
		}
	})
}
