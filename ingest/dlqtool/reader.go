package dlqtool

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/segmentio/kafka-go"
	"github.com/segmentio/kafka-go/protocol"
)

// ReaderConfig configures a Reader.
type ReaderConfig struct {
	// Brokers are host:port bootstrap addresses. Required.
	Brokers []string
	// Topic is read. Required.
	Topic string
	// ClientID names the reader to the brokers. Default "convqa".
	ClientID string
	// Since, when set, skips messages whose timestamp is before it: reading
	// starts at the first offset at or after Since. Zero reads every
	// partition from its first offset.
	Since time.Time
	// FetchBytes bounds one fetch response. A larger message is still
	// returned whole (the broker always returns at least one batch).
	// Default 8 MiB.
	FetchBytes int
	// Timeout bounds each request to the brokers. Default 30s.
	Timeout time.Duration
}

// Validate reports settings that cannot work.
func (c ReaderConfig) Validate() error {
	switch {
	case len(c.Brokers) == 0:
		return errors.New("dlq reader: no brokers (config kafka.brokers, flag --kafka-brokers)")
	case c.Topic == "":
		return errors.New("dlq reader: no topic")
	case c.FetchBytes < 0 || c.Timeout < 0:
		return errors.New("dlq reader: fetch bytes and timeout must be ≥ 0")
	}
	return nil
}

// Range is the part of one partition a Scan reads: offsets in [Start, End).
// End is the partition's high watermark when the scan began.
type Range struct {
	Partition  int
	Start, End int64
}

// ErrNoTopic is wrapped by Scan's error when the topic does not exist.
var ErrNoTopic = errors.New("topic does not exist")

// Reader reads a topic from its start, or from a point in time, up to the
// end offsets it saw when the read began, then stops. It joins no consumer
// group and commits nothing, so reading leaves no trace on the cluster.
type Reader struct {
	cfg       ReaderConfig
	client    *kafka.Client
	transport *kafka.Transport
}

// NewReader returns a Reader; Close releases its connections.
func NewReader(cfg ReaderConfig) (*Reader, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	if cfg.ClientID == "" {
		cfg.ClientID = "convqa"
	}
	if cfg.FetchBytes == 0 {
		cfg.FetchBytes = 8 << 20
	}
	if cfg.Timeout == 0 {
		cfg.Timeout = 30 * time.Second
	}
	tr := &kafka.Transport{ClientID: cfg.ClientID}
	return &Reader{
		cfg:       cfg,
		transport: tr,
		client:    &kafka.Client{Addr: kafka.TCP(cfg.Brokers...), Timeout: cfg.Timeout, Transport: tr},
	}, nil
}

// Close closes the reader's idle connections.
func (r *Reader) Close() error {
	r.transport.CloseIdleConnections()
	return nil
}

// Ranges returns, for every partition, the offsets a scan starting now
// reads. Messages written after this call are not part of it.
func (r *Reader) Ranges(ctx context.Context) ([]Range, error) {
	n, err := r.partitionCount(ctx)
	if err != nil {
		return nil, err
	}
	reqs := make([]kafka.OffsetRequest, 0, 3*n)
	for p := range n {
		reqs = append(reqs, kafka.FirstOffsetOf(p), kafka.LastOffsetOf(p))
		if !r.cfg.Since.IsZero() {
			reqs = append(reqs, kafka.TimeOffsetOf(p, r.cfg.Since))
		}
	}
	res, err := r.client.ListOffsets(ctx, &kafka.ListOffsetsRequest{Topics: map[string][]kafka.OffsetRequest{r.cfg.Topic: reqs}})
	if err != nil {
		return nil, fmt.Errorf("list offsets of topic %s: %w", r.cfg.Topic, err)
	}
	ranges := make([]Range, n)
	seen := 0
	for _, po := range res.Topics[r.cfg.Topic] {
		if po.Error != nil {
			return nil, fmt.Errorf("list offsets of topic %s partition %d: %w", r.cfg.Topic, po.Partition, po.Error)
		}
		if po.Partition < 0 || po.Partition >= n {
			continue
		}
		rg := Range{Partition: po.Partition, Start: po.FirstOffset, End: po.LastOffset}
		if !r.cfg.Since.IsZero() {
			for off := range po.Offsets {
				// -1: no message at or after Since in this partition.
				if off < 0 {
					rg.Start = rg.End
				} else {
					rg.Start = max(rg.Start, off)
				}
			}
		}
		rg.Start = min(rg.Start, rg.End)
		ranges[po.Partition] = rg
		seen++
	}
	if seen != n {
		return nil, fmt.Errorf("list offsets of topic %s: answers for %d of %d partitions", r.cfg.Topic, seen, n)
	}
	return ranges, nil
}

func (r *Reader) partitionCount(ctx context.Context) (int, error) {
	md, err := r.client.Metadata(ctx, &kafka.MetadataRequest{Topics: []string{r.cfg.Topic}})
	if err != nil {
		return 0, fmt.Errorf("read metadata of topic %s from %s: %w", r.cfg.Topic, strings.Join(r.cfg.Brokers, ","), err)
	}
	for _, t := range md.Topics {
		if t.Name != r.cfg.Topic {
			continue
		}
		if errors.Is(t.Error, kafka.UnknownTopicOrPartition) || t.Error == nil && len(t.Partitions) == 0 {
			break
		}
		if t.Error != nil {
			return 0, fmt.Errorf("read metadata of topic %s: %w", r.cfg.Topic, t.Error)
		}
		return len(t.Partitions), nil
	}
	return 0, fmt.Errorf("topic %s on %s: %w", r.cfg.Topic, strings.Join(r.cfg.Brokers, ","), ErrNoTopic)
}

// Scan captures the ranges (see Ranges) and calls fn for every message in
// them, partition by partition, in offset order. It stops at the first
// error, fn's included, and returns the ranges it captured.
func (r *Reader) Scan(ctx context.Context, fn func(kafka.Message) error) ([]Range, error) {
	ranges, err := r.Ranges(ctx)
	if err != nil {
		return nil, err
	}
	for _, rg := range ranges {
		if err := r.readRange(ctx, rg, fn); err != nil {
			return ranges, err
		}
	}
	return ranges, nil
}

// maxIdleFetches bounds fetches in a row that bring nothing: with data known
// to be there, the broker answers at once, so a run of empty answers means
// something is wrong, and waiting longer would hang the command.
const maxIdleFetches = 5

func (r *Reader) readRange(ctx context.Context, rg Range, fn func(kafka.Message) error) error {
	next, idle := rg.Start, 0
	for next < rg.End {
		res, err := r.client.Fetch(ctx, &kafka.FetchRequest{
			Topic: r.cfg.Topic, Partition: rg.Partition, Offset: next,
			MinBytes: 1, MaxBytes: int64(r.cfg.FetchBytes), MaxWait: 500 * time.Millisecond,
		})
		if err == nil {
			err = res.Error
		}
		if errors.Is(err, kafka.OffsetOutOfRange) {
			// Retention deleted what we were about to read: carry on
			// from what is left.
			if first, ferr := r.firstOffset(ctx, rg.Partition); ferr == nil && first > next {
				next = first
				continue
			}
		}
		if err != nil {
			return fmt.Errorf("fetch topic %s partition %d from offset %d: %w", r.cfg.Topic, rg.Partition, next, err)
		}
		before := next
		if err := r.emit(res.Records, rg, &next, fn); err != nil {
			return err
		}
		if next > before {
			idle = 0
		} else if idle++; idle >= maxIdleFetches {
			return fmt.Errorf("fetch topic %s partition %d from offset %d: no records after %d fetches, though the partition ended at %d when the read began",
				r.cfg.Topic, rg.Partition, next, idle, rg.End)
		}
	}
	return nil
}

func (r *Reader) firstOffset(ctx context.Context, partition int) (int64, error) {
	res, err := r.client.ListOffsets(ctx, &kafka.ListOffsetsRequest{Topics: map[string][]kafka.OffsetRequest{
		r.cfg.Topic: {kafka.FirstOffsetOf(partition)}}})
	if err != nil {
		return 0, err
	}
	for _, po := range res.Topics[r.cfg.Topic] {
		if po.Error != nil {
			return 0, po.Error
		}
		return po.FirstOffset, nil
	}
	return 0, errors.New("no answer")
}

// emit hands fn the data records of one fetch response that lie in rg at or
// after *next, advancing *next past every record it sees. Control records
// (transaction markers) take offsets too: they advance *next but are not
// messages.
func (r *Reader) emit(records kafka.RecordReader, rg Range, next *int64, fn func(kafka.Message) error) error {
	batches := []kafka.RecordReader{records}
	if s, ok := records.(*protocol.RecordStream); ok {
		batches = s.Records
	}
	for _, b := range batches {
		rr, control := b, false
		if cb, ok := b.(*protocol.ControlBatch); ok {
			rr, control = cb.Records, true
		}
		for {
			rec, err := rr.ReadRecord()
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				return fmt.Errorf("read topic %s partition %d at offset %d: %w", r.cfg.Topic, rg.Partition, *next, err)
			}
			// A compressed batch may start before the offset asked for.
			if rec.Offset < *next {
				continue
			}
			if rec.Offset >= rg.End {
				*next = rg.End
				return nil
			}
			*next = rec.Offset + 1
			if control {
				continue
			}
			m, err := message(r.cfg.Topic, rg.Partition, rec)
			if err != nil {
				return fmt.Errorf("read topic %s partition %d offset %d: %w", r.cfg.Topic, rg.Partition, rec.Offset, err)
			}
			if !r.cfg.Since.IsZero() && m.Time.Before(r.cfg.Since) {
				continue
			}
			if err := fn(m); err != nil {
				return err
			}
		}
	}
	return nil
}

func message(topic string, partition int, rec *kafka.Record) (kafka.Message, error) {
	// Closing returns the fetch buffer's pages to kafka-go's pool.
	for _, b := range []kafka.Bytes{rec.Key, rec.Value} {
		if b != nil {
			defer b.Close()
		}
	}
	key, err := kafka.ReadAll(rec.Key)
	if err != nil {
		return kafka.Message{}, fmt.Errorf("key: %w", err)
	}
	value, err := kafka.ReadAll(rec.Value)
	if err != nil {
		return kafka.Message{}, fmt.Errorf("value: %w", err)
	}
	// The record's header slice may be reused for the next record.
	hs := make([]kafka.Header, len(rec.Headers))
	for i, h := range rec.Headers {
		hs[i] = kafka.Header{Key: h.Key, Value: append([]byte(nil), h.Value...)}
	}
	return kafka.Message{
		Topic: topic, Partition: partition, Offset: rec.Offset, Time: rec.Time,
		Key: key, Value: value, Headers: hs,
	}, nil
}
