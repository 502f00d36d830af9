package chaos

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestCountLogLevels(t *testing.T) {
	dir := t.TempDir()
	a := filepath.Join(dir, "a.log")
	b := filepath.Join(dir, "b.log")
	long := strings.Repeat("x", 200)
	if err := os.WriteFile(a, []byte(`=== chaos: start 1
{"time":"t","level":"INFO","msg":"ingest start"}
{"time":"t","level":"WARN","msg":"commit failed; the batch is stored and will be redelivered","err":"x"}
{"time":"t","level":"WARN","msg":"commit failed; the batch is stored and will be redelivered"}
not json
{"time":"t","level":"ERROR","msg":"`+long+`"}
`), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(b, []byte(`{"level":"WARN","msg":"commit failed; the batch is stored and will be redelivered"}`+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	got := countLogLevels([]string{a, b, filepath.Join(dir, "missing.log")})
	if n := got["WARN  commit failed; the batch is stored and will be redelivered"]; n != 3 {
		t.Errorf("commit warnings: %d, want 3 (all: %v)", n, got)
	}
	if len(got) != 2 {
		t.Errorf("want 2 distinct messages, got %v", got)
	}
	for k := range got {
		if len(k) > 120 {
			t.Errorf("message not shortened: %d bytes", len(k))
		}
	}
}

func TestCountWarnings(t *testing.T) {
	path := filepath.Join(t.TempDir(), "ingest.log")
	if err := os.WriteFile(path, []byte(`{"time":"2026-01-01T00:00:01Z","level":"WARN","msg":"before"}
{"time":"2026-01-01T00:00:05.5Z","level":"WARN","msg":"store failed; retrying"}
{"time":"2026-01-01T00:00:06Z","level":"INFO","msg":"not a warning"}
{"time":"2026-01-01T00:00:07Z","level":"ERROR","msg":"inside"}
{"time":"2026-01-01T00:00:20Z","level":"WARN","msg":"after"}
`), 0o644); err != nil {
		t.Fatal(err)
	}
	from := time.Date(2026, 1, 1, 0, 0, 5, 0, time.UTC)
	if n := countWarnings([]string{path}, from, from.Add(10*time.Second)); n != 2 {
		t.Errorf("%d warnings in the window, want 2", n)
	}
}

func TestReportJudgeAndPrint(t *testing.T) {
	r := &Report{Seed: 3, ValidUtterances: 10, RawUtterances: 12,
		UtterancesFinal:     TableCheck{Read: "utterances FINAL", Rows: 10},
		UtterancesArgMax:    TableCheck{Read: "utterances argMax GROUP BY", Rows: 10},
		ConversationsFinal:  TableCheck{Read: "conversations FINAL", Rows: 2},
		ConversationsArgMax: TableCheck{Read: "conversations argMax GROUP BY", Rows: 2},
		DLQ:                 DLQCheck{Expected: 1, Found: 1, Entries: 2},
		Kills:               []string{"k1"}, Restarts: []RestartResult{{Restart: Restart{Service: "kafka"}, Warnings: 3}},
	}
	var out strings.Builder
	if _, err := r.WriteTo(&out); err != nil || !strings.Contains(out.String(), "checks:     not run") {
		t.Fatalf("a run cut short before its checks:\n%s", out.String())
	}
	out.Reset()
	r.judge()
	if _, err := r.WriteTo(&out); err != nil {
		t.Fatal(err)
	}
	if !r.Passed() || !strings.Contains(out.String(), "(2 still duplicate)") || !strings.HasSuffix(out.String(), "PASS\n") {
		t.Fatalf("a clean run:\n%s", out.String())
	}

	r.Problems = nil
	r.UtterancesFinal.Missing, r.DLQ.Unexpected = 1, 1
	r.UnexpectedExits = []string{"ingest-0 exited on its own"}
	r.judge()
	if len(r.Problems) != 3 {
		t.Fatalf("problems %q, want 3", r.Problems)
	}
	out.Reset()
	_, _ = r.WriteTo(&out)
	if !strings.HasSuffix(out.String(), "FAIL\n") || !strings.Contains(out.String(), "PROBLEM: utterances FINAL: 0 duplicates, 1 missing") {
		t.Fatalf("a failed run:\n%s", out.String())
	}
}
