package ingest

import (
	"context"
	"fmt"
	"log/slog"
	"strconv"
	"sync"
	"time"

	"github.com/ClickHouse/clickhouse-go/v2/lib/driver"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/segmentio/kafka-go"

	"github.com/convqa/convqa/internal/config"
	"github.com/convqa/convqa/internal/kafkaadmin"
	"github.com/convqa/convqa/internal/store"
	"github.com/convqa/convqa/internal/transcript"
)

// New builds an Ingester from the configuration: a consumer-group reader
// on kafka.topic, the ClickHouse store (connected on first use, so ingest
// starts and waits while ClickHouse is down), and the DLQ writer.
func New(cfg config.Config, log *slog.Logger, reg prometheus.Registerer) (*Ingester, error) {
	in := cfg.Ingest
	rc := kafka.ReaderConfig{
		Brokers:  cfg.Kafka.Brokers,
		GroupID:  in.GroupID,
		Topic:    cfg.Kafka.Topic,
		Dialer:   &kafka.Dialer{ClientID: cfg.Kafka.ClientID, Timeout: 10 * time.Second, DualStack: true},
		MinBytes: 1,
		// A fetch must hold the largest message the DLQ may need to take.
		MaxBytes: max(16<<20, 2*in.MaxMessageBytes),
		MaxWait:  250 * time.Millisecond,
		// Zero: CommitMessages commits synchronously, after the insert.
		CommitInterval: 0,
		StartOffset:    kafka.FirstOffset,
		// kafka-go's defaults (30 s session) let one crashed member stall
		// the whole group for up to a minute; the chaos test showed it.
		// A shorter session finds the dead member sooner; heartbeats every
		// second keep a busy member safely inside it.
		SessionTimeout:        10 * time.Second,
		HeartbeatInterval:     time.Second,
		RebalanceTimeout:      15 * time.Second,
		WatchPartitionChanges: true,
		Logger:                kafka.LoggerFunc(func(f string, a ...any) { log.Debug("kafka: " + fmt.Sprintf(f, a...)) }),
		ErrorLogger:           kafka.LoggerFunc(func(f string, a ...any) { log.Warn("kafka: " + fmt.Sprintf(f, a...)) }),
	}
	// kafka.NewReader panics on a bad config; Validate says what is wrong.
	if err := rc.Validate(); err != nil {
		return nil, fmt.Errorf("kafka consumer config: %w", err)
	}
	dlq, err := NewDLQ(cfg.Kafka.Brokers, cfg.Kafka.DLQTopic, cfg.Kafka.ClientID)
	if err != nil {
		return nil, err
	}
	st := &clickhouseStore{now: time.Now, lazyConn: lazyConn{connect: func(ctx context.Context) (driver.Conn, error) {
		return store.Open(ctx, cfg.ClickHouse)
	}}}
	ing, err := newIngester(kafka.NewReader(rc), st, dlq, Options{
		Batch:           Limits{MaxRows: in.BatchMaxRows, MaxBytes: in.BatchMaxBytes, MaxWait: in.BatchMaxWait},
		Decode:          transcript.Limits{MaxMessageBytes: in.MaxMessageBytes},
		Redact:          in.Redact,
		CustomerHashKey: in.CustomerHashKey.Reveal(),
		RetryMax:        in.RetryMaxBackoff,
		ShutdownTimeout: in.ShutdownTimeout,
		Logger:          log,
		Registerer:      reg,
	})
	if err != nil {
		return nil, err
	}
	ing.closers = append(ing.closers, dlq.Close, st.Close)
	ing.lagSource = func(ctx context.Context) ([]kafkaadmin.PartitionLag, error) {
		return kafkaadmin.GroupLag(ctx, cfg.Kafka.Brokers, in.GroupID, cfg.Kafka.Topic)
	}
	ing.topic = cfg.Kafka.Topic
	return ing, nil
}

// WatchLag updates the consumer-lag gauge every interval until ctx ends.
// Lag comes from the committed and end offsets, so every group member
// reports the whole topic.
func (ing *Ingester) WatchLag(ctx context.Context, every time.Duration) {
	if ing.lagSource == nil {
		return
	}
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		lctx, cancel := context.WithTimeout(ctx, every)
		lags, err := ing.lagSource(lctx)
		cancel()
		if err != nil && ctx.Err() == nil {
			ing.log.Debug("consumer lag unavailable", "err", err)
		}
		for _, l := range lags {
			ing.m.lag.WithLabelValues(ing.topic, strconv.Itoa(l.Partition)).Set(float64(l.Lag))
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// lazyConn opens the ClickHouse connection on first use and keeps it.
type lazyConn struct {
	mu      sync.Mutex
	conn    driver.Conn
	connect func(context.Context) (driver.Conn, error)
}

func (l *lazyConn) get(ctx context.Context) (driver.Conn, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.conn != nil {
		return l.conn, nil
	}
	c, err := l.connect(ctx)
	if err != nil {
		return nil, err
	}
	l.conn = c
	return c, nil
}

// Close closes the connection, if one was opened.
func (l *lazyConn) Close() error {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.conn == nil {
		return nil
	}
	return l.conn.Close()
}
