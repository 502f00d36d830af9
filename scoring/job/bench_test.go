package job

import (
	"context"
	"testing"
	"time"

	"github.com/apache/arrow/go/v17/arrow/memory"

	"github.com/convqa/convqa/internal/pii"
	"github.com/convqa/convqa/internal/synth"
)

// genScored generates n closed conversations of the default mix, redacted
// as ingest stores them, and scores them with the shipped scorer.
func genScored(b *testing.B, n int) []scored {
	b.Helper()
	convs, err := synth.Closed(context.Background(), 7, n)
	if err != nil {
		b.Fatal(err)
	}
	f, err := pii.NewFinder()
	if err != nil {
		b.Fatal(err)
	}
	e := defaultEngine(b)
	out := make([]scored, 0, len(convs))
	for _, c := range convs {
		f.RedactUtterances(c.Msg.Utterances)
		res, err := e.Score(c.Msg)
		if err != nil {
			b.Fatal(err)
		}
		out = append(out, scored{msg: c.Msg, res: res})
	}
	return out
}

// BenchmarkWriteRecords is the client side of a batch's write without the
// network: results → the rule_hits and scores records → the Go columns
// clickhouse-go takes. One op is one batch of DefaultBatchSize results.
func BenchmarkWriteRecords(b *testing.B) {
	results := genScored(b, DefaultBatchSize)
	hits := 0
	for _, s := range results {
		hits += len(s.res.Hits)
	}
	now := time.Now()
	b.ReportAllocs()
	for b.Loop() {
		h, s := resultRecords(memory.DefaultAllocator, "v", 1, now, results)
		for i := range h.NumCols() {
			if _, err := goColumn(h.Column(int(i))); err != nil {
				b.Fatal(err)
			}
		}
		for i := range s.NumCols() {
			if _, err := goColumn(s.Column(int(i))); err != nil {
				b.Fatal(err)
			}
		}
		h.Release()
		s.Release()
	}
	b.ReportMetric(float64(len(results)*b.N)/b.Elapsed().Seconds(), "conversations/s")
	b.ReportMetric(float64(hits*b.N)/b.Elapsed().Seconds(), "hits/s")
}
