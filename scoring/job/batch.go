package job

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"github.com/apache/arrow/go/v17/arrow"

	"github.com/convqa/convqa/internal/transcript"
	"github.com/convqa/convqa/scoring/qa"
)

// batch scores and writes one page of conversations of tenant, read.
func (r *run) batch(ctx context.Context, tenant string, page []pendingConversation, msgs []*transcript.Message) error {
	rescore := make(map[string]bool, len(page))
	for _, p := range page {
		rescore[p.id] = p.rescore
	}
	t0 := time.Now()
	results, failures, unscorable, stopped := r.score(ctx, msgs, rescore)
	r.m.batchTime.WithLabelValues("score").Observe(time.Since(t0).Seconds())

	// Write: results → two Arrow records → rule_hits, then scores. The
	// insert runs while the next batch is read and scored: one write in
	// flight at most, its bookkeeping done by flush once it is in.
	if err := r.flush(); err != nil {
		return err
	}
	var rescored int64
	for _, s := range results {
		if rescore[s.msg.ConversationID] {
			rescored++
		}
	}
	w := &pendingWrite{done: make(chan struct{}), tenant: tenant, results: results, failures: failures,
		unscorable: unscorable, rescored: rescored, start: time.Now()}
	go func() {
		defer close(w.done)
		w.hits, w.err = r.write(results)
	}()
	r.pending = w
	if stopped != nil {
		if err := r.flush(); err != nil {
			return err
		}
		return fmt.Errorf("scoring interrupted in tenant %q after %d conversations of the run: %w", tenant, r.stats.Scored, stopped)
	}
	return nil
}

// pendingWrite is a batch's insert in flight and what to count once it is in.
type pendingWrite struct {
	done                 chan struct{}
	tenant               string
	results              []scored
	failures, unscorable []Failure
	rescored             int64
	start                time.Time
	hits                 int
	err                  error
}

// flush waits for the write in flight, if any, and counts its batch: the
// conversations are scored only once their rows are in.
func (r *run) flush() error {
	w := r.pending
	if w == nil {
		return nil
	}
	<-w.done
	r.pending = nil
	if r.into != nil {
		// The rows are built and inserted, or never will be: the
		// Results are free for the next batches.
		r.results.release(w.results)
	}
	if w.err != nil {
		return w.err
	}
	r.m.batchTime.WithLabelValues("write").Observe(time.Since(w.start).Seconds())
	for _, f := range w.failures {
		r.log.Warn("conversation not scored; the next run tries again", "tenant", f.Tenant, "conversation_id", f.ConversationID, "err", f.Err)
		if len(r.stats.Failures) < maxFailures {
			r.stats.Failures = append(r.stats.Failures, f)
		}
	}
	for _, f := range w.unscorable {
		// An input mistake, not a failure: no retry can score it. It stays
		// unscored and is read again by every run, so it is not logged
		// above debug level each time.
		r.log.Debug("conversation cannot be scored", "tenant", f.Tenant, "conversation_id", f.ConversationID, "err", f.Err)
	}
	r.m.conversations.WithLabelValues("scored").Add(float64(len(w.results)))
	r.m.conversations.WithLabelValues("unscorable").Add(float64(len(w.unscorable)))
	r.m.conversations.WithLabelValues("failed").Add(float64(len(w.failures)))
	r.m.hits.Add(float64(w.hits))
	r.stats.Scored += int64(len(w.results))
	r.stats.Rescored += w.rescored
	r.stats.Failed += int64(len(w.failures))
	r.stats.Unscorable += int64(len(w.unscorable))
	r.stats.Hits += int64(w.hits)
	r.stats.Batches++
	r.prog.batchDone(w.tenant, len(w.results), len(w.failures)+len(w.unscorable))
	return nil
}

// score scores msgs on the job's workers. Conversations under the rate cap
// (re-scoring, or all of a backfill) wait for the limiter first. When ctx
// ends, workers stop taking conversations; what was scored is returned with
// ctx's error. Results keep msgs' order.
func (r *run) score(ctx context.Context, msgs []*transcript.Message, rescore map[string]bool) (results []scored, failures, unscorable []Failure, stopped error) {
	out := make([]scored, len(msgs))
	errs := make([]error, len(msgs))
	done := make([]bool, len(msgs))
	var next atomic.Int64
	var interrupted atomic.Pointer[error]
	var wg sync.WaitGroup
	for w := 0; w < min(r.opt.Workers, len(msgs)); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1) - 1)
				if i >= len(msgs) || ctx.Err() != nil {
					return
				}
				m := msgs[i]
				if r.limiter != nil && (r.opt.Backfill || rescore[m.ConversationID]) {
					if err := r.limiter.Wait(ctx); err != nil {
						interrupted.CompareAndSwap(nil, &err)
						return
					}
				}
				res, err := r.scoreOne(m)
				out[i], errs[i], done[i] = scored{msg: m, res: res}, err, true
				r.prog.scoredOne()
			}
		}()
	}
	wg.Wait()
	for i := range msgs {
		f := Failure{Tenant: msgs[i].Tenant, ConversationID: msgs[i].ConversationID, Err: errs[i]}
		switch {
		case !done[i]:
			// Not reached before ctx ended: neither scored nor failed.
		case errors.Is(errs[i], qa.ErrUnscorable):
			unscorable = append(unscorable, f)
		case errs[i] != nil:
			r.m.errors.WithLabelValues(opScore).Inc()
			failures = append(failures, f)
		default:
			results = append(results, out[i])
		}
	}
	if p := interrupted.Load(); p != nil {
		stopped = *p
	} else if ctx.Err() != nil {
		stopped = ctx.Err()
	}
	return results, failures, unscorable, stopped
}

// scoreOne scores one conversation and checks that its result can be
// stored. A scorer that panics fails the conversation, not the job (and
// the Result it panicked in, half written, is left to the collector).
func (r *run) scoreOne(m *transcript.Message) (res *qa.Result, err error) {
	defer func() {
		if p := recover(); p != nil {
			res, err = nil, fmt.Errorf("scorer panicked: %v", p)
		}
	}()
	if r.into == nil {
		res, err = r.scorer.Score(m)
	} else {
		res = r.results.get()
		if err = r.into.ScoreInto(res, m); err != nil {
			r.results.put(res)
			res = nil
		}
	}
	if err != nil {
		return nil, fmt.Errorf("score: %w", err)
	}
	if err := checkResult(scored{msg: m, res: res}, r.version); err != nil {
		if r.into != nil {
			r.results.put(res) // handed to no one
		}
		return nil, err
	}
	return res, nil
}

// write inserts the rule_hits rows of results, then their scores rows: a
// conversation counts as scored only once its scores row exists, so a
// failure between the two leaves it to be scored again, never half done.
// It returns the number of hits written.
func (r *run) write(results []scored) (int, error) {
	if len(results) == 0 {
		return 0, nil
	}
	hits, scores := resultRecords(r.opt.Allocator, r.version, r.rowVersion, r.opt.Now(), results)
	defer hits.Release()
	defer scores.Release()
	for _, w := range []struct {
		op, table string
		rec       arrow.Record
	}{{opInsertHits, "rule_hits", hits}, {opInsertScores, "scores", scores}} {
		err := r.retry(r.wctx, w.op, func(ctx context.Context) error {
			return r.insert(ctx, r.conn, w.table, w.rec)
		})
		if err != nil {
			return 0, fmt.Errorf("write the results of %d conversations: %w", len(results), err)
		}
	}
	return int(hits.NumRows()), nil
}
