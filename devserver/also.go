package devserver

import (
	"os"
	"os/exec"
	"sync/atomic"
	"time"
)

// alsoProc is an --also command: started with kiln (through sh -c, since these are
// shell command lines such as `npx tailwindcss -i in.css -o out.css --watch`),
// stopped with kiln, never restarted by it.
type alsoProc struct {
	name     string
	cmd      *exec.Cmd
	out      *lineWriter
	exited   chan struct{}
	stopping atomic.Bool // kiln is stopping it: its exit is no news
}

func startAlso(s *spawner, c *console, root string, a Also) (*alsoProc, error) {
	p := &alsoProc{name: a.Name, exited: make(chan struct{})}
	p.cmd = exec.Command("sh", "-c", a.Command)
	p.cmd.Dir = root
	p.cmd.Env = os.Environ()
	p.out = c.stream(a.Name, ansiDim, nil)
	p.cmd.Stdout, p.cmd.Stderr = p.out, p.out
	ownGroup(p.cmd)
	p.cmd.WaitDelay = time.Second
	if err := s.start(p.cmd); err != nil {
		return nil, err
	}
	go func() {
		err := p.cmd.Wait()
		p.out.flush()
		switch {
		case p.stopping.Load():
		case err != nil:
			c.warn("%s exited: %v", a.Name, err)
		default:
			c.info("%s exited", a.Name)
		}
		close(p.exited)
	}()
	return p, nil
}

// stop ends the command's whole group: SIGTERM, grace, SIGKILL.
func (p *alsoProc) stop(grace time.Duration) {
	p.stopping.Store(true)
	terminateGroup(p.cmd.Process.Pid)
	t := time.NewTimer(grace)
	defer t.Stop()
	select {
	case <-p.exited:
	case <-t.C:
	}
	killGroup(p.cmd.Process.Pid)
	<-p.exited
}
