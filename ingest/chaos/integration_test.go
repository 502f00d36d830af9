package chaos

import (
	"context"
	"crypto/sha256"
	"log/slog"
	"strconv"
	"testing"
	"time"

	"github.com/segmentio/kafka-go"

	"github.com/convqa/convqa/ingest"
	"github.com/convqa/convqa/internal/config"
	"github.com/convqa/convqa/internal/store"
	"github.com/convqa/convqa/internal/testenv"
)

// TestChecksOnTheRealSchema runs the run's own reads on ClickHouse 18.16
// with the real schema: rows written twice (a redelivery) count as inserted
// twice but visible once, a missing and an extra key are found, and an open
// conversation that outranks its closed version is reported.
func TestChecksOnTheRealSchema(t *testing.T) {
	db := testenv.ClickHouse(t)
	if db == nil {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cfg := config.ClickHouse{Addr: []string{db.Addr}, Database: db.Database, Username: "default", DialTimeout: 5 * time.Second}
	if _, err := store.MigrateAll(ctx, cfg, slog.New(slog.DiscardHandler)); err != nil {
		t.Fatalf("migrate %s: %v", db, err)
	}
	tb := tables{conn: db.Conn, db: db.Database}
	if err := tb.instrument(ctx); err != nil {
		t.Fatal(err)
	}
	// c1 #1 twice, as a redelivery writes it; x #9 was never sent; c2's open
	// version outranks its closed one. Batches name their columns, which
	// ClickHouse 18.16 needs over the native protocol.
	day := time.Date(2025, 6, 12, 1, 0, 0, 0, time.UTC)
	insert := func(query string, rows ...[]any) {
		t.Helper()
		b, err := db.Conn.PrepareBatch(ctx, query)
		if err != nil {
			t.Fatalf("%s: %v", query, err)
		}
		for _, r := range rows {
			if err := b.Append(r...); err != nil {
				t.Fatalf("%s: append %v: %v", query, r, err)
			}
		}
		if err := b.Send(); err != nil {
			t.Fatalf("%s: %v", query, err)
		}
	}
	const uq = "INSERT INTO utterances (tenant, conversation_id, seq, text, started_at, version)"
	insert(uq, []any{"demo", "c1", uint32(1), "a", day, uint64(10)}, []any{"demo", "c1", uint32(2), "b", day, uint64(10)},
		[]any{"demo", "x", uint32(9), "z", day, uint64(10)})
	insert(uq, []any{"demo", "c1", uint32(1), "a", day, uint64(11)})
	insert("INSERT INTO conversations (tenant, conversation_id, status, started_at, version)",
		[]any{"demo", "c1", "closed", day, uint64(10)}, []any{"demo", "c2", "closed", day, uint64(1)}, []any{"demo", "c2", "open", day, uint64(2)})
	d := &Dataset{
		Utterances:    map[UtteranceKey]struct{}{{"demo", "c1", 1}: {}, {"demo", "c1", 2}: {}, {"demo", "c2", 1}: {}},
		Conversations: map[ConversationKey]struct{}{{"demo", "c1"}: {}, {"demo", "c2"}: {}},
	}
	rep := &Report{}
	if err := checkTables(ctx, tb, d, rep); err != nil {
		t.Fatal(err)
	}
	if rep.InsertedUtterances != 4 || rep.InsertedConversations != 3 {
		t.Errorf("inserted %d utterances and %d conversations, want 4 and 3", rep.InsertedUtterances, rep.InsertedConversations)
	}
	for _, c := range []TableCheck{rep.UtterancesFinal, rep.UtterancesArgMax} {
		if c.Rows != 3 || c.Duplicates != 0 || c.Missing != 1 || c.Extra != 1 ||
			c.MissingSample[0] != "demo/c2#1" || c.ExtraSample[0] != "demo/x#9" {
			t.Errorf("%s", c)
		}
	}
	for _, c := range []TableCheck{rep.ConversationsFinal, rep.ConversationsArgMax} {
		if c.Rows != 2 || !c.OK() {
			t.Errorf("%s", c)
		}
	}
	if len(rep.NotClosed) != 2 {
		t.Errorf("not closed: %q, want c2 from both reads", rep.NotClosed)
	}
}

// TestReadDLQFromTheBroker reads back what a DLQ holds, headers included,
// from every partition, and nothing from a topic that was never made.
func TestReadDLQFromTheBroker(t *testing.T) {
	topic := testenv.KafkaTopic(t, 2)
	if topic == "" {
		return
	}
	brokers := testenv.KafkaBrokers(t)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	w := &kafka.Writer{Addr: kafka.TCP(brokers...), Topic: topic, Balancer: &kafka.Hash{}, RequiredAcks: kafka.RequireAll, BatchTimeout: 5 * time.Millisecond}
	defer func() { _ = w.Close() }()
	var msgs []kafka.Message
	for i := range 6 {
		msgs = append(msgs, kafka.Message{Key: []byte("c" + strconv.Itoa(i)), Value: []byte("{bad " + strconv.Itoa(i)), Headers: []kafka.Header{
			{Key: ingest.HeaderErrorClass, Value: []byte("invalid_json")},
			{Key: ingest.HeaderSourceTopic, Value: []byte("src")},
			{Key: ingest.HeaderSourcePartition, Value: []byte("3")},
			{Key: ingest.HeaderSourceOffset, Value: []byte(strconv.Itoa(100 + i))},
		}})
	}
	if err := w.WriteMessages(ctx, msgs...); err != nil {
		t.Fatal(err)
	}
	got, err := readDLQ(ctx, brokers, topic)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(msgs) {
		t.Fatalf("read %d entries, want %d: %+v", len(got), len(msgs), got)
	}
	for _, e := range got {
		i, err := strconv.Atoi(e.Key[1:])
		if err != nil || e.Class != "invalid_json" || e.SourceTopic != "src" || e.SourcePartition != 3 ||
			e.SourceOffset != int64(100+i) || e.Sum != sha256.Sum256(msgs[i].Value) {
			t.Errorf("entry %+v", e)
		}
	}
	if got, err := readDLQ(ctx, brokers, topic+"_never_made"); err != nil || len(got) != 0 {
		t.Errorf("a missing DLQ topic: %v, %v", got, err)
	}
}
