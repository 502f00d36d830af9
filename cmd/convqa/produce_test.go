package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/segmentio/kafka-go"
	"github.com/twmb/franz-go/pkg/kfake"
)

func kfakeTopic(t *testing.T, partitions int) (addr, topic string) {
	t.Helper()
	topic = "convqa.transcripts.test"
	c, err := kfake.NewCluster(kfake.NumBrokers(1), kfake.SeedTopics(int32(partitions), topic))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(c.Close)
	return c.ListenAddrs()[0], topic
}

// countMessages counts the messages of every partition of topic.
func countMessages(t *testing.T, addr, topic string, partitions int) int64 {
	t.Helper()
	var n int64
	for p := range partitions {
		conn, err := kafka.DialLeader(context.Background(), "tcp", addr, topic, p)
		if err != nil {
			t.Fatal(err)
		}
		last, err := conn.ReadLastOffset()
		conn.Close()
		if err != nil {
			t.Fatal(err)
		}
		n += last
	}
	return n
}

func TestProduceGenerate(t *testing.T) {
	addr, topic := kfakeTopic(t, 3)
	truth := filepath.Join(t.TempDir(), "truth.jsonl")
	_, stderr, err := runCLI(t, "produce", "--generate", "--conversations", "300", "--live-share", "0.2", "--malformed-share", "0.02",
		"--kafka-brokers", addr, "--topic", topic, "--truth-out", truth)
	if err != nil {
		t.Fatalf("produce: %v\n%s", err, stderr)
	}
	var want int64
	for _, l := range lines(t, truth) {
		var tr struct{ Messages int64 }
		if err := json.Unmarshal([]byte(l), &tr); err != nil {
			t.Fatal(err)
		}
		want += tr.Messages
	}
	if got := countMessages(t, addr, topic, 3); got != want {
		t.Fatalf("topic holds %d messages, truth counts %d", got, want)
	}
}

func TestProduceInput(t *testing.T) {
	addr, topic := kfakeTopic(t, 2)
	dir := t.TempDir()
	data := filepath.Join(dir, "d.jsonl")
	if _, _, err := runCLI(t, "gen", "--conversations", "50", "--out", data); err != nil {
		t.Fatal(err)
	}
	if _, stderr, err := runCLI(t, "produce", "--input", data, "--kafka-brokers", addr, "--topic", topic, "--rate", "2000"); err != nil {
		t.Fatalf("produce: %v\n%s", err, stderr)
	}
	if got := countMessages(t, addr, topic, 2); got != 50 {
		t.Fatalf("topic holds %d messages, want 50", got)
	}
	// A line that is not JSON stops the run at its line, unless sent on
	// purpose.
	bad := filepath.Join(dir, "bad.jsonl")
	os.WriteFile(bad, []byte("{\"conversation_id\":\"a\"}\n{\"conversation_id\":\n"), 0o644)
	_, _, err := runCLI(t, "produce", "--input", bad, "--kafka-brokers", addr, "--topic", topic)
	if err == nil || !strings.Contains(err.Error(), "bad.jsonl:2: not valid JSON") {
		t.Fatalf("want bad.jsonl:2, got %v", err)
	}
	if _, _, err := runCLI(t, "produce", "--input", bad, "--send-invalid", "--kafka-brokers", addr, "--topic", topic); err != nil {
		t.Fatal(err)
	}
}

func TestProduceBadFlags(t *testing.T) {
	for _, tc := range []struct {
		name string
		args []string
		want string
	}{
		{"no source", nil, "exactly one source"},
		{"two sources", []string{"--input", "x", "--generate"}, "exactly one source"},
		{"generator flag alone", []string{"--input", "x", "--seed", "3"}, "--seed"},
		{"negative rate", []string{"--generate", "--rate", "-1"}, "--rate"},
		{"batch size", []string{"--generate", "--batch-size", "0"}, "--batch-size"},
		{"compression", []string{"--generate", "--compression", "brotli"}, "brotli"},
		{"missing file", []string{"--input", "/nonexistent/x.jsonl"}, "/nonexistent/x.jsonl"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, _, err := runCLI(t, append([]string{"produce", "--kafka-brokers", "127.0.0.1:1"}, tc.args...)...)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("want error containing %q, got %v", tc.want, err)
			}
		})
	}
}

func TestProduceInterrupted(t *testing.T) {
	addr, topic := kfakeTopic(t, 1)
	var out, errb strings.Builder
	root := newRootCmd(&out, &errb, nil)
	root.SetArgs([]string{"produce", "--generate", "--conversations", "100000", "--rate", "200", "--kafka-brokers", addr, "--topic", topic})
	ctx, cancel := context.WithTimeout(context.Background(), 500*time.Millisecond)
	defer cancel()
	err := root.ExecuteContext(ctx)
	if err == nil || !strings.Contains(err.Error(), "interrupted after sending") && !strings.Contains(err.Error(), "deadline") {
		t.Fatalf("want an interruption, got %v\n%s", err, errb.String())
	}
}
