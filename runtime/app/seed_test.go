package app

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kilnhq/kiln/runtime/seed"
)

// countingSeeder records that it ran.
type countingSeeder struct{ ran *bool }

func (s countingSeeder) Run(context.Context, *seed.Seeding) error {
	*s.ran = true
	return nil
}

// DatabaseSeeder is the name `seed` runs by default.
type DatabaseSeeder struct{ countingSeeder }

// seedApp runs `seed args…` in a temp directory with a SQLite database.
func seedApp(t *testing.T, env map[string]string, args ...string) (int, string, bool) {
	t.Helper()
	dir := t.TempDir()
	t.Chdir(dir)
	t.Setenv("DB_DRIVER", "sqlite")
	t.Setenv("DB_DSN", filepath.Join(dir, "app.db"))
	t.Setenv("APP_ENV", "")
	for k, v := range env {
		t.Setenv(k, v)
	}
	ran := false
	cfg := Config{Seeders: []seed.Seeder{DatabaseSeeder{countingSeeder{&ran}}}}
	var out, errOut bytes.Buffer
	stdin, err := os.Open(os.DevNull) // not a terminal
	if err != nil {
		t.Fatal(err)
	}
	defer stdin.Close()
	code := Run(context.Background(), cfg, append([]string{"seed"}, args...), stdin, &out, &errOut)
	return code, out.String() + errOut.String(), ran
}

func TestSeedRunsTheDatabaseSeeder(t *testing.T) {
	code, out, ran := seedApp(t, nil, "--faker-seed", "42")
	if code != 0 || !ran || !strings.Contains(out, "faker seed 42") || !strings.Contains(out, "committed") {
		t.Errorf("exit %d, ran %v, output:\n%s", code, ran, out)
	}
}

func TestSeedRefusesProductionWithoutForce(t *testing.T) {
	code, out, ran := seedApp(t, map[string]string{"APP_ENV": "production"})
	if code != 2 || ran || !strings.Contains(out, "refusing to seed: APP_ENV is production") {
		t.Errorf("exit %d, ran %v, output:\n%s", code, ran, out)
	}
	if code, _, ran := seedApp(t, map[string]string{"APP_ENV": "production"}, "--force"); code != 0 || !ran {
		t.Errorf("--force: exit %d, ran %v", code, ran)
	}
}

func TestSeedUsageErrors(t *testing.T) {
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"--class", "Nope"}, `no seeder named "Nope"; the app has: DatabaseSeeder`},
		{[]string{"--faker-seed", "x"}, `invalid --faker-seed "x"`},
		{[]string{"extra"}, `unexpected argument "extra"`},
	} {
		code, out, ran := seedApp(t, nil, c.args...)
		if code != 2 || ran || !strings.Contains(out, c.want) {
			t.Errorf("seed %v: exit %d, ran %v, output:\n%s", c.args, code, ran, out)
		}
	}
}
