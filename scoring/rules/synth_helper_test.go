package rules

import (
	"context"
	"sync"
	"testing"

	"github.com/convqa/convqa/internal/synth"
	"github.com/convqa/convqa/internal/transcript"
)

// synthConv is a generated conversation with its ground truth.
type synthConv struct {
	msg   *transcript.Message
	truth synth.Truth
}

type synthSink struct {
	truths map[string]synth.Truth
	convs  []synthConv
	err    error
}

func (s *synthSink) Truth(t *synth.Truth) error {
	s.truths[t.ConversationID] = *t
	return nil
}

func (s *synthSink) Message(key string, value []byte) error {
	m, err := transcript.Decode(value, transcript.Limits{})
	if err != nil {
		return err
	}
	s.convs = append(s.convs, synthConv{msg: m, truth: s.truths[key]})
	return nil
}

var synthCache sync.Map // n → []synthConv

// synthConversations generates n conversations of the default scenario
// (whole transcripts, none malformed), the same for a given n.
func synthConversations(tb testing.TB, n int) []synthConv {
	tb.Helper()
	if v, ok := synthCache.Load(n); ok {
		return v.([]synthConv)
	}
	sc := synth.DefaultScenario()
	sc.Conversations = n
	sc.LiveShare, sc.MalformedShare = 0, 0
	g, err := synth.New(synth.Options{Scenario: sc, Seed: 7})
	if err != nil {
		tb.Fatal(err)
	}
	sink := &synthSink{truths: map[string]synth.Truth{}}
	if _, err := g.Run(context.Background(), sink); err != nil {
		tb.Fatal(err)
	}
	synthCache.Store(n, sink.convs)
	return sink.convs
}

func loadPack(tb testing.TB) *Set {
	tb.Helper()
	s, err := LoadFiles("testdata/pack")
	if err != nil {
		tb.Fatal(err)
	}
	return s
}
