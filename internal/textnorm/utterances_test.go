package textnorm

import (
	"context"
	"sync"
	"testing"

	"github.com/convqa/convqa/internal/pii"
	"github.com/convqa/convqa/internal/synth"
)

// generated holds the utterances of scoring/qa's benchmark corpus: 1,000
// generated conversations of the default mix (short zh-Hans, zh-Hant,
// English and mixed turns), redacted as ingest stores them.
var generated struct {
	once  sync.Once
	texts []string
	err   error
}

func utterances(tb testing.TB) []string {
	tb.Helper()
	generated.once.Do(func() {
		convs, err := synth.Closed(context.Background(), 7, 1000)
		if err != nil {
			generated.err = err
			return
		}
		f, err := pii.NewFinder()
		if err != nil {
			generated.err = err
			return
		}
		for _, c := range convs {
			f.RedactUtterances(c.Msg.Utterances)
			for _, u := range c.Msg.Utterances {
				generated.texts = append(generated.texts, u.Text)
			}
		}
	})
	if generated.err != nil {
		tb.Fatalf("generate utterances: %v", generated.err)
	}
	return generated.texts
}

// BenchmarkNormalizeUtterances normalizes the utterances the scorer's
// benchmark normalizes, one at a time; MB/s is over the input bytes.
func BenchmarkNormalizeUtterances(b *testing.B) {
	n, err := New(Options{})
	if err != nil {
		b.Fatal(err)
	}
	texts := utterances(b)
	var size int64
	for _, t := range texts {
		size += int64(len(t))
	}
	b.SetBytes(size)
	b.ReportAllocs()
	for b.Loop() {
		for _, t := range texts {
			n.Normalize(t)
		}
	}
}
