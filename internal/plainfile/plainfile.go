// Package plainfile reads and creates the files and directories a kiln
// command touches, as os.ReadFile, os.ReadDir and os.CreateTemp do, but
// without offering them to the runtime's network poller.
//
// Why: on Linux, os.Open registers every file it opens with epoll in case it
// is a pipe or a device. A regular file or directory cannot be polled, so each
// open pays four system calls for nothing (fcntl to set O_NONBLOCK, the
// epoll_ctl that fails with EPERM, fcntl to clear the flag again), and the
// first one also creates the poller itself (epoll_create1, eventfd2,
// epoll_ctl). A scaffold opens about 20 files and directories. os.NewFile on
// a descriptor opened directly reads its flags once and leaves the poller
// alone; everything else about the *os.File is the same.
package plainfile

import (
	"errors"
	"io"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
)

// ReadFile is os.ReadFile.
func ReadFile(name string) ([]byte, error) {
	f, err := open(name, os.O_RDONLY, 0)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	size := 512
	if fi, err := f.Stat(); err == nil && fi.Size() > 0 && fi.Size() < 1<<30 {
		size = int(fi.Size()) + 1 // one byte more, to meet EOF without growing
	}
	data := make([]byte, 0, size)
	for {
		n, err := f.Read(data[len(data):cap(data)])
		data = data[:len(data)+n]
		if errors.Is(err, io.EOF) {
			return data, nil
		}
		if err != nil {
			return data, err
		}
		if len(data) == cap(data) {
			data = slices.Grow(data, cap(data))
		}
	}
}

// ReadDir is os.ReadDir: the directory's entries, sorted by name.
func ReadDir(name string) ([]fs.DirEntry, error) {
	f, err := open(name, os.O_RDONLY|oDirectory, 0)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	entries, err := f.ReadDir(-1)
	slices.SortFunc(entries, func(a, b fs.DirEntry) int { return strings.Compare(a.Name(), b.Name()) })
	return entries, err
}

// CreateTemp creates a new file in dir, named prefix followed by a random
// number, open for reading and writing with mode 0600, as os.CreateTemp does
// for the pattern prefix+"*". It never opens an existing file.
func CreateTemp(dir, prefix string) (*os.File, error) {
	for try := 0; ; try++ {
		name := filepath.Join(dir, prefix+strconv.FormatUint(uint64(rand.Uint32()), 10))
		f, err := open(name, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
		if errors.Is(err, fs.ErrExist) && try < 10000 {
			continue
		}
		return f, err
	}
}
