package app

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/kilnhq/kiln/runtime/db"
	"github.com/kilnhq/kiln/runtime/web"
)

// startServer serves the app handler on a loopback port until the test ends.
func startServer(t *testing.T, cfg Config, database *db.DB) (url string, stop func() error) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	log := slog.New(slog.DiscardHandler)
	go func() { done <- Serve(ctx, ln, NewHandler(cfg, database, log), log) }()
	stop = func() error { cancel(); return <-done }
	t.Cleanup(func() { cancel() })
	return "http://" + ln.Addr().String(), stop
}

func get(t *testing.T, url string) (int, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(body)
}

func openSQLite(t *testing.T) *db.DB {
	t.Helper()
	d, err := db.Open(db.Config{Driver: db.SQLite, DSN: filepath.Join(t.TempDir(), "app.db")})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { d.Close() })
	return d
}

func TestHealthEndpoints(t *testing.T) {
	url, stop := startServer(t, Config{}, openSQLite(t))
	if code, body := get(t, url+"/health/live"); code != 200 || !strings.Contains(body, `"ok"`) {
		t.Errorf("live = %d %s", code, body)
	}
	if code, body := get(t, url+"/health/ready"); code != 200 || !strings.Contains(body, `"up"`) {
		t.Errorf("ready = %d %s", code, body)
	}
	if err := stop(); err != nil {
		t.Errorf("graceful stop: %v", err)
	}
}

func TestReadyIs503WhenDatabaseIsDown(t *testing.T) {
	// A loopback port nobody listens on: the ping fails fast with connection refused.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	down, err := db.Open(db.Config{Driver: db.Postgres, DSN: "postgres://x@" + addr + "/x?connect_timeout=1"})
	if err != nil {
		t.Fatal(err)
	}
	defer down.Close()
	url, _ := startServer(t, Config{}, down)
	if code, _ := get(t, url+"/health/ready"); code != http.StatusServiceUnavailable {
		t.Errorf("ready = %d, want 503", code)
	}
	if code, _ := get(t, url+"/health/live"); code != 200 {
		t.Errorf("live = %d, want 200 even with the database down", code)
	}
}

func TestShutdownFinishesInFlightRequests(t *testing.T) {
	started := make(chan struct{})
	cfg := Config{Routes: func(r *web.Router, _ *db.DB) {
		r.Get("/slow", func(w http.ResponseWriter, _ *http.Request) {
			close(started)
			time.Sleep(200 * time.Millisecond)
			io.WriteString(w, "done")
		})
	}}
	url, stop := startServer(t, cfg, openSQLite(t))
	type result struct {
		code int
		body string
	}
	res := make(chan result, 1)
	go func() {
		resp, err := http.Get(url + "/slow")
		if err != nil {
			res <- result{0, err.Error()}
			return
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		res <- result{resp.StatusCode, string(b)}
	}()
	<-started
	if err := stop(); err != nil {
		t.Fatal(err)
	}
	if r := <-res; r.code != 200 || r.body != "done" {
		t.Errorf("in-flight request got %d %q, want 200 done", r.code, r.body)
	}
}

func TestRoutesCommandListsHealthAndAppRoutes(t *testing.T) {
	cfg := Config{Routes: func(r *web.Router, _ *db.DB) {
		r.Get("/api/posts", func(http.ResponseWriter, *http.Request) {})
	}}
	var out, errOut bytes.Buffer
	if code := Run(context.Background(), cfg, []string{"routes"}, nil, &out, &errOut); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut.String())
	}
	for _, want := range []string{"METHOD", "GET     /api/posts", "/health/live", "/health/ready"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("routes output lacks %q:\n%s", want, out.String())
		}
	}
}

func TestUnknownCommandIsUsageError(t *testing.T) {
	var out, errOut bytes.Buffer
	if code := Run(context.Background(), Config{}, []string{"nope"}, nil, &out, &errOut); code != 2 {
		t.Errorf("exit %d, want 2", code)
	}
	if !strings.Contains(errOut.String(), `unknown command "nope"`) {
		t.Errorf("stderr: %s", errOut.String())
	}
}

func TestLoadEnvKeepsRealEnvironment(t *testing.T) {
	path := filepath.Join(t.TempDir(), ".env")
	if err := os.WriteFile(path, []byte("KILN_T_A=file\nKILN_T_B=file\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Setenv("KILN_T_A", "real")
	t.Setenv("KILN_T_B", "")
	os.Unsetenv("KILN_T_B")
	if err := LoadEnv(path); err != nil {
		t.Fatal(err)
	}
	if got := os.Getenv("KILN_T_A"); got != "real" {
		t.Errorf("KILN_T_A = %q, want the real environment to win", got)
	}
	if got := os.Getenv("KILN_T_B"); got != "file" {
		t.Errorf("KILN_T_B = %q, want value from .env", got)
	}
	if err := LoadEnv(filepath.Join(t.TempDir(), "missing.env")); err != nil {
		t.Errorf("missing .env should be fine: %v", err)
	}
}

func TestListenAddr(t *testing.T) {
	t.Setenv("ADDR", "")
	t.Setenv("PORT", "")
	if got := ListenAddr(); got != "127.0.0.1:8000" {
		t.Errorf("default = %q", got)
	}
	t.Setenv("PORT", "9123")
	if got := ListenAddr(); got != "127.0.0.1:9123" {
		t.Errorf("PORT = %q", got)
	}
	t.Setenv("ADDR", "127.0.0.2:7000")
	if got := ListenAddr(); got != "127.0.0.2:7000" {
		t.Errorf("ADDR = %q", got)
	}
}
