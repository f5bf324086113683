//go:build !linux

package heapwarm

// populate does nothing where MADV_POPULATE_WRITE does not exist.
func populate(*[16]byte, uintptr) error { return nil }
