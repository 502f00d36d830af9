package rules

import (
	"strings"
	"testing"
	"testing/fstest"
	"unicode/utf8"

	"github.com/convqa/convqa/internal/transcript"
)

// mustLoad loads one rule file given as text, named a.yaml.
func mustLoad(t testing.TB, yaml string) *Set {
	t.Helper()
	s, err := LoadFS(fstest.MapFS{"a.yaml": {Data: []byte(yaml)}})
	if err != nil {
		t.Fatalf("load: %v", err)
	}
	return s
}

// rulesYAML wraps rules (YAML list items, indented by two spaces) in a
// file with version "v1".
func rulesYAML(items string) string {
	return "version: v1\nrules:\n" + items
}

// turn is a compact utterance for tests: speaker initial, text, start
// second; end = start unless given.
type turn struct {
	sp    string
	text  string
	at    float64
	until float64
}

var speakerOf = map[string]transcript.Speaker{
	"a": transcript.SpeakerAgent, "c": transcript.SpeakerCustomer,
	"b": transcript.SpeakerBot, "s": transcript.SpeakerSystem,
}

// conv builds a conversation on channel ch with seqs 1, 2, ….
func conv(ch transcript.Channel, turns ...turn) *transcript.Message {
	m := &transcript.Message{Schema: transcript.SchemaV1, Kind: transcript.KindConversation, ConversationID: "c1", Tenant: "t", Channel: ch}
	for i, tu := range turns {
		end := tu.until
		if end < tu.at {
			end = tu.at
		}
		m.Utterances = append(m.Utterances, transcript.Utterance{
			Seq: i + 1, Speaker: speakerOf[tu.sp], Text: tu.text,
			StartMS: int64(tu.at * 1000), EndMS: int64(end * 1000),
		})
	}
	return m
}

// chat builds a chat conversation from "a: text" lines, one second apart.
func chat(lines ...string) *transcript.Message {
	var ts []turn
	for i, l := range lines {
		sp, text, _ := strings.Cut(l, ": ")
		ts = append(ts, turn{sp: sp, text: text, at: float64(i)})
	}
	return conv(transcript.ChannelChat, ts...)
}

// outcome evaluates m and returns the outcome of rule id, checking every
// hit's span against the utterance text.
func outcome(t testing.TB, s *Set, m *transcript.Message, id string) Outcome {
	t.Helper()
	for _, o := range s.Evaluate(m) {
		if o.RuleID == id {
			for _, h := range o.Hits {
				checkSpan(t, m, h)
			}
			return o
		}
	}
	t.Fatalf("no outcome for rule %s", id)
	return Outcome{}
}

// checkSpan checks that a hit's rune offsets lie within its utterance's
// original text and that Matched is the text at those offsets.
func checkSpan(t testing.TB, m *transcript.Message, h Hit) {
	t.Helper()
	if h.Seq == -1 {
		if h.Start != 0 || h.End != 0 || h.Matched != "" {
			t.Errorf("conversation-level hit %+v has a span", h)
		}
		return
	}
	for _, u := range m.Utterances {
		if u.Seq != h.Seq {
			continue
		}
		got, ok := runeSlice(u.Text, h.Start, h.End)
		if !ok {
			t.Errorf("hit %+v: span outside %q (%d characters)", h, u.Text, utf8.RuneCountInString(u.Text))
			return
		}
		if got != h.Matched {
			t.Errorf("hit %+v: text at [%d, %d) is %q, Matched %q", h, h.Start, h.End, got, h.Matched)
		}
		if h.Speaker != u.Speaker {
			t.Errorf("hit %+v: speaker %q, utterance's %q", h, h.Speaker, u.Speaker)
		}
		return
	}
	t.Errorf("hit %+v: no utterance with seq %d", h, h.Seq)
}

// runeSlice returns s[start:end] in characters, an invalid byte counting
// as one, as textnorm counts them.
func runeSlice(s string, start, end int) (string, bool) {
	if start < 0 || end < start {
		return "", false
	}
	bs, be, n := -1, -1, 0
	for i := 0; ; {
		if n == start {
			bs = i
		}
		if n == end {
			be = i
			break
		}
		if i >= len(s) {
			break
		}
		_, size := utf8.DecodeRuneInString(s[i:])
		i += size
		n++
	}
	if bs < 0 || be < 0 {
		return "", false
	}
	return s[bs:be], true
}

// seqs lists the seqs of a hit list.
func seqs(hs []Hit) []int {
	out := make([]int, len(hs))
	for i, h := range hs {
		out[i] = h.Seq
	}
	return out
}

// matched lists the Matched of a hit list.
func matched(hs []Hit) []string {
	out := make([]string, len(hs))
	for i, h := range hs {
		out[i] = h.Matched
	}
	return out
}
