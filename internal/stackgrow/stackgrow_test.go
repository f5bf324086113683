package stackgrow

import (
	"runtime/metrics"
	"testing"
)

// stackBytes is the memory held by goroutine stacks, as the runtime reports it.
func stackBytes() uint64 {
	s := []metrics.Sample{{Name: "/memory/classes/heap/stacks:bytes"}}
	metrics.Read(s)
	return s[0].Value.Uint64()
}

// recurse uses about n KB of stack.
//
//go:noinline
func recurse(n int) int {
	var pad [1000]byte
	pad[n%len(pad)] = byte(n)
	if n == 0 {
		return int(pad[0])
	}
	return recurse(n-1) + int(pad[n%len(pad)])
}

// After Grow, a goroutine recursing through 24 KB of stack needs no further
// copy: the stack memory in use does not grow while it runs, where without
// Grow it does.
func TestGrowLeavesRoomForDeepCalls(t *testing.T) {
	grown := func(pre bool) uint64 {
		done := make(chan uint64)
		go func() {
			if pre {
				Grow()
			}
			before := stackBytes()
			recurse(24)
			done <- stackBytes() - before
		}()
		return <-done
	}
	if d := grown(false); d == 0 {
		t.Fatalf("a 24 KB recursion without Grow took no stack memory; the test cannot tell")
	}
	if d := grown(true); d != 0 {
		t.Errorf("after Grow, a 24 KB recursion grew the stack memory by %d bytes", d)
	}
}
