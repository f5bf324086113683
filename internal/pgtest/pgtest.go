// Package pgtest starts a throwaway PostgreSQL server for tests: initdb and pg_ctl
// in a temporary directory, listening on a free loopback port, stopped when the
// test binary ends. Never a shared or remote server.
//
// Use it from a package's TestMain:
//
//	func TestMain(m *testing.M) { os.Exit(pgtest.Main(m)) }
//
// and in tests, pgtest.NewDatabase(t) returns the DSN of a fresh, empty database.
// Without server binaries the tests skip with a message saying how to enable them;
// with CI set they fail instead, so CI can never pass by skipping.
package pgtest

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"sort"
	"strconv"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"

	_ "github.com/jackc/pgx/v5/stdlib" // the server is reached through database/sql
)

// server is the one cluster a test binary shares.
type server struct {
	dir   string // data directory's parent, removed at the end
	data  string
	bin   string
	port  int
	cred  *syscall.Credential // set when running as root: PostgreSQL refuses root
	admin *sql.DB
}

var (
	startOnce sync.Once
	shared    *server
	startErr  error
	dbCounter atomic.Int64
)

// Main runs the package's tests and stops the server, if one was started.
func Main(m *testing.M) int {
	code := m.Run()
	if shared != nil {
		shared.stop()
	}
	return code
}

// NewDatabase returns the DSN of a new, empty database on the shared server,
// dropped when the test ends.
func NewDatabase(t testing.TB) string {
	t.Helper()
	dsn, err := TryNewDatabase(t)
	if err != nil {
		if SkipReason(err) != "" {
			t.Skip(SkipReason(err))
		}
		t.Fatal(err)
	}
	return dsn
}

// TryNewDatabase is NewDatabase for callers that decide themselves what to do
// when PostgreSQL is unavailable (see SkipReason).
func TryNewDatabase(t testing.TB) (string, error) {
	startOnce.Do(func() { shared, startErr = start() })
	if startErr != nil {
		return "", fmt.Errorf("start PostgreSQL: %w", startErr)
	}
	name := fmt.Sprintf("kiln_test_%d_%d", os.Getpid(), dbCounter.Add(1))
	ctx := context.Background()
	if _, err := shared.admin.ExecContext(ctx, "CREATE DATABASE "+name); err != nil {
		return "", fmt.Errorf("create database: %w", err)
	}
	t.Cleanup(func() {
		shared.admin.ExecContext(ctx, "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)")
	})
	return shared.dsn(name), nil
}

// SkipReason says why a test may skip instead of fail for err: only when server
// binaries are missing and CI is not set, so CI can never pass by skipping.
func SkipReason(err error) string {
	if errors.Is(err, errNoBinaries) && os.Getenv("CI") == "" {
		return fmt.Sprintf("PostgreSQL tests skipped: %v (install the postgresql package, e.g. apt-get install postgresql, to run them)", err)
	}
	return ""
}

// Available reports whether PostgreSQL server binaries were found, for tests that
// want to say so in their output.
func Available() bool {
	_, err := findBinaries()
	return err == nil
}

var errNoBinaries = errors.New("no PostgreSQL server binaries (initdb, pg_ctl) found in PATH or /usr/lib/postgresql/*/bin")

// findBinaries locates the directory holding initdb and pg_ctl, preferring the
// newest version under /usr/lib/postgresql.
func findBinaries() (string, error) {
	matches, _ := filepath.Glob("/usr/lib/postgresql/*/bin/pg_ctl")
	sort.Slice(matches, func(i, j int) bool { return versionOf(matches[i]) > versionOf(matches[j]) })
	for _, m := range matches {
		if _, err := os.Stat(filepath.Join(filepath.Dir(m), "initdb")); err == nil {
			return filepath.Dir(m), nil
		}
	}
	if p, err := exec.LookPath("pg_ctl"); err == nil {
		if _, err := exec.LookPath("initdb"); err == nil {
			return filepath.Dir(p), nil
		}
	}
	return "", errNoBinaries
}

func versionOf(pgCtl string) int {
	v, _ := strconv.Atoi(filepath.Base(filepath.Dir(filepath.Dir(pgCtl))))
	return v
}

func start() (*server, error) {
	bin, err := findBinaries()
	if err != nil {
		return nil, err
	}
	s := &server{bin: bin}
	reapOrphans(s)
	if s.dir, err = os.MkdirTemp("", "kiln-pgtest-"); err != nil {
		return nil, err
	}
	// Recorded so a later run can stop this cluster if this process dies
	// without cleaning up (pg_ctl daemonises the server, so it outlives us).
	if err := os.WriteFile(filepath.Join(s.dir, "owner.pid"), []byte(strconv.Itoa(os.Getpid())), 0o644); err != nil {
		s.cleanup()
		return nil, err
	}
	s.data = filepath.Join(s.dir, "data")
	if err := s.dropRoot(); err != nil {
		s.cleanup()
		return nil, err
	}
	if err := s.initdb(); err != nil {
		s.cleanup()
		return nil, err
	}
	if err := s.startServer(); err != nil {
		s.cleanup()
		return nil, err
	}
	if s.admin, err = sql.Open("pgx", s.dsn("postgres")); err != nil {
		s.stop()
		return nil, err
	}
	return s, nil
}

// dropRoot arranges for the server to run as the postgres (or nobody) user when the
// tests run as root, as they do in CI containers: PostgreSQL refuses to run as root.
func (s *server) dropRoot() error {
	if os.Geteuid() != 0 {
		return nil
	}
	u, err := user.Lookup("postgres")
	if err != nil {
		if u, err = user.Lookup("nobody"); err != nil {
			return fmt.Errorf("running as root and no postgres or nobody user to run the server as")
		}
	}
	uid, _ := strconv.Atoi(u.Uid)
	gid, _ := strconv.Atoi(u.Gid)
	s.cred = &syscall.Credential{Uid: uint32(uid), Gid: uint32(gid)}
	return os.Chown(s.dir, uid, gid)
}

func (s *server) command(name string, args ...string) *exec.Cmd {
	cmd := exec.Command(filepath.Join(s.bin, name), args...)
	cmd.Dir = s.dir
	cmd.Env = append(os.Environ(), "LC_ALL=C", "TZ=UTC")
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: s.cred, Setpgid: true}
	return cmd
}

func (s *server) initdb() error {
	out, err := s.command("initdb", "-D", s.data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-sync").CombinedOutput()
	if err != nil {
		return fmt.Errorf("initdb: %v\n%s", err, out)
	}
	return nil
}

// startServer starts postgres on a free loopback port with no Unix socket and
// settings for speed over durability (a test cluster is thrown away).
func (s *server) startServer() error {
	var lastErr error
	for attempt := 0; attempt < 5; attempt++ {
		port, err := freePort()
		if err != nil {
			return err
		}
		s.port = port
		opts := fmt.Sprintf("-h 127.0.0.1 -p %d -k '' -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200", port)
		out, err := s.command("pg_ctl", "-D", s.data, "-o", opts, "-l", filepath.Join(s.dir, "server.log"), "-w", "-t", "60", "start").CombinedOutput()
		if err == nil {
			return nil
		}
		log, _ := os.ReadFile(filepath.Join(s.dir, "server.log"))
		lastErr = fmt.Errorf("pg_ctl start: %v\n%s\n%s", err, out, log) // maybe the port was taken: retry
	}
	return lastErr
}

// reapOrphans stops and removes clusters left by test processes that died
// (a SIGKILLed or timed-out test binary never runs Main's cleanup).
func reapOrphans(template *server) {
	dirs, _ := filepath.Glob(filepath.Join(os.TempDir(), "kiln-pgtest-*"))
	for _, dir := range dirs {
		data, err := os.ReadFile(filepath.Join(dir, "owner.pid"))
		if err != nil {
			continue
		}
		pid, err := strconv.Atoi(string(data))
		if err != nil || pid <= 0 || !errors.Is(syscall.Kill(pid, 0), syscall.ESRCH) {
			continue // its owner still runs, or it is not ours to judge
		}
		orphan := &server{bin: template.bin, dir: dir, data: filepath.Join(dir, "data")}
		if orphan.dropRoot() != nil {
			continue
		}
		orphan.command("pg_ctl", "-D", orphan.data, "-m", "immediate", "-w", "-t", "30", "stop").Run()
		os.RemoveAll(dir)
	}
}

func (s *server) dsn(database string) string {
	return fmt.Sprintf("postgres://postgres@127.0.0.1:%d/%s?sslmode=disable", s.port, database)
}

func (s *server) stop() {
	if s.admin != nil {
		s.admin.Close()
	}
	s.command("pg_ctl", "-D", s.data, "-m", "immediate", "-w", "-t", "30", "stop").Run()
	s.cleanup()
}

func (s *server) cleanup() { os.RemoveAll(s.dir) }

func freePort() (int, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port, nil
}
