package synth

import (
	"context"
	"testing"
)

type countSink struct{ n, bytes int }

func (s *countSink) Truth(*Truth) error { return nil }
func (s *countSink) Message(_ string, v []byte) error {
	s.n++
	s.bytes += len(v)
	return nil
}

// BenchmarkGenerate reports conversations per second of the default mix,
// messages encoded but not written anywhere.
func BenchmarkGenerate(b *testing.B) {
	const n = 10000
	g, err := New(Options{Scenario: small(n), Seed: 1})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	var s countSink
	for b.Loop() {
		s = countSink{}
		if _, err := g.Run(context.Background(), &s); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "conversations/s")
	b.ReportMetric(float64(s.bytes)/n, "bytes/conversation")
}
