package textnorm

import (
	"context"
	"sync"
	"testing"

	"github.com/convqa/convqa/internal/pii"
	"github.com/convqa/convqa/internal/synth"
	"github.com/convqa/convqa/internal/transcript"
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
		sc := synth.DefaultScenario()
		sc.Conversations = 1000
		sc.LiveShare, sc.MalformedShare = 0, 0
		g, err := synth.New(synth.Options{Scenario: sc, Seed: 7})
		if err != nil {
			generated.err = err
			return
		}
		s := &utteranceSink{}
		if _, err := g.Run(context.Background(), s); err != nil {
			generated.err = err
			return
		}
		f, err := pii.NewFinder()
		if err != nil {
			generated.err = err
			return
		}
		for i := range s.texts {
			s.texts[i], _ = f.Redact(s.texts[i])
		}
		generated.texts = s.texts
	})
	if generated.err != nil {
		tb.Fatalf("generate utterances: %v", generated.err)
	}
	return generated.texts
}

type utteranceSink struct{ texts []string }

func (s *utteranceSink) Truth(*synth.Truth) error { return nil }

func (s *utteranceSink) Message(_ string, v []byte) error {
	m, err := transcript.Decode(v, transcript.Limits{})
	if err != nil {
		return err // the scenario asks for no malformed messages
	}
	if m.Kind == transcript.KindConversation {
		for _, u := range m.Utterances {
			s.texts = append(s.texts, u.Text)
		}
	}
	return nil
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
