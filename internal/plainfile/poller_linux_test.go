package plainfile

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// helperEnv selects, in a child test process, which library the child
// opens files with before reporting whether it has an epoll instance.
const helperEnv = "PLAINFILE_TEST_OPEN_WITH"

// A fresh process that reads, lists and creates files through plainfile
// never creates the runtime's poller; the same work through package os does
// (the control that shows the check can fail).
func TestNoPoller(t *testing.T) {
	for lib, want := range map[string]string{"plainfile": "no poller", "os": "poller"} {
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, "a.txt"), []byte("a"), 0o644); err != nil {
			t.Fatal(err)
		}
		cmd := exec.Command(os.Args[0], "-test.run=^TestPollerHelper$", "-test.v")
		cmd.Env = append(os.Environ(), helperEnv+"="+lib, "PLAINFILE_TEST_DIR="+dir)
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("%s: %v\n%s", lib, err, out)
		}
		if !strings.Contains(string(out), "result: "+want+"\n") {
			t.Errorf("opening files with %s: want %q, child said:\n%s", lib, want, out)
		}
	}
}

func TestPollerHelper(t *testing.T) {
	lib := os.Getenv(helperEnv)
	if lib == "" {
		t.Skip("run by TestNoPoller")
	}
	dir := os.Getenv("PLAINFILE_TEST_DIR")
	name := filepath.Join(dir, "a.txt")
	if hasPoller(t) {
		t.Fatal("the test process had a poller before the work: the check cannot tell")
	}
	switch lib {
	case "plainfile":
		ReadFile(name)
		ReadDir(dir)
		f, _ := CreateTemp(dir, "t-")
		f.Close()
	case "os":
		os.ReadFile(name)
		os.ReadDir(dir)
		f, _ := os.CreateTemp(dir, "t-")
		f.Close()
	}
	if hasPoller(t) {
		t.Log("result: poller")
	} else {
		t.Log("result: no poller")
	}
}

// hasPoller reports whether the process holds an epoll descriptor, looking
// without opening anything through package os.
func hasPoller(t *testing.T) bool {
	fds, err := ReadDir("/proc/self/fd")
	if err != nil {
		t.Fatal(err)
	}
	for _, fd := range fds {
		if target, _ := os.Readlink("/proc/self/fd/" + fd.Name()); target == "anon_inode:[eventpoll]" {
			return true
		}
	}
	return false
}
