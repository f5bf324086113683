//go:build !linux

package coldstart

import "errors"

// populate does nothing where MADV_POPULATE_WRITE does not exist; its error
// stops warm from waiting for more of the heap.
func populate(start, n uintptr) error { return errors.ErrUnsupported }
