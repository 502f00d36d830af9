package main

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/ClickHouse/clickhouse-go/v2/lib/driver"

	"github.com/convqa/convqa/internal/testenv"
)

// convqa run with ingest off: the schedule starts the job, and SIGTERM
// (here: the context) stops the process cleanly.
func TestRunSchedulesScoringAndShutsDown(t *testing.T) {
	conn, env := clickhouseEnv(t)
	if conn == nil {
		return
	}
	_, msgs := genFile(t, 5)
	for _, m := range msgs {
		storeRedacted(t, conn, m)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done := make(chan error, 1)
	go func() {
		_, _, err := runEnv(t, ctx, env, "run", "--no-ingest", "--schedule", "@every 1s", "--http-addr", "127.0.0.1:0")
		done <- err
	}()
	waitScored(t, conn, msgs[0].Tenant, len(msgs), done)
	cancel()
	if err := <-done; err != nil && !errors.Is(err, context.Canceled) {
		t.Fatalf("run after shutdown: %v", err)
	}
}

// The whole pipeline in one process: convqa run ingests from Kafka and the
// scheduled job scores what arrived.
func TestRunIngestsAndScores(t *testing.T) {
	conn, env := clickhouseEnv(t)
	if conn == nil {
		return
	}
	brokers := testenv.KafkaBrokers(t)
	topic := testenv.KafkaTopic(t, 2)
	env = append(env, "CONVQA_KAFKA_BROKERS="+strings.Join(brokers, ","), "CONVQA_KAFKA_TOPIC="+topic,
		"CONVQA_KAFKA_DLQ_TOPIC="+topic+"_dlq", "CONVQA_INGEST_GROUP_ID="+testenv.UniqueName(t, "g"),
		"CONVQA_INGEST_CUSTOMER_HASH_KEY=test-key-0123456789abcdef", "CONVQA_INGEST_BATCH_MAX_WAIT=100ms")
	in, msgs := genFile(t, 12)
	if _, stderr, err := runEnv(t, context.Background(), env, "produce", "--input", in); err != nil {
		t.Fatalf("produce: %v\n%s", err, stderr)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done := make(chan error, 1)
	go func() {
		_, _, err := runEnv(t, ctx, env, "run", "--schedule", "@every 1s", "--http-addr", "")
		done <- err
	}()
	waitScored(t, conn, msgs[0].Tenant, len(msgs), done)
	cancel()
	if err := <-done; err != nil {
		t.Fatalf("run after shutdown: %v", err)
	}
}

// waitScored waits until tenant has want scores rows. It fails the test
// when convqa run, whose end done reports, ends first, or after two
// minutes: a generous bound on a condition, which times nothing.
func waitScored(t *testing.T, conn driver.Conn, tenant string, want int, done <-chan error) {
	t.Helper()
	deadline := time.Now().Add(2 * time.Minute)
	for {
		var n uint64
		if err := conn.QueryRow(context.Background(), "SELECT count() FROM scores FINAL WHERE tenant = ?", tenant).Scan(&n); err != nil {
			t.Fatal(err)
		}
		if n == uint64(want) {
			return
		}
		select {
		case err := <-done:
			t.Fatalf("run ended with %d of %d conversations scored: %v", n, want, err)
		case <-time.After(200 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d of %d conversations scored", n, want)
		}
	}
}
