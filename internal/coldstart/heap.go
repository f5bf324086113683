package coldstart

import (
	"syscall"
	"time"
	"unsafe"
)

// Size is how much of the heap is faulted in, from the page of a fresh
// allocation upward (the page allocator hands out addresses upward): a
// scaffold ends with 1.9 MB of heap in use, of which 0.5 MB before main.
const Size = 2 << 20

// chunk is the unit in which the runtime maps the heap (its palloc chunk,
// 4 MB on 64-bit systems), each new one right after the last. Go 1.26 starts
// the heap at a random page of the first chunk, so in about half the runs
// the chunk ends less than Size above the start, and the populate stops at
// its end: the next chunk is still PROT_NONE, mapped only when the heap
// grows into it.
const chunk = 4 << 20

// pollEvery and polls bound the wait for that next chunk: 50 ms, longer than
// a kiln command that only writes files runs. A wake-up costs a few
// microseconds of the other core; the faults it saves, 100–250 of them,
// 1.5–3 ms.
const (
	pollEvery = 500 * time.Microsecond
	polls     = 100
)

var pageSize = uintptr(syscall.Getpagesize())

// warm populates Size bytes from p's page, following the heap into its next
// chunk if the first one ends before that.
//
// Why: a kiln command runs for a few milliseconds and allocates about
// 1 MB, all of it on pages it touches for the first time (no GC cycle runs,
// so no memory is reused), and the runtime spreads small objects over one
// span per size class. Every first touch is a page fault. On the VMs kiln is
// measured on (Firecracker with paravirtual paging) one fault costs 12–17 µs,
// about 450 of them in a scaffold; madvise(MADV_POPULATE_WRITE) faults the
// same pages in at about 1 µs each, off the main goroutine, and the later
// touches cost 2–3 µs. A scaffold's page faults went from ~690 to ~400, and
// its time down by 1.7–2.9 ms in runs alternating with the build before
// (docs/benchmarks.md). Where faults are cheap (bare metal) it costs a
// fraction of a millisecond of another core and 2 MB of resident memory for
// the command's lifetime. (A populate at the start of main, after the
// initialisers, saved ~0.7 ms only: the earlier, the more faults it takes
// over.)
func warm(p *[16]byte) {
	start := uintptr(unsafe.Pointer(p)) &^ (pageSize - 1)
	end := start + Size
	if populate(start, Size) == nil {
		return
	}
	if populate(start, pageSize) != nil {
		return // no MADV_POPULATE_WRITE (Linux before 5.14, or not Linux)
	}
	if next := (start + chunk) &^ (chunk - 1); next < end {
		follow(next, end, polls, pollEvery)
	}
}

// follow populates [from, to) as soon as it is mapped, trying every `every`
// at most `tries` times; it says whether it did. A try before the runtime maps
// the range fails at its first page and changes nothing, and the runtime
// maps a chunk once (mmap with MAP_FIXED), so what follow populates is not
// replaced afterwards.
func follow(from, to uintptr, tries int, every time.Duration) bool {
	for range tries {
		time.Sleep(every)
		if populate(from, to-from) == nil {
			return true
		}
	}
	return false
}
