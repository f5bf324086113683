package devserver

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"
	"time"
)

// --also commands run beside the app, their output prefixed with their name, and
// stop with kiln.
func TestAlsoCommandsRunAndStop(t *testing.T) {
	root := newTestApp(t, "v1")
	out := &syncBuffer{}
	srv, err := New(Config{Root: root, Host: "127.0.0.1", Watch: true, Out: out,
		Also: []Also{{Name: "worker", Command: `echo "worker pid $$"; exec sleep 300`}}})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error)
	go func() { done <- srv.Run(ctx) }()
	waitBody(t, srv.URL(), "v1")
	waitOutput(t, out, "worker pid ")
	m := regexp.MustCompile(`worker +\| worker pid (\d+)`).FindStringSubmatch(out.String())
	if m == nil {
		t.Fatalf("no prefixed output:\n%s", out.String())
	}
	pid, _ := strconv.Atoi(m[1])
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if alive(pid) {
		t.Errorf("--also process %d outlived kiln", pid)
	}
}

// --open runs the desktop's opener once, after the first ready.
func TestOpenRunsTheBrowserOnce(t *testing.T) {
	bin := t.TempDir()
	log := filepath.Join(bin, "opened")
	script := "#!/bin/sh\necho \"$1\" >> " + log + "\n"
	for _, name := range []string{"xdg-open", "open"} {
		if err := os.WriteFile(filepath.Join(bin, name), []byte(script), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	t.Setenv("PATH", bin+string(os.PathListSeparator)+os.Getenv("PATH"))
	root := newTestApp(t, "v1")
	srv, _ := startServer(t, root, func(c *Config) { c.Open = true })
	waitBody(t, srv.URL(), "v1")
	setMessage(t, root, "v2")
	waitBody(t, srv.URL(), "v2")
	var opened string
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		data, _ := os.ReadFile(log)
		if opened = string(data); opened != "" {
			break
		}
	}
	if opened != srv.URL()+"\n" {
		t.Errorf("opener got %q, want %s once", opened, srv.URL())
	}
}
