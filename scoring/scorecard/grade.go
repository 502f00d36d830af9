package scorecard

import (
	"math"
	"slices"

	"github.com/convqa/convqa/scoring/rules"
)

// Criterion statuses, as CriterionResult.Status reports them.
const (
	StatusPass = string(rules.Pass)
	StatusFail = string(rules.Fail)
	StatusNA   = string(rules.NA)
)

// rank orders rule statuses for "the worst outcome counts": absent (0)
// < N/A < pass < fail. Anything else the rule engine might send counts as
// absent, that is N/A.
func rank(s rules.Status) uint8 {
	switch s {
	case rules.NA:
		return 1
	case rules.Pass:
		return 2
	case rules.Fail:
		return 3
	}
	return 0
}

// Grade grades one conversation's rule outcomes; see the package doc for
// the arithmetic. Outcomes of rules the scorecard does not name are
// ignored; rules it names without an outcome count as N/A. Grade is pure:
// the same outcomes always give the same Result.
func (s *Scorecard) Grade(outcomes []rules.Outcome) Result {
	var res Result
	s.GradeInto(&res, outcomes)
	return res
}

// GradeInto is Grade for a caller that grades conversation after
// conversation and keeps their memory: it overwrites *res with the grade,
// reusing the slices res holds from an earlier GradeInto. Nothing of the
// earlier grade survives, and nothing of the new one is shared with any
// other Result: a caller hands res out only when it is done reusing it.
func (s *Scorecard) GradeInto(res *Result, outcomes []rules.Outcome) {
	// Scratch on the stack for scorecards of common size.
	var statusBuf [128]uint8
	var sumBuf [2 * 16]float64
	status := statusBuf[:0]
	if len(s.rules) > len(statusBuf) {
		status = make([]uint8, len(s.rules))
	}
	status = status[:len(s.rules)]
	for i := range outcomes {
		if ri, ok := s.ruleIdx[outcomes[i].RuleID]; ok {
			status[ri] = max(status[ri], rank(outcomes[i].Status))
		}
	}
	*res = Result{
		ScorecardID:      s.id,
		ScorecardVersion: s.version,
		Sections:         slices.Grow(res.Sections[:0], len(s.sections))[:len(s.sections)],
		Criteria:         slices.Grow(res.Criteria[:0], len(s.crits)),
		AutoFailedBy:     res.AutoFailedBy[:0],
		// One backing array for every criterion's Rules: Grade runs once
		// per conversation, and this saves an allocation per criterion.
		// Never nil, so that Rules is never nil either, as it always was.
		ruleBuf: slices.Grow(res.ruleBuf[:0], max(len(s.rules), 1)),
	}
	ruleBuf := res.ruleBuf
	sums := sumBuf[:0]
	if 2*len(s.sections) > len(sumBuf) {
		sums = make([]float64, 0, 2*len(s.sections))
	}
	sums = sums[:2*len(s.sections)]
	earned, possible := sums[:len(s.sections)], sums[len(s.sections):]
	for _, cr := range s.crits {
		c := cr.c
		worst := uint8(0)
		for _, ri := range cr.rules {
			worst = max(worst, status[ri])
		}
		out := CriterionResult{ID: c.ID, Section: s.sections[cr.section].ID, Title: c.Title,
			Weight: c.Weight, AutoFail: c.AutoFail}
		switch worst {
		case 3:
			out.Status, out.Max = StatusFail, c.Weight
		case 2:
			out.Status, out.Max, out.Earned = StatusPass, c.Weight, c.Weight
		default:
			out.Status = StatusNA
		}
		// The rules that decided: those with the deciding status, or all
		// of them when none applied.
		first := len(ruleBuf)
		for _, ri := range cr.rules {
			if worst < 2 || status[ri] == worst {
				ruleBuf = append(ruleBuf, s.rules[ri].id)
			}
		}
		out.Rules = ruleBuf[first:len(ruleBuf):len(ruleBuf)] // full slice expression: appending to one cannot overwrite the next
		if c.AutoFail && worst == 3 {
			res.AutoFailed = true
			res.AutoFailedBy = append(res.AutoFailedBy, c.ID)
		}
		earned[cr.section] += out.Earned
		possible[cr.section] += out.Max
		res.Criteria = append(res.Criteria, out)
	}
	var weighted, weights float64
	for i, sec := range s.sections {
		sr := SectionResult{ID: sec.ID, Title: sec.Title, Weight: sec.Weight,
			Earned: earned[i], Max: possible[i]}
		if possible[i] == 0 {
			sr.NA = true
		} else {
			score := 100 * earned[i] / possible[i]
			sr.Score = round1(score)
			weighted += sec.Weight * score
			weights += sec.Weight
		}
		res.Sections[i] = sr
	}
	switch {
	case res.AutoFailed:
		res.Total = 0
	case weights == 0:
		res.Total, res.NA = 100, true
	default:
		res.Total = round1(weighted / weights)
	}
	res.ruleBuf = ruleBuf
	if res.Sections == nil { // Grade always gave empty slices, never nil ones
		res.Sections = []SectionResult{}
	}
	if res.Criteria == nil {
		res.Criteria = []CriterionResult{}
	}
	if len(res.AutoFailedBy) == 0 {
		res.AutoFailedBy = nil // as Grade always gave it; the rare buffer is not worth keeping
	}
}

// round1 rounds a non-negative score half up to one decimal. The 1e-9
// nudge makes halves that binary floating point stores a hair low
// (66.65 is 66.6499…) round up, as a person checking by hand expects;
// it is far below any difference weights can make.
func round1(x float64) float64 {
	return math.Floor(x*10+0.5+1e-9) / 10
}
