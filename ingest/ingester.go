package ingest

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync/atomic"
	"time"

	"github.com/cenkalti/backoff/v5"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/segmentio/kafka-go"

	"github.com/convqa/convqa/internal/kafkaadmin"
	"github.com/convqa/convqa/internal/pii"
	"github.com/convqa/convqa/internal/transcript"
	"github.com/convqa/convqa/internal/wait"
)

// fetcher is the part of *kafka.Reader (in a consumer group) ingest uses.
type fetcher interface {
	FetchMessage(ctx context.Context) (kafka.Message, error)
	CommitMessages(ctx context.Context, msgs ...kafka.Message) error
	Close() error
}

// dlqSender is the part of *DLQ ingest uses.
type dlqSender interface {
	Send(ctx context.Context, rejects []Reject) error
}

// Options configures an Ingester beyond its connections.
type Options struct {
	Batch           Limits
	Decode          transcript.Limits
	Redact          []string // PII types; empty turns redaction off
	CustomerHashKey string   // at least 16 bytes
	RetryInitial    time.Duration
	RetryMax        time.Duration
	ShutdownTimeout time.Duration
	Logger          *slog.Logger
	Registerer      prometheus.Registerer // nil: a private registry
}

// Ingester moves messages from a consumer group into ClickHouse: fetch,
// decode and validate, redact, batch, insert, and only then commit. While
// one batch is stored the next is gathered; while a store fails, fetching
// stops (backpressure) and the insert is retried with capped exponential
// backoff for as long as the Ingester runs.
type Ingester struct {
	reader fetcher
	store  rowStore
	dlq    dlqSender
	mapper *mapper
	opt    Options
	log    *slog.Logger
	m      *metrics
	now    func() time.Time

	closers   []func() error // run after the reader is closed
	lagSource func(context.Context) ([]kafkaadmin.PartitionLag, error)
	topic     string

	ready     atomic.Bool
	lastErr   atomic.Pointer[string]
	abandoned atomic.Int64 // batches given up at shutdown, uncommitted
}

func newIngester(r fetcher, s rowStore, d dlqSender, opt Options) (*Ingester, error) {
	mp, err := newMapper(opt.Redact, opt.CustomerHashKey)
	if err != nil {
		return nil, err
	}
	if opt.Batch.MaxRows < 1 || opt.Batch.MaxBytes < 1 || opt.Batch.MaxWait <= 0 {
		return nil, fmt.Errorf("ingest: batch limits must be positive, got %+v", opt.Batch)
	}
	if opt.RetryInitial <= 0 {
		opt.RetryInitial = 100 * time.Millisecond
	}
	if opt.RetryMax < opt.RetryInitial {
		opt.RetryMax = opt.RetryInitial
	}
	if opt.ShutdownTimeout <= 0 {
		opt.ShutdownTimeout = 30 * time.Second
	}
	if opt.Logger == nil {
		opt.Logger = slog.New(slog.DiscardHandler)
	}
	if opt.Registerer == nil {
		opt.Registerer = prometheus.NewRegistry()
	}
	return &Ingester{reader: r, store: s, dlq: d, mapper: mp, opt: opt, log: opt.Logger,
		m: newMetrics(opt.Registerer), now: time.Now}, nil
}

// Ready reports whether ingest last fetched and stored without error, and
// if not, why.
func (ing *Ingester) Ready() (bool, string) {
	if ing.ready.Load() {
		return true, ""
	}
	if p := ing.lastErr.Load(); p != nil {
		return false, *p
	}
	return false, "starting"
}

func (ing *Ingester) setReady(ok bool, why error) {
	ing.ready.Store(ok)
	if ok {
		ing.m.ready.Set(1)
		return
	}
	ing.m.ready.Set(0)
	s := why.Error()
	ing.lastErr.Store(&s)
}

// Run consumes until ctx is cancelled, then finishes the batch in flight
// within Options.ShutdownTimeout, commits what is stored, and closes the
// reader, which leaves the consumer group. It returns nil after a clean
// shutdown.
func (ing *Ingester) Run(ctx context.Context) error {
	// Wait for ClickHouse before taking anything from Kafka: a message
	// fetched now could not be stored anyway.
	if err := ing.retry(ctx, "connect_clickhouse", ing.store.Ping); err != nil {
		_ = ing.reader.Close()
		return nil
	}
	ing.setReady(true, nil)
	// The flusher gets its own context: on shutdown it must still finish
	// the batch in hand, up to the shutdown deadline, after ctx is done.
	// The deadline starts when ctx ends, so that handing over the last
	// batch cannot wait forever on a flusher stuck retrying an outage.
	flushCtx, cancelFlush := context.WithCancel(context.WithoutCancel(ctx))
	defer cancelFlush()
	var deadline atomic.Pointer[time.Timer]
	stopDeadline := context.AfterFunc(ctx, func() {
		deadline.Store(time.AfterFunc(ing.opt.ShutdownTimeout, cancelFlush))
	})
	defer stopDeadline()
	batches := make(chan *batch, 1)
	flushed := make(chan struct{})
	go func() {
		defer close(flushed)
		for b := range batches {
			if !ing.flush(flushCtx, b) {
				ing.abandoned.Add(1)
			}
		}
	}()

	fetchErr := ing.fetchLoop(ctx, batches)
	close(batches)
	<-flushed
	if t := deadline.Load(); t != nil {
		t.Stop()
	}
	closeErr := ing.reader.Close()
	for _, c := range ing.closers {
		if err := c(); err != nil {
			ing.log.Warn("close", "err", err)
		}
	}
	ing.setReady(false, errors.New("stopped"))
	if n := ing.abandoned.Load(); n > 0 {
		ing.log.Warn("shutdown deadline passed: batches in flight were abandoned uncommitted and will be delivered again",
			"batches", n, "shutdown_timeout", ing.opt.ShutdownTimeout)
	}
	if fetchErr != nil && !errors.Is(fetchErr, context.Canceled) {
		return fetchErr
	}
	if closeErr != nil {
		return fmt.Errorf("leave the consumer group: %w", closeErr)
	}
	return nil
}

// fetchLoop gathers batches and hands them to the flusher until ctx ends.
// The channel holds one batch, so at most two are in memory: one being
// stored and one full and waiting; then FetchMessage is not called and
// Kafka keeps the rest.
func (ing *Ingester) fetchLoop(ctx context.Context, batches chan<- *batch) error {
	retry := ing.newBackoff()
	for {
		b := newBatch(ing.opt.Batch)
		err := ing.gather(ctx, b, retry)
		ing.handOver(batches, b)
		if err != nil {
			return err
		}
	}
}

// gather fetches into b until it is full or MaxWait has passed since its
// first message; it returns only ctx's error. The deadline is one per
// batch, set when the first message arrives: a context per fetch cost more
// than decoding a short turn.
func (ing *Ingester) gather(ctx context.Context, b *batch, retry *backoff.ExponentialBackOff) error {
	fctx := ctx
	for !b.full(ing.opt.Batch) {
		km, err := ing.reader.FetchMessage(fctx)
		if ctx.Err() != nil {
			return ctx.Err()
		}
		if errors.Is(err, context.DeadlineExceeded) {
			return nil // MaxWait: flush what there is
		}
		if err != nil {
			ing.m.retries.WithLabelValues("fetch").Inc()
			ing.setReady(false, fmt.Errorf("fetch from Kafka: %w", err))
			ing.log.Warn("fetch failed; retrying", "err", err)
			if !wait.For(ctx, retry.NextBackOff()) {
				return ctx.Err()
			}
			continue
		}
		retry.Reset()
		ing.add(b, km)
		if b.messages == 1 {
			var cancel context.CancelFunc
			fctx, cancel = context.WithDeadline(ctx, b.first.Add(ing.opt.Batch.MaxWait))
			defer cancel()
		}
	}
	return nil
}

func (ing *Ingester) handOver(batches chan<- *batch, b *batch) {
	if b.messages == 0 {
		return
	}
	batches <- b
}

// add decodes one message into the batch, or into its rejects.
func (ing *Ingester) add(b *batch, km kafka.Message) {
	b.track(km, ing.now())
	ing.m.consumed.WithLabelValues(km.Topic).Inc()
	msg, err := decodeAny(km.Value, ing.opt.Decode)
	if err == nil {
		err = ing.mapper.appendRows(b, msg, &km)
	}
	if err != nil {
		b.rejects = append(b.rejects, Reject{Msg: km, Err: err})
	}
}

// decodeAny decodes contract v1, or the flat utterance form when the
// message's own schema names it. v1 is tried first: the flat schema's name
// may appear inside a v1 message's text or metadata, and only the schema
// field decides.
func decodeAny(value []byte, lim transcript.Limits) (*transcript.Message, error) {
	msg, err := transcript.Decode(value, lim)
	if transcript.ClassOf(err) == transcript.ClassUnknownSchema && transcript.IsFlat(value) {
		return transcript.DecodeFlat(value, lim)
	}
	return msg, err
}

// flush stores a batch — DLQ first, then utterances, then conversations, so
// that a conversation visible as closed always has its turns — and commits
// its offsets. Storing is retried until it succeeds or ctx ends; then
// nothing is committed and Kafka delivers the batch again. It reports
// whether the batch was stored.
func (ing *Ingester) flush(ctx context.Context, b *batch) bool {
	steps := []struct {
		op  string
		run func(context.Context) error
	}{
		{"dlq", func(ctx context.Context) error { return ing.dlq.Send(ctx, b.rejects) }},
		{"insert_utterances", func(ctx context.Context) error {
			return ing.timedInsert(ctx, "utterances", len(b.utterances), func(ctx context.Context) error { return ing.store.InsertUtterances(ctx, b.utterances) })
		}},
		{"insert_conversations", func(ctx context.Context) error {
			return ing.timedInsert(ctx, "conversations", len(b.conversations), func(ctx context.Context) error { return ing.store.InsertConversations(ctx, b.conversations) })
		}},
	}
	for _, s := range steps {
		if err := ing.retry(ctx, s.op, s.run); err != nil {
			ing.log.Warn("batch not stored; its offsets stay uncommitted", "op", s.op, "messages", b.messages, "err", err)
			return false
		}
	}
	for _, r := range b.rejects {
		ing.m.rejected.WithLabelValues(string(r.Class())).Inc()
	}
	ing.countRedactions(b)
	ing.m.batchRows.Observe(float64(b.rows()))
	ing.m.batchBytes.Observe(float64(b.bytes))
	if err := ing.reader.CommitMessages(ctx, b.commits()...); err != nil {
		// Everything is stored: a failed commit (a rebalance, a broker
		// restart) only means these messages come again, and the
		// ReplacingMergeTree tables absorb them.
		ing.m.commitFailed.Inc()
		ing.log.Warn("commit failed; the batch is stored and will be redelivered", "messages", b.messages, "err", err)
	}
	ing.setReady(true, nil)
	ing.log.Debug("batch stored", "messages", b.messages, "utterances", len(b.utterances),
		"conversations", len(b.conversations), "rejected", len(b.rejects), "bytes", b.bytes)
	return true
}

func (ing *Ingester) timedInsert(ctx context.Context, table string, n int, insert func(context.Context) error) error {
	if n == 0 {
		return nil
	}
	start := time.Now()
	if err := insert(ctx); err != nil {
		return err
	}
	ing.m.insertTime.WithLabelValues(table).Observe(time.Since(start).Seconds())
	ing.m.inserted.WithLabelValues(table).Add(float64(n))
	return nil
}

func (ing *Ingester) countRedactions(b *batch) {
	var total pii.Counts
	for i := range b.utterances {
		total.Add(b.utterances[i].PII)
	}
	for _, t := range pii.Types {
		if total[t] > 0 {
			ing.m.redactions.WithLabelValues(t.String()).Add(float64(total[t]))
		}
	}
}

// retry runs op until it succeeds or ctx ends, waiting between tries with
// capped exponential backoff. There is no limit on tries: giving up would
// mean dropping data or stopping the pipeline, and an outage of ClickHouse
// or Kafka ends some time.
func (ing *Ingester) retry(ctx context.Context, name string, op func(context.Context) error) error {
	bo := ing.newBackoff()
	for attempt := 1; ; attempt++ {
		err := op(ctx)
		if err == nil {
			return nil
		}
		if ctx.Err() != nil {
			return fmt.Errorf("%s: %w (gave up on shutdown: %w)", name, err, ctx.Err())
		}
		ing.setReady(false, fmt.Errorf("%s: %w", name, err))
		ing.m.retries.WithLabelValues(name).Inc()
		pause := bo.NextBackOff()
		ing.log.Warn("store failed; retrying", "op", name, "attempt", attempt, "wait", pause, "err", err)
		if !wait.For(ctx, pause) {
			return fmt.Errorf("%s: %w (gave up on shutdown)", name, err)
		}
	}
}

func (ing *Ingester) newBackoff() *backoff.ExponentialBackOff {
	bo := backoff.NewExponentialBackOff()
	bo.InitialInterval = ing.opt.RetryInitial
	bo.MaxInterval = ing.opt.RetryMax
	bo.Reset()
	return bo
}
