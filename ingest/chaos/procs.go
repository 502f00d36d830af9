package chaos

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"os/exec"
	"sync"
	"syscall"
	"time"
)

// ingester supervises one `convqa ingest` process: it starts it, kills it
// on purpose, stops it cleanly, and notices when it exits on its own — an
// ingest that dies without being killed is a finding, and it is started
// again so that the run goes on.
type ingester struct {
	name    string
	bin     string
	env     []string
	logPath string
	log     *slog.Logger

	mu       sync.Mutex
	cmd      *exec.Cmd
	done     chan struct{} // closed when the current process has exited
	exitErr  error
	starts   int
	expected bool // the current process is being killed or stopped by us
	closing  bool // the run is ending: no more restarts
	// unexpected describes each exit nobody asked for.
	unexpected []string
}

func newIngester(name, bin string, env []string, logPath string, log *slog.Logger) *ingester {
	return &ingester{name: name, bin: bin, env: env, logPath: logPath, log: log}
}

// start runs a new process; the previous one must have exited.
func (in *ingester) start() error {
	in.mu.Lock()
	defer in.mu.Unlock()
	if in.closing {
		return nil
	}
	f, err := os.OpenFile(in.logPath, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		return fmt.Errorf("%s: open log: %w", in.name, err)
	}
	cmd := exec.Command(in.bin, "ingest")
	cmd.Env = in.env
	cmd.Stdout, cmd.Stderr = f, f
	cmd.SysProcAttr = procAttr()
	in.starts++
	fmt.Fprintf(f, "=== chaos: start %d of %s at %s\n", in.starts, in.name, time.Now().UTC().Format(time.RFC3339Nano))
	if err := cmd.Start(); err != nil {
		_ = f.Close()
		return fmt.Errorf("%s: start %s ingest: %w", in.name, in.bin, err)
	}
	done := make(chan struct{})
	in.cmd, in.done, in.expected, in.exitErr = cmd, done, false, nil
	go in.wait(cmd, f, done)
	return nil
}

// wait reaps the process and restarts it when it exited on its own.
func (in *ingester) wait(cmd *exec.Cmd, f *os.File, done chan struct{}) {
	err := cmd.Wait()
	_ = f.Close()
	in.mu.Lock()
	in.exitErr = err
	surprise := !in.expected && !in.closing
	if surprise {
		why := fmt.Sprintf("%s (pid %d) exited on its own: %v", in.name, cmd.Process.Pid, exitText(err))
		in.unexpected = append(in.unexpected, why)
		in.log.Error("chaos: " + why)
	}
	close(done)
	in.mu.Unlock()
	if surprise {
		time.Sleep(time.Second)
		if err := in.start(); err != nil {
			in.log.Error("chaos: restart after an unexpected exit", "ingester", in.name, "err", err)
		}
	}
}

// kill sends SIGKILL and waits for the exit. It returns the pid killed, 0
// when nothing ran.
func (in *ingester) kill() (int, error) {
	in.mu.Lock()
	cmd, done := in.cmd, in.done
	running := cmd != nil && !isClosed(done)
	if running {
		in.expected = true
	}
	in.mu.Unlock()
	if !running {
		return 0, nil
	}
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil && !errors.Is(err, os.ErrProcessDone) {
		return 0, fmt.Errorf("%s: SIGKILL pid %d: %w", in.name, cmd.Process.Pid, err)
	}
	<-done
	return cmd.Process.Pid, nil
}

// stop ends the run for this process: SIGTERM, then SIGKILL after grace.
// It returns how the process exited; a process that had to be killed, or
// that exited non-zero on SIGTERM, is an error.
func (in *ingester) stop(ctx context.Context, grace time.Duration) error {
	in.mu.Lock()
	in.closing = true
	cmd, done := in.cmd, in.done
	running := cmd != nil && !isClosed(done)
	in.expected = running
	in.mu.Unlock()
	if !running {
		return nil
	}
	_ = cmd.Process.Signal(syscall.SIGTERM)
	t := time.NewTimer(grace)
	defer t.Stop()
	select {
	case <-done:
	case <-t.C:
		_ = cmd.Process.Signal(syscall.SIGKILL)
		<-done
		return fmt.Errorf("%s (pid %d) did not stop within %v of SIGTERM: killed", in.name, cmd.Process.Pid, grace)
	case <-ctx.Done():
		_ = cmd.Process.Signal(syscall.SIGKILL)
		<-done
		return ctx.Err()
	}
	in.mu.Lock()
	defer in.mu.Unlock()
	if in.exitErr != nil {
		return fmt.Errorf("%s (pid %d) exited badly on SIGTERM: %v", in.name, cmd.Process.Pid, exitText(in.exitErr))
	}
	return nil
}

func (in *ingester) surprises() []string {
	in.mu.Lock()
	defer in.mu.Unlock()
	return append([]string(nil), in.unexpected...)
}

func isClosed(ch chan struct{}) bool {
	select {
	case <-ch:
		return true
	default:
		return false
	}
}

func exitText(err error) string {
	if err == nil {
		return "exit status 0"
	}
	return err.Error()
}
