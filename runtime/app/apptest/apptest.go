// Package apptest runs a kiln app inside a Go test: a fresh SQLite database in
// the test's temp directory with every migration applied, the app's routes and
// middleware served over real HTTP on loopback, and JSON helpers to call them.
// Generated controller tests use it:
//
//	a := apptest.New(t, app.Config{Routes: routes.API, Migrations: migrations.Set})
//	a.Do(t, "POST", "/api/posts", body).Expect(t, http.StatusCreated)
package apptest

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"testing"

	"github.com/kilnhq/kiln/runtime/app"
	"github.com/kilnhq/kiln/runtime/db"
	"github.com/kilnhq/kiln/runtime/migrate"
)

// App is an app under test.
type App struct {
	// DB is the app's database, for factories and assertions.
	DB *db.DB
	// URL is where the app is served: http://127.0.0.1:port.
	URL string
}

// New migrates a fresh SQLite database and serves cfg's routes on it until
// the test ends.
func New(t testing.TB, cfg app.Config) *App {
	t.Helper()
	d, err := db.Open(db.Config{Driver: db.SQLite, DSN: filepath.Join(t.TempDir(), "test.db")})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { d.Close() })
	if cfg.Migrations != nil {
		r, err := migrate.NewRunner(d, cfg.Migrations)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := r.Up(context.Background()); err != nil {
			t.Fatalf("migrate: %v", err)
		}
	}
	srv := httptest.NewServer(app.NewHandler(cfg, d, slog.New(slog.DiscardHandler)))
	t.Cleanup(srv.Close)
	return &App{DB: d, URL: srv.URL}
}

// Response is an answer from the app, read in full.
type Response struct {
	Status int
	Header http.Header
	Body   []byte
}

// Do sends a request with body encoded as JSON (none when nil) and returns
// the answer.
func (a *App) Do(t testing.TB, method, path string, body any) *Response {
	t.Helper()
	var rd io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			t.Fatal(err)
		}
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequest(method, a.URL+path, rd)
	if err != nil {
		t.Fatal(err)
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	req.Header.Set("Accept", "application/json")
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return &Response{Status: res.StatusCode, Header: res.Header, Body: b}
}

// Expect fails the test unless the status is want, showing the body.
func (r *Response) Expect(t testing.TB, want int) *Response {
	t.Helper()
	if r.Status != want {
		t.Fatalf("status %d, want %d; body: %s", r.Status, want, r.Body)
	}
	return r
}

// Decode decodes the JSON body into v.
func (r *Response) Decode(t testing.TB, v any) {
	t.Helper()
	if err := json.Unmarshal(r.Body, v); err != nil {
		t.Fatalf("decode %s: %v", r.Body, err)
	}
}
