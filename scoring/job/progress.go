package job

import (
	"context"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"
)

// Progress is where a run stands, reported after every batch to
// Options.OnProgress and every Options.ProgressEvery to the log.
type Progress struct {
	// Tenant is the tenant being scored.
	Tenant string
	// Done counts the conversations scored and written in this run;
	// Failed those that could not be scored (left for the next run).
	Done, Failed int64
	// Pending counts the conversations of the batch in hand scored so far
	// but not yet written (0 in OnProgress, which runs between batches).
	Pending int64
	// Total is what the run had to do when it started, grown to
	// Done+Failed if conversations that closed meanwhile pass it.
	Total int64
	// Elapsed is the time since the run started.
	Elapsed time.Duration
	// Rate is Done+Failed+Pending per second of Elapsed.
	Rate float64
	// ETA is the time left at Rate; 0 when unknown or done.
	ETA time.Duration
}

// progress keeps a run's counts and reports them. Workers count what they
// scored in inBatch; the rest is guarded by mu, since the log ticker reads
// it from its own goroutine.
type progress struct {
	log      *slog.Logger
	notify   func(Progress)
	now      func() time.Time
	start    time.Time
	onChange func(pending int64)
	inBatch  atomic.Int64

	mu sync.Mutex
	p  Progress
}

func (t *progress) setTotal(n int64) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.p.Total = n
}

// scoredOne counts a conversation of the batch in hand as scored.
func (t *progress) scoredOne() { t.inBatch.Add(1) }

// batchDone moves a written batch into the counts and reports them.
func (t *progress) batchDone(tenant string, done, failed int) {
	t.mu.Lock()
	t.inBatch.Store(0)
	t.p.Tenant = tenant
	t.p.Done += int64(done)
	t.p.Failed += int64(failed)
	p := t.snapshot()
	t.mu.Unlock()
	if t.notify != nil {
		t.notify(p)
	}
}

// snapshot computes the derived fields; mu is held.
func (t *progress) snapshot() Progress {
	p := &t.p
	p.Pending = t.inBatch.Load()
	finished := p.Done + p.Failed
	p.Total = max(p.Total, finished+p.Pending)
	p.Elapsed = t.now().Sub(t.start)
	p.Rate, p.ETA = 0, 0
	if secs := p.Elapsed.Seconds(); secs > 0 {
		p.Rate = float64(finished+p.Pending) / secs
	}
	if left := p.Total - finished - p.Pending; p.Rate > 0 && left > 0 {
		p.ETA = time.Duration(float64(left) / p.Rate * float64(time.Second))
	}
	if t.onChange != nil {
		t.onChange(p.Total - finished)
	}
	return *p
}

// logEvery logs the progress every interval until ctx ends.
func (t *progress) logEvery(ctx context.Context, every time.Duration) {
	tick := time.NewTicker(every)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
			t.logNow("scoring progress")
		}
	}
}

func (t *progress) logNow(msg string) {
	t.mu.Lock()
	p := t.snapshot()
	t.mu.Unlock()
	t.log.Info(msg, "tenant", p.Tenant, "done", p.Done, "failed", p.Failed, "in_batch", p.Pending, "total", p.Total,
		"rate_per_s", float64(int(p.Rate*10))/10, "eta", p.ETA.Round(time.Second), "elapsed", p.Elapsed.Round(time.Millisecond))
}
