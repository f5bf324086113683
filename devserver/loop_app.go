package devserver

import (
	"errors"
	"fmt"
	"time"
)

// launch starts a process from bin beside the one serving. The proxy switches to
// it only once it is ready (appReady); a process still starting from an older
// binary is superseded.
func (l *loop) launch(bin string) {
	l.cancelRetry()
	if l.starting != nil {
		l.dropStarting()
	}
	p, err := startApp(l.s.spawn, l.s.console, l.s.cfg, l.s.kiln, bin)
	if err != nil {
		l.s.console.fail("%v", err)
		l.s.proxy.setFailure("The app could not start", err.Error())
		if !l.s.cfg.Watch {
			l.fatal = err
		}
		return
	}
	l.s.pids.add(p.pid, "app")
	l.starting = p
	l.tasks.Add(2)
	go func() {
		defer l.tasks.Done()
		if err := p.waitReady(l.ctx); err != nil {
			l.post(appFailed{p, err})
			return
		}
		l.post(appReady{p})
	}()
	go func() {
		defer l.tasks.Done()
		<-p.exited
		l.post(appExited{p})
	}()
}

// dropStarting kills the process that is starting: a newer one replaces it.
func (l *loop) dropStarting() {
	p := l.starting
	l.starting = nil
	p.kill()
	l.s.pids.remove(p.pid)
	if p.bin != l.bin {
		removeBin(p.bin)
	}
}

// appReady switches the proxy to p, then retires the process it replaces.
func (l *loop) appReady(p *appProc) {
	if p != l.starting {
		return // superseded; already killed
	}
	l.starting = nil
	b := newBackend(p.addr, l.s.proxyErrorLog())
	l.s.proxy.swap(b)
	old := l.current
	l.current = &serving{proc: p, backend: b}
	oldBin := l.bin
	l.bin = p.bin
	l.s.console.info("ready in %s · pid %d · %s", formatDuration(time.Since(l.since)), p.pid, l.s.URL())
	if old != nil {
		l.retire(old, old.proc.bin != p.bin)
	} else if oldBin != p.bin {
		removeBin(oldBin)
	}
	if l.s.cfg.Open && !l.opened {
		l.opened = true
		if err := openBrowser(l.s.URL()); err != nil {
			l.s.console.warn("could not open a browser (%v): open %s yourself", err, l.s.URL())
		}
	}
}

// retire lets the old process finish the requests it has (the proxy sends it no
// new ones), then stops it: SIGTERM, grace, SIGKILL to its group.
func (l *loop) retire(old *serving, removeItsBin bool) {
	grace := l.s.cfg.Grace
	l.tasks.Add(1)
	go func() {
		defer l.tasks.Done()
		if !old.backend.drain(grace) {
			l.s.console.warn("pid %d still had requests in flight after %s; stopping it anyway", old.proc.pid, grace)
		}
		old.proc.stop(grace)
		l.s.pids.remove(old.proc.pid)
		if removeItsBin {
			removeBin(old.proc.bin)
		}
	}()
}

// appFailed handles a new process that exited (or never listened) before it was
// ready. Its output is already on the terminal; the old process keeps serving.
func (l *loop) appFailed(p *appProc, err error) {
	if p != l.starting {
		return
	}
	l.starting = nil
	p.kill()
	l.s.pids.remove(p.pid)
	title := "The app exited before it was ready"
	detail := fmt.Sprintf("%v", p.err)
	if !errors.Is(err, errExited) {
		title, detail = "The app did not become ready", err.Error()
	}
	l.s.console.fail("%s: %s", title, detail)
	l.s.proxy.setFailure(title, firstNonEmpty(p.tail.String(), detail))
	switch {
	case !l.s.cfg.Watch:
		l.fatal = fmt.Errorf("%s: %s", title, detail)
	case l.current != nil:
		removeBin(p.bin)
		l.s.console.info("the previous version keeps serving; fix and save to try again")
	default:
		l.restartLater(p, "nothing else is serving")
	}
}

// appExited handles the serving process exiting on its own (a crash, log.Fatal):
// requests are held while it is restarted, with back-off if it keeps crashing.
func (l *loop) appExited(p *appProc) {
	if l.current == nil || l.current.proc != p {
		return // a retired or failed process
	}
	l.s.proxy.remove(l.current.backend)
	l.current = nil
	l.s.pids.remove(p.pid)
	killGroup(p.pid) // anything it left behind
	l.s.console.fail("the app exited: %v", p.err)
	if !l.s.cfg.Watch {
		l.fatal = fmt.Errorf("the app exited: %v", p.err)
		return
	}
	l.restartLater(p, "it exited")
}

// restartLater restarts p's binary after a back-off that grows while it keeps
// crashing, so a crash loop does not spin. A new build starts sooner.
func (l *loop) restartLater(p *appProc, why string) {
	d := l.crashes.delay(time.Since(p.started))
	l.s.console.info("restarting in %s (%s); save a file to rebuild now", formatDuration(d), why)
	l.retryBin = p.bin
	if l.retry == nil {
		l.retry = l.clock.NewTimer(d)
	} else {
		l.retry.Reset(d)
	}
	l.retrying = true
}

func (l *loop) cancelRetry() {
	if l.retrying {
		l.retry.Stop()
		l.retrying = false
	}
}

// stopApps stops every process at shutdown, the serving one gracefully.
func (l *loop) stopApps() {
	l.cancelRetry()
	if l.starting != nil {
		l.dropStarting()
	}
	if l.current != nil {
		l.current.backend.drain(l.s.cfg.Grace)
		l.current.proc.stop(l.s.cfg.Grace)
		l.s.pids.remove(l.current.proc.pid)
		l.current = nil
	}
}
