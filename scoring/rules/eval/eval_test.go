package eval_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/convqa/convqa/internal/pii"
	"github.com/convqa/convqa/internal/synth"
	"github.com/convqa/convqa/internal/transcript"
	"github.com/convqa/convqa/scoring/rules"
	"github.com/convqa/convqa/scoring/rules/eval"
	"github.com/convqa/convqa/scoring/rules/pack"
)

func fail(id string, seqs ...int) rules.Outcome {
	o := rules.Outcome{RuleID: id, Status: rules.Fail}
	for _, s := range seqs {
		o.Hits = append(o.Hits, rules.Hit{RuleID: id, Seq: s, Violation: true})
	}
	return o
}

func pass(id string) rules.Outcome { return rules.Outcome{RuleID: id, Status: rules.Pass} }
func na(id string) rules.Outcome   { return rules.Outcome{RuleID: id, Status: rules.NA} }

// TestTallyMetrics counts a small constructed run by hand.
func TestTallyMetrics(t *testing.T) {
	infos := []rules.RuleInfo{
		{ID: synth.RuleForbiddenPromise}, {ID: synth.RuleCardReadback}, {ID: synth.RuleNoGreeting}, {ID: "insult"},
	}
	tl := eval.NewTally(infos, 5)
	add := func(conv string, truth, tempting []synth.Hit, outs ...rules.Outcome) {
		tl.Add(&synth.Truth{ConversationID: conv, Violations: truth, Tempting: tempting}, outs, nil)
	}
	// TP with evidence on the truth's utterance.
	add("c1", []synth.Hit{{ID: synth.RuleForbiddenPromise, Seq: 5}}, nil,
		fail(synth.RuleForbiddenPromise, 5), pass(synth.RuleCardReadback), pass(synth.RuleNoGreeting), pass("insult"))
	// FN.
	add("c2", []synth.Hit{{ID: synth.RuleForbiddenPromise, Seq: 3}}, nil,
		pass(synth.RuleForbiddenPromise), pass(synth.RuleCardReadback), pass(synth.RuleNoGreeting), pass("insult"))
	// FP, on a tempting utterance: flagged.
	add("c3", nil, []synth.Hit{{ID: synth.TemptNegatedPromise, Seq: 7}},
		fail(synth.RuleForbiddenPromise, 7), pass(synth.RuleCardReadback), pass(synth.RuleNoGreeting), pass("insult"))
	// TP on another utterance than the truth's.
	add("c4", []synth.Hit{{ID: synth.RuleCardReadback, Seq: 4}}, nil,
		pass(synth.RuleForbiddenPromise), fail(synth.RuleCardReadback, 6), pass(synth.RuleNoGreeting), pass("insult"))
	// A requirement's finding about the whole conversation; a rule
	// without truth fires.
	add("c5", []synth.Hit{{ID: synth.RuleNoGreeting, Seq: 1}}, nil,
		pass(synth.RuleForbiddenPromise), pass(synth.RuleCardReadback), fail(synth.RuleNoGreeting, -1), fail("insult", 2))
	// Tempting cases: one left alone, one a rule without truth flags on
	// its utterance, one whose tempted rule fails elsewhere.
	add("c6", nil, []synth.Hit{{ID: synth.TemptMaskedCard, Seq: 2}, {ID: synth.TemptHumanHonored, Seq: 3}},
		pass(synth.RuleForbiddenPromise), pass(synth.RuleCardReadback), na(synth.RuleNoGreeting), fail("insult", 3))
	add("c7", nil, []synth.Hit{{ID: synth.TemptCustomerGivesCard, Seq: 2}},
		pass(synth.RuleForbiddenPromise), fail(synth.RuleCardReadback, 4), pass(synth.RuleNoGreeting), pass("insult"))

	if n := tl.Conversations(); n != 7 {
		t.Errorf("conversations = %d, want 7", n)
	}
	type want struct {
		support, fired, na, tp, fp, fn, seqComparable, seqAgree int
		precision, recall                                       float64
	}
	for id, w := range map[string]want{
		synth.RuleForbiddenPromise: {support: 2, fired: 2, tp: 1, fp: 1, fn: 1, seqComparable: 1, seqAgree: 1, precision: 0.5, recall: 0.5},
		synth.RuleCardReadback:     {support: 1, fired: 2, tp: 1, fp: 1, seqComparable: 1, precision: 0.5, recall: 1},
		synth.RuleNoGreeting:       {support: 1, fired: 1, na: 1, tp: 1, precision: 1, recall: 1},
		"insult":                   {fired: 2, precision: 1, recall: 1},
	} {
		s, ok := tl.Rule(id)
		if !ok {
			t.Fatalf("no record for %s", id)
		}
		got := want{s.Support, s.Fired, s.NA, s.TP, s.FP, s.FN, s.SeqComparable, s.SeqAgree, s.Precision(), s.Recall()}
		if got != w {
			t.Errorf("%s: got %+v, want %+v", id, got, w)
		}
	}
	if _, ok := must(t, tl, synth.RuleNoGreeting).SeqAgreement(); ok {
		t.Error("no_greeting: seq agreement reported without evidence on an utterance")
	}
	if v, ok := must(t, tl, synth.RuleCardReadback).SeqAgreement(); !ok || v != 0 {
		t.Errorf("card_readback: seq agreement %v, %v; want 0, true", v, ok)
	}
	if s := must(t, tl, synth.RuleForbiddenPromise); len(s.Misses) != 1 || s.Misses[0].ConversationID != "c2" ||
		len(s.FalseAlarms) != 1 || s.FalseAlarms[0].ConversationID != "c3" {
		t.Errorf("forbidden_promise examples: misses %+v, false alarms %+v", s.Misses, s.FalseAlarms)
	}
	if s := must(t, tl, "insult"); len(s.Fires) != 2 {
		t.Errorf("insult: %d fired examples, want 2", len(s.Fires))
	}

	tempts := map[string]eval.TemptStat{}
	for _, ts := range tl.Tempting() {
		tempts[ts.ID] = ts
	}
	for id, w := range map[string]struct {
		cases, flagged int
		by             map[string]int
	}{
		synth.TemptNegatedPromise:    {1, 1, map[string]int{synth.RuleForbiddenPromise: 1}},
		synth.TemptMaskedCard:        {1, 0, map[string]int{}},
		synth.TemptHumanHonored:      {1, 1, map[string]int{"insult": 1}},
		synth.TemptCustomerGivesCard: {1, 1, map[string]int{synth.RuleCardReadback: 1}},
		synth.TemptAnnouncedHold:     {0, 0, map[string]int{}},
	} {
		ts := tempts[id]
		if ts.Cases != w.cases || ts.Flagged != w.flagged || !mapsEqual(ts.ByRule, w.by) {
			t.Errorf("%s: cases %d flagged %d by %v; want %d, %d, %v", id, ts.Cases, ts.Flagged, ts.ByRule, w.cases, w.flagged, w.by)
		}
	}
	if got := tl.Tempting(); len(got) != len(eval.Tempts) {
		t.Errorf("%d tempting kinds reported, want every one of the generator's (%d)", len(got), len(eval.Tempts))
	}
}

func must(t *testing.T, tl *eval.Tally, id string) eval.RuleStat {
	t.Helper()
	s, ok := tl.Rule(id)
	if !ok {
		t.Fatalf("no record for %s", id)
	}
	return s
}

func mapsEqual(a, b map[string]int) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

// TestTemptsNameRules: every tempting kind of the generator is mapped,
// and to rules of the default pack.
func TestTemptsNameRules(t *testing.T) {
	set, err := pack.Rules()
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{
		synth.TemptNegatedPromise, synth.TemptCustomerPhrase, synth.TemptPolicyCorrect, synth.TemptMaskedCard,
		synth.TemptMaskedID, synth.TemptHumanHonored, synth.TemptAnnouncedHold, synth.TemptCouponExpiry,
		synth.TemptCustomerGivesCard, synth.TemptIdentityThenDetails, synth.TemptCodeWarning,
		synth.TemptCustomerAbuse, synth.TemptOffPlatformAsked, synth.TemptOffPlatformDeclined,
	} {
		rs, ok := eval.Tempts[id]
		if !ok || len(rs) == 0 {
			t.Errorf("tempting kind %s names no rule it tempts", id)
		}
		for _, r := range rs {
			if _, ok := set.Rule(r); !ok {
				t.Errorf("tempting kind %s names rule %s, which the pack does not have", id, r)
			}
		}
	}
}

func TestRedactLikeIngest(t *testing.T) {
	f, err := pii.NewFinder()
	if err != nil {
		t.Fatal(err)
	}
	m := &transcript.Message{Utterances: []transcript.Utterance{
		{Seq: 1, Speaker: transcript.SpeakerAgent, Text: "您的卡号是6222 0212 3456 7890 128，对吗？"},
		{Seq: 2, Speaker: transcript.SpeakerCustomer, Text: "对，手机13812345678"},
	}}
	red := eval.Redact(f, m)
	if got := red.Utterances[0].Text; got != "您的卡号是[CARD]，对吗？" {
		t.Errorf("redacted %q", got)
	}
	if got := red.Utterances[1].Text; !strings.Contains(got, "[PHONE]") {
		t.Errorf("redacted %q", got)
	}
	if m.Utterances[0].Text == red.Utterances[0].Text {
		t.Error("Redact changed the original message")
	}
}

// TestPackAgainstGenerator runs the whole evaluation on 300 generated
// conversations: every rule the generator injects stays above the floor
// on raw and on redacted text, and no tempting case is flagged. It fails
// if a rule of the pack breaks. (The full run, make eval-rules, measures
// 20,000 conversations against 0.95.)
func TestPackAgainstGenerator(t *testing.T) {
	set, err := pack.Rules()
	if err != nil {
		t.Fatal(err)
	}
	// Every rule broken often enough that 300 conversations see each.
	often := map[string]float64{}
	for _, id := range synth.AllRules {
		often[id] = 0.9
	}
	r, err := eval.Evaluate(context.Background(), set, eval.Config{Conversations: 300, Seed: 10, Violations: often, Examples: 2})
	if err != nil {
		t.Fatal(err)
	}
	if r.Conversations != 300 {
		t.Fatalf("evaluated %d conversations, want 300", r.Conversations)
	}
	const floor, microFloor = 0.9, 0.97
	for _, pass := range []struct {
		name string
		t    *eval.Tally
	}{{eval.ModeRaw, r.Raw}, {eval.ModeRedacted, r.Redacted}} {
		var tp, fp, fn, seen, withSupport int
		for _, id := range synth.AllRules {
			s, ok := pass.t.Rule(id)
			if !ok {
				t.Errorf("the pack lacks %s", id)
				continue
			}
			tp, fp, fn = tp+s.TP, fp+s.FP, fn+s.FN
			if s.Support > 0 {
				seen++
			}
			// A rule's own floor needs a few cases; ID and card read-backs
			// and account details come up in few conversations.
			if s.Support < 5 {
				continue
			}
			withSupport++
			if s.Precision() < floor || s.Recall() < floor {
				t.Errorf("%s %s: precision %.3f recall %.3f (support %d), want both ≥ %.2f; misses %+v, false alarms %+v",
					pass.name, id, s.Precision(), s.Recall(), s.Support, floor, s.Misses, s.FalseAlarms)
			}
		}
		if seen < len(synth.AllRules)-1 || withSupport < 10 {
			t.Errorf("%s: of %d generated rules %d occur and %d occur 5 times in 300 conversations: the sample tests too little",
				pass.name, len(synth.AllRules), seen, withSupport)
		}
		p, rc := float64(tp)/float64(tp+fp), float64(tp)/float64(tp+fn)
		if p < microFloor || rc < microFloor {
			t.Errorf("%s: micro precision %.3f recall %.3f over the generated rules, want ≥ %.2f", pass.name, p, rc, microFloor)
		}
		for _, ts := range pass.t.Tempting() {
			if ts.Flagged > 0 {
				t.Errorf("%s: tempting %s flagged %d of %d times by %v: %+v", pass.name, ts.ID, ts.Flagged, ts.Cases, ts.ByRule, ts.Examples)
			}
		}
	}
	if below := r.Below(floor); len(below) > 0 && !slices.ContainsFunc(below, func(s string) bool { return strings.Contains(s, "missing") }) {
		// Below also judges rules with tiny support; it is reported, not
		// asserted, at this sample size.
		t.Logf("below %.2f at 300 conversations: %v", floor, below)
	}
	var out strings.Builder
	if err := r.Write(&out); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"== compliance rules against the generator's truth (300 conversations, seed 10",
		"forbidden_promise", "== tempting non-violations", "negated_promise", "== rules without ground truth", "insult", "-- raw"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("report lacks %q:\n%s", want, out.String())
		}
	}
}

func TestEvaluateRefusesBadConfig(t *testing.T) {
	set, err := pack.Rules()
	if err != nil {
		t.Fatal(err)
	}
	for _, cfg := range []eval.Config{{Conversations: 0}, {Conversations: 10, Examples: -1}, {Conversations: 10, Redact: []string{"passport"}}} {
		if _, err := eval.Evaluate(context.Background(), set, cfg); err == nil {
			t.Errorf("config %+v accepted", cfg)
		}
	}
}
