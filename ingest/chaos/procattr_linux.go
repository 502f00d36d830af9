package chaos

import "syscall"

// procAttr puts an ingest process in its own process group, so a Ctrl-C at
// the terminal reaches only the harness, which then stops the processes in
// order; and has the kernel kill it if the harness dies, so that no ingest
// outlives a crashed run.
func procAttr() *syscall.SysProcAttr {
	return &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGKILL}
}
