package ingest

import (
	"sort"
	"time"

	"github.com/segmentio/kafka-go"
)

// Limits bound a batch; whichever is reached first closes it.
type Limits struct {
	MaxRows  int           // utterance plus conversation rows
	MaxBytes int           // bytes of Kafka message values
	MaxWait  time.Duration // since the batch's first message
}

type partitionKey struct {
	topic     string
	partition int
}

// batch is what one round of fetching gathered: the rows to insert, the
// messages to dead-letter, and per partition the last message, whose offset
// is committed once all of it is stored.
type batch struct {
	conversations []conversationRow
	utterances    []utteranceRow
	rejects       []Reject

	last     map[partitionKey]kafka.Message
	messages int
	bytes    int
	first    time.Time
}

// newBatch sizes the row slices for a full batch up front (capped, so a
// huge row limit does not allocate gigabytes for a quiet topic): growing
// them row by row showed in profiles.
func newBatch(l Limits) *batch {
	n := min(l.MaxRows, 1<<16)
	return &batch{
		last:          map[partitionKey]kafka.Message{},
		utterances:    make([]utteranceRow, 0, n),
		conversations: make([]conversationRow, 0, n/8),
	}
}

// track records that km is part of the batch.
func (b *batch) track(km kafka.Message, now time.Time) {
	if b.messages == 0 {
		b.first = now
	}
	b.messages++
	b.bytes += len(km.Value)
	k := partitionKey{km.Topic, km.Partition}
	if prev, ok := b.last[k]; !ok || km.Offset > prev.Offset {
		// The stored copy needs no payload: committing reads only the
		// topic, partition and offset.
		km.Key, km.Value, km.Headers = nil, nil, nil
		b.last[k] = km
	}
}

func (b *batch) rows() int { return len(b.utterances) + len(b.conversations) }

// full reports whether the batch reached a row or byte limit.
func (b *batch) full(l Limits) bool {
	return b.rows() >= l.MaxRows || b.bytes >= l.MaxBytes
}

// commits lists the message to commit per partition, in a stable order.
func (b *batch) commits() []kafka.Message {
	out := make([]kafka.Message, 0, len(b.last))
	for _, m := range b.last {
		out = append(out, m)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Topic != out[j].Topic {
			return out[i].Topic < out[j].Topic
		}
		return out[i].Partition < out[j].Partition
	})
	return out
}
