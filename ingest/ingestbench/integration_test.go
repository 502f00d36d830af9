package ingestbench

import (
	"context"
	"log/slog"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/convqa/convqa/internal/kafkaadmin"
	"github.com/convqa/convqa/internal/testenv"
)

// TestRunOnTheStack runs the whole benchmark small against the stack's
// ClickHouse and Kafka, and checks correctness only, never timing: each
// consumer stored every row exactly once, and nothing was left behind.
func TestRunOnTheStack(t *testing.T) {
	addr := testenv.ClickHouseAddr(t)
	brokers := testenv.KafkaBrokers(t)
	if addr == "" || brokers == nil {
		return
	}
	const rows = 5000
	bin := buildConvqa(t)
	ctx := t.Context()
	rep, err := Run(ctx, Config{
		ClickHouseAddr: addr, KafkaBrokers: brokers, ConvqaBin: bin,
		Rows: rows, Partitions: 4, Conversations: true,
		Timeout: 2 * time.Minute, LogDir: t.TempDir(),
		Logger: slog.New(slog.NewTextHandler(t.Output(), nil)),
	})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]int{PeerConvqaFlat: rows, PeerEngineFlat: rows, PeerConvqaConvos: rep.ConversationMessages}
	if len(rep.Results) != len(want) {
		t.Fatalf("got %d results, want one per peer: %+v", len(rep.Results), rep.Results)
	}
	for _, r := range rep.Results {
		msgs, ok := want[r.Peer]
		if !ok {
			t.Errorf("unexpected peer %q", r.Peer)
			continue
		}
		// At-least-once delivery may store a row twice around a rebalance;
		// the table collapses such copies, so distinct rows must be exact.
		if r.Rows != rows || r.Distinct != rows || r.Stored < rows || r.Messages != msgs {
			t.Errorf("%s: rows %d, stored %d, distinct %d, messages %d; want all %d rows, each at least once, from %d messages",
				r.Peer, r.Rows, r.Stored, r.Distinct, r.Messages, rows, msgs)
		}
		if r.Elapsed <= 0 {
			t.Errorf("%s: elapsed %v", r.Peer, r.Elapsed)
		}
	}
	if rep.FlatMessages != rows || rep.ConversationMessages == 0 || rep.ConversationMessages >= rows {
		t.Errorf("dataset: %d flat messages, %d conversations; want %d and a few hundred", rep.FlatMessages, rep.ConversationMessages, rows)
	}
	checkCleanedUp(ctx, t, addr, brokers, rep.Suffix)
}

// buildConvqa builds the convqa binary the benchmark runs, from this
// checkout, so the test never measures a stale bin/convqa.
func buildConvqa(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "convqa")
	out, err := exec.CommandContext(t.Context(), "go", "build", "-o", bin, "github.com/convqa/convqa/cmd/convqa").CombinedOutput()
	if err != nil {
		t.Fatalf("build convqa: %v\n%s", err, out)
	}
	return bin
}

func checkCleanedUp(ctx context.Context, t *testing.T, addr string, brokers []string, suffix string) {
	t.Helper()
	conn, err := openServer(ctx, addr)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = conn.Close() }()
	var dbs uint64
	if err := conn.QueryRow(ctx, "SELECT count() FROM system.databases WHERE name LIKE ?", "convqa_bench_%_"+suffix).Scan(&dbs); err != nil {
		t.Fatal(err)
	}
	if dbs != 0 {
		t.Errorf("%d benchmark databases with suffix %s left behind", dbs, suffix)
	}
	for _, kind := range []string{"flat", "conv"} {
		topic := "convqa_bench_" + kind + "_0_" + suffix
		// Deletion is asynchronous in the broker: allow it a moment.
		deadline := time.Now().Add(15 * time.Second)
		for {
			n, err := kafkaadmin.PartitionCount(ctx, brokers, topic)
			if err == nil && n == 0 {
				break
			}
			if time.Now().After(deadline) {
				t.Errorf("topic %s still exists (%d partitions, err %v)", topic, n, err)
				break
			}
			time.Sleep(200 * time.Millisecond)
		}
	}
}
