// Package scorebench measures the full scorer — sentiment and emotion, the
// built-in compliance rules and the QA scorecard — on generated
// conversations, and whether scoring keeps up with ingest on this machine.
//
// A run has two parts:
//
//  1. In process: the conversations, redacted as ingest stores them, are
//     scored one stage at a time on one goroutine as the engine runs them
//     (normalization once for both, rules, sentiment and emotion,
//     scorecard), then by the whole engine, scoring into a reused Result
//     as the job does; each is timed by the process's CPU time, which
//     gives MB/s and conversations/s per core and each stage's share; then
//     by every core at once, by wall time.
//  2. On the local stack, the peer: the same conversations are produced to
//     a fresh Kafka topic; the real ingest path (ingest.Ingester) drains it
//     into a freshly migrated ClickHouse database, timed from its start
//     until the consumer group has committed every message; then the real
//     scoring job (job.Job, the code `convqa score` runs) grades everything
//     ingest stored, timed likewise. Scoring keeps up with ingest when its
//     conversations/s is at least ingest's.
package scorebench

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"runtime"
	"runtime/pprof"
	"sync"
	"syscall"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/segmentio/kafka-go"

	"github.com/convqa/convqa/ingest"
	"github.com/convqa/convqa/internal/config"
	"github.com/convqa/convqa/internal/gcpolicy"
	"github.com/convqa/convqa/internal/kafkaadmin"
	"github.com/convqa/convqa/internal/pii"
	"github.com/convqa/convqa/internal/store"
	"github.com/convqa/convqa/internal/synth"
	"github.com/convqa/convqa/internal/textnorm"
	"github.com/convqa/convqa/internal/transcript"
	"github.com/convqa/convqa/scoring/job"
	"github.com/convqa/convqa/scoring/qa"
	"github.com/convqa/convqa/scoring/rules"
	"github.com/convqa/convqa/scoring/scorecard"
	"github.com/convqa/convqa/scoring/sentiment"
)

// Config configures Run.
type Config struct {
	// ClickHouseAddr and KafkaBrokers locate the stack; both empty skips
	// the end-to-end part.
	ClickHouseAddr string
	KafkaBrokers   []string
	// Conversations to generate. Default 20000.
	Conversations int
	// Seed of the generator. Default 1.
	Seed uint64
	// BatchSize is the scoring job's batch size; 0 takes the job's
	// default.
	BatchSize int
	// JobProfile, when not nil, receives a CPU profile (pprof) of the
	// scoring job's run alone: where a job's time goes, reads and writes
	// included, which the per-stage figures do not show.
	JobProfile io.Writer
	// Log receives progress; nil discards it.
	Log *slog.Logger
}

// Rate is a throughput.
type Rate struct {
	Seconds       float64 `json:"seconds"` // CPU seconds (per core) or wall seconds (parallel)
	MBps          float64 `json:"mb_per_s"`
	Conversations float64 `json:"conversations_per_s"`
}

// Report is what Run measured.
type Report struct {
	Conversations int   `json:"conversations"`
	Utterances    int   `json:"utterances"`
	TextBytes     int64 `json:"text_bytes"`
	// PerCore are the one-goroutine rates by CPU time: the full scorer,
	// and its stages as it runs them (normalization once for rules and
	// sentiment both).
	Full, Normalize, Rules, Sentiment, Scorecard Rate
	// Parallel is every core scoring at once, by wall time.
	Parallel Rate
	Workers  int
	// PeakRSS is the process's peak resident memory, bytes.
	PeakRSS int64
	// GCPercent is the collector's pace during the run (GOGC; -1: off):
	// convqa's processes run with gcpolicy.DefaultPercent unless the
	// environment says otherwise, and so does the bench.
	GCPercent int
	// End to end on the stack; zero when skipped.
	Ingest, Score Rate
	Messages      int
	ScorerVersion string
}

// Run generates the conversations and measures; see the package doc.
func Run(ctx context.Context, cfg Config) (*Report, error) {
	if cfg.Conversations <= 0 {
		cfg.Conversations = 20000
	}
	if cfg.Seed == 0 {
		cfg.Seed = 1
	}
	log := cfg.Log
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	msgs, raw, err := generate(ctx, cfg)
	if err != nil {
		return nil, err
	}
	r := &Report{Conversations: len(msgs), Messages: len(raw)}
	for _, m := range msgs {
		r.Utterances += len(m.Utterances)
		for _, u := range m.Utterances {
			r.TextBytes += int64(len(u.Text))
		}
	}
	log.Info("generated", "conversations", r.Conversations, "utterances", r.Utterances, "text_bytes", r.TextBytes)

	engine, err := qa.Default()
	if err != nil {
		return nil, err
	}
	set, card, sent, opts := engine.Parts()
	r.ScorerVersion = engine.Version()
	r.GCPercent = gcpolicy.Percent()

	// Each stage runs as ScoreInto runs it: on texts normalized once for
	// the rules and sentiment, into buffers reused from one conversation
	// to the next. What a stage needs from an earlier one (normalized
	// texts, outcomes) is computed outside its timing.
	norm := set.Normalizer()
	texts := make([][]textnorm.Text, len(msgs))
	outcomes := make([][]rules.Outcome, len(msgs))
	for i, m := range msgs {
		texts[i] = make([]textnorm.Text, len(m.Utterances))
		for k := range m.Utterances {
			texts[i][k] = norm.Normalize(m.Utterances[k].Text)
		}
		outcomes[i] = set.Evaluate(m)
	}
	var (
		res    qa.Result
		outs   []rules.Outcome
		hits   []rules.Hit
		conv   sentiment.Conversation
		graded scorecard.Result
	)
	stages := []struct {
		dst *Rate
		fn  func(i int)
	}{
		{&r.Normalize, func(i int) {
			for k := range msgs[i].Utterances {
				_ = norm.Normalize(msgs[i].Utterances[k].Text)
			}
		}},
		{&r.Rules, func(i int) { outs, hits = set.AppendEvaluateNormalizedHits(outs[:0], hits, msgs[i], texts[i]) }},
		{&r.Sentiment, func(i int) { sent.AnalyzeConversationInto(&conv, msgs[i].Utterances, texts[i], opts) }},
		{&r.Scorecard, func(i int) { card.GradeInto(&graded, outcomes[i]) }},
		{&r.Full, func(i int) {
			if err := engine.ScoreInto(&res, msgs[i]); err != nil {
				panic(err)
			}
		}},
	}
	for _, st := range stages {
		runtime.GC()
		c0 := cpuTime()
		for i := range msgs {
			st.fn(i)
		}
		*st.dst = rate(cpuTime()-c0, r.TextBytes, len(msgs))
		if err := ctx.Err(); err != nil {
			return nil, err
		}
	}
	log.Info("per core", "full_mb_s", r.Full.MBps, "rules_mb_s", r.Rules.MBps, "sentiment_mb_s", r.Sentiment.MBps)

	r.Workers = runtime.GOMAXPROCS(0)
	t0 := time.Now()
	var wg sync.WaitGroup
	next := make(chan int, 256)
	for range r.Workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var res qa.Result // reused, as the job reuses Results from its pool
			for i := range next {
				if err := engine.ScoreInto(&res, msgs[i]); err != nil {
					panic(err)
				}
			}
		}()
	}
	for i := range msgs {
		next <- i
	}
	close(next)
	wg.Wait()
	r.Parallel = rate(time.Since(t0), r.TextBytes, len(msgs))
	r.PeakRSS = peakRSS()

	if cfg.ClickHouseAddr == "" && len(cfg.KafkaBrokers) == 0 {
		return r, nil
	}
	if err := endToEnd(ctx, cfg, r, raw, engine, log); err != nil {
		return r, err
	}
	return r, nil
}

func rate(d time.Duration, bytes int64, convs int) Rate {
	s := d.Seconds()
	if s <= 0 {
		return Rate{}
	}
	return Rate{Seconds: s, MBps: float64(bytes) / s / 1e6, Conversations: float64(convs) / s}
}

// cpuTime is the process's user and system CPU time so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// peakRSS is the process's peak resident set size (Linux reports KiB).
func peakRSS() int64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return ru.Maxrss * 1024
}

// generate makes whole closed conversations (no live turns, nothing
// malformed: the benchmark measures scoring, not the DLQ) and returns them
// decoded and redacted as ingest stores them, and as the raw messages.
func generate(ctx context.Context, cfg Config) ([]*transcript.Message, []kafka.Message, error) {
	convs, err := synth.Closed(ctx, cfg.Seed, cfg.Conversations)
	if err != nil {
		return nil, nil, err
	}
	finder, err := pii.NewFinder()
	if err != nil {
		return nil, nil, err
	}
	msgs := make([]*transcript.Message, len(convs))
	raw := make([]kafka.Message, len(convs))
	for i, c := range convs {
		raw[i] = kafka.Message{Key: []byte(c.Key), Value: c.Value}
		finder.RedactUtterances(c.Msg.Utterances)
		msgs[i] = c.Msg
	}
	return msgs, raw, nil
}

// endToEnd ingests the messages from a fresh topic into a fresh database
// and scores what was stored, timing both.
func endToEnd(ctx context.Context, cfg Config, r *Report, raw []kafka.Message, engine *qa.Engine, log *slog.Logger) (err error) {
	if cfg.ClickHouseAddr == "" || len(cfg.KafkaBrokers) == 0 {
		return errors.New("the end-to-end part needs both a ClickHouse address and Kafka brokers")
	}
	suffix := fmt.Sprintf("%d", time.Now().UnixNano()%1e9)
	c := config.Default()
	c.ClickHouse.Addr, c.ClickHouse.Database = []string{cfg.ClickHouseAddr}, "convqa_scorebench_"+suffix
	c.Kafka.Brokers, c.Kafka.Topic, c.Kafka.DLQTopic = cfg.KafkaBrokers, "convqa.scorebench."+suffix, "convqa.scorebench."+suffix+".dlq"
	c.Ingest.GroupID, c.Ingest.HTTPAddr = "convqa-scorebench-"+suffix, ""
	c.Ingest.CustomerHashKey = "convqa-scorebench-key"
	if _, err := store.MigrateAll(ctx, c.ClickHouse, log); err != nil {
		return err
	}
	defer func() {
		cctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), time.Minute)
		defer cancel()
		err = errors.Join(err, store.DropDatabase(cctx, c.ClickHouse),
			kafkaadmin.DeleteTopic(cctx, c.Kafka.Brokers, c.Kafka.Topic), kafkaadmin.DeleteTopic(cctx, c.Kafka.Brokers, c.Kafka.DLQTopic))
	}()
	for _, t := range []string{c.Kafka.Topic, c.Kafka.DLQTopic} {
		if _, err := kafkaadmin.EnsureTopic(ctx, c.Kafka.Brokers, kafkaadmin.Topic{Name: t, Partitions: 4, ReplicationFactor: 1,
			Configs: map[string]string{"max.message.bytes": "16777216"}}); err != nil {
			return err
		}
	}
	if err := kafkaadmin.WaitForLeaders(ctx, c.Kafka.Brokers, c.Kafka.Topic, 4); err != nil {
		return err
	}
	w := &kafka.Writer{Addr: kafka.TCP(c.Kafka.Brokers...), Topic: c.Kafka.Topic, Balancer: &kafka.Murmur2Balancer{},
		RequiredAcks: kafka.RequireAll, BatchSize: 500, BatchBytes: 16 << 20, BatchTimeout: 5 * time.Millisecond, Compression: kafka.Lz4}
	for i := 0; i < len(raw); i += 500 {
		if err := w.WriteMessages(ctx, raw[i:min(i+500, len(raw))]...); err != nil {
			w.Close()
			return fmt.Errorf("produce: %w", err)
		}
	}
	if err := w.Close(); err != nil {
		return fmt.Errorf("produce: %w", err)
	}
	log.Info("produced", "messages", len(raw), "topic", c.Kafka.Topic)

	ing, err := ingest.New(c, log, prometheus.NewRegistry())
	if err != nil {
		return err
	}
	t0 := time.Now()
	if err := ing.Drain(ctx, int64(len(raw)), 10*time.Minute); err != nil {
		return err
	}
	r.Ingest = rate(time.Since(t0), r.TextBytes, len(raw))
	log.Info("ingested", "conversations_per_s", r.Ingest.Conversations)

	j, err := job.New(engine, job.Options{BatchSize: cfg.BatchSize, Logger: log, Registerer: prometheus.NewRegistry()})
	if err != nil {
		return err
	}
	conn, err := store.Open(ctx, c.ClickHouse)
	if err != nil {
		return err
	}
	defer func() { _ = conn.Close() }()
	if cfg.JobProfile != nil {
		if err := pprof.StartCPUProfile(cfg.JobProfile); err != nil {
			return fmt.Errorf("profile the job: %w", err)
		}
	}
	t0 = time.Now()
	st, err := j.Run(ctx, conn)
	if cfg.JobProfile != nil {
		pprof.StopCPUProfile()
	}
	if err != nil {
		return err
	}
	if st.Scored != int64(len(raw)) {
		return fmt.Errorf("the job scored %d of the %d conversations ingest stored", st.Scored, len(raw))
	}
	r.Score = rate(time.Since(t0), r.TextBytes, int(st.Scored))
	log.Info("scored", "conversations_per_s", r.Score.Conversations)
	return nil
}

// JSON is the report as indented JSON.
func (r *Report) JSON() ([]byte, error) { return json.MarshalIndent(r, "", "  ") }
