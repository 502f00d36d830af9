package qa

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/convqa/convqa/internal/pii"
	"github.com/convqa/convqa/internal/textnorm"
	"github.com/convqa/convqa/internal/transcript"
	"github.com/convqa/convqa/scoring/rules"
	"github.com/convqa/convqa/scoring/sentiment"
)

// load decodes a testdata conversation and redacts it as ScoreJSONL does.
func load(t testing.TB, name string) *transcript.Message {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	m, err := transcript.Decode(data, transcript.Limits{})
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	f, err := pii.NewFinder()
	if err != nil {
		t.Fatal(err)
	}
	for i := range m.Utterances {
		m.Utterances[i].Text, _ = f.Redact(m.Utterances[i].Text)
	}
	return m
}

// checkEvidence checks every hit of res against the text that was scored:
// the span, in characters, holds exactly Matched, in the original script
// (never the normalized text).
func checkEvidence(t *testing.T, m *transcript.Message, res *Result) {
	t.Helper()
	texts := map[int][]rune{}
	for _, u := range m.Utterances {
		texts[u.Seq] = []rune(u.Text)
	}
	for _, h := range res.Hits {
		if h.Seq == -1 {
			if h.Start != 0 || h.End != 0 {
				t.Errorf("%s: conversation-level hit of %s has span %d–%d", m.ConversationID, h.RuleID, h.Start, h.End)
			}
			continue
		}
		text, ok := texts[h.Seq]
		if !ok {
			t.Errorf("%s: hit of %s at seq %d, which does not exist", m.ConversationID, h.RuleID, h.Seq)
			continue
		}
		if h.Start < 0 || h.End < h.Start || h.End > len(text) {
			t.Errorf("%s: hit of %s at seq %d: span %d–%d outside the %d characters", m.ConversationID, h.RuleID, h.Seq, h.Start, h.End, len(text))
			continue
		}
		if got := string(text[h.Start:h.End]); got != h.Matched {
			t.Errorf("%s: hit of %s at seq %d: text[%d:%d] = %q, but Matched = %q", m.ConversationID, h.RuleID, h.Seq, h.Start, h.End, got, h.Matched)
		}
	}
}

func outcome(res *Result, id string) rules.Outcome {
	for _, o := range res.Outcomes {
		if o.RuleID == id {
			return o
		}
	}
	return rules.Outcome{}
}

func criterion(res *Result, id string) string {
	for _, c := range res.Scorecard.Criteria {
		if c.ID == id {
			return c.Status
		}
	}
	return "missing"
}

// TestScoreJSONLEndToEnd runs the testdata conversations, raw, with a bad
// line in the middle, through ScoreJSONL and the default engine: the path
// of `convqa score --input`.
func TestScoreJSONLEndToEnd(t *testing.T) {
	e := engine(t)
	files := []string{"zh_hans_good.json", "zh_hant_promise.json", "en_card_readback.json", "bot_ignores_human.json", "en_short_na.json"}
	var in bytes.Buffer
	for i, f := range files {
		data, err := os.ReadFile(filepath.Join("testdata", f))
		if err != nil {
			t.Fatal(err)
		}
		if err := json.Compact(&in, data); err != nil {
			t.Fatal(err)
		}
		in.WriteByte('\n')
		if i == 2 {
			in.WriteString(`{"schema":"convqa.transcript.v1","kind":"conversation","conversation_id":"bad","tenant":"demo","utterances":[{"seq":1,"speaker":"agent","text":"hi","start_ms":-5}]}` + "\n")
		}
	}
	var out bytes.Buffer
	st, err := ScoreJSONL(context.Background(), &in, &out, e, transcript.Limits{})
	if err != nil {
		t.Fatal(err)
	}
	if st.Scored != len(files) || st.Failed != 1 || len(st.Errors) != 1 {
		t.Fatalf("stats %+v", st)
	}
	if le := st.Errors[0]; le.Line != 4 || le.Class != transcript.ClassBadOffset || !strings.Contains(le.Err, "utterances[0].start_ms") {
		t.Errorf("bad line reported as %+v", le)
	}
	if st.Redacted[pii.BankCard] != 2 {
		t.Errorf("redacted %v, want the two card numbers", st.Redacted)
	}
	if strings.Contains(out.String(), "4111") {
		t.Error("a card number reached the output")
	}
	rs := readResults(t, out.String())
	for i, r := range rs {
		if want := load(t, files[i]).ConversationID; r.ConversationID != want {
			t.Errorf("result %d is %s, want %s", i, r.ConversationID, want)
		}
		if r.ScorerVersion != e.Version() {
			t.Errorf("%s: scorer version %s, want %s", r.ConversationID, r.ScorerVersion, e.Version())
		}
	}
}

// TestScoreConversations grades hand-written conversations on the default
// engine. Totals are worked out by hand from the shipped scorecard's
// section weights: opening 10, security 20, understanding 15,
// resolution 20, compliance 15, communication 10, closing 5,
// responsiveness 5.
func TestScoreConversations(t *testing.T) {
	e := engine(t)
	type hitWant struct {
		rule    string
		seq     int
		matched string
	}
	for _, tc := range []struct {
		file       string
		total      float64
		autoBy     []string
		violations int
		sections   map[string]float64 // section id → score; -1 for N/A
		criteria   map[string]string  // criterion id → pass, fail or na
		hits       []hitWant          // breaches that must be among the hits
	}{
		{
			// Everything a good agent does: nothing fails.
			file: "zh_hans_good.json", total: 100, violations: 0,
			criteria: map[string]string{"opening.greeting": "pass", "security.identity": "pass",
				"understanding.empathy": "pass", "closing.farewell": "pass", "compliance.promises": "pass"},
		},
		{
			// "我保證明天一定會送到，百分之百" is a forbidden promise, an
			// auto-fail item: the total is 0, while compliance still shows
			// its own arithmetic: 26 applicable points, 6 lost.
			file: "zh_hant_promise.json", total: 0, autoBy: []string{"compliance.promises"}, violations: 2,
			sections: map[string]float64{"compliance": 76.9, "opening": 100, "closing": 100},
			criteria: map[string]string{"compliance.promises": "fail", "opening.introduction": "pass"},
			hits:     []hitWant{{"forbidden_promise", 3, "保證"}, {"forbidden_promise", 3, "百分之百"}},
		},
		{
			// The agent reads the card number back: auto-fail. The raw
			// number never reaches the rules; the placeholder does, and the
			// rule recognises it. Security: identity is N/A (no account
			// talk), so 15 of 20 points.
			file: "en_card_readback.json", total: 0, autoBy: []string{"security.card_readback"}, violations: 1,
			sections: map[string]float64{"security": 75},
			criteria: map[string]string{"security.card_readback": "fail", "security.identity": "na", "understanding.empathy": "pass"},
			hits:     []hitWant{{"card_readback", 5, "[CARD]"}},
		},
		{
			// A bot, on the same scorecard: the greeting and closing rules
			// are for human agents (bots greet by script), so opening and
			// closing are N/A and drop out; the bot ignored two requests
			// for a human (resolution 15 of 20). Total:
			// (20·100 + 15·100 + 20·75 + 15·100 + 10·100 + 5·100) / 85 = 94.1.
			file: "bot_ignores_human.json", total: 94.1, violations: 1,
			sections: map[string]float64{"opening": -1, "closing": -1, "resolution": 75, "security": 100},
			criteria: map[string]string{"resolution.human_request": "fail", "opening.greeting": "na"},
			hits:     []hitWant{{"ignored_human_request", 3, "退货请在订单页面点击申请售后，按提示填写即可。"}},
		},
		{
			// A short question with no account talk and a calm customer:
			// identity and empathy are N/A. The agent never closes:
			// closing 0 of 5 points, total (95·100 + 5·0)/100 = 95.
			file: "en_short_na.json", total: 95, violations: 2,
			sections: map[string]float64{"closing": 0, "security": 100},
			criteria: map[string]string{"security.identity": "na", "understanding.empathy": "na",
				"closing.farewell": "fail", "closing.anything_else": "fail", "opening.introduction": "pass"},
			hits: []hitWant{{"no_anything_else", -1, ""}, {"no_closing", -1, ""}},
		},
	} {
		t.Run(tc.file, func(t *testing.T) {
			m := load(t, tc.file)
			res, err := e.Score(m)
			if err != nil {
				t.Fatal(err)
			}
			sc := res.Scorecard
			if sc.ScorecardID != "ecommerce_default" || sc.ScorecardVersion != e.card.Version() {
				t.Errorf("graded on %s %s", sc.ScorecardID, sc.ScorecardVersion)
			}
			if sc.Total != tc.total || sc.AutoFailed != (len(tc.autoBy) > 0) || strings.Join(sc.AutoFailedBy, ",") != strings.Join(tc.autoBy, ",") {
				t.Errorf("total %v auto-failed by %v, want %v by %v", sc.Total, sc.AutoFailedBy, tc.total, tc.autoBy)
			}
			if res.Violations != tc.violations {
				t.Errorf("%d violations, want %d", res.Violations, tc.violations)
			}
			for _, s := range sc.Sections {
				want, ok := tc.sections[s.ID]
				switch {
				case !ok:
				case want == -1 && !s.NA:
					t.Errorf("section %s: score %v, want N/A", s.ID, s.Score)
				case want != -1 && (s.NA || s.Score != want):
					t.Errorf("section %s: score %v (N/A %v), want %v", s.ID, s.Score, s.NA, want)
				}
			}
			for id, want := range tc.criteria {
				if got := criterion(res, id); got != want {
					t.Errorf("criterion %s: %s, want %s (rules %+v)", id, got, want, res.Outcomes)
				}
			}
			for _, w := range tc.hits {
				found := false
				for _, h := range res.Hits {
					found = found || (h.RuleID == w.rule && h.Seq == w.seq && h.Matched == w.matched && h.Violation)
				}
				if !found {
					t.Errorf("no breach of %s at seq %d matching %q in %+v", w.rule, w.seq, w.matched, res.Hits)
				}
			}
			// Every breach is a hit of a failed rule, and hits come in
			// (seq, start, rule) order.
			for i, h := range res.Hits {
				if h.Violation && outcome(res, h.RuleID).Status != rules.Fail {
					t.Errorf("breach of %s, whose outcome is %s", h.RuleID, outcome(res, h.RuleID).Status)
				}
				if i > 0 {
					p := res.Hits[i-1]
					if p.Seq > h.Seq || (p.Seq == h.Seq && (p.Start > h.Start || (p.Start == h.Start && p.RuleID > h.RuleID))) {
						t.Errorf("hits out of order: %+v before %+v", p, h)
					}
				}
			}
			checkEvidence(t, m, res)
			if n := len(res.Sentiment.Utterances); n != len(m.Utterances) {
				t.Errorf("sentiment of %d utterances, want %d", n, len(m.Utterances))
			}
		})
	}
}

// TestBotsOnTheSameScorecard: a bot conversation is graded on the very
// scorecard human agents are, criterion for criterion, and a bot that
// breaks a rule is held to it like a person.
func TestBotsOnTheSameScorecard(t *testing.T) {
	e := engine(t)
	human, err := e.Score(load(t, "zh_hans_good.json"))
	if err != nil {
		t.Fatal(err)
	}
	bot, err := e.Score(load(t, "bot_ignores_human.json"))
	if err != nil {
		t.Fatal(err)
	}
	if len(bot.Scorecard.Criteria) != len(human.Scorecard.Criteria) || bot.Scorecard.ScorecardVersion != human.Scorecard.ScorecardVersion {
		t.Fatalf("bot graded on %s with %d criteria, human on %s with %d", bot.Scorecard.ScorecardVersion,
			len(bot.Scorecard.Criteria), human.Scorecard.ScorecardVersion, len(human.Scorecard.Criteria))
	}
	for i := range bot.Scorecard.Criteria {
		if b, h := bot.Scorecard.Criteria[i], human.Scorecard.Criteria[i]; b.ID != h.ID || b.Weight != h.Weight || b.AutoFail != h.AutoFail {
			t.Errorf("criterion %d: bot %+v, human %+v", i, b, h)
		}
	}
	var ignored *rules.Hit
	for i := range bot.Hits {
		if bot.Hits[i].RuleID == "ignored_human_request" {
			ignored = &bot.Hits[i]
		}
	}
	if ignored == nil || ignored.Speaker != "bot" {
		t.Errorf("the bot's ignoring a request for a human is not its breach: %+v", ignored)
	}
	if esc := bot.Sentiment.Escalation; !esc.Flag || esc.Reason != "human_requested" {
		t.Errorf("escalation %+v, want human_requested", esc)
	}
}

// TestScoreGenerated scores generated conversations of every language and
// channel, in parallel on one engine (run with -race): every evidence span
// holds its Matched text, and scoring twice gives the same result.
func TestScoreGenerated(t *testing.T) {
	e := engine(t)
	n := 400
	if testing.Short() {
		n = 100
	}
	c := genCorpus(t, n)
	results := make([]*Result, len(c.msgs))
	var wg sync.WaitGroup
	for w := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < len(c.msgs); i += 4 {
				res, err := e.Score(c.msgs[i])
				if err != nil {
					t.Error(err)
					return
				}
				results[i] = res
			}
		}()
	}
	wg.Wait()
	graded := 0
	for i, m := range c.msgs {
		res := results[i]
		if res == nil {
			t.Fatalf("%s: not scored", m.ConversationID)
		}
		checkEvidence(t, m, res)
		if !res.Scorecard.NA {
			graded++
		}
		again, err := e.Score(m)
		if err != nil {
			t.Fatal(err)
		}
		again.ScoredAt = res.ScoredAt
		if !reflect.DeepEqual(again, res) {
			t.Fatalf("%s: scored twice, two results", m.ConversationID)
		}
		if res.Scorecard.Total < 0 || res.Scorecard.Total > 100 {
			t.Fatalf("%s: total %v", m.ConversationID, res.Scorecard.Total)
		}
	}
	if graded == 0 {
		t.Error("every generated conversation was N/A")
	}
}

// TestSharedNormalization: Score normalizes each utterance once for the
// rules and sentiment; the results are those of each normalizing its
// own, and an engine whose stages normalize differently does not share.
func TestSharedNormalization(t *testing.T) {
	e := engine(t)
	if e.norm == nil {
		t.Fatal("the default engine does not share normalization")
	}
	alone := &Engine{rules: e.rules, card: e.card, sent: e.sent, conv: e.conv, clock: e.clock,
		versions: e.versions, version: e.version, warnings: e.warnings}
	c := genCorpus(t, 150)
	for _, m := range c.msgs {
		shared, err := e.Score(m)
		if err != nil {
			t.Fatal(err)
		}
		own, err := alone.Score(m)
		if err != nil {
			t.Fatal(err)
		}
		own.ScoredAt = shared.ScoredAt
		if !reflect.DeepEqual(shared, own) {
			t.Fatalf("%s: shared normalization changed the result", m.ConversationID)
		}
	}

	n, err := textnorm.New(textnorm.Options{KeepCase: true})
	if err != nil {
		t.Fatal(err)
	}
	lex, err := sentiment.DefaultLexicon(n)
	if err != nil {
		t.Fatal(err)
	}
	sent, err := sentiment.New(sentiment.Options{Normalizer: n, Lexicon: lex})
	if err != nil {
		t.Fatal(err)
	}
	other, err := New(Options{Rules: e.rules, Scorecard: e.card, Sentiment: sent})
	if err != nil {
		t.Fatal(err)
	}
	if other.norm != nil {
		t.Error("an engine whose sentiment keeps case shares the rules' normalization")
	}
}

// TestFlatten: the engine's hit order, sorted by keys, is the plain
// stable sort's, for its own outcomes and for outcomes of another shape.
func TestFlatten(t *testing.T) {
	e := engine(t)
	c := genCorpus(t, 150)
	for _, m := range c.msgs {
		outs := e.rules.Evaluate(m)
		n := 0
		for _, o := range outs {
			n += len(o.Hits)
		}
		if got, want := e.flatten(nil, outs), flattenSlow(nil, outs, n); !reflect.DeepEqual(got, want) {
			t.Fatalf("%s: hits in another order", m.ConversationID)
		}
		rev := slices.Clone(outs)
		slices.Reverse(rev)
		if got, want := e.flatten(nil, rev), flattenSlow(nil, rev, n); !reflect.DeepEqual(got, want) {
			t.Fatalf("%s: reversed outcomes: hits in another order", m.ConversationID)
		}
	}
}
