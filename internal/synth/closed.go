package synth

import (
	"context"
	"fmt"

	"github.com/convqa/convqa/internal/transcript"
)

// ClosedConversation is one generated conversation, sent whole: its Kafka
// key and value, and the value decoded.
type ClosedConversation struct {
	Key   string
	Value []byte
	Msg   *transcript.Message
}

// Closed generates n conversations of the default scenario's mix
// (zh-Hans, zh-Hant, English, mixed; chat, voice, e-mail, bot) from seed,
// each sent whole and closed: nothing live, nothing malformed. It is what
// the scorer's benchmarks and the scoring job's tests feed it. The texts
// still hold the generated personal data; callers redact them as ingest
// does (pii.Finder.RedactUtterances) when they stand for stored text.
func Closed(ctx context.Context, seed uint64, n int) ([]ClosedConversation, error) {
	sc := DefaultScenario()
	sc.Conversations = n
	sc.LiveShare, sc.MalformedShare = 0, 0
	g, err := New(Options{Scenario: sc, Seed: seed})
	if err != nil {
		return nil, err
	}
	s := &closedSink{}
	if _, err := g.Run(ctx, s); err != nil {
		return nil, fmt.Errorf("generate %d closed conversations: %w", n, err)
	}
	return s.out, nil
}

type closedSink struct{ out []ClosedConversation }

func (s *closedSink) Truth(*Truth) error { return nil }

func (s *closedSink) Message(key string, value []byte) error {
	m, err := transcript.Decode(value, transcript.Limits{})
	if err != nil {
		return fmt.Errorf("generated message %s: %w", key, err)
	}
	if m.Kind == transcript.KindConversation && len(m.Utterances) > 0 {
		s.out = append(s.out, ClosedConversation{Key: key, Value: append([]byte(nil), value...), Msg: m})
	}
	return nil
}
