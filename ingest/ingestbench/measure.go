package ingestbench

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/convqa/convqa/internal/wait"
)

// serverCPUTime reads the ClickHouse server's CPU time so far.
func (b *bench) serverCPUTime() (time.Duration, error) {
	d, err := CPUTime(b.chPID)
	if err != nil {
		return 0, b.serverGone(err)
	}
	return d, nil
}

// serverGone explains a failed read of the server's CPU time: on a shared
// stack, someone restarting it is the usual cause, and the numbers of the
// run in progress are lost.
func (b *bench) serverGone(err error) error {
	return fmt.Errorf("the ClickHouse server (pid %d) is gone; was the stack restarted during the benchmark? %w", b.chPID, err)
}

// idle waits for leftover merges, then samples the server's idle CPU rate.
func (b *bench) idle(ctx context.Context) (float64, error) {
	waitMerges(ctx, b.ch, 30*time.Second)
	r, err := idleRate(ctx, b.chPID, idleSample)
	if err != nil && ctx.Err() == nil {
		return 0, b.serverGone(err)
	}
	return r, err
}

// idleRate estimates the server's CPU use with no consumer running
// (background tasks), later subtracted from each run's share. It takes the
// lowest rate of a few short windows: other clients of a shared server
// come and go, and one of their queries in the sample would otherwise be
// subtracted from the next run as if it were idle load.
func idleRate(ctx context.Context, pid int, d time.Duration) (float64, error) {
	const windows = 5
	lowest := -1.0
	for range windows {
		c0, err := CPUTime(pid)
		if err != nil {
			return 0, err
		}
		t0 := time.Now()
		if !wait.For(ctx, d/windows) {
			return 0, ctx.Err()
		}
		c1, err := CPUTime(pid)
		if err != nil {
			return 0, err
		}
		if r := float64(c1-c0) / float64(time.Since(t0)); lowest < 0 || r < lowest {
			lowest = r
		}
	}
	return lowest, nil
}

// serverCPU is the CPU the server spent between two samples beyond its
// idle rate, never below zero.
func serverCPU(c0, c1 time.Duration, elapsed time.Duration, idle float64) time.Duration {
	d := c1 - c0 - time.Duration(idle*float64(elapsed))
	return max(d, 0)
}

// progress is how a consumer's rows became visible.
type progress struct {
	// elapsed is from the start until every row was there; first until
	// any was, when firstRows were.
	elapsed, first time.Duration
	firstRows      uint64
}

// waitRows polls until poll says done. Errors of a poll are retried until
// the run's timeout: a consumer's metrics endpoint is not up at once.
func (b *bench) waitRows(ctx context.Context, start time.Time, poll func(context.Context) (rows uint64, done bool, err error)) (progress, error) {
	ctx, cancel := context.WithTimeout(ctx, b.cfg.Timeout)
	defer cancel()
	var p progress
	var n uint64
	var last error
	for {
		got, done, err := poll(ctx)
		if err == nil {
			n = got
			if n > 0 && p.firstRows == 0 {
				p.first, p.firstRows = time.Since(start), n
				b.log.Debug("first rows visible", "rows", n, "after", p.first)
			}
			if done {
				p.elapsed = time.Since(start)
				return p, nil
			}
		}
		last = err
		if !wait.For(ctx, 100*time.Millisecond) {
			msg := fmt.Sprintf("%d of %d rows after %s", n, b.data.Rows, time.Since(start).Round(time.Second))
			if last != nil {
				msg += fmt.Sprintf(" (last poll: %v)", last)
			}
			return p, errors.New(msg)
		}
	}
}

// verify checks that the table holds every row, and records what it found
// in r. Rows delivered twice (at-least-once delivery around a rebalance)
// are correct, since the ReplacingMergeTree collapses them, and only logged.
func (b *bench) verify(ctx context.Context, table string, r *Result) error {
	rows, distinct, err := tableRows(ctx, b.ch, table)
	if err != nil {
		return err
	}
	r.Stored, r.Distinct = rows, distinct
	want := uint64(b.data.Rows)
	if distinct != want || rows < want {
		return fmt.Errorf("%s holds %d rows, %d distinct; want %d distinct", table, rows, distinct, want)
	}
	if rows > want {
		b.log.Info("rows delivered twice, collapsed by the ReplacingMergeTree on merge", "peer", r.Peer, "table", table, "duplicates", rows-want)
	}
	return nil
}

// window is one run's measurement: the server's idle rate sampled before
// it, and the server's and the machine's CPU counters at its start. Both
// peers are measured the same way, so their figures compare.
type window struct {
	idle float64
	m0   machineTimes
	c0   time.Duration
}

// openWindow waits for quiet, samples the idle rate and reads the counters.
func (b *bench) openWindow(ctx context.Context) (window, error) {
	idle, err := b.idle(ctx)
	if err != nil {
		return window{}, err
	}
	m0, err := readMachineTimes()
	if err != nil {
		return window{}, err
	}
	c0, err := b.serverCPUTime()
	if err != nil {
		return window{}, err
	}
	return window{idle: idle, m0: m0, c0: c0}, nil
}

// close reads the counters again and returns what the server spent over
// elapsed, less its idle rate, and the machine's busy share.
func (b *bench) close(w window, peer string, elapsed time.Duration) (server time.Duration, busy float64, err error) {
	c1, err := b.serverCPUTime()
	if err != nil {
		return 0, 0, err
	}
	m1, err := readMachineTimes()
	if err != nil {
		return 0, 0, err
	}
	b.log.Debug("ClickHouse CPU", "peer", peer, "raw_seconds", (c1 - w.c0).Seconds(), "idle_cores", w.idle, "elapsed", elapsed)
	return serverCPU(w.c0, c1, elapsed, w.idle), busyShare(w.m0, m1), nil
}
