package scorebench

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/convqa/convqa/internal/testenv"
)

func TestInProcess(t *testing.T) {
	r, err := Run(context.Background(), Config{Conversations: 300, Seed: 3})
	if err != nil {
		t.Fatal(err)
	}
	if r.Conversations != 300 || r.Utterances < r.Conversations || r.TextBytes <= 0 {
		t.Fatalf("report %+v", r)
	}
	for name, rt := range map[string]Rate{"normalize": r.Normalize, "rules": r.Rules, "sentiment": r.Sentiment, "scorecard": r.Scorecard, "full": r.Full, "parallel": r.Parallel} {
		if rt.Seconds <= 0 || rt.MBps <= 0 || rt.Conversations <= 0 {
			t.Errorf("%s: %+v", name, rt)
		}
	}
	if r.PeakRSS <= 0 || r.ScorerVersion == "" || r.Ingest.Seconds != 0 {
		t.Errorf("rss %d, version %q, ingest %+v", r.PeakRSS, r.ScorerVersion, r.Ingest)
	}
	var out bytes.Buffer
	if err := r.Write(&out); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"300 conversations", "full scorer", "goal ≥ 20 MB/s per core", "peak RSS", "end to end on the stack: skipped"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("report lacks %q:\n%s", want, out.String())
		}
	}
}

// TestEndToEndIntegration: on the stack, every generated conversation is
// ingested and scored, and the report compares the two rates.
func TestEndToEndIntegration(t *testing.T) {
	db := testenv.ClickHouse(t)
	brokers := testenv.KafkaBrokers(t)
	if db == nil || brokers == nil {
		return
	}
	r, err := Run(context.Background(), Config{Conversations: 300, Seed: 5, ClickHouseAddr: db.Addr, KafkaBrokers: brokers})
	if err != nil {
		t.Fatal(err)
	}
	if r.Messages != r.Conversations || r.Ingest.Conversations <= 0 || r.Score.Conversations <= 0 {
		t.Fatalf("report %+v", r)
	}
	var out bytes.Buffer
	if err := r.Write(&out); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "scoring ÷ ingest:") {
		t.Errorf("no ratio:\n%s", out.String())
	}
}
