package ingestbench

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// clockTicks is USER_HZ, the unit of utime and stime in /proc/<pid>/stat.
// The kernel fixes it at 100 on every architecture Go supports on Linux,
// whatever the scheduler's own HZ; reading it from sysconf would need cgo.
const clockTicks = 100

// procRoot is where the proc file system is mounted.
const procRoot = "/proc"

// CPUTime returns the user plus system CPU time a process has used so far,
// all its threads included.
func CPUTime(pid int) (time.Duration, error) {
	b, err := os.ReadFile(filepath.Join(procRoot, strconv.Itoa(pid), "stat"))
	if err != nil {
		return 0, fmt.Errorf("read CPU time of pid %d: %w", pid, err)
	}
	ticks, err := parseStatCPU(b)
	if err != nil {
		return 0, fmt.Errorf("read CPU time of pid %d: %w", pid, err)
	}
	return time.Duration(ticks) * time.Second / clockTicks, nil
}

// parseStatCPU returns utime+stime, in clock ticks, from the contents of
// /proc/<pid>/stat. The command name (field 2) is in parentheses and may
// itself hold spaces and parentheses, so fields are counted from the last
// ')'.
func parseStatCPU(stat []byte) (uint64, error) {
	end := bytes.LastIndexByte(stat, ')')
	if end < 0 {
		return 0, errors.New("malformed /proc stat: no command name")
	}
	// After the name: state (field 3), ..., utime (14), stime (15).
	f := strings.Fields(string(stat[end+1:]))
	const utime, stime = 14 - 3, 15 - 3
	if len(f) <= stime {
		return 0, fmt.Errorf("malformed /proc stat: %d fields after the command name", len(f))
	}
	u, err := strconv.ParseUint(f[utime], 10, 64)
	if err != nil {
		return 0, fmt.Errorf("malformed /proc stat utime %q: %w", f[utime], err)
	}
	s, err := strconv.ParseUint(f[stime], 10, 64)
	if err != nil {
		return 0, fmt.Errorf("malformed /proc stat stime %q: %w", f[stime], err)
	}
	return u + s, nil
}

// ListenerPID finds the local process listening on addr's TCP port: the
// ClickHouse server whose CPU the Kafka engine spends. The stack may belong
// to another checkout, so its pid file is not necessarily ours to read;
// the socket is the ground truth. It needs to read other processes' fd
// directories (same user, or root).
func ListenerPID(addr string) (int, error) {
	host, portStr, err := net.SplitHostPort(addr)
	if err != nil {
		return 0, fmt.Errorf("find the process listening on %q: %w", addr, err)
	}
	if ip := net.ParseIP(host); !(host == "localhost" || (ip != nil && ip.IsLoopback())) {
		return 0, fmt.Errorf("find the process listening on %s: only a server on this machine's loopback can be measured", addr)
	}
	port, err := strconv.ParseUint(portStr, 10, 16)
	if err != nil {
		return 0, fmt.Errorf("find the process listening on %s: port: %w", addr, err)
	}
	inodes := map[string]bool{}
	for _, name := range []string{"tcp", "tcp6"} {
		f, err := os.Open(filepath.Join(procRoot, "net", name))
		if err != nil {
			continue // no IPv6, for one
		}
		err = listeningInodes(f, uint16(port), inodes)
		_ = f.Close()
		if err != nil {
			return 0, fmt.Errorf("find the process listening on %s: %w", addr, err)
		}
	}
	if len(inodes) == 0 {
		return 0, fmt.Errorf("no process listens on TCP port %d", port)
	}
	dirs, err := os.ReadDir(procRoot)
	if err != nil {
		return 0, err
	}
	for _, d := range dirs {
		pid, err := strconv.Atoi(d.Name())
		if err != nil {
			continue
		}
		fdDir := filepath.Join(procRoot, d.Name(), "fd")
		fds, err := os.ReadDir(fdDir)
		if err != nil {
			continue // gone, or not ours to read
		}
		for _, fd := range fds {
			link, err := os.Readlink(filepath.Join(fdDir, fd.Name()))
			if err == nil && strings.HasPrefix(link, "socket:[") && inodes[strings.TrimSuffix(link[len("socket:["):], "]")] {
				return pid, nil
			}
		}
	}
	return 0, fmt.Errorf("a socket listens on TCP port %d but no readable process owns it (run as the server's user, or pass its pid)", port)
}

// listeningInodes adds to inodes the socket inode of every listening
// socket on port in a /proc/net/tcp{,6} table.
func listeningInodes(r io.Reader, port uint16, inodes map[string]bool) error {
	const stateListen = "0A"
	sc := bufio.NewScanner(r)
	first := true
	for sc.Scan() {
		if first { // the header
			first = false
			continue
		}
		// sl local_address rem_address st tx:rx tr:when retrnsmt uid timeout inode
		f := strings.Fields(sc.Text())
		if len(f) < 10 || f[3] != stateListen {
			continue
		}
		i := strings.LastIndexByte(f[1], ':')
		if i < 0 {
			continue
		}
		p, err := strconv.ParseUint(f[1][i+1:], 16, 16)
		if err != nil {
			continue
		}
		if uint16(p) == port {
			inodes[f[9]] = true
		}
	}
	return sc.Err()
}

// machineTimes are the jiffies all CPUs spent busy and in total, from
// /proc/stat: their change over a run says how saturated the machine was.
type machineTimes struct{ busy, total uint64 }

func readMachineTimes() (machineTimes, error) {
	b, err := os.ReadFile(filepath.Join(procRoot, "stat"))
	if err != nil {
		return machineTimes{}, err
	}
	return parseMachineTimes(b)
}

// parseMachineTimes reads the aggregate "cpu" line: user nice system idle
// iowait irq softirq steal (guest time is already in user). Idle and
// iowait are the time not spent working.
func parseMachineTimes(stat []byte) (machineTimes, error) {
	line, _, _ := bytes.Cut(stat, []byte("\n"))
	f := strings.Fields(string(line))
	if len(f) < 9 || f[0] != "cpu" {
		return machineTimes{}, fmt.Errorf("malformed /proc/stat cpu line %q", line)
	}
	var t machineTimes
	for i, s := range f[1:9] {
		v, err := strconv.ParseUint(s, 10, 64)
		if err != nil {
			return machineTimes{}, fmt.Errorf("malformed /proc/stat cpu line %q: %w", line, err)
		}
		t.total += v
		if i != 3 && i != 4 { // idle, iowait
			t.busy += v
		}
	}
	return t, nil
}

// busyShare is the share of all CPUs' time spent working between a and b.
func busyShare(a, b machineTimes) float64 {
	if b.total <= a.total {
		return 0
	}
	return float64(b.busy-a.busy) / float64(b.total-a.total)
}
