package ingest

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/segmentio/kafka-go"

	"github.com/convqa/convqa/internal/kafkaadmin"
	"github.com/convqa/convqa/internal/transcript"
)

// Header names on dead-lettered messages. They are part of convqa's
// interface: `convqa dlq inspect`, dashboards and users' own tools read them.
const (
	HeaderErrorClass      = "convqa.error.class"
	HeaderErrorField      = "convqa.error.field"
	HeaderErrorOffset     = "convqa.error.offset"
	HeaderError           = "convqa.error"
	HeaderSourceTopic     = "convqa.source.topic"
	HeaderSourcePartition = "convqa.source.partition"
	HeaderSourceOffset    = "convqa.source.offset"
	HeaderSourceTime      = "convqa.source.time"
	HeaderRejectedAt      = "convqa.rejected_at"
	// HeaderTruncated is set when the value was too large for the DLQ topic
	// even compressed, and only its first TruncatedBytes are kept; the whole
	// message is still in the source topic at the source offset.
	HeaderTruncated = "convqa.value.truncated"
	HeaderValueSize = "convqa.value.size"
)

// TruncatedBytes is how much of an over-large value the DLQ keeps.
const TruncatedBytes = 64 << 10

// dlqMaxMessageBytes is the max.message.bytes of a DLQ topic that ingest
// creates: rejected messages may be the ones that were too large.
const dlqMaxMessageBytes = 16 << 20

// Reject is a message the pipeline will not store, and why.
type Reject struct {
	Msg kafka.Message
	Err error
}

// Class is the failure class of the rejection, "internal" for anything that
// is not a contract violation.
func (r Reject) Class() transcript.Class {
	if c := transcript.ClassOf(r.Err); c != "" {
		return c
	}
	return "internal"
}

// dlqMessage wraps a rejected message for the DLQ: the original key, value
// and headers untouched, plus headers saying what was wrong and where the
// message came from.
func dlqMessage(r Reject, now time.Time) kafka.Message {
	m := r.Msg
	hs := make([]kafka.Header, 0, len(m.Headers)+9)
	hs = append(hs, m.Headers...)
	add := func(k, v string) { hs = append(hs, kafka.Header{Key: k, Value: []byte(v)}) }
	add(HeaderErrorClass, string(r.Class()))
	var te *transcript.Error
	if errors.As(r.Err, &te) {
		if te.Field != "" {
			add(HeaderErrorField, te.Field)
		}
		if te.Offset >= 0 {
			add(HeaderErrorOffset, strconv.FormatInt(te.Offset, 10))
		}
	}
	add(HeaderError, r.Err.Error())
	add(HeaderSourceTopic, m.Topic)
	add(HeaderSourcePartition, strconv.Itoa(m.Partition))
	add(HeaderSourceOffset, strconv.FormatInt(m.Offset, 10))
	if !m.Time.IsZero() {
		add(HeaderSourceTime, m.Time.UTC().Format(time.RFC3339Nano))
	}
	add(HeaderRejectedAt, now.UTC().Format(time.RFC3339Nano))
	return kafka.Message{Key: m.Key, Value: m.Value, Headers: hs}
}

// messageWriter is the part of *kafka.Writer the DLQ uses.
type messageWriter interface {
	WriteMessages(ctx context.Context, msgs ...kafka.Message) error
	Close() error
}

// DLQ sends rejected messages to the dead-letter topic and returns only once
// every in-sync replica has them, so the source offsets can be committed.
type DLQ struct {
	w      messageWriter
	topic  string
	now    func() time.Time
	ensure func(context.Context) error // creates the topic; nil once done
}

// NewDLQ returns a DLQ writing to topic on brokers.
func NewDLQ(brokers []string, topic, clientID string) (*DLQ, error) {
	if len(brokers) == 0 || topic == "" {
		return nil, errors.New("dlq: brokers and topic are required")
	}
	w := &kafka.Writer{
		Addr:  kafka.TCP(brokers...),
		Topic: topic,
		// The source offsets are committed after this returns: the DLQ copy
		// must be as durable as the topic allows.
		RequiredAcks: kafka.RequireAll,
		// Keep the source key, so a conversation's rejects stay together.
		Balancer:     &kafka.Hash{},
		BatchTimeout: 10 * time.Millisecond,
		// Rejected messages include the over-large ones: compress them as
		// their producer may have, and let a batch hold them.
		Compression: kafka.Lz4,
		BatchBytes:  dlqMaxMessageBytes,
		Transport:   &kafka.Transport{ClientID: clientID},
	}
	d := &DLQ{w: w, topic: topic, now: time.Now}
	d.ensure = func(ctx context.Context) error {
		_, err := kafkaadmin.EnsureTopic(ctx, brokers, kafkaadmin.Topic{Name: topic, Partitions: 1, ReplicationFactor: 1,
			Configs: map[string]string{"max.message.bytes": strconv.Itoa(dlqMaxMessageBytes)}})
		return err
	}
	return d, nil
}

// Send writes the rejects to the DLQ topic. An error means none of them may
// be treated as handled.
func (d *DLQ) Send(ctx context.Context, rejects []Reject) error {
	if len(rejects) == 0 {
		return nil
	}
	if d.ensure != nil {
		if err := d.ensure(ctx); err != nil {
			return fmt.Errorf("DLQ topic: %w", err)
		}
		d.ensure = nil
	}
	msgs := make([]kafka.Message, len(rejects))
	now := d.now()
	for i, r := range rejects {
		msgs[i] = dlqMessage(r, now)
	}
	err := d.w.WriteMessages(ctx, msgs...)
	if errors.Is(err, kafka.MessageSizeTooLarge) {
		err = d.sendOneByOne(ctx, msgs)
	}
	if err != nil {
		return fmt.Errorf("write %d rejected messages to DLQ topic %s: %w", len(msgs), d.topic, err)
	}
	return nil
}

// sendOneByOne is the path for a batch the broker refused as too large: a
// message that still does not fit alone is sent with its value truncated,
// so that one poison message can never stall its partition. Messages of the
// batch that did arrive are sent again: the DLQ is at-least-once.
func (d *DLQ) sendOneByOne(ctx context.Context, msgs []kafka.Message) error {
	for _, m := range msgs {
		err := d.w.WriteMessages(ctx, m)
		if errors.Is(err, kafka.MessageSizeTooLarge) && len(m.Value) > TruncatedBytes {
			m.Headers = append(m.Headers,
				kafka.Header{Key: HeaderTruncated, Value: []byte("true")},
				kafka.Header{Key: HeaderValueSize, Value: []byte(strconv.Itoa(len(m.Value)))})
			m.Value = m.Value[:TruncatedBytes]
			err = d.w.WriteMessages(ctx, m)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// Close flushes and closes the writer.
func (d *DLQ) Close() error { return d.w.Close() }
