package orm_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/kilnhq/kiln/runtime/db"
	"github.com/kilnhq/kiln/runtime/orm"
)

// seedPosts creates n posts titled p1…pn with views 1…n by one author.
func seedPosts(t *testing.T, d *db.DB, n int) *User {
	t.Helper()
	u := newUser(t, d, "seed")
	for i := 1; i <= n; i++ {
		p := newPost(t, d, u, fmt.Sprintf("p%d", i))
		p.Views = i
		must(t, orm.Update(context.Background(), d, p))
	}
	return u
}

func titles(posts []Post) string {
	var s []string
	for _, p := range posts {
		s = append(s, p.Title)
	}
	return strings.Join(s, " ")
}

func TestWhereClauses(t *testing.T) {
	each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		seedPosts(t, d, 6)
		body := "has body"
		p5, _ := orm.Query[Post](d).Where("title", "=", "p5").First(ctx)
		p5.Body = &body
		must(t, orm.Update(ctx, d, p5))
		for name, c := range map[string]struct {
			b    *orm.Builder[Post]
			want string
		}{
			"where":          {orm.Query[Post](d).Where("views", ">", 4), "p5 p6"},
			"operator case":  {orm.Query[Post](d).Where("views", "<=", 2).Where("title", "LIKE", "p%"), "p1 p2"},
			"or where":       {orm.Query[Post](d).Where("views", "=", 1).OrWhere("views", "=", 6), "p1 p6"},
			"not equal":      {orm.Query[Post](d).Where("views", "!=", 1).Where("views", "<>", 2).Where("views", "<", 5), "p3 p4"},
			"where in":       {orm.Query[Post](d).WhereIn("views", 2, 4, 9), "p2 p4"},
			"where in slice": {orm.Query[Post](d).WhereIn("title", []string{"p3", "p1", "p3"}), "p1 p3"},
			"where in empty": {orm.Query[Post](d).WhereIn("views", []int{}), ""},
			"where not in":   {orm.Query[Post](d).WhereNotIn("views", 1, 2, 3, 4), "p5 p6"},
			"where null":     {orm.Query[Post](d).WhereNull("body").Where("views", ">", 4), "p6"},
			"where not null": {orm.Query[Post](d).WhereNotNull("body"), "p5"},
			"group": {orm.Query[Post](d).Where("views", ">", 2).WhereGroup(func(g *orm.Builder[Post]) *orm.Builder[Post] {
				return g.Where("views", "=", 1).OrWhere("views", "=", 3)
			}), "p3"},
			"or group":        {orm.Query[Post](d).Where("views", "=", 1).OrWhereGroup(func(g *orm.Builder[Post]) *orm.Builder[Post] { return g.Where("views", ">", 4).Where("views", "<", 6) }), "p1 p5"},
			"order desc":      {orm.Query[Post](d).OrderBy("views", "DESC").Limit(2), "p6 p5"},
			"limit offset":    {orm.Query[Post](d).OrderBy("views", "asc").Limit(2).Offset(3), "p4 p5"},
			"offset no limit": {orm.Query[Post](d).OrderBy("views", "").Offset(4), "p5 p6"},
		} {
			if !strings.HasPrefix(name, "order") && !strings.HasPrefix(name, "limit") && !strings.HasPrefix(name, "offset") {
				c.b.OrderBy("id", "asc") // PostgreSQL returns rows in no set order
			}
			posts, err := c.b.Get(ctx)
			if err != nil {
				t.Errorf("%s: %v", name, err)
				continue
			}
			if got := titles(posts); got != c.want {
				t.Errorf("%s: got %q, want %q", name, got, c.want)
			}
		}
	})
}

func TestCountExistsFirst(t *testing.T) {
	each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		seedPosts(t, d, 5)
		n, err := orm.Query[Post](d).Where("views", ">", 2).OrderBy("views", "desc").Limit(1).Count(ctx)
		must(t, err)
		if n != 3 {
			t.Errorf("count = %d, want 3 (order and limit ignored)", n)
		}
		yes, err := orm.Query[Post](d).Where("views", "=", 5).Exists(ctx)
		must(t, err)
		no, err := orm.Query[Post](d).Where("views", "=", 50).Exists(ctx)
		must(t, err)
		if !yes || no {
			t.Errorf("exists = %v, %v", yes, no)
		}
		first, err := orm.Query[Post](d).Where("views", ">", 1).First(ctx)
		must(t, err)
		last, err := orm.Query[Post](d).OrderBy("views", "desc").First(ctx)
		must(t, err)
		if first.Title != "p2" || last.Title != "p5" {
			t.Errorf("first = %s, last = %s", first.Title, last.Title)
		}
	})
}

// Published is a reusable scope, written as apps write them.
func Published(b *orm.Builder[Post]) *orm.Builder[Post] {
	return b.Where("status", "=", "published")
}

// Popular returns a scope with a parameter.
func Popular(min int) orm.Scope[Post] {
	return func(b *orm.Builder[Post]) *orm.Builder[Post] { return b.Where("views", ">=", min) }
}

func TestScopes(t *testing.T) {
	each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		seedPosts(t, d, 4)
		for _, title := range []string{"p3", "p4"} {
			p, _ := orm.Query[Post](d).Where("title", "=", title).First(ctx)
			p.Status = "published"
			must(t, orm.Update(ctx, d, p))
		}
		p1, _ := orm.Query[Post](d).Where("title", "=", "p1").First(ctx)
		p1.Status = "published"
		must(t, orm.Update(ctx, d, p1))
		posts, err := orm.Query[Post](d).Scope(Published, Popular(2)).OrderBy("id", "asc").Get(ctx)
		must(t, err)
		if got := titles(posts); got != "p3 p4" {
			t.Errorf("scoped = %q", got)
		}
	})
}

func TestPaginate(t *testing.T) {
	each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		seedPosts(t, d, 7)
		for _, c := range []struct {
			page, per int
			want      string
			wantPage  orm.Page[Post]
		}{
			{1, 3, "p1 p2 p3", orm.Page[Post]{Total: 7, Page: 1, PerPage: 3, LastPage: 3}},
			{3, 3, "p7", orm.Page[Post]{Total: 7, Page: 3, PerPage: 3, LastPage: 3}},
			{4, 3, "", orm.Page[Post]{Total: 7, Page: 4, PerPage: 3, LastPage: 3}},
			{0, 7, "p1 p2 p3 p4 p5 p6 p7", orm.Page[Post]{Total: 7, Page: 1, PerPage: 7, LastPage: 1}},
			{1, 0, "p1 p2 p3 p4 p5 p6 p7", orm.Page[Post]{Total: 7, Page: 1, PerPage: orm.DefaultPerPage, LastPage: 1}},
		} {
			p, err := orm.Query[Post](d).Paginate(ctx, c.page, c.per)
			must(t, err)
			got := p
			got.Items = nil
			if titles(p.Items) != c.want || got.Total != c.wantPage.Total || got.Page != c.wantPage.Page ||
				got.PerPage != c.wantPage.PerPage || got.LastPage != c.wantPage.LastPage {
				t.Errorf("page %d of %d: got %q %+v", c.page, c.per, titles(p.Items), got)
			}
		}
		empty, err := orm.Query[Post](d).Where("views", ">", 100).Paginate(ctx, 1, 10)
		must(t, err)
		out, _ := json.Marshal(empty)
		if string(out) != `{"items":[],"total":0,"page":1,"per_page":10,"last_page":1}` {
			t.Errorf("empty page JSON = %s", out)
		}
		desc, err := orm.Query[Post](d).OrderBy("views", "desc").Paginate(ctx, 2, 2)
		must(t, err)
		if titles(desc.Items) != "p5 p4" {
			t.Errorf("ordered page = %q", titles(desc.Items))
		}
	})
}

func TestUnsafeInputIsRejected(t *testing.T) {
	each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		seedPosts(t, d, 1)
		for name, c := range map[string]struct {
			b    *orm.Builder[Post]
			want string
		}{
			"injected column": {orm.Query[Post](d).Where("id; DROP TABLE posts", "=", 1), `orm: where: unknown column "id; DROP TABLE posts" in table posts`},
			"order column":    {orm.Query[Post](d).OrderBy("title desc; --", "asc"), `orm: order by: unknown column "title desc; --" in table posts`},
			"order direction": {orm.Query[Post](d).OrderBy("title", "desc; DROP TABLE posts"), `orm: order by title: direction "desc; DROP TABLE posts" is not asc or desc`},
			"operator":        {orm.Query[Post](d).Where("title", "= 1 OR 1 =", 1), `orm: where title: operator "= 1 OR 1 =" is not allowed; use = != < <= > >= like, not like, ilike or not ilike`},
			"where in column": {orm.Query[Post](d).WhereIn("nope", 1), `orm: where in: unknown column "nope" in table posts`},
			"null column":     {orm.Query[Post](d).WhereNull("nope"), `orm: where null: unknown column "nope" in table posts`},
			"nil value":       {orm.Query[Post](d).Where("body", "=", nil), `orm: where body = nil: use WhereNull or WhereNotNull`},
			"relation":        {orm.Query[Post](d).With("Editor"), `orm: with "Editor": Post has no relation Editor (declare it in its Relations method)`},
			"group":           {orm.Query[Post](d).WhereGroup(func(g *orm.Builder[Post]) *orm.Builder[Post] { return g.Where("x", "=", 1) }), `orm: where: unknown column "x" in table posts`},
			"negative limit":  {orm.Query[Post](d).Limit(-1), `orm: limit -1 is negative`},
		} {
			_, err := c.b.Get(ctx)
			if err == nil || err.Error() != c.want {
				t.Errorf("%s: err = %v, want %s", name, err, c.want)
			}
		}
		_, err := orm.Query[Post](d).Where("nope", "=", 1).Count(ctx)
		if !errors.Is(err, orm.ErrUnknownColumn) {
			t.Errorf("Count: err = %v, want ErrUnknownColumn", err)
		}
		// A value is never SQL: the would-be injection is just a title that matches nothing.
		posts, err := orm.Query[Post](d).Where("title", "=", "x' OR '1'='1").Get(ctx)
		if err != nil || len(posts) != 0 {
			t.Errorf("bound value matched %d rows (%v)", len(posts), err)
		}
		if n, _ := orm.Query[Post](d).Count(ctx); n != 1 {
			t.Errorf("posts table changed: %d rows", n)
		}
	})
}

func TestBuilderClone(t *testing.T) {
	each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		seedPosts(t, d, 3)
		base := orm.Query[Post](d).Where("views", ">", 1)
		fewer := base.Clone().Where("views", "<", 3)
		all, err := base.OrderBy("id", "asc").Get(ctx)
		must(t, err)
		some, err := fewer.Get(ctx)
		must(t, err)
		if titles(all) != "p2 p3" || titles(some) != "p2" {
			t.Errorf("base %q, clone %q", titles(all), titles(some))
		}
	})
}
