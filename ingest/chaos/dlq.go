package chaos

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"time"

	"github.com/segmentio/kafka-go"

	"github.com/convqa/convqa/ingest"
)

// dlqEntry is one dead-lettered message as the checks need it.
type dlqEntry struct {
	Key             string
	Class           string
	SourceTopic     string
	SourcePartition int
	SourceOffset    int64
	Sum             [sha256.Size]byte
	Truncated       bool
}

// DLQCheck is what the DLQ topic held against the malformed input.
type DLQCheck struct {
	// Expected malformed messages, Found among them (at least once), and
	// Entries, every message in the DLQ topic (redelivery repeats some).
	Expected, Found, Entries int
	// Missing: malformed messages not in the DLQ. Unexpected: DLQ entries
	// whose key is not a malformed message — valid input refused.
	// WrongClass: the error class header differs from the one generated.
	// NotOriginal: the bytes differ from those sent. WrongSource: the
	// source headers do not name the run's topic and a real offset.
	Missing, Unexpected, WrongClass, NotOriginal, WrongSource int
	Samples                                                   []string
}

// OK reports whether every malformed message is in the DLQ as it was sent,
// and nothing else is.
func (c DLQCheck) OK() bool {
	return c.Missing == 0 && c.Unexpected == 0 && c.WrongClass == 0 && c.NotOriginal == 0 && c.WrongSource == 0
}

func checkDLQ(want map[string]Malformed, entries []dlqEntry, topic string) DLQCheck {
	c := DLQCheck{Expected: len(want), Entries: len(entries)}
	found := map[string]bool{}
	note := func(format string, a ...any) { c.Samples = appendSample(c.Samples, fmt.Sprintf(format, a...)) }
	for _, e := range entries {
		m, ok := want[e.Key]
		if !ok {
			c.Unexpected++
			note("unexpected: key %q class %s from %s/%d@%d", e.Key, e.Class, e.SourceTopic, e.SourcePartition, e.SourceOffset)
			continue
		}
		found[e.Key] = true
		if e.Class != m.Class {
			c.WrongClass++
			note("wrong class: %s is %s, DLQ says %s", e.Key, m.Class, e.Class)
		}
		if !e.Truncated && e.Sum != m.Sum {
			c.NotOriginal++
			note("bytes changed: %s (%s)", e.Key, m.Class)
		}
		if e.SourceTopic != topic || e.SourcePartition < 0 || e.SourceOffset < 0 {
			c.WrongSource++
			note("source headers: %s says %s/%d@%d", e.Key, e.SourceTopic, e.SourcePartition, e.SourceOffset)
		}
	}
	c.Found = len(found)
	var missing []string
	for k, m := range want {
		if !found[k] {
			missing = append(missing, k+" ("+m.Class+")")
		}
	}
	slices.Sort(missing)
	c.Missing = len(missing)
	for _, k := range missing {
		note("missing: %s", k)
	}
	return c
}

// readDLQ reads the whole DLQ topic, every partition from its first offset
// to its end. A topic that does not exist holds nothing.
func readDLQ(ctx context.Context, brokers []string, topic string) ([]dlqEntry, error) {
	ctx, cancel := context.WithTimeout(ctx, 2*time.Minute)
	defer cancel()
	cl := &kafka.Client{Addr: kafka.TCP(brokers...), Timeout: 30 * time.Second}
	md, err := cl.Metadata(ctx, &kafka.MetadataRequest{Topics: []string{topic}})
	if err != nil {
		return nil, fmt.Errorf("DLQ topic %s: metadata: %w", topic, err)
	}
	if len(md.Topics) != 1 || errors.Is(md.Topics[0].Error, kafka.UnknownTopicOrPartition) {
		return nil, nil
	}
	if err := md.Topics[0].Error; err != nil {
		return nil, fmt.Errorf("DLQ topic %s: %w", topic, err)
	}
	var reqs []kafka.OffsetRequest
	for _, p := range md.Topics[0].Partitions {
		reqs = append(reqs, kafka.LastOffsetOf(p.ID))
	}
	offs, err := cl.ListOffsets(ctx, &kafka.ListOffsetsRequest{Topics: map[string][]kafka.OffsetRequest{topic: reqs}})
	if err != nil {
		return nil, fmt.Errorf("DLQ topic %s: end offsets: %w", topic, err)
	}
	var out []dlqEntry
	for _, po := range offs.Topics[topic] {
		if po.Error != nil {
			return nil, fmt.Errorf("DLQ topic %s partition %d: end offset: %w", topic, po.Partition, po.Error)
		}
		got, err := readPartition(ctx, brokers, topic, po.Partition, po.LastOffset)
		if err != nil {
			return nil, err
		}
		out = append(out, got...)
	}
	return out, nil
}

func readPartition(ctx context.Context, brokers []string, topic string, partition int, end int64) ([]dlqEntry, error) {
	if end <= 0 {
		return nil, nil
	}
	r := kafka.NewReader(kafka.ReaderConfig{Brokers: brokers, Topic: topic, Partition: partition,
		MinBytes: 1, MaxBytes: 64 << 20, MaxWait: 500 * time.Millisecond})
	defer func() { _ = r.Close() }()
	if err := r.SetOffset(kafka.FirstOffset); err != nil {
		return nil, err
	}
	var out []dlqEntry
	for {
		m, err := r.ReadMessage(ctx)
		if err != nil {
			return out, fmt.Errorf("read DLQ topic %s partition %d at %d of %d: %w", topic, partition, r.Offset(), end, err)
		}
		out = append(out, entryOf(m))
		if m.Offset+1 >= end {
			return out, nil
		}
	}
}

func entryOf(m kafka.Message) dlqEntry {
	e := dlqEntry{Key: string(m.Key), Sum: sha256.Sum256(m.Value), SourcePartition: -1, SourceOffset: -1}
	for _, h := range m.Headers {
		v := string(h.Value)
		switch h.Key {
		case ingest.HeaderErrorClass:
			e.Class = v
		case ingest.HeaderSourceTopic:
			e.SourceTopic = v
		case ingest.HeaderSourcePartition:
			if n, err := strconv.Atoi(v); err == nil {
				e.SourcePartition = n
			}
		case ingest.HeaderSourceOffset:
			if n, err := strconv.ParseInt(v, 10, 64); err == nil {
				e.SourceOffset = n
			}
		case ingest.HeaderTruncated:
			e.Truncated = v == "true"
		}
	}
	return e
}
