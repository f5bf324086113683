//go:build unix

package plainfile

import (
	"io/fs"
	"os"
	"syscall"
)

const oDirectory = syscall.O_DIRECTORY

// open is os.OpenFile without the poller (see the package comment).
func open(name string, flag int, perm fs.FileMode) (*os.File, error) {
	for {
		fd, err := syscall.Open(name, flag|syscall.O_CLOEXEC, uint32(perm.Perm()))
		if err == syscall.EINTR {
			continue
		}
		if err != nil {
			return nil, &fs.PathError{Op: "open", Path: name, Err: err}
		}
		return os.NewFile(uintptr(fd), name), nil
	}
}
