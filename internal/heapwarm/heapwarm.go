// Package heapwarm faults in the first megabytes of the Go heap with one
// system call, on a goroutine of its own, as soon as kiln starts. kiln's
// main package imports it for that side effect.
//
// Why: a kiln command runs for a few milliseconds and allocates about 1 MB,
// all of it on pages it touches for the first time (no GC cycle runs, so no
// memory is reused), and the runtime spreads small objects over one span per
// size class. Every first touch is a page fault. On the VMs kiln is measured
// on (Firecracker with paravirtual paging) one fault costs 12–17 µs, about
// 450 of them in a scaffold; madvise(MADV_POPULATE_WRITE) faults the same
// pages in at about 1 µs each, off the main goroutine, and the later touches
// cost 2–3 µs. A scaffold's page faults went from ~690 to ~400, and its
// time down by 1.7–2.9 ms in runs alternating with the build before
// (docs/benchmarks.md). Where faults are cheap (bare metal) it costs a
// fraction of a millisecond of another core and 2 MB of resident memory
// for the command's lifetime.
//
// The package imports nothing but syscall and unsafe, so Go initializes it
// among the first packages, before most of the allocations it is for. (A
// populate at the start of main, after the initialisers, saved ~0.7 ms
// only: the earlier, the more faults it takes over.)
package heapwarm

// Size is how much of the heap is faulted in, from the page of a fresh
// allocation upward (the page allocator hands out addresses upward): a
// scaffold ends with 1.9 MB of heap in use, of which 0.5 MB before main.
// Go 1.26 starts the heap at a random offset in its first 4 MB mapping, so
// in about half the runs the range reaches that mapping's end before 2 MB,
// and populate stops there: the rest is mapped only as the heap grows.
const Size = 2 << 20

func init() {
	go populate(new([16]byte), Size)
}
