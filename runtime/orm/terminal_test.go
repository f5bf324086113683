package orm_test

import (
	"context"
	"testing"

	"github.com/kilnhq/kiln/runtime/db"
	"github.com/kilnhq/kiln/runtime/orm"
)

// Terminal methods run the query; they must not change the builder, so one
// builder can serve several terminals (a list and its count, a lookup per id).
func TestTerminalsLeaveTheBuilderUnchanged(t *testing.T) {
	each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		seedPosts(t, d, 5)
		q := orm.Query[Post](d).Where("views", ">", 1)
		get := func(step string) {
			t.Helper()
			posts, err := q.Get(ctx)
			must(t, err)
			if len(posts) != 4 {
				t.Errorf("Get after %s: %d posts (%q), want 4", step, len(posts), titles(posts))
			}
			if n, err := q.Count(ctx); err != nil || n != 4 {
				t.Errorf("Count after %s: %d (%v), want 4", step, n, err)
			}
		}

		first, err := q.First(ctx)
		must(t, err)
		if first.Title != "p2" {
			t.Errorf("First = %s, want p2", first.Title)
		}
		get("First")

		byID := map[string]int64{}
		all, err := orm.Query[Post](d).Get(ctx)
		must(t, err)
		for _, p := range all {
			byID[p.Title] = p.ID
		}
		for _, title := range []string{"p3", "p4", "p5"} {
			p, err := q.Find(ctx, byID[title])
			if err != nil {
				t.Errorf("Find(%s) after earlier Finds: %v", title, err)
				continue
			}
			if p.Title != title {
				t.Errorf("Find(%d) = %s, want %s", byID[title], p.Title, title)
			}
		}
		get("Find")

		page, err := q.Paginate(ctx, 2, 3)
		must(t, err)
		if titles(page.Items) != "p5" || page.Total != 4 {
			t.Errorf("page 2 of 3: %q, total %d", titles(page.Items), page.Total)
		}
		get("Paginate")
		again, err := q.Paginate(ctx, 1, 3)
		must(t, err)
		if titles(again.Items) != "p2 p3 p4" {
			t.Errorf("page 1 after page 2: %q", titles(again.Items))
		}

		// A terminal on a builder with its own order and offset keeps them.
		desc := orm.Query[Post](d).OrderBy("views", "desc")
		top, err := desc.First(ctx)
		must(t, err)
		list, err := desc.Get(ctx)
		must(t, err)
		if top.Title != "p5" || titles(list) != "p5 p4 p3 p2 p1" {
			t.Errorf("ordered: first %s, then %q", top.Title, titles(list))
		}
		// Find looks the id up in the whole query, whatever its offset.
		skip := orm.Query[Post](d).OrderBy("id", "asc").Offset(3)
		if p, err := skip.Find(ctx, byID["p1"]); err != nil || p.Title != "p1" {
			t.Errorf("Find with an offset: %v %v", p, err)
		}
		if rest, err := skip.Get(ctx); err != nil || titles(rest) != "p4 p5" {
			t.Errorf("Get after Find with an offset: %q %v", titles(rest), err)
		}
	})
}
