package devserver

import "syscall"

// parentDeath has the kernel SIGKILL the child when kiln dies, even by SIGKILL.
// The signal is tied to the OS thread that started the child, not the process:
// the spawner starts every child from one locked thread that lives as long as kiln.
func parentDeath(a *syscall.SysProcAttr) { a.Pdeathsig = syscall.SIGKILL }
