package app

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	_ "time/tzdata" // Europe/Paris on machines without zoneinfo
)

// TestLoadEnvSetsTheTimezone: APP_TIMEZONE (UTC when unset) is the zone the
// app reads and shows times in, as Laravel's app.timezone.
func TestLoadEnvSetsTheTimezone(t *testing.T) {
	defer func(l *time.Location) { time.Local = l }(time.Local)
	env := filepath.Join(t.TempDir(), ".env")
	if err := os.WriteFile(env, []byte("APP_NAME=x\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	time.Local = time.FixedZone("elsewhere", -5*3600)
	t.Setenv("APP_TIMEZONE", "")
	if err := LoadEnv(env); err != nil || time.Local != time.UTC {
		t.Fatalf("unset: err %v, zone %v; want UTC", err, time.Local)
	}
	t.Setenv("APP_TIMEZONE", "Mars/Olympus_Mons")
	if err := LoadEnv(env); err == nil || !strings.Contains(err.Error(), "APP_TIMEZONE=Mars/Olympus_Mons") {
		t.Fatalf("bad zone: err %v", err)
	}
	t.Setenv("APP_TIMEZONE", "Europe/Paris")
	if err := LoadEnv(env); err != nil || time.Local.String() != "Europe/Paris" {
		t.Fatalf("Europe/Paris: err %v, zone %v", err, time.Local)
	}
}
