package job

import (
	"bytes"
	"log/slog"
	"strings"
	"testing"
	"time"
)

func TestProgressRateAndETA(t *testing.T) {
	t0 := time.Date(2024, 5, 1, 0, 0, 0, 0, time.UTC)
	now := t0
	var buf bytes.Buffer
	var notified []Progress
	var pending int64
	p := &progress{log: slog.New(slog.NewTextHandler(&buf, nil)), now: func() time.Time { return now }, start: t0,
		notify: func(p Progress) { notified = append(notified, p) }, onChange: func(n int64) { pending = n }}
	p.setTotal(100)

	now = t0.Add(10 * time.Second)
	p.batchDone("acme", 18, 2)
	want := Progress{Tenant: "acme", Done: 18, Failed: 2, Total: 100, Elapsed: 10 * time.Second, Rate: 2, ETA: 40 * time.Second}
	if len(notified) != 1 || notified[0] != want {
		t.Fatalf("notified %+v, want %+v", notified, want)
	}
	if pending != 80 {
		t.Errorf("pending gauge %d, want 80", pending)
	}

	// Conversations scored but not yet written count toward the rate.
	for range 10 {
		p.scoredOne()
	}
	now = t0.Add(15 * time.Second)
	p.logNow("scoring progress")
	for _, kv := range []string{"tenant=acme", "done=18", "failed=2", "in_batch=10", "total=100", "rate_per_s=2", "eta=35s", "elapsed=15s"} {
		if !strings.Contains(buf.String(), kv) {
			t.Errorf("log %q lacks %s", buf.String(), kv)
		}
	}

	// More done than the total counted at the start: the total grows.
	p.batchDone("acme", 200, 0)
	if got := notified[len(notified)-1]; got.Total != 220 || got.ETA != 0 || got.Pending != 0 {
		t.Errorf("after passing the total: %+v", got)
	}
}
