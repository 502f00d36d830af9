package stack

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/segmentio/kafka-go"

	"github.com/convqa/convqa/internal/testenv"
)

// engineRow is one message as the Kafka engine table declares it.
type engineRow struct {
	ID             uint64 `json:"id"`
	Tenant         string `json:"tenant"`
	ConversationID string `json:"conversation_id"`
	Text           string `json:"text"`
	CSAT           uint8  `json:"csat"`
}

func makeRow(i int) engineRow {
	return engineRow{
		ID:             uint64(i),
		Tenant:         "acme",
		ConversationID: "c-" + strconv.Itoa(i/10),
		Text:           fmt.Sprintf("这个牛奶的保质期是多久？ #%d — shelf life?", i),
		CSAT:           uint8(1 + i%5),
	}
}

// TestKafkaEngineConsumesFromStackBroker checks that ClickHouse's own Kafka
// table engine (what the ingest path is benchmarked against) reads from the
// stack's broker: a Kafka table, a MergeTree table and a materialized view
// between them, as users of the engine set it up. Half the rows are produced
// before the consumer group exists, so the test also proves that a new group
// starts at the earliest offset (stack.sh configures that for 18.16).
func TestKafkaEngineConsumesFromStackBroker(t *testing.T) {
	const rows = 1000
	db := testenv.ClickHouse(t)
	brokers := testenv.KafkaBrokers(t)
	topic := testenv.KafkaTopic(t, 2)
	group := testenv.UniqueName(t, "convqa_test_group")
	ctx := t.Context()

	w := &kafka.Writer{
		Addr:         kafka.TCP(brokers...),
		Topic:        topic,
		Balancer:     &kafka.Hash{},
		RequiredAcks: kafka.RequireAll,
		BatchSize:    rows,
		BatchTimeout: 10 * time.Millisecond,
	}
	t.Cleanup(func() { _ = w.Close() })
	produce(ctx, t, w, 0, rows/2)

	ddl := []string{
		fmt.Sprintf(`CREATE TABLE %s.queue (id UInt64, tenant String, conversation_id String, text String, csat UInt8)
			ENGINE = Kafka(%s, %s, %s, 'JSONEachRow')`,
			db.Database, quote(strings.Join(brokers, ",")), quote(topic), quote(group)),
		fmt.Sprintf(`CREATE TABLE %s.sink (id UInt64, tenant String, conversation_id String, text String, csat UInt8)
			ENGINE = MergeTree ORDER BY (tenant, id)`, db.Database),
		fmt.Sprintf(`CREATE MATERIALIZED VIEW %[1]s.consumer TO %[1]s.sink
			AS SELECT id, tenant, conversation_id, text, csat FROM %[1]s.queue`, db.Database),
	}
	for _, q := range ddl {
		if err := db.Conn.Exec(ctx, q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	// The view goes first: while it exists the engine keeps consuming.
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		for _, table := range []string{"consumer", "queue", "sink"} {
			if err := db.Conn.Exec(ctx, "DROP TABLE IF EXISTS "+db.Database+"."+table); err != nil {
				t.Errorf("drop %s.%s: %v", db.Database, table, err)
			}
		}
	})
	produce(ctx, t, w, rows/2, rows)

	got := waitForCount(ctx, t, db, rows, 60*time.Second)
	if got != rows {
		t.Fatalf("the Kafka engine delivered %d of %d rows within 60 s (ids below %d were produced before the group existed: "+
			"missing ones there mean auto.offset.reset is not 'smallest'; see .stack/logs/clickhouse.err.log)", got, rows, rows/2)
	}

	var count, distinct, sum uint64
	row := db.Conn.QueryRow(ctx, "SELECT count(), uniqExact(id), sum(id) FROM "+db.Database+".sink")
	if err := row.Scan(&count, &distinct, &sum); err != nil {
		t.Fatalf("summarise sink: %v", err)
	}
	if want := uint64(rows * (rows - 1) / 2); count != rows || distinct != rows || sum != want {
		t.Errorf("sink: count %d, distinct ids %d, sum %d; want %d, %d, %d", count, distinct, sum, rows, rows, want)
	}
	var text string
	var csat uint8
	if err := db.Conn.QueryRow(ctx, "SELECT text, csat FROM "+db.Database+".sink WHERE id = 777").Scan(&text, &csat); err != nil {
		t.Fatalf("read row 777: %v", err)
	}
	if want := makeRow(777); text != want.Text || csat != want.CSAT {
		t.Errorf("row 777 = (%q, %d), want (%q, %d)", text, csat, want.Text, want.CSAT)
	}
}

func produce(ctx context.Context, t *testing.T, w *kafka.Writer, from, to int) {
	t.Helper()
	msgs := make([]kafka.Message, 0, to-from)
	for i := from; i < to; i++ {
		r := makeRow(i)
		value, err := json.Marshal(r)
		if err != nil {
			t.Fatal(err)
		}
		msgs = append(msgs, kafka.Message{Key: []byte(r.ConversationID), Value: value})
	}
	if err := w.WriteMessages(ctx, msgs...); err != nil {
		t.Fatalf("produce rows %d..%d to %s: %v", from, to-1, w.Topic, err)
	}
}

// waitForCount polls the sink until it holds want rows or the timeout passes,
// and returns the last count. The engine flushes a block every
// stream_flush_interval_ms (7.5 s by default on 18.16), so rows arrive in steps.
func waitForCount(ctx context.Context, t *testing.T, db *testenv.ClickHouseDB, want uint64, timeout time.Duration) uint64 {
	t.Helper()
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	var n uint64
	for {
		if err := db.Conn.QueryRow(ctx, "SELECT count() FROM "+db.Database+".sink").Scan(&n); err != nil && ctx.Err() == nil {
			t.Fatalf("count sink rows: %v", err)
		}
		if n >= want || ctx.Err() != nil {
			return n
		}
		select {
		case <-ctx.Done():
			return n
		case <-time.After(250 * time.Millisecond):
		}
	}
}

// quote makes a ClickHouse string literal.
func quote(s string) string {
	return "'" + strings.NewReplacer(`\`, `\\`, `'`, `\'`).Replace(s) + "'"
}
