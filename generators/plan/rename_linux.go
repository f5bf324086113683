package plan

import (
	"errors"
	"os"

	"golang.org/x/sys/unix"
)

// putInPlace renames tmp to dest in one system call (os.Rename first lstats
// dest to refuse a directory, which prepare has already ruled out).
//
// A new file goes in with RENAME_NOREPLACE: if a file appeared at dest after
// prepare looked (an editor saving, a second kiln), the rename fails with
// fs.ErrExist and the apply rolls back, rather than overwriting that file.
// Where the filesystem lacks the flag, a plain rename does, as before.
func putInPlace(tmp, dest string, replacing bool) error {
	if !replacing {
		err := unix.Renameat2(unix.AT_FDCWD, tmp, unix.AT_FDCWD, dest, unix.RENAME_NOREPLACE)
		if !errors.Is(err, unix.EINVAL) && !errors.Is(err, unix.ENOSYS) && !errors.Is(err, unix.EOPNOTSUPP) {
			return linkError(tmp, dest, err)
		}
	}
	for {
		err := unix.Rename(tmp, dest)
		if err != unix.EINTR {
			return linkError(tmp, dest, err)
		}
	}
}

// linkError wraps a rename's errno the way os.Rename does.
func linkError(tmp, dest string, err error) error {
	if err == nil {
		return nil
	}
	return &os.LinkError{Op: "rename", Old: tmp, New: dest, Err: err}
}
