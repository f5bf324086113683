package devserver

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// Cancelling a build kills its whole process group: go build's compile and link
// processes, or here a shell's background child.
func TestCancelledBuildKillsItsProcessGroup(t *testing.T) {
	root := t.TempDir()
	pidFile := filepath.Join(root, "child.pid")
	s := newSpawner()
	defer s.close()
	b, err := newBuilder(root, filepath.Join(root, ".kiln", "serve"), `sh -c 'sleep 300 & echo $! > child.pid; wait'`, s)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan buildResult)
	go func() { done <- b.build(ctx, 1) }()
	var child int
	for deadline := time.Now().Add(time.Minute); child == 0 && time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		data, _ := os.ReadFile(pidFile)
		child, _ = strconv.Atoi(strings.TrimSpace(string(data)))
	}
	if child == 0 {
		t.Fatal("the build never started its child")
	}
	cancel()
	res := <-done
	if !res.cancelled {
		t.Errorf("result not marked cancelled: %+v", res)
	}
	waitDead(t, child, "the build's background child")
}

func TestFailedBuildReportsOutputAndLeavesNoBinary(t *testing.T) {
	root := t.TempDir()
	writeTree(t, root, map[string]string{"go.mod": "module x\n\ngo 1.21\n", "main.go": "package main\n\nfunc main() { x() }\n"})
	s := newSpawner()
	defer s.close()
	b, _ := newBuilder(root, filepath.Join(root, ".kiln", "serve"), DefaultBuild, s)
	res := b.build(context.Background(), 7)
	if res.err == nil || res.bin != "" || !strings.Contains(res.output, "main.go:3:15: undefined: x") {
		t.Fatalf("result: %+v", res)
	}
	if _, err := os.Stat(filepath.Join(root, ".kiln", "serve", "build-7")); !os.IsNotExist(err) {
		t.Errorf("failed build left its output: %v", err)
	}
	b2, _ := newBuilder(root, filepath.Join(root, ".kiln", "serve"), "true", s)
	if res := b2.build(context.Background(), 8); res.err == nil || !strings.Contains(res.err.Error(), "$KILN_OUT") {
		t.Errorf("a build command that writes nothing: %v", res.err)
	}
}

func TestConsoleColoursOnlyWhenAsked(t *testing.T) {
	output := "# app\n./main.go:3:2: undefined: x\n"
	var plain, coloured strings.Builder
	(&console{w: &plain}).line("build", ansiRed, (&console{}).highlight(output))
	c := &console{w: &coloured, color: true}
	c.line("build", ansiRed, c.highlight(output))
	if strings.Contains(plain.String(), "\x1b[") || !strings.Contains(plain.String(), "build | ./main.go:3:2: undefined: x") {
		t.Errorf("plain output: %q", plain.String())
	}
	if !strings.Contains(coloured.String(), ansiRed+ansiBold+"./main.go:3:2"+ansiReset) {
		t.Errorf("file:line not highlighted: %q", coloured.String())
	}
}
