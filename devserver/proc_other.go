//go:build !unix

package devserver

import (
	"os"
	"os/exec"
)

// Without Unix process groups, kiln can only signal the process it started.

func ownGroup(cmd *exec.Cmd) {}

func terminateGroup(pid int) error { return killGroup(pid) }

func killGroup(pid int) error {
	p, err := os.FindProcess(pid)
	if err != nil {
		return err
	}
	return p.Kill()
}

func alive(pid int) bool {
	_, err := os.FindProcess(pid)
	return err == nil
}

func killProcess(pid int) error { return killGroup(pid) }
