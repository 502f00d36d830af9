package eval

import (
	"slices"

	"github.com/convqa/convqa/internal/synth"
	"github.com/convqa/convqa/scoring/rules"
)

// Tempts maps each tempting non-violation of the generator to the rules it
// tempts: a rule that fails there, in a conversation whose truth does not
// hold that rule, has been fooled even when its evidence lies elsewhere (a
// requirement's finding is about the whole conversation).
var Tempts = map[string][]string{
	synth.TemptNegatedPromise:      {synth.RuleForbiddenPromise},
	synth.TemptCustomerPhrase:      {synth.RuleForbiddenPromise},
	synth.TemptPolicyCorrect:       {synth.RuleRefundPolicyMisquo},
	synth.TemptMaskedCard:          {synth.RuleCardReadback},
	synth.TemptMaskedID:            {synth.RuleIDReadback},
	synth.TemptHumanHonored:        {synth.RuleIgnoredHuman},
	synth.TemptAnnouncedHold:       {synth.RuleLongSilence},
	synth.TemptCouponExpiry:        {"shelf_life_unverified", "expired_food_declared_safe"},
	synth.TemptCustomerGivesCard:   {synth.RuleCardReadback},
	synth.TemptIdentityThenDetails: {synth.RuleNoIdentityCheck},
	synth.TemptCodeWarning:         {"credential_request"},
	synth.TemptCustomerAbuse:       {"insult", "profanity"},
	synth.TemptOffPlatformAsked:    {"off_platform_contact"},
	synth.TemptOffPlatformDeclined: {"off_platform_contact"},
}

// temptOrder lists the tempting cases in report order.
var temptOrder = []string{
	synth.TemptNegatedPromise, synth.TemptCustomerPhrase, synth.TemptPolicyCorrect,
	synth.TemptMaskedCard, synth.TemptMaskedID, synth.TemptCustomerGivesCard,
	synth.TemptHumanHonored, synth.TemptAnnouncedHold, synth.TemptCouponExpiry,
	synth.TemptIdentityThenDetails, synth.TemptCodeWarning, synth.TemptCustomerAbuse,
	synth.TemptOffPlatformAsked, synth.TemptOffPlatformDeclined,
}

// RuleStat is one rule's record over the evaluated conversations.
type RuleStat struct {
	Info rules.RuleInfo
	// Generated is true for the rules the generator injects; only they
	// have a truth, and Support, TP, FP and FN.
	Generated bool
	// Support counts conversations whose truth holds the rule.
	Support int
	// Fired counts conversations where the rule failed; NA where it did
	// not apply.
	Fired, NA  int
	TP, FP, FN int
	// SeqComparable counts true positives with evidence on an utterance
	// (a requirement that nothing met has none); SeqAgree those with
	// evidence on an utterance the truth names.
	SeqComparable, SeqAgree int
	// Misses and FalseAlarms are the first examples (conversation order);
	// a miss of a requirement shows what met it.
	Misses, FalseAlarms []Example
	// Fires are the first conversations a rule without a truth failed.
	Fires []Example
}

// Precision is TP / (TP + FP); 1 when the rule never fired (nothing
// claimed, nothing wrong), so a silent rule shows up in Recall only.
func (r RuleStat) Precision() float64 {
	if r.TP+r.FP == 0 {
		return 1
	}
	return float64(r.TP) / float64(r.TP+r.FP)
}

// Recall is TP / (TP + FN); 1 when the truth never holds the rule.
func (r RuleStat) Recall() float64 {
	if r.TP+r.FN == 0 {
		return 1
	}
	return float64(r.TP) / float64(r.TP+r.FN)
}

// SeqAgreement is SeqAgree / SeqComparable, and false when no true
// positive had evidence on an utterance.
func (r RuleStat) SeqAgreement() (float64, bool) {
	if r.SeqComparable == 0 {
		return 0, false
	}
	return float64(r.SeqAgree) / float64(r.SeqComparable), true
}

// TemptStat is one kind of tempting non-violation: how often the
// generator wrote it and how often a rule took it for a breach.
type TemptStat struct {
	ID      string
	Cases   int
	Flagged int
	// ByRule counts the flagged cases per rule (a case a two rules flag
	// counts for both).
	ByRule   map[string]int
	Examples []Example
}

// Example is one conversation a rule got wrong, or a tempting case a rule
// flagged.
type Example struct {
	ConversationID string
	Rule           string
	// TruthSeqs are the utterances the truth names; HitSeqs those the
	// rule's evidence names (-1: the whole conversation).
	TruthSeqs, HitSeqs []int
	// Lines are the utterances concerned, "seq speaker: text".
	Lines []string
}

// Tally accumulates rule verdicts against the generator's truth. It is
// not safe for concurrent use.
type Tally struct {
	stats    []RuleStat
	byID     map[string]int
	tempts   map[string]*TemptStat
	examples int
	convs    int
}

// NewTally starts a tally for a rule set's rules, keeping up to examples
// misses and false alarms per rule and flagged cases per tempting kind.
func NewTally(infos []rules.RuleInfo, examples int) *Tally {
	t := &Tally{byID: map[string]int{}, tempts: map[string]*TemptStat{}, examples: examples}
	for i, in := range infos {
		t.stats = append(t.stats, RuleStat{Info: in, Generated: slices.Contains(synth.AllRules, in.ID)})
		t.byID[in.ID] = i
	}
	for _, id := range temptOrder {
		t.tempts[id] = &TemptStat{ID: id, ByRule: map[string]int{}}
	}
	return t
}

// Add records one conversation: its truth and the set's outcomes (in
// the order of the infos given to NewTally). lines, when not nil, gives
// the text of an utterance by seq for examples.
func (t *Tally) Add(tr *synth.Truth, outs []rules.Outcome, lines func(seq int) string) {
	t.convs++
	truth := map[string][]int{}
	for _, h := range tr.Violations {
		truth[h.ID] = append(truth[h.ID], h.Seq)
	}
	failed := map[string][]int{}
	for _, o := range outs {
		i, ok := t.byID[o.RuleID]
		if !ok {
			continue
		}
		st := &t.stats[i]
		// seqs: the utterances of the evidence, of a breach when the rule
		// failed, of the requirement met when it passed.
		var seqs []int
		for _, h := range o.Hits {
			if h.Violation == (o.Status == rules.Fail) && !slices.Contains(seqs, h.Seq) {
				seqs = append(seqs, h.Seq)
			}
		}
		if o.Status == rules.Fail {
			failed[o.RuleID] = seqs
		}
		switch o.Status {
		case rules.Fail:
			st.Fired++
		case rules.NA:
			st.NA++
		}
		if !st.Generated {
			if o.Status == rules.Fail && len(st.Fires) < t.examples {
				st.Fires = append(st.Fires, example(tr.ConversationID, o.RuleID, nil, seqs, lines))
			}
			continue
		}
		want, isTrue := truth[o.RuleID]
		fired := o.Status == rules.Fail
		if isTrue {
			st.Support++
		}
		switch {
		case isTrue && fired:
			st.TP++
			comparable, agree := false, false
			for _, s := range seqs {
				if s >= 0 {
					comparable = true
					agree = agree || slices.Contains(want, s)
				}
			}
			if comparable {
				st.SeqComparable++
			}
			if agree {
				st.SeqAgree++
			}
		case fired:
			st.FP++
			if len(st.FalseAlarms) < t.examples {
				st.FalseAlarms = append(st.FalseAlarms, example(tr.ConversationID, o.RuleID, nil, seqs, lines))
			}
		case isTrue:
			st.FN++
			if len(st.Misses) < t.examples {
				st.Misses = append(st.Misses, example(tr.ConversationID, o.RuleID, want, seqs, lines))
			}
		}
	}
	for _, h := range tr.Tempting {
		ts, ok := t.tempts[h.ID]
		if !ok {
			ts = &TemptStat{ID: h.ID, ByRule: map[string]int{}}
			t.tempts[h.ID] = ts
		}
		ts.Cases++
		var by []string
		for id, seqs := range failed {
			onIt := slices.Contains(seqs, h.Seq) && !slices.Contains(truth[id], h.Seq)
			tempted := slices.Contains(Tempts[h.ID], id) && len(truth[id]) == 0
			if onIt || tempted {
				by = append(by, id)
			}
		}
		if len(by) == 0 {
			continue
		}
		slices.Sort(by)
		ts.Flagged++
		for _, id := range by {
			ts.ByRule[id]++
			if len(ts.Examples) < t.examples {
				ts.Examples = append(ts.Examples, example(tr.ConversationID, id, []int{h.Seq}, failed[id], lines))
			}
		}
	}
}

func example(conv, rule string, truth, hits []int, lines func(int) string) Example {
	ex := Example{ConversationID: conv, Rule: rule, TruthSeqs: truth, HitSeqs: hits}
	if lines == nil {
		return ex
	}
	// Without evidence on an utterance (a rule that did not apply, a
	// requirement nothing met) the whole conversation is the example.
	var seqs []int
	if slices.ContainsFunc(hits, func(s int) bool { return s >= 0 }) {
		for _, s := range append(append([]int(nil), truth...), hits...) {
			if s >= 0 && !slices.Contains(seqs, s) {
				seqs = append(seqs, s)
			}
		}
	}
	if len(seqs) == 0 {
		ex.Lines = append(ex.Lines, lines(-1))
		return ex
	}
	slices.Sort(seqs)
	for _, s := range seqs {
		ex.Lines = append(ex.Lines, lines(s))
	}
	return ex
}

// Conversations is the number of conversations added.
func (t *Tally) Conversations() int { return t.convs }

// Rules returns every rule's record, in set order.
func (t *Tally) Rules() []RuleStat { return t.stats }

// Rule returns one rule's record.
func (t *Tally) Rule(id string) (RuleStat, bool) {
	i, ok := t.byID[id]
	if !ok {
		return RuleStat{}, false
	}
	return t.stats[i], true
}

// Tempting returns the tempting kinds, the generator's first, then any
// other the truth named, by id.
func (t *Tally) Tempting() []TemptStat {
	out := make([]TemptStat, 0, len(t.tempts))
	for _, id := range temptOrder {
		out = append(out, *t.tempts[id])
	}
	var extra []string
	for id := range t.tempts {
		if !slices.Contains(temptOrder, id) {
			extra = append(extra, id)
		}
	}
	slices.Sort(extra)
	for _, id := range extra {
		out = append(out, *t.tempts[id])
	}
	return out
}
