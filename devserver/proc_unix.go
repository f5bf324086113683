//go:build unix

package devserver

import (
	"os/exec"
	"syscall"
)

// ownGroup puts cmd in a process group of its own, so signals reach everything it
// starts (go build's compilers, a shell's children), and has the kernel kill it
// if kiln dies (Linux; see parentDeath). For a command made with
// exec.CommandContext, cancelling the context kills the whole group.
func ownGroup(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	parentDeath(cmd.SysProcAttr)
	if cmd.Cancel != nil {
		cmd.Cancel = func() error { return killGroup(cmd.Process.Pid) }
	}
}

// terminateGroup asks the group led by pid to stop (SIGTERM).
func terminateGroup(pid int) error { return syscall.Kill(-pid, syscall.SIGTERM) }

// killGroup kills the group led by pid (SIGKILL).
func killGroup(pid int) error { return syscall.Kill(-pid, syscall.SIGKILL) }

// alive reports whether a process exists (zombies count as gone: they run nothing).
func alive(pid int) bool {
	if syscall.Kill(pid, 0) != nil {
		return false
	}
	return procState(pid) != 'Z'
}

// killProcess kills one process, for a port holder that leads no group of its own.
func killProcess(pid int) error { return syscall.Kill(pid, syscall.SIGKILL) }
