package chaos

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/segmentio/kafka-go"

	"github.com/convqa/convqa/ingest/dlqtool"
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
// to its end, with the same reader and header parser as "convqa dlq
// inspect". A topic that does not exist holds nothing.
func readDLQ(ctx context.Context, brokers []string, topic string) ([]dlqEntry, error) {
	ctx, cancel := context.WithTimeout(ctx, 2*time.Minute)
	defer cancel()
	r, err := dlqtool.NewReader(dlqtool.ReaderConfig{Brokers: brokers, Topic: topic, FetchBytes: 64 << 20})
	if err != nil {
		return nil, err
	}
	defer func() { _ = r.Close() }()
	var out []dlqEntry
	_, err = r.Scan(ctx, func(m kafka.Message) error {
		e := dlqtool.ParseEntry(m)
		out = append(out, dlqEntry{Key: string(e.Key), Class: e.Class, SourceTopic: e.SourceTopic,
			SourcePartition: e.SourcePartition, SourceOffset: e.SourceOffset,
			Sum: sha256.Sum256(e.Value), Truncated: e.Truncated})
		return nil
	})
	if errors.Is(err, dlqtool.ErrNoTopic) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read DLQ topic %s: %w", topic, err)
	}
	return out, nil
}
