package gormmodernc

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/kilnhq/kiln/bench/internal/fixture"
	"github.com/kilnhq/kiln/bench/internal/gormops"
)

// TestQueries counts, at the driver, the statements GORM sends on kiln's
// driver (List100: exactly two) and checks it returns what raw does.
func TestQueries(t *testing.T) {
	ctx := context.Background()
	path, d, _, _ := open(t)
	c := &fixture.Counter{}
	pool := c.Open(d.DB.Driver(), fixture.DSN(path))
	t.Cleanup(func() { pool.Close() })
	raw, err := fixture.NewRaw(ctx, pool, pool)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(raw.Close)
	g := openGORM(t, pool)

	want := fixture.CheckImpl(t, c, pool, "raw", raw.Impl())
	got := fixture.CheckImpl(t, c, pool, "gorm-modernc", gormops.Impl(g))
	if !slices.Equal(got, want) {
		t.Errorf("gorm and raw differ:\ngorm %s\nraw  %s", strings.Join(got, "\n     "), strings.Join(want, "\n     "))
	}
}
