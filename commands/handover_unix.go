//go:build unix

package commands

import "syscall"

// handOver replaces this process with the front end's binary.
func handOver(path string, argv, env []string) error {
	return syscall.Exec(path, argv, env)
}
