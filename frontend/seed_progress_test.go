package frontend

import (
	"strings"
	"testing"
	"time"

	"github.com/kilnhq/kiln/commands"
)

func TestSeedViewShowsBarsAndRates(t *testing.T) {
	v := newSeedView()
	for _, e := range []commands.SeedEvent{
		{Kind: "seeder", Seeder: "DatabaseSeeder"},
		{Kind: "seeder", Seeder: "PostSeeder", At: time.Second},
		{Kind: "planned", Seeder: "PostSeeder", Table: "posts", Rows: 2000, At: time.Second},
		{Kind: "rows", Seeder: "PostSeeder", Table: "posts", Rows: 1000, At: 2 * time.Second},
	} {
		v.Update(e)
	}
	out := v.text()
	if strings.Contains(out, "DatabaseSeeder") {
		t.Errorf("a seeder that only calls others has a bar:\n%s", out)
	}
	if !strings.Contains(out, "PostSeeder") || !strings.Contains(out, "1000/2000 rows") || !strings.Contains(out, "1000 rows/s") {
		t.Errorf("view:\n%s", out)
	}
	v.Update(commands.SeedEvent{Kind: "done", Seeder: "PostSeeder", At: 2 * time.Second})
	if _, cmd := v.Update(seedDone{}); cmd == nil || !v.done {
		t.Error("the view did not quit when the app finished")
	}
}
