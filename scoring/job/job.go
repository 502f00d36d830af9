package job

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"runtime"
	"strings"
	"sync/atomic"
	"time"

	"github.com/ClickHouse/clickhouse-go/v2/lib/driver"
	"github.com/apache/arrow/go/v17/arrow"
	"github.com/apache/arrow/go/v17/arrow/memory"
	"github.com/prometheus/client_golang/prometheus"
	"golang.org/x/time/rate"

	"github.com/convqa/convqa/internal/transcript"
	"github.com/convqa/convqa/scoring/qa"
)

// Limits of Options.BatchSize: a batch's ids travel in the text of two
// queries, and its rows are one INSERT per table.
const (
	MinBatchSize     = 1
	MaxBatchSize     = 5000
	DefaultBatchSize = 2000
)

// maxUntil is the end of what a DateTime column holds, the default upper
// bound of a run.
var maxUntil = time.Date(2106, 1, 1, 0, 0, 0, 0, time.UTC)

// Options configure a Job. The zero value scores every tenant's whole
// history at full speed in batches of DefaultBatchSize.
type Options struct {
	// BatchSize is the number of conversations read, scored and written
	// together. Default DefaultBatchSize; MinBatchSize to MaxBatchSize.
	BatchSize int
	// Since and Until bound the conversations' started_at to [Since,
	// Until). Zero: unbounded.
	Since, Until time.Time
	// Rate caps re-scoring, in conversations per second: conversations
	// that another scorer version has scored (history, after a new
	// version ships). Conversations never scored go at full speed, and
	// before any re-scoring. 0: no cap.
	Rate float64
	// Backfill applies Rate to every conversation of the run, not only to
	// re-scoring: for history that was imported and never scored.
	Backfill bool
	// Tenants limits the run to these tenants; empty: every tenant that has
	// conversations.
	Tenants []string
	// Workers score the conversations of a batch in parallel. Default
	// GOMAXPROCS.
	Workers int
	// ProgressEvery is how often progress is logged. Default 5s.
	ProgressEvery time.Duration
	// OnProgress, when set, is called after every batch, on the goroutine
	// that runs the job.
	OnProgress func(Progress)
	// RetryInitial and RetryMax bound the wait between retries of a failed
	// ClickHouse read or insert (capped exponential backoff); RetryTimeout
	// is how long one operation is retried before the run fails. Defaults
	// 100ms, 30s, 5m.
	RetryInitial, RetryMax, RetryTimeout time.Duration
	// ShutdownTimeout bounds, once the run's context ends, finishing the
	// insert in flight: what was scored is written rather than lost.
	// Default 30s.
	ShutdownTimeout time.Duration
	// Logger defaults to discarding; Registerer to a private registry.
	Logger     *slog.Logger
	Registerer prometheus.Registerer
	// Allocator allocates the Arrow records. Default memory.DefaultAllocator.
	Allocator memory.Allocator
	// Now is the clock. Default time.Now.
	Now func() time.Time
}

// Validate reports the first option out of its range.
func (o Options) Validate() error {
	switch {
	case o.BatchSize != 0 && (o.BatchSize < MinBatchSize || o.BatchSize > MaxBatchSize):
		return fmt.Errorf("scoring job: batch size %d is out of range (allowed: %d to %d)", o.BatchSize, MinBatchSize, MaxBatchSize)
	case o.Rate < 0 || o.Rate != o.Rate:
		return fmt.Errorf("scoring job: rate %v is out of range (allowed: 0 for no cap, or conversations per second > 0)", o.Rate)
	case !o.Since.IsZero() && !o.Until.IsZero() && !o.Since.Before(o.Until):
		return fmt.Errorf("scoring job: since %s is not before until %s", o.Since.Format(time.RFC3339), o.Until.Format(time.RFC3339))
	case o.Workers < 0:
		return fmt.Errorf("scoring job: workers %d is negative (allowed: 0 for GOMAXPROCS, or more)", o.Workers)
	}
	for _, t := range o.Tenants {
		if t == "" {
			return errors.New("scoring job: empty tenant name (allowed: the tenants' names)")
		}
	}
	return nil
}

func (o Options) withDefaults() Options {
	if o.BatchSize == 0 {
		o.BatchSize = DefaultBatchSize
	}
	if o.Workers == 0 {
		o.Workers = runtime.GOMAXPROCS(0)
	}
	if o.ProgressEvery <= 0 {
		o.ProgressEvery = 5 * time.Second
	}
	if o.RetryInitial <= 0 {
		o.RetryInitial = 100 * time.Millisecond
	}
	if o.RetryMax < o.RetryInitial {
		o.RetryMax = max(o.RetryInitial, 30*time.Second)
	}
	if o.RetryTimeout <= 0 {
		o.RetryTimeout = 5 * time.Minute
	}
	if o.ShutdownTimeout <= 0 {
		o.ShutdownTimeout = 30 * time.Second
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	if o.Registerer == nil {
		o.Registerer = prometheus.NewRegistry()
	}
	if o.Allocator == nil {
		o.Allocator = memory.DefaultAllocator
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Since.IsZero() || o.Since.Before(epoch) {
		o.Since = epoch
	}
	if o.Until.IsZero() || o.Until.After(maxUntil) {
		o.Until = maxUntil
	}
	o.Since, o.Until = o.Since.UTC(), o.Until.UTC()
	return o
}

// Job scores conversations; build one per process and call Run for each
// run (a run never overlaps another of the same Job: the caller schedules
// them, see cron.SkipIfStillRunning in convqa run).
type Job struct {
	scorer qa.Scorer
	// into is scorer, when it can score into a reused Result; nil when
	// it cannot. results are the Results it reuses.
	into    scorerInto
	results resultPool
	opt     Options
	log     *slog.Logger
	m       *metrics
	limiter *rate.Limiter // nil: no cap

	// insert writes one record; tests wrap it to inject failures.
	insert func(ctx context.Context, conn driver.Conn, table string, rec arrow.Record) error
}

// New builds a Job that scores with s.
func New(s qa.Scorer, opt Options) (*Job, error) {
	if s == nil {
		return nil, errors.New("scoring job: no scorer")
	}
	if err := opt.Validate(); err != nil {
		return nil, err
	}
	opt = opt.withDefaults()
	j := &Job{scorer: s, opt: opt, log: opt.Logger, m: newMetrics(opt.Registerer), insert: insertRecord}
	j.into, _ = s.(scorerInto)
	if opt.Rate > 0 {
		j.limiter = rate.NewLimiter(rate.Limit(opt.Rate), 1)
	}
	return j, nil
}

// Stats sum up a run.
type Stats struct {
	// Tenants is the number of tenants visited.
	Tenants int
	// Total is what the run had to do when it started.
	Total int64
	// Scored counts the conversations whose scores row was written, of
	// which Rescored had been scored by another scorer version.
	Scored, Rescored int64
	// Failed counts the conversations that could not be scored;
	// Unscorable those the scorer refused as input it cannot score
	// (qa.ErrUnscorable: no utterances). Neither has a scores row.
	Failed, Unscorable int64
	// Hits counts the rule_hits rows written.
	Hits int64
	// Batches counts the batches written.
	Batches int
	// Elapsed is the run's duration.
	Elapsed time.Duration
	// Failures are the first maxFailures conversations that failed.
	Failures []Failure
}

// Failure is a conversation that could not be scored.
type Failure struct {
	Tenant, ConversationID string
	Err                    error
}

const maxFailures = 1000

// FailuresError is Run's error when some conversations could not be scored
// but the run otherwise completed: they have no scores row and the next
// run tries them again.
type FailuresError struct {
	Count    int64
	Failures []Failure // the first of them
}

func (e *FailuresError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d conversation(s) could not be scored and are left for the next run:", e.Count)
	for i, f := range e.Failures {
		if i == 5 {
			fmt.Fprintf(&b, " … and %d more", e.Count-5)
			break
		}
		fmt.Fprintf(&b, " [tenant %q conversation %q: %v]", f.Tenant, f.ConversationID, f.Err)
	}
	return b.String()
}

// Version is the scorer version the job writes and skips.
func (j *Job) Version() string { return j.scorer.Version() }

// Run scores, tenant by tenant, every closed conversation in range that the
// scorer's version has not scored, over conn (which the caller owns). It
// returns when everything selected was tried, ctx ends (after writing what
// it had scored, within ShutdownTimeout), or ClickHouse keeps failing past
// RetryTimeout. Conversations the scorer fails on do not stop the run:
// they are counted in Stats and returned as a *FailuresError.
func (j *Job) Run(ctx context.Context, conn driver.Conn) (Stats, error) {
	r := &run{Job: j, conn: conn, version: j.scorer.Version(), start: j.opt.Now()}
	r.rowVersion = uint64(r.start.UnixNano())
	r.prog = &progress{log: j.log, notify: j.opt.OnProgress, now: j.opt.Now, start: r.start,
		onChange: func(n int64) { j.m.pending.Set(float64(n)) }}
	j.m.running.Set(1)
	defer j.m.running.Set(0)
	logCtx, stopLog := context.WithCancel(ctx)
	logDone := make(chan struct{})
	go func() {
		defer close(logDone)
		r.prog.logEvery(logCtx, j.opt.ProgressEvery)
	}()
	defer func() {
		stopLog()
		<-logDone
	}()

	// Inserts get a context of their own that outlives ctx by at most
	// ShutdownTimeout, so an interrupted run still writes what it scored.
	wctx, cancelWrites := context.WithCancel(context.WithoutCancel(ctx))
	defer cancelWrites()
	var deadline atomic.Pointer[time.Timer]
	stop := context.AfterFunc(ctx, func() { deadline.Store(time.AfterFunc(j.opt.ShutdownTimeout, cancelWrites)) })
	defer stop()
	defer func() {
		if t := deadline.Load(); t != nil {
			t.Stop()
		}
	}()
	r.wctx = wctx

	err := r.all(ctx)
	// The last batch's insert, or the one in flight when the run failed
	// or was interrupted: what was scored is written and counted.
	err = errors.Join(err, r.flush())
	r.stats.Elapsed = j.opt.Now().Sub(r.start)
	r.prog.logNow("scoring run ended")
	if err == nil && r.stats.Failed > 0 {
		err = &FailuresError{Count: r.stats.Failed, Failures: r.stats.Failures}
	}
	switch {
	case err == nil:
		j.m.runs.WithLabelValues("ok").Inc()
		j.m.lastSuccess.Set(float64(j.opt.Now().Unix()))
	case ctx.Err() != nil && errors.Is(err, ctx.Err()):
		j.m.runs.WithLabelValues("interrupted").Inc()
	default:
		j.m.runs.WithLabelValues("failed").Inc()
	}
	return r.stats, err
}

// run is the state of one Run.
type run struct {
	*Job
	conn       driver.Conn
	wctx       context.Context
	version    string
	rowVersion uint64
	start      time.Time
	prog       *progress
	stats      Stats
	// pending is the batch whose insert is in flight; see flush.
	pending *pendingWrite
}

func (r *run) all(ctx context.Context) error {
	tenants := r.opt.Tenants
	if len(tenants) == 0 {
		err := r.retry(ctx, opListTenants, func(ctx context.Context) (err error) {
			tenants, err = listTenants(ctx, r.conn)
			return err
		})
		if err != nil {
			return err
		}
	}
	scopes := make([]scope, len(tenants))
	for i, t := range tenants {
		scopes[i] = scope{tenant: t, scorerVersion: r.version, since: r.opt.Since, until: r.opt.Until}
		var total, rescore uint64
		err := r.retry(ctx, opCount, func(ctx context.Context) (err error) {
			total, rescore, err = countConversations(ctx, r.conn, scopes[i])
			return err
		})
		if err != nil {
			return err
		}
		r.stats.Total += int64(total)
		r.log.Debug("conversations to score", "tenant", t, "total", total, "rescore", rescore)
	}
	r.prog.setTotal(r.stats.Total)
	r.log.Info("scoring run start", "scorer_version", r.version, "tenants", len(tenants), "total", r.stats.Total,
		"since", r.opt.Since.Format(time.RFC3339), "until", r.opt.Until.Format(time.RFC3339),
		"batch_size", r.opt.BatchSize, "rate_per_s", r.opt.Rate, "backfill", r.opt.Backfill)
	for _, s := range scopes {
		r.stats.Tenants++
		if err := r.tenant(ctx, s); err != nil {
			return err
		}
	}
	return nil
}

// tenant scores one tenant's pending conversations, page by page. The
// next page is selected and read while the current one is scored.
func (r *run) tenant(ctx context.Context, s scope) error {
	cur := cursor{freshAt: s.since, rescoreAt: s.since}
	sel := new(selection)
	next := r.prefetch(ctx, s, &cur, sel)
	for {
		f := <-next
		if f.err != nil {
			return f.err
		}
		if len(f.page) == 0 {
			return nil
		}
		if err := ctx.Err(); err != nil {
			return fmt.Errorf("scoring interrupted in tenant %q: %w", s.tenant, err)
		}
		next = r.prefetch(ctx, s, &cur, sel)
		if err := r.batch(ctx, s.tenant, f.page, f.msgs); err != nil {
			<-next // the read in flight ends with ctx; nothing of it is kept
			return err
		}
	}
}

// page is one page of pending conversations, read.
type page struct {
	page []pendingConversation
	msgs []*transcript.Message
	err  error
}

// selectPages is how many pages one selection of pending conversations
// takes. Selecting reads every conversation of the tenant in the months
// from the cursor on, and the scores of this scorer version: done once per
// page, it cost the server as much as reading the pages themselves.
const selectPages = 10

// selection holds what the last selection found and no page has taken
// yet, in the order pages take it.
type selection struct{ pending []pendingConversation }

// prefetch selects and reads the next page after cur in the background,
// advancing cur; only one prefetch runs at a time, so cur and sel are
// never shared.
func (r *run) prefetch(ctx context.Context, s scope, cur *cursor, sel *selection) <-chan page {
	ch := make(chan page, 1)
	go func() { ch <- r.fetch(ctx, s, cur, sel) }()
	return ch
}

// fetch takes the page after cur, selecting more pending conversations
// when the last selection is used up, moves cur past it, and reads its
// conversations: ClickHouse → two Arrow records → messages. A page is the
// same whether it comes from a fresh selection or a held one: both start
// right after cur, in the same order; one that closed since the
// selection is found by the next.
func (r *run) fetch(ctx context.Context, s scope, cur *cursor, sel *selection) page {
	if err := ctx.Err(); err != nil {
		return page{err: fmt.Errorf("scoring interrupted in tenant %q: %w", s.tenant, err)}
	}
	if len(sel.pending) == 0 {
		err := r.retry(ctx, opSelect, func(ctx context.Context) (err error) {
			sel.pending, err = nextPending(ctx, r.conn, s, *cur, selectPages*r.opt.BatchSize)
			return err
		})
		if err != nil || len(sel.pending) == 0 {
			return page{err: err}
		}
	}
	n := min(r.opt.BatchSize, len(sel.pending))
	pg := sel.pending[:n:n]
	sel.pending = sel.pending[n:]
	fresh := false
	for _, p := range pg {
		if p.rescore {
			cur.rescoreAt, cur.rescoreID = p.startedAt, p.id
		} else {
			cur.freshAt, cur.freshID = p.startedAt, p.id
			fresh = true
		}
	}
	if !fresh && (cur.freshAt.Before(cur.rescoreAt) || cur.freshAt.Equal(cur.rescoreAt) && cur.freshID < cur.rescoreID) {
		// No new conversation is left behind the re-scoring: move the
		// fresh cursor up to it, so that pages stop reading the months
		// behind both. One that closes meanwhile further back waits
		// for the next run.
		cur.freshAt, cur.freshID = cur.rescoreAt, cur.rescoreID
	}
	ids := make([]string, len(pg))
	for i, p := range pg {
		ids[i] = p.id
	}
	t0 := time.Now()
	var conv, utt arrow.Record
	err := r.retry(ctx, opRead, func(ctx context.Context) (err error) {
		conv, utt, err = readBatch(ctx, r.conn, r.opt.Allocator, s.tenant, ids)
		return err
	})
	if err != nil {
		return page{err: err}
	}
	r.m.batchTime.WithLabelValues("read").Observe(time.Since(t0).Seconds())
	msgs, err := Messages(conv, utt)
	conv.Release()
	utt.Release()
	if err != nil {
		r.m.errors.WithLabelValues(opDecode).Inc()
		return page{err: fmt.Errorf("tenant %q: %w", s.tenant, err)}
	}
	for _, m := range msgs {
		// Every read is scoped to the tenant; this guards the guarantee.
		if m.Tenant != s.tenant {
			r.m.errors.WithLabelValues(opDecode).Inc()
			return page{err: fmt.Errorf("batch of tenant %q holds conversation %q of tenant %q", s.tenant, m.ConversationID, m.Tenant)}
		}
	}
	return page{page: pg, msgs: msgs}
}
