package synth

import (
	"fmt"

	"github.com/convqa/convqa/internal/transcript"
)

// Clone copies t, slices included: the generator may reuse a Truth's
// memory once its Sink has returned.
func (t *Truth) Clone() *Truth {
	cp := *t
	cp.Topics = append([]string(nil), t.Topics...)
	cp.Violations = append([]Hit(nil), t.Violations...)
	cp.Tempting = append([]Hit(nil), t.Tempting...)
	cp.CustomerTurns = append([]CustomerTurn(nil), t.CustomerTurns...)
	cp.PII = append([]Span(nil), t.PII...)
	cp.Lookalikes = append([]Span(nil), t.Lookalikes...)
	return &cp
}

// Paired is a Sink for evaluations: it decodes every generated message
// and calls fn with it and its conversation's truth. The generator sends a
// conversation's truth before its message; a message without one, or one
// that does not decode, is an error (Paired is for well-formed scenarios:
// MalformedShare 0, LiveShare 0).
func Paired(fn func(*Truth, *transcript.Message) error) *PairedSink {
	return &PairedSink{open: map[string]*Truth{}, fn: fn}
}

// PairedSink is the Sink Paired returns.
type PairedSink struct {
	open map[string]*Truth
	fn   func(*Truth, *transcript.Message) error
}

func (s *PairedSink) Truth(t *Truth) error {
	s.open[t.ConversationID] = t.Clone()
	return nil
}

func (s *PairedSink) Message(key string, value []byte) error {
	m, err := transcript.Decode(value, transcript.Limits{})
	if err != nil {
		return fmt.Errorf("decode generated message of conversation %s: %w", key, err)
	}
	t, ok := s.open[key]
	if !ok {
		return fmt.Errorf("message of conversation %s arrived without its truth", key)
	}
	delete(s.open, key)
	return s.fn(t, m)
}

// Pending counts the truths whose message has not come: after a run, a
// conversation the generator described but never sent.
func (s *PairedSink) Pending() int { return len(s.open) }
