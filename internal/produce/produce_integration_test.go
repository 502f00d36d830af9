package produce

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/segmentio/kafka-go"

	"github.com/convqa/convqa/internal/synth"
	"github.com/convqa/convqa/internal/testenv"
)

// recordSink collects generated messages as records.
type recordSink struct{ recs []Record }

func (s *recordSink) Truth(*synth.Truth) error { return nil }
func (s *recordSink) Message(key string, v []byte) error {
	s.recs = append(s.recs, Record{Key: []byte(key), Value: bytes.Clone(v)})
	return nil
}

// TestRunRealKafka sends generated traffic (live, batch and deliberately
// malformed messages, one over 1 MiB) to the stack's Kafka and reads it
// back: every message once, byte for byte, each conversation on one
// partition in order.
func TestRunRealKafka(t *testing.T) {
	brokers := testenv.KafkaBrokers(t)
	topic := testenv.KafkaTopic(t, 3)
	sc := synth.DefaultScenario()
	sc.Conversations, sc.LiveShare, sc.MalformedShare = 600, 0.3, 0.03
	g, err := synth.New(synth.Options{Scenario: sc, Seed: 5})
	if err != nil {
		t.Fatal(err)
	}
	sink := &recordSink{}
	if _, err := g.Run(context.Background(), sink); err != nil {
		t.Fatal(err)
	}
	recs := append(sink.recs, testRecords(60, 6)...) // adds a value over 1 MiB for sure

	w, err := NewWriter(WriterConfig{Brokers: brokers, Topic: topic})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	st, err := Run(context.Background(), w, sliceSource(recs), Options{BatchSize: 200})
	if err != nil {
		t.Fatalf("Run: %v (%+v)", err, st)
	}
	if st.Sent != int64(len(recs)) {
		t.Fatalf("sent %d of %d", st.Sent, len(recs))
	}
	checkDelivery(t, recs, readAll(t, brokers[0], topic, 3))
}

// TestRunRealKafkaTooLarge: without compression the broker refuses a
// message over its limit, and the run says so instead of dropping it.
func TestRunRealKafkaTooLarge(t *testing.T) {
	brokers := testenv.KafkaBrokers(t)
	topic := testenv.KafkaTopic(t, 1)
	w, err := NewWriter(WriterConfig{Brokers: brokers, Topic: topic, Compression: "none"})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	big := Record{Key: []byte("k"), Value: []byte(strings.Repeat("x", 2<<20))}
	st, err := Run(context.Background(), w, sliceSource{big}, Options{})
	if err == nil || st.Sent != 0 || st.Unsent != 1 || !strings.Contains(err.Error(), kafka.MessageSizeTooLarge.Title()) {
		t.Fatalf("want a refused write (message size too large), got %v (%+v)", err, st)
	}
}
