package devserver

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"
)

// pidFile (.kiln/serve/pids) records kiln serve's own pid and the process groups it
// started. Linux's parent-death signal reaches only kiln's direct children; if kiln
// is killed, something they started (a shell's child, a worker) may survive. The
// next kiln serve reads the file and kills what is left, so a stale child never
// keeps a port or a database lock. Each pid goes with its start time, so a pid the
// system has since given to another process is left alone.
//
// The file is rewritten by a goroutine of its own, so starting a process never
// waits for the disk: a swap is on the path from a save to the new page.
type pidFile struct {
	path    string
	mu      sync.Mutex
	kids    map[int]string // pid → role
	changed chan struct{}  // holds one token while a rewrite is due
	done    chan struct{}
	stopped chan struct{}
}

func newPIDFile(dir string) *pidFile {
	f := &pidFile{path: filepath.Join(dir, "pids"), kids: map[int]string{},
		changed: make(chan struct{}, 1), done: make(chan struct{}), stopped: make(chan struct{})}
	f.write()
	go f.writer()
	return f
}

func (f *pidFile) add(pid int, role string) {
	f.mu.Lock()
	f.kids[pid] = role
	f.mu.Unlock()
	f.due()
}

func (f *pidFile) remove(pid int) {
	f.mu.Lock()
	delete(f.kids, pid)
	f.mu.Unlock()
	f.due()
}

// due asks the writer for a rewrite; several changes in a row make one.
func (f *pidFile) due() {
	select {
	case f.changed <- struct{}{}:
	default:
	}
}

func (f *pidFile) writer() {
	defer close(f.stopped)
	for {
		select {
		case <-f.changed:
			f.write()
		case <-f.done:
			return
		}
	}
}

func (f *pidFile) write() {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.writeLocked()
}

// writeLocked replaces the file atomically, so a reader never sees half of it.
func (f *pidFile) writeLocked() {
	var b strings.Builder
	fmt.Fprintf(&b, "kiln %d %s\n", os.Getpid(), procStartTime(os.Getpid()))
	for pid, role := range f.kids {
		fmt.Fprintf(&b, "%s %d %s\n", role, pid, procStartTime(pid))
	}
	tmp := f.path + ".tmp"
	if err := os.WriteFile(tmp, []byte(b.String()), 0o644); err == nil {
		os.Rename(tmp, f.path)
	}
}

// clear stops the writer and removes the file, at a clean shutdown.
func (f *pidFile) clear() {
	close(f.done)
	<-f.stopped
	os.Remove(f.path)
}

// pidEntry is one line of the file.
type pidEntry struct {
	role  string
	pid   int
	start string
}

// running reports whether the process is still the one recorded.
func (e pidEntry) running() bool {
	return e.start != "" && procStartTime(e.pid) == e.start && alive(e.pid)
}

func readPIDFile(path string) []pidEntry {
	file, err := os.Open(path)
	if err != nil {
		return nil
	}
	defer file.Close()
	var out []pidEntry
	sc := bufio.NewScanner(file)
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) != 3 {
			continue
		}
		pid, err := strconv.Atoi(f[1])
		if err == nil && pid > 0 {
			out = append(out, pidEntry{role: f[0], pid: pid, start: f[2]})
		}
	}
	return out
}

// reclaim kills the process groups a previous kiln serve left running in this app
// and returns them. A previous kiln serve that still runs is an error: two would
// fight over the same build directory.
func reclaim(dir string) ([]pidEntry, error) {
	root := filepath.Dir(filepath.Dir(dir)) // dir is <root>/.kiln/serve
	if real, err := filepath.EvalSymlinks(root); err == nil {
		root = real // /proc shows working directories with symlinks resolved
	}
	var killed []pidEntry
	for _, e := range readPIDFile(filepath.Join(dir, "pids")) {
		if e.role == "kiln" {
			if e.running() && e.pid != os.Getpid() {
				return nil, fmt.Errorf("kiln serve is already running for this app (pid %d): stop it first", e.pid)
			}
			continue
		}
		left := e.leftovers(root)
		if len(left) == 0 {
			continue
		}
		killGroup(e.pid)
		for _, pid := range left {
			killProcess(pid)
		}
		killed = append(killed, e)
	}
	for _, e := range killed {
		waitGone(e, 2*time.Second)
	}
	return killed, nil
}

// leftovers are the processes of e's group still running: the recorded process
// itself, or, once it is gone, what it started (same process group, started after
// it, working in the app's directory; so a group id reused by an unrelated
// program is left alone).
func (e pidEntry) leftovers(root string) []int {
	if e.running() {
		return []int{e.pid}
	}
	var out []int
	start, _ := strconv.ParseInt(e.start, 10, 64)
	for _, pid := range procGroupMembers(e.pid) {
		t, err := strconv.ParseInt(procStartTime(pid), 10, 64)
		if err == nil && t >= start && procCwd(pid) == root {
			out = append(out, pid)
		}
	}
	return out
}

// waitGone waits a little for a killed group to disappear.
func waitGone(e pidEntry, limit time.Duration) {
	for deadline := time.Now().Add(limit); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		if !e.running() && len(procGroupMembers(e.pid)) == 0 {
			return
		}
	}
}
