// Package eval measures a compliance rule set against the generator's
// ground truth: it generates conversations (internal/synth, seeded),
// judges each with the rules twice, on the raw text and on the text as
// ingest stores it (personal data replaced by [CARD], [ID], [PHONE] and
// [EMAIL] by internal/pii, as ingest's default redaction does), and counts
// per rule the conversations the truth and the verdict agree on, the
// tempting non-violations a rule took for breaches, and how often the
// rules without a truth fire.
package eval

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/convqa/convqa/internal/pii"
	"github.com/convqa/convqa/internal/synth"
	"github.com/convqa/convqa/internal/transcript"
	"github.com/convqa/convqa/scoring/rules"
)

// Config chooses the generated conversations.
type Config struct {
	// Conversations is how many to generate; required, > 0.
	Conversations int
	// Seed makes the conversations: the same seed, the same text.
	Seed uint64
	// Languages, when set, replaces the generator's language shares (keys
	// zh-Hans, zh-Hant, en, mixed).
	Languages map[string]float64
	// Violations, when set, overrides the chance of each rule being
	// broken where it can be (keys: synth.AllRules), e.g. to see rare
	// rules often in a small sample.
	Violations map[string]float64
	// Redact lists the PII types redacted for the "redacted" pass, as
	// ingest.redact does; empty means every type (ingest's default).
	Redact []string
	// Examples is how many misses and false alarms to keep per rule, and
	// flagged cases per tempting kind. Default 0.
	Examples int
}

// Modes of a run: the text the generator wrote, and the text ingest
// stores.
const (
	ModeRaw      = "raw"
	ModeRedacted = "redacted"
)

// Report is the outcome of Evaluate.
type Report struct {
	Config        Config
	SetVersion    string
	Conversations int
	// Raw and Redacted are the tallies of the two passes.
	Raw, Redacted *Tally
}

// Evaluate generates cfg.Conversations conversations and judges each by
// set, on raw and on redacted text.
func Evaluate(ctx context.Context, set *rules.Set, cfg Config) (*Report, error) {
	if cfg.Conversations <= 0 {
		return nil, fmt.Errorf("evaluate rules: conversations must be > 0, got %d", cfg.Conversations)
	}
	if cfg.Examples < 0 {
		return nil, fmt.Errorf("evaluate rules: examples must be ≥ 0, got %d", cfg.Examples)
	}
	finder, err := pii.NewFinder(cfg.Redact...)
	if err != nil {
		return nil, fmt.Errorf("evaluate rules: redaction: %w", err)
	}
	sc := synth.DefaultScenario()
	sc.Conversations = cfg.Conversations
	sc.LiveShare, sc.MalformedShare = 0, 0
	if cfg.Languages != nil {
		sc.Languages = cfg.Languages
	}
	if cfg.Violations != nil {
		sc.Violations = cfg.Violations
	}
	g, err := synth.New(synth.Options{Scenario: sc, Seed: cfg.Seed})
	if err != nil {
		return nil, fmt.Errorf("evaluate rules: generate conversations: %w", err)
	}
	infos := set.Rules()
	r := &Report{Config: cfg, SetVersion: set.Version(), Raw: NewTally(infos, cfg.Examples), Redacted: NewTally(infos, cfg.Examples)}
	sink := synth.Paired(func(t *synth.Truth, m *transcript.Message) error {
		r.Conversations++
		r.Raw.Add(t, set.Evaluate(m), textOf(m))
		red := Redact(finder, m)
		r.Redacted.Add(t, set.Evaluate(red), textOf(red))
		return nil
	})
	if _, err := g.Run(ctx, sink); err != nil {
		return nil, fmt.Errorf("evaluate rules: generate conversations: %w", err)
	}
	if n := sink.Pending(); n > 0 {
		return nil, fmt.Errorf("evaluate rules: %d conversations had a truth but no message", n)
	}
	return r, nil
}

// Redact returns a copy of m whose utterances are redacted by f the way
// ingest redacts them before they are stored.
func Redact(f *pii.Finder, m *transcript.Message) *transcript.Message {
	cp := *m
	cp.Utterances = slices.Clone(m.Utterances)
	f.RedactUtterances(cp.Utterances)
	return &cp
}

// textOf returns the example text of utterance seq of m: "seq speaker:
// text", or every utterance for -1.
func textOf(m *transcript.Message) func(int) string {
	line := func(u *transcript.Utterance) string {
		return fmt.Sprintf("%d %s: %s", u.Seq, u.Speaker, strings.ReplaceAll(u.Text, "\n", "⏎"))
	}
	return func(seq int) string {
		if seq < 0 {
			var b strings.Builder
			for i := range m.Utterances {
				if i > 0 {
					b.WriteString("\n      ")
				}
				b.WriteString(line(&m.Utterances[i]))
			}
			return b.String()
		}
		for i := range m.Utterances {
			if m.Utterances[i].Seq == seq {
				return line(&m.Utterances[i])
			}
		}
		return fmt.Sprintf("%d: (no such utterance)", seq)
	}
}
