package devserver

import (
	"fmt"
	"os"
)

// startBuild starts a build of the tree as it is now, in a goroutine.
func (l *loop) startBuild() {
	ctx, id := l.sched.begin(l.ctx)
	l.tasks.Add(1)
	go func() {
		defer l.tasks.Done()
		l.post(buildDone{l.s.builder.build(ctx, id)})
	}()
}

// buildDone handles a finished build: start the next one if a newer change
// cancelled it, report a failure, or start the new binary.
func (l *loop) buildDone(res buildResult) {
	if l.sched.ended() {
		removeBin(res.bin)
		l.startBuild()
		return
	}
	switch {
	case res.cancelled:
		return
	case res.err != nil:
		l.buildFailed(res)
		return
	}
	l.crashes.reset()
	if l.sched.waiting() {
		// Files changed while it built. If their hashes show a real change, the
		// next build replaces this one; half-written files are never served.
		l.held = &res
		return
	}
	l.s.console.info("built in %s", formatDuration(res.took))
	l.launch(res.bin)
}

// buildFailed keeps the old app serving and shows the compiler's errors, with
// file:line highlighted, in the terminal and (through the proxy) in the browser.
func (l *loop) buildFailed(res buildResult) {
	l.s.console.fail("build failed after %s: %v", formatDuration(res.took), res.err)
	if res.output != "" {
		l.s.console.line("build", ansiRed, l.s.console.highlight(res.output))
	}
	l.s.proxy.setFailure("Build failed", firstNonEmpty(res.output, res.err.Error()))
	switch {
	case !l.s.cfg.Watch:
		l.fatal = fmt.Errorf("build failed")
	case l.current != nil:
		l.s.console.info("the previous version keeps serving; fix and save to rebuild")
	}
}

// deployHeld starts a build that was held back while changes were checked.
func (l *loop) deployHeld() {
	if l.held == nil {
		return
	}
	res := l.held
	l.held = nil
	l.s.console.info("built in %s", formatDuration(res.took))
	l.launch(res.bin)
}

// discardHeld drops a held build: newer changes make it stale.
func (l *loop) discardHeld() {
	if l.held != nil {
		removeBin(l.held.bin)
		l.held = nil
	}
}

func removeBin(bin string) {
	if bin != "" {
		os.Remove(bin)
	}
}

func firstNonEmpty(s ...string) string {
	for _, v := range s {
		if v != "" {
			return v
		}
	}
	return ""
}
