package synth

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"testing"

	"github.com/convqa/convqa/internal/transcript"
)

// memSink keeps everything a run produces.
type memSink struct {
	truths []Truth
	keys   []string
	values [][]byte
}

func (s *memSink) Truth(t *Truth) error {
	s.truths = append(s.truths, *t)
	return nil
}

func (s *memSink) Message(key string, value []byte) error {
	s.keys = append(s.keys, key)
	s.values = append(s.values, bytes.Clone(value))
	return nil
}

func generate(t testing.TB, sc Scenario, seed uint64) (*memSink, Events) {
	t.Helper()
	g, err := New(Options{Scenario: sc, Seed: seed})
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	s := &memSink{}
	ev, err := g.Run(context.Background(), s)
	if err != nil {
		t.Fatalf("Run: %v", err)
	}
	return s, ev
}

// small returns the default scenario cut to n conversations.
func small(n int) Scenario {
	sc := DefaultScenario()
	sc.Conversations = n
	return sc
}

func TestBuiltinData(t *testing.T) {
	if _, err := newCatalog(defaultCatalog()); err != nil {
		t.Fatal(err)
	}
	books, err := builtinBooks()
	if err != nil {
		t.Fatal(err)
	}
	for lang, b := range books {
		for _, k := range requiredKeys() {
			if len(b.byKey[k][varPlain]) == 0 {
				t.Errorf("%s: no templates for %s", langID(lang), k)
			}
		}
	}
}

func TestDeterminism(t *testing.T) {
	sc := small(1500)
	sc.LiveShare, sc.MalformedShare = 0.2, 0.02
	a, evA := generate(t, sc, 42)
	b, evB := generate(t, sc, 42)
	c, _ := generate(t, sc, 43)
	if !bytes.Equal(joinLines(a.values), joinLines(b.values)) {
		t.Fatal("same seed gave different messages")
	}
	ta, _ := json.Marshal(a.truths)
	tb, _ := json.Marshal(b.truths)
	if !bytes.Equal(ta, tb) {
		t.Fatal("same seed gave different truth")
	}
	ea, _ := json.Marshal(evA)
	eb, _ := json.Marshal(evB)
	if !bytes.Equal(ea, eb) {
		t.Fatal("same seed gave different events")
	}
	if bytes.Equal(joinLines(a.values), joinLines(c.values)) {
		t.Fatal("different seeds gave the same output")
	}
}

func joinLines(vs [][]byte) []byte { return bytes.Join(vs, []byte("\n")) }

// TestMessagesValid decodes every generated message with the contract's
// decoder: valid conversations must pass, malformed ones must fail with
// exactly the class the truth records.
func TestMessagesValid(t *testing.T) {
	for _, tc := range []struct {
		name            string
		live, malformed float64
	}{
		{"batch", 0, 0},
		{"live", 0.5, 0},
		{"malformed", 0.2, 0.1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			sc := small(3000)
			sc.LiveShare, sc.MalformedShare = tc.live, tc.malformed
			s, _ := generate(t, sc, 7)
			bad := map[string]string{}
			for _, tr := range s.truths {
				if tr.Malformed != "" {
					bad[tr.ConversationID] = tr.Malformed
				}
			}
			seen := map[transcript.Class]int{}
			lastSent := map[string]string{}
			for i, v := range s.values {
				key := s.keys[i]
				m, err := transcript.Decode(v, transcript.Limits{})
				if want, ok := bad[key]; ok {
					got := transcript.ClassOf(err)
					if string(got) != want {
						t.Fatalf("message %d of %s: want class %s, got %v", i, key, want, err)
					}
					seen[got]++
					continue
				}
				if err != nil {
					t.Fatalf("message %d (%s) invalid: %v\n%s", i, key, err, v)
				}
				if m.ConversationID != key {
					t.Fatalf("message %d: key %q, conversation_id %q", i, key, m.ConversationID)
				}
				if m.Kind == transcript.KindConversation && m.Status == transcript.StatusClosed && len(m.Utterances) == 0 {
					lastSent[key] = "closed"
				} else if m.Kind == transcript.KindUtterance && lastSent[key] == "closed" {
					t.Fatalf("%s: utterance after the closing message", key)
				}
			}
			if tc.malformed > 0 && len(seen) < 8 {
				t.Errorf("only %d malformed classes in %d malformed messages: %v", len(seen), len(bad), seen)
			}
		})
	}
}

func TestTruthConsistent(t *testing.T) {
	sc := small(3000)
	sc.LiveShare = 0.3
	s, _ := generate(t, sc, 11)
	msgs := map[string]*transcript.Message{}
	for _, v := range s.values {
		m, err := transcript.Decode(v, transcript.Limits{})
		if err != nil {
			t.Fatal(err)
		}
		switch {
		case m.Kind == transcript.KindConversation && len(m.Utterances) > 0:
			msgs[m.ConversationID] = m
		case m.Kind == transcript.KindUtterance:
			if msgs[m.ConversationID] == nil {
				msgs[m.ConversationID] = &transcript.Message{}
			}
			msgs[m.ConversationID].Utterances = append(msgs[m.ConversationID].Utterances, *m.Utterance)
		}
	}
	for _, tr := range s.truths {
		m := msgs[tr.ConversationID]
		if m == nil {
			t.Fatalf("%s: no messages", tr.ConversationID)
		}
		bySeq := map[int]transcript.Utterance{}
		for _, u := range m.Utterances {
			bySeq[u.Seq] = u
		}
		for _, h := range tr.Violations {
			u, ok := bySeq[h.Seq]
			if !ok || (u.Speaker != transcript.SpeakerAgent && u.Speaker != transcript.SpeakerBot) {
				t.Fatalf("%s: violation %s at seq %d, which is %+v", tr.ConversationID, h.ID, h.Seq, u)
			}
		}
		for _, ct := range tr.CustomerTurns {
			if bySeq[ct.Seq].Speaker != transcript.SpeakerCustomer {
				t.Fatalf("%s: customer turn %d is spoken by %s", tr.ConversationID, ct.Seq, bySeq[ct.Seq].Speaker)
			}
		}
		for _, sp := range append(append([]Span(nil), tr.PII...), tr.Lookalikes...) {
			rs := []rune(bySeq[sp.Seq].Text)
			if sp.End > len(rs) || string(rs[sp.Start:sp.End]) != sp.Text {
				t.Fatalf("%s: span %+v does not point at its text in %q", tr.ConversationID, sp, string(rs))
			}
		}
	}
}

func TestRunCancelled(t *testing.T) {
	g, err := New(Options{Scenario: small(5000), Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := g.Run(ctx, &memSink{}); !errors.Is(err, context.Canceled) {
		t.Fatalf("want context.Canceled, got %v", err)
	}
}

// TestChannelStyle checks what each channel looks like: calls have
// durations and no emoji, chat and e-mail messages are instants, e-mails
// are multi-line, bot conversations open with the bot.
func TestChannelStyle(t *testing.T) {
	s, _ := generate(t, small(2000), 17)
	for _, v := range s.values {
		m, err := transcript.Decode(v, transcript.Limits{})
		if err != nil {
			t.Fatal(err)
		}
		for i, u := range m.Utterances {
			switch m.Channel {
			case transcript.ChannelVoice:
				if u.EndMS <= u.StartMS {
					t.Fatalf("%s: call turn %d has no duration", m.ConversationID, u.Seq)
				}
				for _, r := range u.Text {
					if r >= 0x1F300 {
						t.Fatalf("%s: emoji in a call transcript: %q", m.ConversationID, u.Text)
					}
				}
			case transcript.ChannelEmail:
				if i == 0 && !bytes.Contains([]byte(u.Text), []byte("\n")) {
					t.Fatalf("%s: one-line e-mail %q", m.ConversationID, u.Text)
				}
			case transcript.ChannelBot:
				if i == 0 && u.Speaker != transcript.SpeakerBot {
					t.Fatalf("%s: bot conversation opened by %s", m.ConversationID, u.Speaker)
				}
			}
			if m.Channel != transcript.ChannelVoice && u.EndMS != u.StartMS {
				t.Fatalf("%s: %s message with a duration", m.ConversationID, m.Channel)
			}
		}
	}
}
