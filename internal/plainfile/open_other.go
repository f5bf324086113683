//go:build !unix

package plainfile

import (
	"io/fs"
	"os"
)

const oDirectory = 0

// open is os.OpenFile: other systems have no poller to avoid.
func open(name string, flag int, perm fs.FileMode) (*os.File, error) {
	return os.OpenFile(name, flag, perm)
}
