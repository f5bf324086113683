package devserver

import "time"

// backoff spaces out restarts of a process that keeps crashing: 250 ms, doubling,
// at most 10 s. A process that stayed up for a while, or a new build, starts the
// sequence again.
type backoff struct {
	next time.Duration
}

const (
	backoffFirst  = 250 * time.Millisecond
	backoffMax    = 10 * time.Second
	backoffStable = 10 * time.Second // up this long: the next crash is a new story
)

// delay returns how long to wait before restarting a process that ran for up.
func (b *backoff) delay(up time.Duration) time.Duration {
	if up >= backoffStable || b.next == 0 {
		b.next = backoffFirst
	}
	d := b.next
	b.next = min(b.next*2, backoffMax)
	return d
}

func (b *backoff) reset() { b.next = 0 }
