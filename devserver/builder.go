package devserver

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sync/atomic"
	"time"
)

// builder runs the build command, each build into its own file under .kiln/serve,
// so a build never overwrites the binary of the app that is serving, and a
// cancelled build is killed with its whole process group (go build's compilers
// and linker included).
type builder struct {
	root  string
	dir   string
	words []string
	spawn *spawner

	running  atomic.Int32 // builds running now: never more than one
	peak     atomic.Int32 // the most that ever ran at once, checked by tests
	count    atomic.Int32 // builds started
	lastTook atomic.Int64 // duration of the last build that finished, for the benchmark
}

// buildResult is what one build produced.
type buildResult struct {
	id        int
	bin       string // the binary; "" unless the build succeeded
	output    string // the compiler's output
	err       error
	cancelled bool
	took      time.Duration
}

func newBuilder(root, dir, command string, s *spawner) (*builder, error) {
	words, err := splitCommand(command)
	if err != nil {
		return nil, err
	}
	return &builder{root: root, dir: dir, words: words, spawn: s}, nil
}

// build runs build number id until it finishes or ctx is cancelled.
func (b *builder) build(ctx context.Context, id int) buildResult {
	b.count.Add(1)
	b.notePeak(b.running.Add(1))
	defer b.running.Add(-1)
	out := filepath.Join(b.dir, fmt.Sprintf("build-%d", id))
	res := buildResult{id: id}
	start := time.Now()
	output, err := b.run(ctx, out)
	res.took, res.output = time.Since(start), output
	b.lastTook.Store(int64(res.took))
	switch {
	case ctx.Err() != nil:
		res.cancelled = true
	case err != nil:
		res.err = err
	case !isFile(out):
		res.err = fmt.Errorf("the build command wrote no binary to $KILN_OUT (%s)", out)
	default:
		res.bin = out
		return res
	}
	os.Remove(out)
	return res
}

// notePeak records n builds running at once if that is a new high.
func (b *builder) notePeak(n int32) {
	for {
		peak := b.peak.Load()
		if n <= peak || b.peak.CompareAndSwap(peak, n) {
			return
		}
	}
}

func (b *builder) run(ctx context.Context, out string) (string, error) {
	if err := os.MkdirAll(b.dir, 0o755); err != nil {
		return "", err
	}
	argv := buildArgv(b.words, out)
	cmd := exec.CommandContext(ctx, argv[0], argv[1:]...)
	cmd.Dir = b.root
	cmd.Env = append(os.Environ(), "KILN_OUT="+out)
	var buf bytes.Buffer
	cmd.Stdout, cmd.Stderr = &buf, &buf
	ownGroup(cmd)
	cmd.WaitDelay = time.Second // a killed group closes its pipes; don't wait on strays
	if err := b.spawn.start(cmd); err != nil {
		if errors.Is(err, exec.ErrNotFound) {
			return "", fmt.Errorf("%s is not installed or not in PATH", argv[0])
		}
		return "", err
	}
	err := cmd.Wait()
	return buf.String(), err
}

func isFile(p string) bool {
	info, err := os.Stat(p)
	return err == nil && info.Mode().IsRegular()
}
