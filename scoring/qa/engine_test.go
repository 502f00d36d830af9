package qa

import (
	"errors"
	"io/fs"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"github.com/convqa/convqa/internal/transcript"
	"github.com/convqa/convqa/scoring/rules"
	"github.com/convqa/convqa/scoring/rules/pack"
	"github.com/convqa/convqa/scoring/scorecard"
	"github.com/convqa/convqa/scoring/sentiment"
)

// The default engine is built once for the package's tests: it is
// immutable, and building it takes a while.
var defaultEngine = sync.OnceValues(Default)

func engine(t testing.TB) *Engine {
	t.Helper()
	e, err := defaultEngine()
	if err != nil {
		t.Fatalf("Default: %v", err)
	}
	return e
}

func TestDefault(t *testing.T) {
	e := engine(t)
	if w := e.Warnings(); len(w) != 0 {
		t.Errorf("the shipped scorecard and rules disagree:\n%s", strings.Join(w, "\n"))
	}
	v := e.Versions()
	if v.Rules == "" || v.Scorecard == "" || v.Sentiment == "" || v.Semantics != Semantics {
		t.Errorf("versions %+v", v)
	}
	if len(e.Version()) != 16 || strings.Trim(e.Version(), "0123456789abcdef") != "" {
		t.Errorf("version %q: want 16 hex digits", e.Version())
	}
	// Every rule of the pack feeds a criterion of the scorecard: a rule
	// that feeds nothing would never move a score.
	graded := map[string]bool{}
	for _, id := range e.card.RuleIDs() {
		graded[id] = true
	}
	for _, r := range e.rules.Rules() {
		if !graded[r.ID] {
			t.Errorf("rule %s (%s:%d) is graded by no criterion", r.ID, r.File, r.Line)
		}
	}
}

func TestScoreRefuses(t *testing.T) {
	e := engine(t)
	for _, tc := range []struct {
		name string
		m    *transcript.Message
		want string
	}{
		{"nil", nil, "qa: message cannot be scored: no message"},
		{"utterance message", &transcript.Message{Kind: transcript.KindUtterance, ConversationID: "live-7",
			Utterance: &transcript.Utterance{Seq: 1, Speaker: transcript.SpeakerCustomer, Text: "hi"}},
			`qa: conversation "live-7": message cannot be scored: kind is "utterance" (allowed: kind "conversation", a whole transcript)`},
		{"no utterances", &transcript.Message{Kind: transcript.KindConversation, ConversationID: "empty-1"},
			`qa: conversation "empty-1": message cannot be scored: it has no utterances (allowed: a conversation message with its utterances)`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res, err := e.Score(tc.m)
			if res != nil || err == nil || err.Error() != tc.want || !errors.Is(err, ErrUnscorable) {
				t.Errorf("Score = %v, %v; want the error %s", res, err, tc.want)
			}
		})
	}
}

func TestNewOptions(t *testing.T) {
	e := engine(t)
	if _, err := New(Options{Scorecard: e.card, Sentiment: e.sent}); err == nil || !strings.Contains(err.Error(), "Options.Rules is nil") {
		t.Errorf("no rules: %v", err)
	}
	if _, err := New(Options{Rules: e.rules, Scorecard: e.card, Sentiment: e.sent,
		Conversation: sentiment.ConversationOptions{AngerThreshold: 2}}); err == nil || !strings.Contains(err.Error(), "anger threshold") {
		t.Errorf("bad threshold: %v", err)
	}
	// A scorecard naming a rule the set lacks is refused, with its line.
	card, err := scorecard.Parse("mine.yaml", []byte("id: mine\nversion: \"1\"\nsections:\n  - id: s\n    weight: 1\n    criteria:\n      - {id: c, weight: 1, rules: [no_such_rule]}\n"))
	if err != nil {
		t.Fatal(err)
	}
	_, err = New(Options{Rules: e.rules, Scorecard: card, Sentiment: e.sent})
	if err == nil || !strings.Contains(err.Error(), `mine.yaml:7: sections[0].criteria[0].rules[0]: criterion "c" names rule "no_such_rule", which the rule set does not have`) {
		t.Errorf("unknown rule: %v", err)
	}
	// The clock is the caller's.
	at := time.Date(2026, 11, 2, 3, 4, 5, 0, time.UTC)
	e2, err := New(Options{Rules: e.rules, Scorecard: e.card, Sentiment: e.sent, Clock: func() time.Time { return at }})
	if err != nil {
		t.Fatal(err)
	}
	res, err := e2.Score(load(t, "en_short_na.json"))
	if err != nil {
		t.Fatal(err)
	}
	if !res.ScoredAt.Equal(at) {
		t.Errorf("scored at %v, want %v", res.ScoredAt, at)
	}
	if e2.Version() != e.Version() {
		t.Error("the clock changed the version")
	}
}

// editedPack is the pack's files with one rule file changed by a comment.
func editedPack(t *testing.T) (fstest.MapFS, []string) {
	t.Helper()
	names, err := pack.RuleFiles(pack.FS)
	if err != nil {
		t.Fatal(err)
	}
	m := fstest.MapFS{}
	for i, n := range names {
		b, err := fs.ReadFile(pack.FS, n)
		if err != nil {
			t.Fatal(err)
		}
		if i == 0 {
			b = append(b, "\n# edited\n"...)
		}
		m[n] = &fstest.MapFile{Data: b}
	}
	return m, names
}

func TestVersion(t *testing.T) {
	e := engine(t)
	again, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	if again.Version() != e.Version() {
		t.Fatalf("two default engines: %s and %s", e.Version(), again.Version())
	}
	base := Options{Rules: e.rules, Scorecard: e.card, Sentiment: e.sent}
	same, err := New(base)
	if err != nil {
		t.Fatal(err)
	}
	if same.Version() != e.Version() {
		t.Errorf("New with the default parts: %s, Default: %s", same.Version(), e.Version())
	}

	fsys, names := editedPack(t)
	otherRules, err := rules.LoadFS(fsys, names...)
	if err != nil {
		t.Fatal(err)
	}
	cardBytes, err := fs.ReadFile(pack.FS, pack.ScorecardFile)
	if err != nil {
		t.Fatal(err)
	}
	otherCard, err := scorecard.Parse("scorecard.yaml", append([]byte("# edited\n"), cardBytes...))
	if err != nil {
		t.Fatal(err)
	}
	entries, err := sentiment.ParseLexicon(strings.NewReader("好\tw\t2\n"), "tiny.tsv")
	if err != nil {
		t.Fatal(err)
	}
	lex, err := sentiment.NewLexicon(e.sent.Normalizer(), entries)
	if err != nil {
		t.Fatal(err)
	}
	otherSent, err := sentiment.New(sentiment.Options{Normalizer: e.sent.Normalizer(), Lexicon: lex})
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]string{e.Version(): "default"}
	for _, tc := range []struct {
		name string
		edit func(o *Options)
	}{
		{"rules", func(o *Options) { o.Rules = otherRules }},
		{"scorecard", func(o *Options) { o.Scorecard = otherCard }},
		{"sentiment", func(o *Options) { o.Sentiment = otherSent }},
		{"escalation threshold", func(o *Options) { o.Conversation.AngerThreshold = 0.7 }},
	} {
		o := base
		tc.edit(&o)
		en, err := New(o)
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if prev, dup := seen[en.Version()]; dup {
			t.Errorf("changing the %s kept the version of %s: %s", tc.name, prev, en.Version())
		}
		seen[en.Version()] = tc.name
	}
	// Explicit defaults are the defaults.
	o := base
	o.Conversation = sentiment.DefaultConversationOptions()
	if en, err := New(o); err != nil || en.Version() != e.Version() {
		t.Errorf("explicit default options changed the version: %v", err)
	}
	// Semantics is part of it: the same parts under another code version
	// hash differently.
	v := e.Versions()
	v.Semantics += "+1"
	if version(v, e.conv) == e.Version() {
		t.Error("Semantics is not in the version")
	}
}

func TestPartsAreWhatScoreUses(t *testing.T) {
	e, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	set, card, sent, conv := e.Parts()
	v := e.Versions()
	if set.Version() != v.Rules || card.Version() != v.Scorecard || sent.Version() != v.Sentiment {
		t.Errorf("parts %s %s %s, versions %+v", set.Version(), card.Version(), sent.Version(), v)
	}
	if conv.AngerThreshold <= 0 {
		t.Errorf("conversation options %+v", conv)
	}
}
