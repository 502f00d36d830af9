package main

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

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
	// Wait for the scheduled run to score everything (a generous bound:
	// this waits for a condition, it does not time anything).
	deadline := time.Now().Add(2 * time.Minute)
	for {
		var n uint64
		if err := conn.QueryRow(context.Background(), "SELECT count() FROM scores FINAL WHERE tenant = ?", msgs[0].Tenant).Scan(&n); err != nil {
			t.Fatal(err)
		}
		if n == uint64(len(msgs)) {
			break
		}
		select {
		case err := <-done:
			t.Fatalf("run ended before scoring: %v", err)
		case <-time.After(200 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			t.Fatalf("the scheduled job scored %d of %d conversations", n, len(msgs))
		}
	}
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
	deadline := time.Now().Add(2 * time.Minute) // waits for a condition; times nothing
	for {
		var n uint64
		if err := conn.QueryRow(context.Background(), "SELECT count() FROM scores FINAL WHERE tenant = ?", msgs[0].Tenant).Scan(&n); err != nil {
			t.Fatal(err)
		}
		if n == uint64(len(msgs)) {
			break
		}
		select {
		case err := <-done:
			t.Fatalf("run ended before everything was scored: %v", err)
		case <-time.After(200 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d of %d conversations ingested and scored", n, len(msgs))
		}
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatalf("run after shutdown: %v", err)
	}
}
