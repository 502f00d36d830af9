// Package demo runs convqa end to end on embedded defaults: an in-process
// Kafka broker (kfake), the local ClickHouse, generated traffic with a
// shelf-life spike, and the real ingest path; then it shows what arrived.
package demo

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/segmentio/kafka-go"
	"github.com/twmb/franz-go/pkg/kfake"

	"github.com/convqa/convqa/ingest"
	"github.com/convqa/convqa/internal/config"
	"github.com/convqa/convqa/internal/store"
	"github.com/convqa/convqa/internal/synth"
)

// Options configure a demo run.
type Options struct {
	// ClickHouse is where the demo's database lives; Database is dropped
	// and created anew, so it must not hold anything else.
	ClickHouse config.ClickHouse
	// Days of traffic to generate from the default scenario's start; the
	// default's shelf-life spike is on the third day. Default 3.
	Days int
	// Seed of the generator. Default 1.
	Seed uint64
	// Out receives the report; Log the progress.
	Out io.Writer
	Log *slog.Logger
}

const (
	tenant     = "demo"
	topic      = "convqa.transcripts"
	dlqTopic   = "convqa.transcripts.dlq"
	partitions = 4
)

// Run executes the demo and writes its report.
func Run(ctx context.Context, o Options) error {
	if o.Days <= 0 {
		o.Days = 3
	}
	if o.Seed == 0 {
		o.Seed = 1
	}
	start := time.Now()
	step := func(format string, args ...any) { fmt.Fprintf(o.Out, "== "+format+"\n", args...) }

	step("in-process Kafka broker (kfake), topic %s with %d partitions", topic, partitions)
	// Deliberately over-large messages are part of the traffic; the broker
	// takes them, compressed, as a real one configured for them would.
	cluster, err := kfake.NewCluster(kfake.NumBrokers(1), kfake.SeedTopics(partitions, topic, dlqTopic),
		kfake.BrokerConfigs(map[string]string{"message.max.bytes": "16777216"}))
	if err != nil {
		return fmt.Errorf("start the in-process broker: %w", err)
	}
	defer cluster.Close()
	brokers := cluster.ListenAddrs()

	step("ClickHouse %s, database %s: drop, create, migrate", o.ClickHouse.Addr, o.ClickHouse.Database)
	if err := store.DropDatabase(ctx, o.ClickHouse); err != nil {
		return err
	}
	rep, err := store.MigrateAll(ctx, o.ClickHouse, o.Log)
	if err != nil {
		return err
	}
	fmt.Fprintf(o.Out, "   %d migrations applied (%d statements)\n", rep.Applied, rep.Statements)

	step("generate %d days of zh-Hans / zh-Hant / English traffic with a shelf-life spike, and produce it", o.Days)
	gen, err := generate(ctx, o, brokers)
	if err != nil {
		return err
	}
	fmt.Fprintf(o.Out, "   %d conversations in %d messages (%d live turns, %d deliberately malformed)\n",
		gen.conversations, gen.messages, gen.messages-gen.conversations, gen.malformed)

	step("convqa ingest: validate, redact PII, batch, insert, commit")
	cfg := config.Default()
	cfg.ClickHouse = o.ClickHouse
	cfg.Kafka.Brokers, cfg.Kafka.Topic, cfg.Kafka.DLQTopic = brokers, topic, dlqTopic
	cfg.Ingest.HTTPAddr = ""
	cfg.Ingest.BatchMaxWait = 500 * time.Millisecond
	// A demo key: real deployments read theirs from a file (see README).
	cfg.Ingest.CustomerHashKey = "convqa-demo-key-not-for-production"
	reg := prometheus.NewRegistry()
	ing, err := ingest.New(cfg, o.Log, reg)
	if err != nil {
		return err
	}
	if err := ing.Drain(ctx, int64(gen.messages), 5*time.Minute); err != nil {
		return err
	}
	fmt.Fprintf(o.Out, "   done in %s\n", time.Since(start).Round(100*time.Millisecond))

	step("convqa score: sentiment and emotion, the built-in compliance rules and the QA scorecard, on every closed conversation")
	version, err := score(ctx, o)
	if err != nil {
		return err
	}
	return report(ctx, o, reg, gen, version)
}

type generated struct {
	conversations, messages, malformed int
	events                             synth.Events
	sample                             string // a conversation id with redacted PII
	sampleInSpike                      bool
}

// kafkaSink sends the generator's messages to the broker in batches.
type kafkaSink struct {
	ctx   context.Context
	w     *kafka.Writer
	buf   []kafka.Message
	gen   *generated
	truth map[string]*synth.Truth
}

func (s *kafkaSink) Truth(t *synth.Truth) error {
	s.gen.conversations++
	if t.Malformed != "" {
		s.gen.malformed++
	}
	// Show a conversation whose stored text had PII removed, from the
	// spike if one qualifies.
	if t.Malformed == "" && !t.Live && redactable(t.PII) && (s.gen.sample == "" || t.Spike != "" && !s.gen.sampleInSpike) {
		s.gen.sample, s.gen.sampleInSpike = t.ConversationID, t.Spike != ""
	}
	return nil
}

// redactable reports whether spans hold a type ingest redacts (names and
// addresses it does not).
func redactable(spans []synth.Span) bool {
	for _, sp := range spans {
		switch sp.Type {
		case "phone", "email", "bank_card", "cn_id":
			return true
		}
	}
	return false
}

func (s *kafkaSink) Message(key string, value []byte) error {
	s.gen.messages++
	s.buf = append(s.buf, kafka.Message{Key: []byte(key), Value: append([]byte(nil), value...)})
	if len(s.buf) >= 500 {
		return s.flush()
	}
	return nil
}

func (s *kafkaSink) flush() error {
	if len(s.buf) == 0 {
		return nil
	}
	err := s.w.WriteMessages(s.ctx, s.buf...)
	s.buf = s.buf[:0]
	return err
}

func generate(ctx context.Context, o Options, brokers []string) (*generated, error) {
	sc := synth.DefaultScenario()
	sc.Days = o.Days
	sc.LiveShare = 0.2
	sc.MalformedShare = 0.01
	g, err := synth.New(synth.Options{Scenario: sc, Seed: o.Seed})
	if err != nil {
		return nil, err
	}
	w := &kafka.Writer{Addr: kafka.TCP(brokers...), Topic: topic, Balancer: &kafka.Murmur2Balancer{},
		RequiredAcks: kafka.RequireAll, BatchSize: 500, BatchBytes: 16 << 20, BatchTimeout: 5 * time.Millisecond,
		Compression: kafka.Lz4}
	defer w.Close()
	gen := &generated{}
	sink := &kafkaSink{ctx: ctx, w: w, gen: gen}
	if gen.events, err = g.Run(ctx, sink); err != nil {
		return nil, fmt.Errorf("generate and produce: %w", err)
	}
	if err := sink.flush(); err != nil {
		return nil, fmt.Errorf("produce to the in-process broker: %w", err)
	}
	return gen, nil
}
