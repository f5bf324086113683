package devserver

import (
	"errors"
	"os/exec"
	"runtime"
)

// spawner starts child processes from one goroutine locked to its OS thread. Linux
// sends the parent-death signal when the thread that forked the child exits, not
// when the process does; Go may retire idle threads, so children are started from
// a thread that lives until close, after every child has been stopped.
type spawner struct {
	reqs chan spawnRequest
	done chan struct{}
}

type spawnRequest struct {
	cmd *exec.Cmd
	err chan error
}

func newSpawner() *spawner {
	s := &spawner{reqs: make(chan spawnRequest), done: make(chan struct{})}
	go s.serve()
	return s
}

func (s *spawner) serve() {
	runtime.LockOSThread() // never unlocked: the thread ends with this goroutine
	for {
		select {
		case r := <-s.reqs:
			r.err <- r.cmd.Start()
		case <-s.done:
			return
		}
	}
}

var errSpawnerClosed = errors.New("kiln is shutting down")

// start starts cmd on the spawner's thread.
func (s *spawner) start(cmd *exec.Cmd) error {
	r := spawnRequest{cmd: cmd, err: make(chan error, 1)}
	select {
	case s.reqs <- r:
		return <-r.err
	case <-s.done:
		return errSpawnerClosed
	}
}

// close ends the thread. Anything it started that still runs then gets its
// parent-death signal, which is the last line of defence against orphans.
func (s *spawner) close() { close(s.done) }
