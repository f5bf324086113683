package coldstart

import "syscall"

// madvPopulateWrite is MADV_POPULATE_WRITE (Linux 5.14+): fault the range in
// as if written, without changing what it holds — so it is safe on memory
// the runtime is using or about to use. Older kernels answer EINVAL.
const madvPopulateWrite = 23

// populate faults in n bytes from the page at start. It stops with an error
// at the end of the mapping (the rest of the heap's arena is PROT_NONE):
// madvise populates the range in order and fails at the first page it
// cannot, having populated those before it.
func populate(start, n uintptr) error {
	_, _, errno := syscall.Syscall(syscall.SYS_MADVISE, start, n, madvPopulateWrite)
	if errno != 0 {
		return errno
	}
	return nil
}
