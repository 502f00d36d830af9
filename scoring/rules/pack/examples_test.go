package pack

import (
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/convqa/convqa/internal/textnorm"
	"github.com/convqa/convqa/internal/transcript"
	"github.com/convqa/convqa/scoring/rules"
)

// ex is a small conversation for one rule. Turns read "a: text" (agent),
// "b: " (bot), "c: " (customer) or "s: " (system); a leading "+90s ",
// "+5m " or "+30h " sets the gap before the turn (default: 3 s, 1 s on
// calls, 4 h in e-mail).
type ex struct {
	lang    string // zh-Hans, zh-Hant or en
	channel transcript.Channel
	turns   []string
}

func zhs(turns ...string) ex {
	return ex{lang: "zh-Hans", channel: transcript.ChannelChat, turns: turns}
}
func zht(turns ...string) ex {
	return ex{lang: "zh-Hant", channel: transcript.ChannelChat, turns: turns}
}
func en(turns ...string) ex { return ex{lang: "en", channel: transcript.ChannelChat, turns: turns} }

func (e ex) on(ch transcript.Channel) ex { e.channel = ch; return e }

// message builds the conversation as a contract-v1 message.
func (e ex) message(t *testing.T) *transcript.Message {
	t.Helper()
	gap, dur := int64(3000), int64(0)
	switch e.channel {
	case transcript.ChannelVoice:
		gap, dur = 1000, 2000
	case transcript.ChannelEmail:
		gap = 4 * 3600 * 1000
	}
	start := time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)
	m := &transcript.Message{
		Schema: transcript.SchemaV1, Kind: transcript.KindConversation, ConversationID: "example",
		Tenant: "test", Channel: e.channel, Language: transcript.Language(e.lang), StartedAt: &start,
	}
	var clock int64
	for i, turn := range e.turns {
		g := gap
		if strings.HasPrefix(turn, "+") {
			spec, rest, _ := strings.Cut(turn[1:], " ")
			d, err := time.ParseDuration(spec)
			if err != nil {
				t.Fatalf("turn %q: gap %q: %v", turn, spec, err)
			}
			g, turn = d.Milliseconds(), rest
		}
		who, text, ok := strings.Cut(turn, ": ")
		sp := map[string]transcript.Speaker{"a": transcript.SpeakerAgent, "b": transcript.SpeakerBot, "c": transcript.SpeakerCustomer, "s": transcript.SpeakerSystem}[who]
		if !ok || sp == "" {
			t.Fatalf("turn %q: want \"a: \", \"b: \", \"c: \" or \"s: \" before the text", turn)
		}
		if i > 0 {
			clock += g
		}
		m.Utterances = append(m.Utterances, transcript.Utterance{Seq: i + 1, Speaker: sp, Text: text, StartMS: clock, EndMS: clock + dur})
		clock += dur
	}
	return m
}

func (e ex) String() string {
	return fmt.Sprintf("[%s %s] %s", e.lang, e.channel, strings.Join(e.turns, " | "))
}

// allExamples merges the example tables.
func allExamples(t *testing.T) map[string]cases {
	t.Helper()
	out := map[string]cases{}
	for _, table := range []map[string]cases{examplesOpeningToResolution, examplesComplianceToTiming} {
		for id, c := range table {
			if _, dup := out[id]; dup {
				t.Errorf("examples for %s in two tables", id)
			}
			out[id] = c
		}
	}
	return out
}

// TestExamples judges every example with the whole pack: each rule fails
// where it must and stays quiet where it must not.
func TestExamples(t *testing.T) {
	s := loadPack(t)
	examples := allExamples(t)
	for _, in := range s.Rules() {
		t.Run(in.ID, func(t *testing.T) {
			cases, ok := examples[in.ID]
			if !ok {
				t.Fatalf("no examples for rule %s (%s:%d): add at least 3 that fire and 3 that must not, in zh-Hans, zh-Hant and en", in.ID, in.File, in.Line)
			}
			for _, set := range []struct {
				name string
				exs  []ex
			}{{"fire", cases.fire}, {"quiet", cases.quiet}} {
				if len(set.exs) < 3 {
					t.Errorf("%d %s examples, want at least 3", len(set.exs), set.name)
				}
				langs := map[string]bool{}
				for _, e := range set.exs {
					langs[e.lang] = true
				}
				for _, l := range []string{"zh-Hans", "zh-Hant", "en"} {
					if !langs[l] {
						t.Errorf("no %s example in %s", l, set.name)
					}
				}
			}
			for _, e := range cases.fire {
				if o := outcome(t, s, e, in.ID); o.Status != rules.Fail {
					t.Errorf("must fail, got %s: %s", o.Status, e)
				}
			}
			for _, e := range cases.quiet {
				if o := outcome(t, s, e, in.ID); o.Status == rules.Fail {
					t.Errorf("must not fail, but did with %s: %s", hits(o), e)
				}
			}
		})
	}
	for id := range examples {
		if _, ok := s.Rule(id); !ok {
			t.Errorf("examples for %s, which the pack does not have", id)
		}
	}
}

func outcome(t *testing.T, s *rules.Set, e ex, id string) rules.Outcome {
	t.Helper()
	for _, o := range s.Evaluate(e.message(t)) {
		if o.RuleID == id {
			return o
		}
	}
	t.Fatalf("no outcome for %s", id)
	return rules.Outcome{}
}

func hits(o rules.Outcome) string {
	var parts []string
	for _, h := range o.Hits {
		parts = append(parts, strconv.Itoa(h.Seq)+":"+strconv.Quote(h.Matched))
	}
	return strings.Join(parts, ", ")
}

// TestTraditionalExamples: a zh-Hant example is written in Traditional
// characters (normalization changes some Han character of it), so the
// table tests the Traditional path, not Simplified text under another
// label.
func TestTraditionalExamples(t *testing.T) {
	n, err := textnorm.New(textnorm.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for id, cases := range allExamples(t) {
		for _, e := range append(append([]ex(nil), cases.fire...), cases.quiet...) {
			if e.lang != "zh-Hant" {
				continue
			}
			text := strings.Join(e.turns, "\n")
			orig, norm := []rune(text), []rune(n.Normalize(text).Norm)
			changed := false
			for i := range orig {
				if i < len(norm) && unicode.Is(unicode.Han, orig[i]) && orig[i] != norm[i] {
					changed = true
					break
				}
			}
			if !changed {
				t.Errorf("%s: zh-Hant example has no Traditional character: %s", id, e)
			}
		}
	}
}
