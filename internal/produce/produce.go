// Package produce sends transcript messages to Kafka: raw bytes as they
// come (from a JSONL file or the generator), keyed by conversation id so
// each conversation stays on one partition in order, batched, rate limited,
// with progress logs and a summary.
package produce

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/segmentio/kafka-go"
	"golang.org/x/time/rate"
)

// Record is one message to send. The producer owns Value once emitted.
type Record struct {
	// Key is the conversation id; nil when the message has none.
	Key []byte
	// Value is the message value, sent byte for byte.
	Value []byte
}

// Source feeds records to the producer. Stream calls emit once per record,
// in order, and returns when the records run out (nil), emit fails, or ctx
// is done.
type Source interface {
	Stream(ctx context.Context, emit func(Record) error) error
}

// Writer is the part of *kafka.Writer the producer uses; tests use a fake.
type Writer interface {
	WriteMessages(ctx context.Context, msgs ...kafka.Message) error
}

// Options tune Run. Zero values take the defaults.
type Options struct {
	// Rate caps messages per second; 0 means unlimited.
	Rate float64
	// BatchSize is the most messages per write. Default 100.
	BatchSize int
	// Linger is the longest a partial batch waits for more records before
	// it is written. Default 100ms.
	Linger time.Duration
	// ProgressEvery is the interval of progress logs. Default 5s.
	ProgressEvery time.Duration
	// Logger receives progress. Default: discard.
	Logger *slog.Logger
}

// Validate reports options that cannot work.
func (o Options) Validate() error {
	switch {
	case o.Rate < 0:
		return fmt.Errorf("rate %v: must be ≥ 0 messages/s (0 = unlimited)", o.Rate)
	case o.BatchSize < 0 || o.BatchSize > 100000:
		return fmt.Errorf("batch size %d: must be between 1 and 100000", o.BatchSize)
	case o.Linger < 0 || o.ProgressEvery < 0:
		return errors.New("linger and progress interval must be ≥ 0")
	}
	return nil
}

func (o Options) withDefaults() Options {
	if o.BatchSize == 0 {
		o.BatchSize = 100
	}
	if o.Linger == 0 {
		o.Linger = 100 * time.Millisecond
	}
	if o.ProgressEvery == 0 {
		o.ProgressEvery = 5 * time.Second
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	return o
}

// Stats is what a run sent.
type Stats struct {
	// Sent counts messages the brokers acknowledged; Bytes their values.
	Sent, Bytes int64
	// Unsent counts records read but not acknowledged when the run stopped.
	Unsent  int64
	Elapsed time.Duration
}

// Rate returns messages per second over the run.
func (s Stats) Rate() float64 {
	if s.Elapsed <= 0 {
		return 0
	}
	return float64(s.Sent) / s.Elapsed.Seconds()
}

// LogAttrs are the stable keys progress and summary logs use.
func (s Stats) LogAttrs() []any {
	return []any{"sent", s.Sent, "bytes", s.Bytes, "unsent", s.Unsent,
		"rate_msgs_per_s", float64(int(s.Rate()*10)) / 10, "elapsed", s.Elapsed.Round(time.Millisecond).String()}
}

// Run sends every record of src through w until src ends, an error, or
// ctx is done (then it returns ctx's error with what was sent so far). A
// write that fails after the writer's own retries stops the run: messages
// are never silently dropped.
func Run(ctx context.Context, w Writer, src Source, opts Options) (Stats, error) {
	if err := opts.Validate(); err != nil {
		return Stats{}, err
	}
	opts = opts.withDefaults()
	began := time.Now()
	var st Stats
	var limiter *rate.Limiter
	if opts.Rate > 0 {
		burst := min(opts.BatchSize, max(1, int(opts.Rate/10)))
		limiter = rate.NewLimiter(rate.Limit(opts.Rate), burst)
	}

	srcCtx, stopSrc := context.WithCancel(ctx)
	ch := make(chan Record, 2*opts.BatchSize)
	srcErr := make(chan error, 1)
	go func() {
		defer close(ch)
		srcErr <- src.Stream(srcCtx, func(r Record) error {
			select {
			case ch <- r:
				return nil
			case <-srcCtx.Done():
				return srcCtx.Err()
			}
		})
	}()
	// The source goroutine is ours: it is stopped and drained before Run
	// returns, whatever the path.
	defer func() {
		stopSrc()
		for range ch {
		}
	}()

	batch := make([]kafka.Message, 0, opts.BatchSize)
	var batchStart time.Time
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		err := w.WriteMessages(ctx, batch...)
		var werrs kafka.WriteErrors
		switch {
		case err == nil:
			st.Sent += int64(len(batch))
			for _, m := range batch {
				st.Bytes += int64(len(m.Value))
			}
		case errors.As(err, &werrs):
			for i, e := range werrs {
				if e == nil {
					st.Sent++
					st.Bytes += int64(len(batch[i].Value))
				} else {
					st.Unsent++
				}
			}
		default:
			st.Unsent += int64(len(batch))
		}
		batch = batch[:0]
		if err != nil {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			return fmt.Errorf("write batch of messages to Kafka: %w", err)
		}
		return nil
	}
	finish := func(err error) (Stats, error) {
		st.Unsent += int64(len(batch))
		st.Elapsed = time.Since(began)
		return st, err
	}

	linger := time.NewTicker(opts.Linger)
	defer linger.Stop()
	progress := time.NewTicker(opts.ProgressEvery)
	defer progress.Stop()
	for {
		select {
		case r, ok := <-ch:
			if !ok {
				if err := flush(); err != nil {
					return finish(err)
				}
				if err := <-srcErr; err != nil {
					if ctx.Err() != nil {
						return finish(ctx.Err())
					}
					return finish(err)
				}
				return finish(nil)
			}
			if limiter != nil {
				if err := limiter.Wait(ctx); err != nil {
					// Wait fails early when the pause would outlast the
					// context's deadline; the run ends at the deadline all
					// the same.
					<-ctx.Done()
					st.Unsent++ // the record in hand
					return finish(ctx.Err())
				}
			}
			if len(batch) == 0 {
				batchStart = time.Now()
			}
			batch = append(batch, kafka.Message{Key: r.Key, Value: r.Value})
			// Under a slow rate the loop spends its time in Wait, where the
			// linger ticker cannot fire: check the batch's age here too.
			if len(batch) >= opts.BatchSize || time.Since(batchStart) >= opts.Linger {
				if err := flush(); err != nil {
					return finish(err)
				}
			}
		case <-linger.C:
			if err := flush(); err != nil {
				return finish(err)
			}
		case <-progress.C:
			st.Elapsed = time.Since(began)
			opts.Logger.Info("produce progress", st.LogAttrs()...)
		case <-ctx.Done():
			return finish(ctx.Err())
		}
	}
}
