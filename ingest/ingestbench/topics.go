package ingestbench

import (
	"context"
	"fmt"
	"time"

	"github.com/convqa/convqa/internal/kafkaadmin"
	"github.com/convqa/convqa/internal/produce"
)

// sliceSource feeds produce.Run from memory, so producing measures Kafka
// and not the generator.
type sliceSource []Message

func (s sliceSource) Stream(ctx context.Context, emit func(produce.Record) error) error {
	for i, m := range s {
		if i%1024 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		if err := emit(produce.Record{Key: m.Key, Value: m.Value}); err != nil {
			return err
		}
	}
	return nil
}

// fillTopic creates topic with the given partitions and writes msgs to it,
// keyed by conversation id as convqa's producers do, and returns how long
// producing took. The whole backlog is in Kafka before any consumer starts.
func fillTopic(ctx context.Context, brokers []string, topic string, partitions int, msgs []Message) (time.Duration, error) {
	if _, err := kafkaadmin.EnsureTopic(ctx, brokers, kafkaadmin.Topic{Name: topic, Partitions: partitions, ReplicationFactor: 1}); err != nil {
		return 0, err
	}
	// 1,000 messages of a few hundred bytes make lz4 batches well under
	// the broker's 1 MiB limit while keeping round trips few.
	w, err := produce.NewWriter(produce.WriterConfig{Brokers: brokers, Topic: topic, ClientID: "convqa-bench", BatchSize: 1000})
	if err != nil {
		return 0, err
	}
	defer func() { _ = w.Close() }()
	st, err := produce.Run(ctx, w, sliceSource(msgs), produce.Options{BatchSize: 8000, Linger: time.Second, ProgressEvery: time.Hour})
	if err != nil {
		return st.Elapsed, fmt.Errorf("produce %d messages to %s (%d sent): %w", len(msgs), topic, st.Sent, err)
	}
	return st.Elapsed, nil
}
