package devserver

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// These read Linux's /proc. Elsewhere they find nothing, and callers fall back to
// saying less (no holder named in a port error, no stale children reclaimed).

// procStat returns the fields of /proc/pid/stat after the command name, which is
// in parentheses and may itself hold spaces.
func procStat(pid int) []string {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return nil
	}
	i := strings.LastIndexByte(string(data), ')')
	if i < 0 {
		return nil
	}
	return strings.Fields(string(data[i+1:]))
}

// procState is the process's state letter (R, S, Z, …), or 0 when unknown.
func procState(pid int) byte {
	if f := procStat(pid); len(f) > 0 {
		return f[0][0]
	}
	return 0
}

// procStartTime is when the process started, in clock ticks since boot: with the
// pid it identifies a process even after its pid has been reused.
func procStartTime(pid int) string {
	if f := procStat(pid); len(f) > 19 {
		return f[19] // field 22 of stat; fields here start at field 3
	}
	return ""
}

// procName is the process's command name, or "".
func procName(pid int) string {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/comm", pid))
	if err != nil {
		return ""
	}
	return strings.TrimSpace(string(data))
}

// portHolder finds the process listening on a TCP port, or 0: the socket's inode
// from /proc/net/tcp{,6}, then the process holding a descriptor to it.
func portHolder(port int) int {
	inodes := listeningInodes(port)
	if len(inodes) == 0 {
		return 0
	}
	fds, _ := filepath.Glob("/proc/[0-9]*/fd/*")
	for _, fd := range fds {
		link, err := os.Readlink(fd)
		if err != nil || !strings.HasPrefix(link, "socket:[") {
			continue
		}
		if inodes[strings.TrimSuffix(strings.TrimPrefix(link, "socket:["), "]")] {
			pid, _ := strconv.Atoi(strings.Split(fd, "/")[2])
			return pid
		}
	}
	return 0
}

// listeningInodes returns the inodes of sockets listening on port.
func listeningInodes(port int) map[string]bool {
	out := map[string]bool{}
	hexPort := fmt.Sprintf(":%04X", port)
	for _, table := range []string{"/proc/net/tcp", "/proc/net/tcp6"} {
		f, err := os.Open(table)
		if err != nil {
			continue
		}
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			fields := strings.Fields(sc.Text())
			// sl local_address rem_address st … inode; st 0A is LISTEN.
			if len(fields) > 9 && strings.HasSuffix(fields[1], hexPort) && fields[3] == "0A" {
				out[fields[9]] = true
			}
		}
		f.Close()
	}
	return out
}

// procGroupMembers lists the live processes in process group pgid.
func procGroupMembers(pgid int) []int {
	dirs, _ := filepath.Glob("/proc/[0-9]*")
	var out []int
	for _, d := range dirs {
		pid, err := strconv.Atoi(filepath.Base(d))
		if err != nil {
			continue
		}
		if f := procStat(pid); len(f) > 2 && f[2] == strconv.Itoa(pgid) && f[0] != "Z" {
			out = append(out, pid)
		}
	}
	return out
}

// procCwd is the process's working directory, or "".
func procCwd(pid int) string {
	dir, _ := os.Readlink(fmt.Sprintf("/proc/%d/cwd", pid))
	return dir
}
