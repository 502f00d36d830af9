package ingest

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/segmentio/kafka-go"

	"github.com/convqa/convqa/internal/transcript"
)

// fakeWriter records what the DLQ writes, or fails.
type fakeWriter struct {
	got      []kafka.Message
	err      error
	maxValue int // refuse a write holding a larger value, as a broker does
}

func (f *fakeWriter) WriteMessages(_ context.Context, msgs ...kafka.Message) error {
	if f.err != nil {
		return f.err
	}
	for _, m := range msgs {
		if f.maxValue > 0 && len(m.Value) > f.maxValue {
			return kafka.MessageSizeTooLarge
		}
	}
	f.got = append(f.got, msgs...)
	return nil
}
func (f *fakeWriter) Close() error { return nil }

func header(m kafka.Message, key string) (string, bool) {
	for _, h := range m.Headers {
		if h.Key == key {
			return string(h.Value), true
		}
	}
	return "", false
}

func TestDLQKeepsOriginalBytesAndNamesTheError(t *testing.T) {
	value := []byte(`{"schema":"convqa.transcript.v1","kind":"conversation","conversation_id":"c1","tenant":"t","utterances":[{"seq":1,"speaker":"robot","text":"hi"}]}`)
	_, decErr := transcript.Decode(value, transcript.Limits{})
	if decErr == nil {
		t.Fatal("test message should be invalid")
	}
	src := kafka.Message{
		Topic: "convqa.transcripts", Partition: 3, Offset: 4711,
		Key: []byte("c1"), Value: value,
		Headers: []kafka.Header{{Key: "producer", Value: []byte("crm")}},
		Time:    time.Date(2026, 11, 1, 8, 0, 0, 0, time.UTC),
	}
	fw := &fakeWriter{}
	d := &DLQ{w: fw, topic: "convqa.transcripts.dlq", now: func() time.Time { return time.Unix(0, 0) }}
	if err := d.Send(context.Background(), []Reject{{Msg: src, Err: decErr}}); err != nil {
		t.Fatal(err)
	}
	if len(fw.got) != 1 {
		t.Fatalf("wrote %d messages", len(fw.got))
	}
	m := fw.got[0]
	if !bytes.Equal(m.Value, value) || string(m.Key) != "c1" {
		t.Errorf("original bytes or key changed: key %q value %q", m.Key, m.Value)
	}
	want := map[string]string{
		"producer":            "crm",
		HeaderErrorClass:      "unknown_speaker",
		HeaderErrorField:      "utterances[0].speaker",
		HeaderSourceTopic:     "convqa.transcripts",
		HeaderSourcePartition: "3",
		HeaderSourceOffset:    "4711",
		HeaderSourceTime:      "2026-11-01T08:00:00Z",
	}
	for k, v := range want {
		if got, ok := header(m, k); !ok || got != v {
			t.Errorf("header %s = %q (present %v), want %q", k, got, ok, v)
		}
	}
	if msg, _ := header(m, HeaderError); !strings.Contains(msg, "allowed: agent, customer, bot, system") {
		t.Errorf("error header %q does not say what is allowed", msg)
	}
	if _, ok := header(m, HeaderErrorOffset); !ok {
		t.Error("no byte offset header")
	}
}

func TestDLQInternalErrorAndFailure(t *testing.T) {
	fw := &fakeWriter{err: errors.New("broker gone")}
	d := &DLQ{w: fw, topic: "dlq", now: time.Now}
	err := d.Send(context.Background(), []Reject{{Msg: kafka.Message{Value: []byte("x")}, Err: errors.New("boom")}})
	if err == nil || !strings.Contains(err.Error(), "1 rejected messages to DLQ topic dlq") {
		t.Fatalf("want a wrapped write error, got %v", err)
	}
	if c := (Reject{Err: errors.New("boom")}).Class(); c != "internal" {
		t.Errorf("class of a non-contract error = %q", c)
	}
	if err := d.Send(context.Background(), nil); err != nil {
		t.Errorf("empty send: %v", err)
	}
}

func TestDLQTruncatesWhatTheBrokerRefuses(t *testing.T) {
	big := bytes.Repeat([]byte("x"), 3*TruncatedBytes)
	fw := &fakeWriter{maxValue: 2 * TruncatedBytes}
	d := &DLQ{w: fw, topic: "dlq", now: time.Now}
	err := d.Send(context.Background(), []Reject{
		{Msg: kafka.Message{Topic: "in", Partition: 1, Offset: 2, Value: []byte("small")}, Err: errors.New("bad")},
		{Msg: kafka.Message{Topic: "in", Partition: 1, Offset: 3, Value: big}, Err: errors.New("too big")},
	})
	if err != nil {
		t.Fatalf("a refused value must not fail the DLQ (it would stall the partition): %v", err)
	}
	if len(fw.got) != 2 {
		t.Fatalf("wrote %d messages, want 2", len(fw.got))
	}
	m := fw.got[1]
	if len(m.Value) != TruncatedBytes {
		t.Errorf("kept %d bytes, want %d", len(m.Value), TruncatedBytes)
	}
	if v, _ := header(m, HeaderTruncated); v != "true" {
		t.Error("no truncation header")
	}
	if v, _ := header(m, HeaderValueSize); v != "196608" {
		t.Errorf("size header = %q", v)
	}
	if v, _ := header(m, HeaderSourceOffset); v != "3" {
		t.Errorf("source offset header = %q: the whole value must stay findable", v)
	}
	if string(fw.got[0].Value) != "small" {
		t.Error("the small message was changed")
	}
}
