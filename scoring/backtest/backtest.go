// Package backtest runs a changed rule set beside the rules in force over
// stored conversations and reports, per rule, what the change would do:
// hits added and removed, conversations whose verdict flips, examples with
// their evidence, and — where human verdicts exist — precision and recall
// old against new. It is what `convqa rules test` prints, so a rule author
// sees the effect of an edit on real traffic before it is merged.
package backtest

import (
	"cmp"
	"context"
	"fmt"
	"slices"

	"github.com/convqa/convqa/internal/transcript"
	"github.com/convqa/convqa/scoring/rules"
)

// Source calls yield with every conversation to test, in any order, and
// stops at the first error yield returns.
type Source func(ctx context.Context, yield func(*transcript.Message) error) error

// Options configure Run.
type Options struct {
	// Old are the rules in force; New the changed rules. Rules are matched
	// by id: a rule only in New is new, a rule only in Old is removed.
	Old, New *rules.Set
	// Labels are human verdicts, optional.
	Labels Labels
	// Examples is how many example conversations to keep per rule
	// (default 3).
	Examples int
}

// PR counts verdicts against labels at conversation level: a rule that
// failed on a conversation a human says breached it is a true positive.
type PR struct {
	TP, FP, FN, TN int
}

// Precision is TP / (TP + FP); ok is false with no positives predicted.
func (p PR) Precision() (v float64, ok bool) {
	if p.TP+p.FP == 0 {
		return 0, false
	}
	return float64(p.TP) / float64(p.TP+p.FP), true
}

// Recall is TP / (TP + FN); ok is false with no labelled breaches.
func (p PR) Recall() (v float64, ok bool) {
	if p.TP+p.FN == 0 {
		return 0, false
	}
	return float64(p.TP) / float64(p.TP+p.FN), true
}

// Labelled is how many conversations had a verdict for the rule.
func (p PR) Labelled() int { return p.TP + p.FP + p.FN + p.TN }

func (p *PR) add(label, failed bool) {
	switch {
	case label && failed:
		p.TP++
	case label:
		p.FN++
	case failed:
		p.FP++
	default:
		p.TN++
	}
}

// Example is one conversation where a rule's outcome changed.
type Example struct {
	ConversationID string `json:"conversation_id"`
	// OldStatus and NewStatus are pass, fail, na, or "" where the rule is
	// not in that set.
	OldStatus rules.Status `json:"old_status"`
	NewStatus rules.Status `json:"new_status"`
	// Added and Removed are the hits only the new, or only the old, rules
	// found.
	Added   []Evidence `json:"added,omitempty"`
	Removed []Evidence `json:"removed,omitempty"`
}

// Evidence is a hit with the utterance it was found in.
type Evidence struct {
	rules.Hit
	// Utterance is the whole original text of the turn (empty for
	// conversation-level findings).
	Utterance string `json:"utterance,omitempty"`
}

// RuleDiff is one rule's change.
type RuleDiff struct {
	RuleID string `json:"rule_id"`
	// InOld and InNew say which sets hold the rule.
	InOld bool `json:"in_old"`
	InNew bool `json:"in_new"`
	// Conversations failed (breach) and not applicable, old and new.
	OldFail int `json:"old_fail"`
	NewFail int `json:"new_fail"`
	OldNA   int `json:"old_na"`
	NewNA   int `json:"new_na"`
	// Hits only the new rules found, and only the old ones.
	HitsAdded   int `json:"hits_added"`
	HitsRemoved int `json:"hits_removed"`
	// Flipped counts conversations whose verdict changed.
	Flipped  int       `json:"flipped"`
	Examples []Example `json:"examples,omitempty"`
	// Old and New are the verdicts against labels; Labelled() is 0 when
	// no label covers the rule.
	Old PR `json:"old_pr"`
	New PR `json:"new_pr"`
}

// Changed reports whether the rule did anything different.
func (d *RuleDiff) Changed() bool {
	return d.InOld != d.InNew || d.HitsAdded > 0 || d.HitsRemoved > 0 || d.Flipped > 0
}

// Report is the outcome of Run.
type Report struct {
	OldVersion    string     `json:"old_version"`
	NewVersion    string     `json:"new_version"`
	Conversations int        `json:"conversations"`
	Labelled      int        `json:"labelled_conversations"`
	Rules         []RuleDiff `json:"rules"`
}

// Run evaluates both rule sets on every conversation of src.
func Run(ctx context.Context, src Source, opts Options) (*Report, error) {
	if opts.Old == nil || opts.New == nil {
		return nil, fmt.Errorf("backtest: both the rules in force and the changed rules are needed")
	}
	if opts.Examples == 0 {
		opts.Examples = 3
	}
	r := &Report{OldVersion: opts.Old.Version(), NewVersion: opts.New.Version()}
	byID := map[string]*RuleDiff{}
	var order []string
	diff := func(id string) *RuleDiff {
		d, ok := byID[id]
		if !ok {
			d = &RuleDiff{RuleID: id}
			byID[id] = d
			order = append(order, id)
		}
		return d
	}
	for _, ri := range opts.New.Rules() {
		diff(ri.ID).InNew = true
	}
	for _, ri := range opts.Old.Rules() {
		diff(ri.ID).InOld = true
	}
	err := src(ctx, func(m *transcript.Message) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		r.Conversations++
		labels := opts.Labels[m.ConversationID]
		if len(labels) > 0 {
			r.Labelled++
		}
		old := outcomesByID(opts.Old.Evaluate(m))
		nu := outcomesByID(opts.New.Evaluate(m))
		for _, id := range order {
			d := byID[id]
			o, n := old[id], nu[id]
			count(&d.OldFail, &d.OldNA, o)
			count(&d.NewFail, &d.NewNA, n)
			added, removed := hitDiff(o, n)
			d.HitsAdded += len(added)
			d.HitsRemoved += len(removed)
			flipped := status(o) != status(n) && d.InOld && d.InNew
			if flipped {
				d.Flipped++
			}
			if (flipped || len(added)+len(removed) > 0) && len(d.Examples) < opts.Examples && d.InOld && d.InNew {
				d.Examples = append(d.Examples, Example{
					ConversationID: m.ConversationID, OldStatus: status(o), NewStatus: status(n),
					Added: evidence(m, added), Removed: evidence(m, removed),
				})
			}
			if label, ok := labels[id]; ok {
				if o != nil && o.Status != rules.NA {
					d.Old.add(label, o.Status == rules.Fail)
				}
				if n != nil && n.Status != rules.NA {
					d.New.add(label, n.Status == rules.Fail)
				}
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	for _, id := range order {
		r.Rules = append(r.Rules, *byID[id])
	}
	slices.SortStableFunc(r.Rules, func(a, b RuleDiff) int { return cmp.Compare(a.RuleID, b.RuleID) })
	return r, nil
}

func outcomesByID(os []rules.Outcome) map[string]*rules.Outcome {
	m := make(map[string]*rules.Outcome, len(os))
	for i := range os {
		m[os[i].RuleID] = &os[i]
	}
	return m
}

func status(o *rules.Outcome) rules.Status {
	if o == nil {
		return ""
	}
	return o.Status
}

func count(fail, na *int, o *rules.Outcome) {
	switch status(o) {
	case rules.Fail:
		*fail++
	case rules.NA:
		*na++
	}
}

// hitKey is what makes two hits the same finding: where, and whether it
// is a breach. The rule version is left out on purpose: it is expected to
// differ between the sets.
type hitKey struct {
	seq, start, end int
	violation       bool
	detector        string
}

func keyOf(h rules.Hit) hitKey {
	return hitKey{h.Seq, h.Start, h.End, h.Violation, h.Detector}
}

// hitDiff returns the hits only n has and the hits only o has.
func hitDiff(o, n *rules.Outcome) (added, removed []rules.Hit) {
	var oh, nh []rules.Hit
	if o != nil {
		oh = o.Hits
	}
	if n != nil {
		nh = n.Hits
	}
	in := func(hs []rules.Hit, k hitKey) bool {
		return slices.ContainsFunc(hs, func(h rules.Hit) bool { return keyOf(h) == k })
	}
	for _, h := range nh {
		if !in(oh, keyOf(h)) {
			added = append(added, h)
		}
	}
	for _, h := range oh {
		if !in(nh, keyOf(h)) {
			removed = append(removed, h)
		}
	}
	return added, removed
}

func evidence(m *transcript.Message, hs []rules.Hit) []Evidence {
	out := make([]Evidence, 0, len(hs))
	for _, h := range hs {
		e := Evidence{Hit: h}
		for i := range m.Utterances {
			if m.Utterances[i].Seq == h.Seq {
				e.Utterance = m.Utterances[i].Text
				break
			}
		}
		out = append(out, e)
	}
	return out
}
