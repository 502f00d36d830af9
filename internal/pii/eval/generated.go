package eval

import (
	"context"
	"fmt"

	"github.com/convqa/convqa/internal/pii"
	"github.com/convqa/convqa/internal/synth"
	"github.com/convqa/convqa/internal/transcript"
)

// GenOptions choose the generated conversations to evaluate on.
type GenOptions struct {
	// Conversations is how many conversations to generate; required, > 0.
	Conversations int
	// Seed fixes the conversations: the same seed gives the same text.
	Seed uint64
	// Languages overrides the generator's language shares (keys zh-Hans,
	// zh-Hant, en, mixed); nil keeps its default mix.
	Languages map[string]float64
}

// Generated generates conversations in process and calls fn with every
// utterance and its truth. It fails if the generator's truth does not
// agree with the text it wrote, since a score against such truth would
// mean nothing.
func Generated(ctx context.Context, opts GenOptions, fn func(Case)) error {
	if opts.Conversations <= 0 {
		return fmt.Errorf("generate conversations for the redaction evaluation: conversations must be > 0, got %d", opts.Conversations)
	}
	sc := synth.DefaultScenario()
	sc.Conversations = opts.Conversations
	// One whole, well-formed message per conversation: live and malformed
	// traffic test ingest, not redaction.
	sc.LiveShare, sc.MalformedShare = 0, 0
	if opts.Languages != nil {
		sc.Languages = opts.Languages
	}
	g, err := synth.New(synth.Options{Scenario: sc, Seed: opts.Seed})
	if err != nil {
		return fmt.Errorf("generate conversations for the redaction evaluation: %w", err)
	}
	s := &sink{open: map[string]*synth.Truth{}, fn: fn}
	if _, err := g.Run(ctx, s); err != nil {
		return fmt.Errorf("generate conversations for the redaction evaluation: %w", err)
	}
	if len(s.open) > 0 {
		return fmt.Errorf("generate conversations for the redaction evaluation: %d conversations had truth but no message", len(s.open))
	}
	return nil
}

// sink pairs each conversation's truth with its message, which arrives
// later, once its send time has passed.
type sink struct {
	open map[string]*synth.Truth
	fn   func(Case)
}

func (s *sink) Truth(t *synth.Truth) error {
	// The generator reuses its Truth, so keep a copy of what we need.
	s.open[t.ConversationID] = &synth.Truth{
		ConversationID: t.ConversationID,
		PII:            append([]synth.Span(nil), t.PII...),
		Lookalikes:     append([]synth.Span(nil), t.Lookalikes...),
	}
	return nil
}

func (s *sink) Message(key string, value []byte) error {
	m, err := transcript.Decode(value, transcript.Limits{})
	if err != nil {
		return fmt.Errorf("decode generated message of conversation %s: %w", key, err)
	}
	t := s.open[key]
	if t == nil {
		return fmt.Errorf("message of conversation %s arrived without its truth", key)
	}
	utts := m.Utterances
	if m.Utterance != nil {
		utts = append(utts, *m.Utterance)
	}
	if m.Kind == transcript.KindConversation {
		delete(s.open, key)
	}
	for _, u := range utts {
		c := Case{Text: u.Text}
		rs := []rune(u.Text)
		for _, group := range []struct {
			spans []synth.Span
			dst   *[]Span
		}{{t.PII, &c.Truth}, {t.Lookalikes, &c.Lookalikes}} {
			for _, sp := range group.spans {
				if sp.Seq != u.Seq {
					continue
				}
				if sp.Start < 0 || sp.End > len(rs) || sp.Start >= sp.End || string(rs[sp.Start:sp.End]) != sp.Text {
					return fmt.Errorf("conversation %s utterance %d: truth span %s [%d,%d) %q does not match the text %q", key, u.Seq, sp.Type, sp.Start, sp.End, sp.Text, u.Text)
				}
				*group.dst = append(*group.dst, Span{Type: sp.Type, Start: sp.Start, End: sp.End})
			}
		}
		s.fn(c)
	}
	return nil
}

// EvaluateGenerated scores f on generated conversations, keeping up to
// maxExamples errors per type.
func EvaluateGenerated(ctx context.Context, f *pii.Finder, opts GenOptions, maxExamples int) (*Result, error) {
	r := NewResult(maxExamples)
	err := Generated(ctx, opts, func(c Case) { r.Add(f, c) })
	return r, err
}
