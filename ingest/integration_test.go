package ingest_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/segmentio/kafka-go"

	"github.com/convqa/convqa/ingest"
	"github.com/convqa/convqa/internal/config"
	"github.com/convqa/convqa/internal/kafkaadmin"
	"github.com/convqa/convqa/internal/store"
	"github.com/convqa/convqa/internal/synth"
	"github.com/convqa/convqa/internal/testenv"
	"github.com/convqa/convqa/internal/transcript"
)

// generated is what the generator sent and what ingest must make of it.
type generated struct {
	msgs          []kafka.Message
	utterances    map[string]bool // tenant/conversation/seq of every valid turn
	conversations map[string]bool // tenant/conversation of every valid conversation message
	malformed     int
}

type sink struct{ g *generated }

func (s sink) Truth(*synth.Truth) error { return nil }
func (s sink) Message(key string, value []byte) error {
	v := append([]byte(nil), value...)
	s.g.msgs = append(s.g.msgs, kafka.Message{Key: []byte(key), Value: v})
	decode := transcript.Decode
	if transcript.IsFlat(v) {
		decode = transcript.DecodeFlat
	}
	m, err := decode(v, transcript.Limits{})
	if err != nil {
		s.g.malformed++
		return nil
	}
	id := m.Tenant + "/" + m.ConversationID
	if m.Kind == transcript.KindConversation {
		s.g.conversations[id] = true
		for _, u := range m.Utterances {
			s.g.utterances[fmt.Sprintf("%s/%d", id, u.Seq)] = true
		}
	} else {
		s.g.utterances[fmt.Sprintf("%s/%d", id, m.Utterance.Seq)] = true
	}
	return nil
}

func generate(t *testing.T, conversations int) *generated {
	t.Helper()
	sc := synth.DefaultScenario()
	sc.Days = 1
	sc.Conversations = conversations
	sc.LiveShare = 0.3
	sc.MalformedShare = 0.05
	sc.SetSpikes(nil)
	sc.SetPromotions(nil)
	g, err := synth.New(synth.Options{Scenario: sc, Seed: 42})
	if err != nil {
		t.Fatal(err)
	}
	out := &generated{utterances: map[string]bool{}, conversations: map[string]bool{}}
	if _, err := g.Run(context.Background(), sink{out}); err != nil {
		t.Fatal(err)
	}
	return out
}

type stack struct {
	cfg   config.Config
	db    *testenv.ClickHouseDB
	topic string
}

func newStack(t *testing.T) *stack {
	t.Helper()
	db := testenv.ClickHouse(t)
	brokers := testenv.KafkaBrokers(t)
	topic := testenv.KafkaTopic(t, 3)
	cfg := config.Default()
	cfg.ClickHouse.Addr = []string{db.Addr}
	cfg.ClickHouse.Database = db.Database
	cfg.Kafka.Brokers = brokers
	cfg.Kafka.Topic = topic
	cfg.Kafka.DLQTopic = topic + "_dlq"
	cfg.Ingest.CustomerHashKey = "integration-test-key-0123"
	cfg.Ingest.BatchMaxWait = 200 * time.Millisecond
	cfg.Ingest.HTTPAddr = ""
	t.Cleanup(func() { _ = kafkaadmin.DeleteTopic(context.Background(), brokers, cfg.Kafka.DLQTopic) })
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	if _, err := store.MigrateAll(ctx, cfg.ClickHouse, slog.New(slog.NewTextHandler(io.Discard, nil))); err != nil {
		t.Fatal(err)
	}
	return &stack{cfg: cfg, db: db, topic: topic}
}

func (s *stack) produce(t *testing.T, msgs []kafka.Message) {
	t.Helper()
	w := &kafka.Writer{Addr: kafka.TCP(s.cfg.Kafka.Brokers...), Topic: s.topic, Balancer: &kafka.Hash{},
		RequiredAcks: kafka.RequireAll, Compression: kafka.Lz4, BatchBytes: 16 << 20, BatchTimeout: 5 * time.Millisecond}
	defer w.Close()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	if err := w.WriteMessages(ctx, msgs...); err != nil {
		t.Fatalf("produce %d messages: %v", len(msgs), err)
	}
}

// ingestUntil runs one ingest process-equivalent in group until cond holds.
func (s *stack) ingestUntil(t *testing.T, group string, cond func() bool) {
	t.Helper()
	cfg := s.cfg
	cfg.Ingest.GroupID = group
	ing, err := ingest.New(cfg, slog.New(slog.NewTextHandler(io.Discard, nil)), prometheus.NewRegistry())
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- ing.Run(ctx) }()
	deadline := time.Now().Add(2 * time.Minute)
	for !cond() && time.Now().Before(deadline) {
		time.Sleep(200 * time.Millisecond)
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatalf("ingest: %v", err)
	}
}

func (s *stack) count(t *testing.T, query string) uint64 {
	t.Helper()
	var n uint64
	if err := s.db.Conn.QueryRow(context.Background(), query).Scan(&n); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return n
}

// TestIngestExactlyWhatUsersSee sends generated traffic — whole and live
// conversations and 5% malformed messages — through ingest twice, the second
// time from a new consumer group so every message is delivered again, and
// checks that the documented reads show each conversation and turn once,
// and that the malformed messages are in the DLQ and nowhere else.
func TestIngestExactlyWhatUsersSeeIntegration(t *testing.T) {
	s := newStack(t)
	gen := generate(t, 300)
	if gen.malformed == 0 || len(gen.utterances) < 1000 {
		t.Fatalf("generator gave %d malformed, %d utterances", gen.malformed, len(gen.utterances))
	}
	s.produce(t, gen.msgs)
	wantU, wantC := uint64(len(gen.utterances)), uint64(len(gen.conversations))
	uniqU := "SELECT uniqExact(tenant, conversation_id, seq) FROM utterances"
	finalU := "SELECT count() FROM utterances FINAL"
	finalC := "SELECT count() FROM conversations FINAL"
	s.ingestUntil(t, "g1", func() bool { return s.count(t, uniqU) >= wantU && s.count(t, finalC) >= wantC })

	for round, group := range []string{"first delivery", "redelivery"} {
		if round == 1 {
			s.ingestUntil(t, "g2", func() bool { return s.count(t, "SELECT count() FROM utterances") >= 2*wantU })
		}
		if got := s.count(t, finalU); got != wantU {
			t.Errorf("%s: utterances FINAL = %d, want %d", group, got, wantU)
		}
		if got := s.count(t, "SELECT count() FROM (SELECT tenant, conversation_id, seq, argMax(text, version) FROM utterances GROUP BY tenant, conversation_id, seq)"); got != wantU {
			t.Errorf("%s: utterances by argMax = %d, want %d", group, got, wantU)
		}
		if got := s.count(t, finalC); got != wantC {
			t.Errorf("%s: conversations FINAL = %d, want %d", group, got, wantC)
		}
	}
	// Every stored turn is one the generator sent as valid.
	rows, err := s.db.Conn.Query(context.Background(), "SELECT tenant, conversation_id, seq FROM utterances FINAL")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var tenant, conv string
		var seq uint32
		if err := rows.Scan(&tenant, &conv, &seq); err != nil {
			t.Fatal(err)
		}
		if !gen.utterances[fmt.Sprintf("%s/%s/%d", tenant, conv, seq)] {
			t.Errorf("stored a turn that was not sent as valid: %s/%s/%d", tenant, conv, seq)
		}
	}
	// Both deliveries dead-lettered every malformed message.
	lags, err := kafkaadmin.GroupLag(context.Background(), s.cfg.Kafka.Brokers, "g1", s.topic)
	if err != nil {
		t.Fatal(err)
	}
	var end int64
	for _, l := range lags {
		end += l.End
		if l.Lag != 0 {
			t.Errorf("partition %d: lag %d after ingest caught up", l.Partition, l.Lag)
		}
	}
	if end != int64(len(gen.msgs)) {
		t.Errorf("topic holds %d messages, sent %d", end, len(gen.msgs))
	}
	dlq, err := kafkaadmin.GroupLag(context.Background(), s.cfg.Kafka.Brokers, "nobody", s.cfg.Kafka.DLQTopic)
	if err != nil {
		t.Fatal(err)
	}
	var inDLQ int64
	for _, l := range dlq {
		inDLQ += l.End
	}
	if inDLQ != int64(2*gen.malformed) {
		t.Errorf("DLQ holds %d messages, want %d (each malformed message once per delivery)", inDLQ, 2*gen.malformed)
	}
	if got := s.count(t, "SELECT count() FROM utterances WHERE text LIKE '%@%.com%'"); got != 0 {
		t.Errorf("%d stored turns still hold an e-mail address", got)
	}
}
