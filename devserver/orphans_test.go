package devserver

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestMain lets a test run the dev server as a real, separate process (the test
// binary itself, with KILN_DEVSERVER_HELPER set), so it can be signalled, even with
// SIGKILL, exactly like kiln serve.
func TestMain(m *testing.M) {
	if root := os.Getenv("KILN_DEVSERVER_HELPER"); root != "" {
		os.Exit(helperMain(root))
	}
	os.Exit(m.Run())
}

func helperMain(root string) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM, syscall.SIGHUP)
	defer stop()
	grace, _ := time.ParseDuration(os.Getenv("KILN_DEVSERVER_GRACE"))
	srv, err := New(Config{Root: root, Host: "127.0.0.1", Watch: true, Debounce: DefaultDebounce, Grace: grace, Out: os.Stdout})
	if err != nil {
		fmt.Println("error:", err)
		return 1
	}
	if err := srv.Run(ctx); err != nil {
		fmt.Println("error:", err)
		return 1
	}
	return 0
}

// helper is a dev server running in its own process.
type helper struct {
	cmd   *exec.Cmd
	lines chan string
}

func startHelper(t *testing.T, root string, env ...string) *helper {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(append(os.Environ(), "KILN_DEVSERVER_HELPER="+root), env...)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = cmd.Stdout
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	h := &helper{cmd: cmd, lines: make(chan string, 1000)}
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			h.lines <- sc.Text()
		}
		close(h.lines)
	}()
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	return h
}

// expect waits (at most a minute) for an output line matching re and returns its
// submatches.
func (h *helper) expect(t *testing.T, re string) []string {
	t.Helper()
	pattern := regexp.MustCompile(re)
	timeout := time.After(time.Minute)
	for {
		select {
		case l, ok := <-h.lines:
			if !ok {
				t.Fatalf("helper exited before printing %q", re)
			}
			if m := pattern.FindStringSubmatch(l); m != nil {
				return m
			}
		case <-timeout:
			t.Fatalf("helper never printed %q", re)
		}
	}
}

var readyLine = `ready in .* · pid (\d+) · (http://\S+)`

// waitDead waits (bounded) for a process to be gone: the kernel delivers the
// parent-death signal asynchronously.
func waitDead(t *testing.T, pid int, what string) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		if !alive(pid) {
			return
		}
	}
	syscall.Kill(pid, syscall.SIGKILL) // don't leak it from the test either
	t.Errorf("%s (pid %d) is still running", what, pid)
}

// After SIGINT, SIGTERM, SIGHUP or even SIGKILL of kiln, no app process remains.
func TestNoChildOutlivesKiln(t *testing.T) {
	t.Parallel()
	for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGTERM, syscall.SIGHUP, syscall.SIGKILL} {
		t.Run(sig.String(), func(t *testing.T) {
			t.Parallel()
			root := newTestApp(t, "v1")
			h := startHelper(t, root)
			m := h.expect(t, readyLine)
			pid, _ := strconv.Atoi(m[1])
			waitBody(t, m[2], "v1")
			if err := h.cmd.Process.Signal(sig); err != nil {
				t.Fatal(err)
			}
			err := h.cmd.Wait()
			if sig != syscall.SIGKILL && err != nil {
				t.Errorf("kiln exited with %v after %s, want a clean exit", err, sig)
			}
			if sig != syscall.SIGKILL && alive(pid) {
				t.Errorf("the app (pid %d) outlived a graceful shutdown", pid)
			}
			waitDead(t, pid, "the app")
		})
	}
}

// An app that ignores SIGTERM is killed when the grace period is over.
func TestAppIgnoringSIGTERMIsKilledAfterGrace(t *testing.T) {
	t.Parallel()
	root := newTestApp(t, "v1")
	writeMain(t, root, "v1", "signal.Ignore(syscall.SIGTERM)", "os/signal", "syscall")
	h := startHelper(t, root, "KILN_DEVSERVER_GRACE=300ms")
	m := h.expect(t, readyLine)
	pid, _ := strconv.Atoi(m[1])
	h.cmd.Process.Signal(syscall.SIGTERM)
	if err := h.cmd.Wait(); err != nil {
		t.Errorf("kiln exited with %v", err)
	}
	if alive(pid) {
		t.Errorf("the app (pid %d) survived the grace period", pid)
	}
}

// The parent-death signal reaches only kiln's child. A process the app started
// survives a SIGKILLed kiln; the next kiln serve of the app finds it through the
// pid file and stops it.
func TestNextServeReclaimsWhatAKilledOneLeft(t *testing.T) {
	t.Parallel()
	root := newTestApp(t, "v1")
	writeMain(t, root, "v1", `s := exec.Command("sleep", "300"); s.Start(); fmt.Println("sleeper", s.Process.Pid)`, "os/exec")
	h := startHelper(t, root)
	m := h.expect(t, `app .* sleeper (\d+)`)
	sleeper, _ := strconv.Atoi(m[1])
	m = h.expect(t, readyLine)
	app, _ := strconv.Atoi(m[1])
	h.cmd.Process.Kill()
	h.cmd.Wait()
	waitDead(t, app, "the app")
	if !alive(sleeper) {
		t.Skip("the app's own child died with it; nothing left to reclaim")
	}
	out := &syncBuffer{}
	srv, err := New(Config{Root: root, Host: "127.0.0.1", Out: out})
	if err != nil {
		t.Fatal(err)
	}
	srv.ln.Close()
	srv.spawn.close()
	srv.pids.clear()
	if alive(sleeper) {
		syscall.Kill(sleeper, syscall.SIGKILL)
		t.Fatalf("the leftover process (pid %d) was not reclaimed; console:\n%s", sleeper, out.String())
	}
	if !strings.Contains(out.String(), "left running by a previous kiln serve") {
		t.Errorf("console does not say what was reclaimed:\n%s", out.String())
	}
}

// A port held by another program is a clear error naming it.
func TestPortHeldByAnotherProgram(t *testing.T) {
	t.Parallel()
	root := newTestApp(t, "v1")
	first, _ := startServer(t, root, func(c *Config) { c.Watch = false })
	port, _ := strconv.Atoi(first.URL()[strings.LastIndex(first.URL(), ":")+1:])
	_, err := New(Config{Root: newTestApp(t, "v2"), Host: "127.0.0.1", Port: port, Out: &syncBuffer{}})
	want := fmt.Sprintf("in use by pid %d", os.Getpid())
	if err == nil || !strings.Contains(err.Error(), want) || !strings.Contains(err.Error(), "--port") {
		t.Errorf("err = %v, want one naming %q and --port", err, want)
	}
}
