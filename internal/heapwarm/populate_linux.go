package heapwarm

import (
	"syscall"
	"unsafe"
)

// madvPopulateWrite is MADV_POPULATE_WRITE (Linux 5.14+): fault the range in
// as if written, without changing what it holds — so it is safe on memory
// the runtime is using or about to use. Older kernels answer EINVAL.
const madvPopulateWrite = 23

// populate faults in n bytes from p's page. It stops at the end of the
// heap's mapping (the rest of the arena is PROT_NONE): madvise populates the
// range in order and fails at the first page it cannot, which is fine here.
func populate(p *[16]byte, n uintptr) error {
	start := uintptr(unsafe.Pointer(p)) &^ (uintptr(syscall.Getpagesize()) - 1)
	_, _, errno := syscall.Syscall(syscall.SYS_MADVISE, start, n, madvPopulateWrite)
	if errno != 0 {
		return errno
	}
	return nil
}
