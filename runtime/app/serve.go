package app

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"time"

	"github.com/joho/godotenv"
	"github.com/kilnhq/kiln/runtime/db"
	"github.com/kilnhq/kiln/runtime/web"
)

// runServe loads configuration, opens the database and serves until ctx is cancelled.
func runServe(ctx context.Context, cfg Config, args []string, stderr io.Writer) int {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	addrFlag := fs.String("addr", "", "address to listen on (overrides $ADDR and $PORT)")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if err := LoadEnv(".env"); err != nil {
		fmt.Fprintln(stderr, err)
		return 1
	}
	if _, err := web.OptionsFromEnv(); err != nil { // refuse a bad APP_DEBUG or APP_MAX_BODY up front
		fmt.Fprintln(stderr, err)
		return 1
	}
	log := newLogger(stderr)
	addr := *addrFlag
	if addr == "" {
		addr = ListenAddr()
	}
	dbCfg := db.ConfigFromEnv()
	database, err := db.Open(dbCfg)
	if err != nil {
		log.Error("open database", "err", err)
		return 1
	}
	defer database.Close()
	log.Info("database", "driver", dbCfg.Driver, "dsn", dbCfg.Redacted())
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		log.Error("listen", "addr", addr, "err", err)
		return 1
	}
	if err := Serve(ctx, ln, NewHandler(cfg, database, log), log); err != nil {
		log.Error("serve", "err", err)
		return 1
	}
	return 0
}

// LoadEnv loads a .env file into the environment if it exists, then sets the
// process's time zone from APP_TIMEZONE. Variables already set in the real
// environment win, so `DB_DSN=… ./app serve` needs no file edits.
func LoadEnv(path string) error {
	if _, err := os.Stat(path); err == nil {
		if err := godotenv.Load(path); err != nil {
			return fmt.Errorf("load %s: %w", path, err)
		}
	} else if !errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("load %s: %w", path, err)
	}
	return setTimezone(os.Getenv("APP_TIMEZONE"))
}

// setTimezone makes name (UTC when empty) the zone times are read and shown
// in, as Laravel's app.timezone does (UTC by default): the PostgreSQL driver
// returns times in the local zone, so on a server whose zone is not UTC a
// record read back would show other offsets than the one just created.
func setTimezone(name string) error {
	if name == "" || name == "UTC" {
		time.Local = time.UTC
		return nil
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		return fmt.Errorf("APP_TIMEZONE=%s: %w (use UTC or an IANA name such as Europe/Paris)", name, err)
	}
	time.Local = loc
	return nil
}

// ListenAddr is $ADDR if set, else 127.0.0.1:$PORT with PORT defaulting to 8000.
// Loopback by default: a dev app is not exposed to the network by accident.
func ListenAddr() string {
	if addr := os.Getenv("ADDR"); addr != "" {
		return addr
	}
	port := os.Getenv("PORT")
	if port == "" {
		port = "8000"
	}
	return net.JoinHostPort("127.0.0.1", port)
}

// NewHandler builds the app's HTTP handler: the default middleware (request id,
// access log, panic recovery, body limit; configured from APP_DEBUG and
// APP_MAX_BODY), health checks, and the app's routes.
func NewHandler(cfg Config, database *db.DB, log *slog.Logger) *web.Router {
	r := web.NewRouter()
	opts, _ := web.OptionsFromEnv() // runServe has refused invalid values; defaults stand in elsewhere
	opts.Logger = log
	r.Use(web.Defaults(opts)...)
	r.Get("/health/live", live)
	r.Get("/health/ready", ready(database, log))
	if cfg.Routes != nil {
		cfg.Routes(r, database)
	}
	return r
}

// Serve serves h on ln until ctx is cancelled, then shuts down gracefully, giving
// in-flight requests up to $SHUTDOWN_TIMEOUT (default 10s) to finish.
func Serve(ctx context.Context, ln net.Listener, h http.Handler, log *slog.Logger) error {
	srv := &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 10 * time.Second,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	log.Info("listening", "url", "http://"+ln.Addr().String())
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	grace := shutdownTimeout()
	log.Info("shutting down", "grace", grace)
	sctx, cancel := context.WithTimeout(context.Background(), grace)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	return nil
}

func shutdownTimeout() time.Duration {
	if d, err := time.ParseDuration(os.Getenv("SHUTDOWN_TIMEOUT")); err == nil && d > 0 {
		return d
	}
	return 10 * time.Second
}

// newLogger logs text for people in development and JSON in production, where logs
// are read by machines.
func newLogger(w io.Writer) *slog.Logger {
	if os.Getenv("APP_ENV") == "production" {
		return slog.New(slog.NewJSONHandler(w, nil))
	}
	return slog.New(slog.NewTextHandler(w, nil))
}
