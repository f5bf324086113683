package plan

import (
	"os"

	"golang.org/x/sys/unix"
)

// startWriteback starts writing f's data to disk and returns without
// waiting (sync_file_range with SYNC_FILE_RANGE_WRITE; durability still
// comes from the fsync that follows).
//
// Why: the fsyncs run on goroutines of their own, and while the writing
// goroutine and a first fsync hold both processors of a 2-core machine,
// the next fsync goroutine waits for the runtime to hand it one (sysmon
// retakes a processor from a blocked syscall only after a while): in a
// scaffold the third fsync started ~2 ms after its file was written.
// Started here, the data is already on its way to the disk when that fsync
// runs. Scaffold −0.3 ms (docs/benchmarks.md).
func startWriteback(f *os.File) error {
	rc, err := f.SyscallConn()
	if err != nil {
		return err
	}
	var werr error
	if err := rc.Control(func(fd uintptr) {
		werr = unix.SyncFileRange(int(fd), 0, 0, unix.SYNC_FILE_RANGE_WRITE)
	}); err != nil {
		return err
	}
	return werr
}
