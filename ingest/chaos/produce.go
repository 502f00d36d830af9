package chaos

import (
	"context"
	"errors"
	"log/slog"
	"sync/atomic"
	"time"

	"github.com/segmentio/kafka-go"

	"github.com/convqa/convqa/internal/produce"
)

// retryingWriter keeps writing through a broker restart: produce.Run stops
// at the first write that fails after kafka-go's own retries, which is right
// for a user's run and wrong for one whose point is to restart the broker.
// Only the messages that failed are sent again, so a conversation's
// messages stay in order on their partition; a message the broker stored
// but did not acknowledge comes twice, which ingest must absorb anyway.
type retryingWriter struct {
	w       produce.Writer
	log     *slog.Logger
	retries atomic.Int64
}

// WriteMessages returns once every message is written, or ctx is done.
func (r *retryingWriter) WriteMessages(ctx context.Context, msgs ...kafka.Message) error {
	wait := 200 * time.Millisecond
	for {
		err := r.w.WriteMessages(ctx, msgs...)
		if err == nil || ctx.Err() != nil {
			return err
		}
		var werrs kafka.WriteErrors
		if errors.As(err, &werrs) && len(werrs) == len(msgs) {
			var failed []kafka.Message
			for i, e := range werrs {
				if e != nil {
					failed = append(failed, msgs[i])
				}
			}
			msgs = failed
		}
		r.retries.Add(1)
		r.log.Warn("produce: write failed; retrying", "messages", len(msgs), "wait", wait, "err", err)
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(wait):
		}
		wait = min(2*wait, 2*time.Second)
	}
}

// sliceSource streams records from memory.
type sliceSource []produce.Record

// Stream emits the records in order.
func (s sliceSource) Stream(ctx context.Context, emit func(produce.Record) error) error {
	for _, r := range s {
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := emit(r); err != nil {
			return err
		}
	}
	return nil
}

// produceAll sends the records to topic at a rate that spreads them over
// span, through broker restarts.
func produceAll(ctx context.Context, brokers []string, topic string, recs []produce.Record, span time.Duration, log *slog.Logger) (produce.Stats, int64, error) {
	w, err := produce.NewWriter(produce.WriterConfig{Brokers: brokers, Topic: topic, ClientID: "convqa-chaos"})
	if err != nil {
		return produce.Stats{}, 0, err
	}
	defer func() { _ = w.Close() }()
	rw := &retryingWriter{w: w, log: log}
	rate := float64(len(recs)) / span.Seconds()
	st, err := produce.Run(ctx, rw, sliceSource(recs), produce.Options{
		Rate: rate, BatchSize: 100, ProgressEvery: 15 * time.Second, Logger: log,
	})
	return st, rw.retries.Load(), err
}
