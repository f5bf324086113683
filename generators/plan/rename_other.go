//go:build !linux

package plan

import "os"

// putInPlace renames tmp to dest. Only Linux can refuse, atomically, a file
// that appeared at dest since prepare; elsewhere it is replaced.
func putInPlace(tmp, dest string, _ bool) error { return os.Rename(tmp, dest) }
