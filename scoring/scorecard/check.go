package scorecard

import (
	"fmt"
	"sort"

	"github.com/convqa/convqa/internal/fielderr"
)

// Check compares the scorecard with a rule set, given as a map from every
// rule id of the set to the criterion the rule says it feeds (its
// `criterion` field, "" when it has none).
//
// A criterion naming a rule the set does not have is refused: that
// criterion would be N/A forever, silently. Each such mistake is a
// *FieldError at the line of the rule id, with the closest known id as a
// suggestion.
//
// Disagreements the other way are returned as notes, not refused, because
// a tenant's own scorecard may regroup the shipped rules: a rule whose
// criterion the scorecard does not have, and a rule whose criterion exists
// but is decided by other rules. The shipped pack has none (its test says
// so). Notes are sorted by rule id.
func (s *Scorecard) Check(ruleCriteria map[string]string) (notes []string, err error) {
	var errs errorList
	for _, r := range s.rules {
		if _, ok := ruleCriteria[r.id]; ok {
			continue
		}
		crit := s.crits[r.crit]
		msg := fmt.Sprintf("criterion %q names rule %q, which the rule set does not have", crit.c.ID, r.id)
		if near := nearest(r.id, ruleCriteria); near != "" {
			msg += fmt.Sprintf(" (did you mean %q?)", near)
		}
		errs.add(&FieldError{File: s.name, Line: r.line, Path: s.rulePath(r), Msg: msg,
			Allowed: fmt.Sprintf("ids of the %d rules in the set", len(ruleCriteria))})
	}
	ids := make([]string, 0, len(ruleCriteria))
	for id := range ruleCriteria {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	critIdx := make(map[string]int, len(s.crits))
	for i, c := range s.crits {
		critIdx[c.c.ID] = i
	}
	for _, id := range ids {
		want := ruleCriteria[id]
		if want == "" {
			continue
		}
		ci, ok := critIdx[want]
		if !ok {
			notes = append(notes, fmt.Sprintf("rule %q feeds criterion %q, which scorecard %s (%s) does not have", id, want, s.id, s.name))
			continue
		}
		ri, listed := s.ruleIdx[id]
		switch {
		case !listed:
			notes = append(notes, fmt.Sprintf("rule %q feeds criterion %q, but %s:%d does not list it in that criterion's rules", id, want, s.name, s.crits[ci].c.Line))
		case s.rules[ri].crit != ci:
			notes = append(notes, fmt.Sprintf("rule %q feeds criterion %q, but %s:%d lists it under criterion %q", id, want, s.name, s.rules[ri].line, s.crits[s.rules[ri].crit].c.ID))
		}
	}
	return notes, errs.err()
}

// rulePath is the field path of a rule reference, for messages.
func (s *Scorecard) rulePath(r ruleRef) string {
	cr := s.crits[r.crit]
	si, ci := cr.section, 0
	for i := range s.sections[si].Criteria {
		if &s.sections[si].Criteria[i] == cr.c {
			ci = i
		}
	}
	for k, id := range cr.c.Rules {
		if id == r.id {
			return fmt.Sprintf("sections[%d].criteria[%d].rules[%d]", si, ci, k)
		}
	}
	return ""
}

// nearest returns the known id closest to id by edit distance, if it is
// close enough to be a typo (at most a third of the id's length, and 3).
func nearest(id string, known map[string]string) string {
	limit := min(3, max(1, len(id)/3))
	best, bestD := "", limit+1
	for k := range known {
		// Ties go to the smaller id, so the suggestion does not depend on
		// map order.
		if d := fielderr.EditDistance(id, k, limit+1); d < bestD || (d == bestD && k < best) {
			best, bestD = k, d
		}
	}
	return best
}
