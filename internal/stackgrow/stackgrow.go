// Package stackgrow gives a goroutine the stack it will need in one step.
//
// A goroutine starts with a 2 KB stack, and the runtime doubles it each time
// a call would overflow it, copying the stack and adjusting every frame on it
// (decoding each function's stack map from the binary's tables). A planner
// goroutine rendering Go code with jennifer and go/printer recurses deep
// enough to be copied four times (2→4→8→16→32 KB), each time deeper in that
// recursion: a scaffold made 15 such copies, costing ~1 ms of CPU in a
// fresh process, whose tables are not yet in memory. Growing the stack
// first, while it holds a frame or two, makes that one cheap copy
// (docs/benchmarks.md: −0.5 ms of a scaffold).
package stackgrow

// Grow makes the calling goroutine's stack at least 32 KB, enough for
// kiln's planners, in one copy. Call it first thing in a goroutine that will
// render or parse Go code. A stack only shrinks during a garbage collection,
// which a kiln command rarely runs.
//
//go:noinline
func Grow() {
	var frame [20 << 10]byte // with what the stack holds already: 32 KB
	keep(frame[:])
}

// keep uses b so the compiler must give Grow its whole frame.
//
//go:noinline
func keep(b []byte) { b[len(b)-1] = 0 }
