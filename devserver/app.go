package devserver

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"strconv"
	"time"
)

// appProc is one running app process.
type appProc struct {
	bin     string
	addr    string // 127.0.0.1:port, where it was told to listen
	kiln    bool   // a kiln app: ready means GET /health/live answers 200
	cmd     *exec.Cmd
	pid     int
	started time.Time
	tail    *tail
	out     *lineWriter
	exited  chan struct{} // closed once the process has exited
	err     error         // its exit status, once exited is closed
}

// startApp starts bin on a fresh loopback port given in PORT (and ADDR, which a
// kiln app prefers), in its own process group, its output streamed to the console.
func startApp(s *spawner, c *console, cfg Config, kiln bool, bin string) (*appProc, error) {
	port, err := freePort()
	if err != nil {
		return nil, err
	}
	p := &appProc{bin: bin, addr: net.JoinHostPort("127.0.0.1", strconv.Itoa(port)), kiln: kiln,
		tail: &tail{}, exited: make(chan struct{})}
	p.cmd = exec.Command(bin, appArgs(cfg, kiln)...)
	p.cmd.Dir = cfg.Root
	p.cmd.Env = append(os.Environ(), "PORT="+strconv.Itoa(port))
	if kiln {
		p.cmd.Env = append(p.cmd.Env, "ADDR="+p.addr)
	}
	p.out = c.stream("app", ansiGreen, p.tail)
	p.cmd.Stdout, p.cmd.Stderr = p.out, p.out
	ownGroup(p.cmd)
	p.cmd.WaitDelay = time.Second // a grandchild holding the pipes must not block Wait
	if err := s.start(p.cmd); err != nil {
		return nil, fmt.Errorf("start the app: %w", err)
	}
	p.pid, p.started = p.cmd.Process.Pid, time.Now()
	go p.wait()
	return p, nil
}

// appArgs are the app's arguments: those after -- on kiln's command line, else
// "serve" for a kiln app (whose binary has subcommands) and none for others.
func appArgs(cfg Config, kiln bool) []string {
	if cfg.AppArgs != nil {
		return cfg.AppArgs
	}
	if kiln {
		return []string{"serve"}
	}
	return nil
}

func (p *appProc) wait() {
	p.err = p.cmd.Wait()
	p.out.flush()
	close(p.exited)
}

func (p *appProc) hasExited() bool {
	select {
	case <-p.exited:
		return true
	default:
		return false
	}
}

// freePort asks the kernel for a free loopback port. Another process could take it
// before the app binds it; on loopback in development that is rare, and the app
// then fails to start and is reported like any start failure.
func freePort() (int, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, fmt.Errorf("find a free port for the app: %w", err)
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port, nil
}

// errExited is a process that exited before it was ready.
var errExited = errors.New("exited before it was ready")

// readyTimeout is how long a new process may take to start listening.
const readyTimeout = 60 * time.Second

// waitReady polls until the process is ready: a kiln app answers GET /health/live
// with 200, any other app accepts a connection on its port. It polls every
// millisecond for the first 100 ms, when a Go app usually starts listening, so it
// is switched in at once; then it backs off to every 50 ms.
func (p *appProc) waitReady(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, readyTimeout)
	defer cancel()
	client := &http.Client{Timeout: time.Second, Transport: &http.Transport{DisableKeepAlives: true}}
	delay := time.Millisecond
	for {
		if p.probe(ctx, client) {
			return nil
		}
		select {
		case <-p.exited:
			return errExited
		case <-ctx.Done():
			if errors.Is(ctx.Err(), context.DeadlineExceeded) {
				return fmt.Errorf("not ready after %s: is it listening on $PORT (%s)?", readyTimeout, p.addr)
			}
			return ctx.Err()
		case <-time.After(delay):
		}
		if time.Since(p.started) > 100*time.Millisecond {
			delay = min(delay*3/2, 50*time.Millisecond)
		}
	}
}

func (p *appProc) probe(ctx context.Context, client *http.Client) bool {
	if !p.kiln {
		conn, err := (&net.Dialer{Timeout: time.Second}).DialContext(ctx, "tcp", p.addr)
		if err == nil {
			conn.Close()
		}
		return err == nil
	}
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, "http://"+p.addr+"/health/live", nil)
	resp, err := client.Do(req)
	if err != nil {
		return false
	}
	resp.Body.Close()
	return resp.StatusCode == http.StatusOK
}

// stop ends the process: SIGTERM to its group, up to grace to exit, then SIGKILL to
// the whole group (which also ends anything the app started and left behind).
func (p *appProc) stop(grace time.Duration) {
	if !p.hasExited() {
		terminateGroup(p.pid)
		t := time.NewTimer(grace)
		select {
		case <-p.exited:
		case <-t.C:
		}
		t.Stop()
	}
	killGroup(p.pid)
	<-p.exited
}

// kill ends a process that never served: no grace needed.
func (p *appProc) kill() {
	killGroup(p.pid)
	<-p.exited
}
