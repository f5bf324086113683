// Package coldstart trims what a fresh kiln process pays for its first
// milliseconds. kiln's main package imports it for its initialiser, and
// nothing else may: what it does suits a process that lives for one short
// command, not a library's caller or a test binary.
//
// A `kiln make` command runs for about 20 ms, most of it in a process that
// has touched none of its memory yet, on VMs where every first touch of a
// page costs 12–17 µs. The initialiser, which Go runs among the first
// because the package imports next to nothing:
//   - starts a goroutine that faults the heap in ahead of its use (warm);
//   - turns memory profiling off (nothing in kiln reads the profile, and
//     each sample unwinds a stack through tables not yet in memory);
//   - grows the main goroutine's stack to what a command needs while it is
//     shallow (stackgrow).
//
// Figures are in docs/benchmarks.md, "HTTP layer (issue 4)".
package coldstart

import (
	"runtime"

	"github.com/kilnhq/kiln/internal/stackgrow"
)

func init() {
	go warm(new([16]byte))
	runtime.MemProfileRate = 0
	stackgrow.Grow()
}
