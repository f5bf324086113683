//go:build unix && !linux

package devserver

import "syscall"

// parentDeath is Linux-only; elsewhere the pid file lets the next kiln serve reclaim
// what a killed one left running.
func parentDeath(*syscall.SysProcAttr) {}
