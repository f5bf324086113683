package coldstart

import (
	"errors"
	"os"
	"syscall"
	"testing"
	"time"
	"unsafe"
)

// resident counts the pages of b that are in memory, by mincore(2).
func resident(t *testing.T, b []byte) int {
	t.Helper()
	vec := make([]byte, len(b)/syscall.Getpagesize())
	_, _, errno := syscall.Syscall(syscall.SYS_MINCORE, uintptr(unsafe.Pointer(&b[0])), uintptr(len(b)), uintptr(unsafe.Pointer(&vec[0])))
	if errno != 0 {
		t.Fatalf("mincore: %v", errno)
	}
	n := 0
	for _, v := range vec {
		n += int(v & 1)
	}
	return n
}

// freshPages maps n pages nothing has touched (the Go heap's first
// megabytes are already populated by this package's init).
func freshPages(t *testing.T, n int) []byte {
	t.Helper()
	b, err := syscall.Mmap(-1, 0, n*syscall.Getpagesize(), syscall.PROT_READ|syscall.PROT_WRITE, syscall.MAP_PRIVATE|syscall.MAP_ANON)
	if err != nil {
		t.Fatalf("mmap: %v", err)
	}
	t.Cleanup(func() { syscall.Munmap(b) })
	return b
}

// requirePopulate skips on a kernel without MADV_POPULATE_WRITE (before
// 5.14, where warm does nothing), except in CI, whose kernel has it.
func requirePopulate(t *testing.T) {
	t.Helper()
	err := populate(addr(freshPages(t, 1)), uintptr(syscall.Getpagesize()))
	if errors.Is(err, syscall.EINVAL) && os.Getenv("CI") != "true" {
		t.Skip("no MADV_POPULATE_WRITE: Linux before 5.14")
	}
	if err != nil {
		t.Fatalf("populate: %v (MADV_POPULATE_WRITE needs Linux 5.14+)", err)
	}
}

func TestPopulateFaultsPagesIn(t *testing.T) {
	requirePopulate(t)
	b := freshPages(t, 32)
	if n := resident(t, b); n != 0 {
		t.Fatalf("%d of 32 fresh pages resident before populate", n)
	}
	if err := populate(addr(b), uintptr(len(b))); err != nil {
		t.Fatalf("populate: %v", err)
	}
	if n := resident(t, b); n != 32 {
		t.Errorf("%d of 32 pages resident after populate, want all", n)
	}
	for _, c := range b {
		if c != 0 {
			t.Fatal("populate changed fresh memory")
		}
	}
}

func TestPopulateKeepsContent(t *testing.T) {
	requirePopulate(t)
	b := freshPages(t, 4)
	for i := range b[:len(b)/2] { // half written, half never touched
		b[i] = byte(i)
	}
	if err := populate(addr(b), uintptr(len(b))); err != nil {
		t.Fatalf("populate: %v", err)
	}
	for i, c := range b {
		want := byte(i)
		if i >= len(b)/2 {
			want = 0
		}
		if c != want {
			t.Fatalf("byte %d is %d after populate, want %d", i, c, want)
		}
	}
}

// TestPopulateStopsAtTheMappingsEnd: the init's range may run past the heap's
// mapping into the arena's PROT_NONE reserve; populate must fault in what it
// can and return, not crash.
func TestPopulateStopsAtTheMappingsEnd(t *testing.T) {
	requirePopulate(t)
	b := freshPages(t, 8)
	if err := syscall.Mprotect(b[4*syscall.Getpagesize():], syscall.PROT_NONE); err != nil {
		t.Fatalf("mprotect: %v", err)
	}
	if err := populate(addr(b), uintptr(len(b))); err == nil {
		t.Error("populate over PROT_NONE pages succeeded; want an error")
	}
	if n := resident(t, b[:4*syscall.Getpagesize()]); n != 4 {
		t.Errorf("%d of the 4 accessible pages resident, want 4", n)
	}
}

// addr is the address of b's first byte.
func addr(b []byte) uintptr { return uintptr(unsafe.Pointer(&b[0])) }

// follow waits while its range is PROT_NONE, as the heap's next chunk is
// until the runtime maps it, and populates it once it is accessible.
func TestFollowPopulatesOnceMapped(t *testing.T) {
	requirePopulate(t)
	b := freshPages(t, 8)
	if err := syscall.Mprotect(b, syscall.PROT_NONE); err != nil {
		t.Fatalf("mprotect: %v", err)
	}
	done := make(chan bool, 1)
	go func() { done <- follow(addr(b), addr(b)+uintptr(len(b)), 5000, time.Millisecond) }()
	time.Sleep(20 * time.Millisecond) // several failed tries
	if n := resident(t, b); n != 0 {
		t.Fatalf("%d pages resident while the range was PROT_NONE", n)
	}
	if err := syscall.Mprotect(b, syscall.PROT_READ|syscall.PROT_WRITE); err != nil {
		t.Fatalf("mprotect: %v", err)
	}
	select {
	case ok := <-done:
		if !ok {
			t.Fatal("follow gave up although the range became accessible")
		}
	case <-time.After(5 * time.Second):
		t.Fatal("follow did not return after the range became accessible")
	}
	if n := resident(t, b); n != 8 {
		t.Errorf("%d of 8 pages resident after follow, want all", n)
	}
}

// follow gives up after its tries when the range is never mapped (the heap
// went on in another arena).
func TestFollowGivesUp(t *testing.T) {
	requirePopulate(t)
	b := freshPages(t, 2)
	if err := syscall.Mprotect(b, syscall.PROT_NONE); err != nil {
		t.Fatalf("mprotect: %v", err)
	}
	if follow(addr(b), addr(b)+uintptr(len(b)), 3, time.Millisecond) {
		t.Error("follow reported success on a range that stayed PROT_NONE")
	}
}
