package scorecard

import (
	"math/rand/v2"
	"reflect"
	"testing"

	"github.com/convqa/convqa/scoring/rules"
)

// The full.yaml scorecard, for checking by hand:
//
//	opening    ×20: greeting 5 [no_greeting], name 5 [no_name]
//	compliance ×50: promises 10 [forbidden_promise] auto-fail,
//	                identity 10 [no_identity_check, card_readback]
//	closing    ×30: farewell 2 [no_closing], survey 1 [no_survey]
var allRules = []string{"no_greeting", "no_name", "forbidden_promise", "no_identity_check", "card_readback", "no_closing", "no_survey"}

// outcomes gives every rule of full.yaml the status pass, except those
// named in over.
func outcomes(over map[string]rules.Status) []rules.Outcome {
	var out []rules.Outcome
	for _, id := range allRules {
		st, ok := over[id]
		if !ok {
			st = rules.Pass
		}
		if st == "" { // "": leave the rule out entirely
			continue
		}
		out = append(out, rules.Outcome{RuleID: id, Status: st})
	}
	return out
}

func allNA() map[string]rules.Status {
	m := map[string]rules.Status{}
	for _, id := range allRules {
		m[id] = rules.NA
	}
	return m
}

type sectionWant struct {
	score float64
	na    bool
}

func TestGrade(t *testing.T) {
	sc, err := Load("testdata/good/full.yaml")
	if err != nil {
		t.Fatal(err)
	}
	F, N := rules.Fail, rules.NA
	closingNA := map[string]rules.Status{"no_closing": N, "no_survey": N, "no_greeting": F}
	for _, tc := range []struct {
		name     string
		outs     []rules.Outcome
		total    float64
		sections [3]sectionWant // opening, compliance, closing
		autoBy   []string
		na       bool
	}{
		{name: "all pass", outs: outcomes(nil), total: 100,
			sections: [3]sectionWant{{score: 100}, {score: 100}, {score: 100}}},
		{name: "one of two equal criteria fails", outs: outcomes(map[string]rules.Status{"no_greeting": F}),
			total: 90, sections: [3]sectionWant{{score: 50}, {score: 100}, {score: 100}}}, // (20·50+50·100+30·100)/100
		{name: "criterion weights within a section", outs: outcomes(map[string]rules.Status{"no_closing": F}),
			total: 80, sections: [3]sectionWant{{score: 100}, {score: 100}, {score: 33.3}}}, // closing 1/3; (2000+5000+1000)/100
		{name: "thirds round half up", outs: outcomes(map[string]rules.Status{"no_survey": F}),
			total: 90, sections: [3]sectionWant{{score: 100}, {score: 100}, {score: 66.7}}}, // (2000+5000+30·200/3)/100
		{name: "an N/A criterion drops out of its section", outs: outcomes(map[string]rules.Status{"no_closing": F, "no_survey": N}),
			total: 70, sections: [3]sectionWant{{score: 100}, {score: 100}, {score: 0}}},
		{name: "an N/A section drops out and the rest renormalize", outs: outcomes(closingNA),
			total: 85.7, sections: [3]sectionWant{{score: 50}, {score: 100}, {na: true}}}, // (20·50+50·100)/70
		{name: "a missing outcome is N/A", outs: outcomes(map[string]rules.Status{"no_closing": "", "no_survey": "", "no_greeting": F}),
			total: 85.7, sections: [3]sectionWant{{score: 50}, {score: 100}, {na: true}}},
		{name: "partially N/A section", outs: outcomes(map[string]rules.Status{"no_name": N, "no_greeting": F}),
			total: 80, sections: [3]sectionWant{{score: 0}, {score: 100}, {score: 100}}},
		{name: "auto-fail zeroes the total and keeps section scores", outs: outcomes(map[string]rules.Status{"forbidden_promise": F}),
			total: 0, autoBy: []string{"compliance.promises"},
			sections: [3]sectionWant{{score: 100}, {score: 50}, {score: 100}}},
		{name: "auto-fail criterion that passes is an ordinary criterion", outs: outcomes(map[string]rules.Status{"no_identity_check": F}),
			total: 75, sections: [3]sectionWant{{score: 100}, {score: 50}, {score: 100}}},
		{name: "auto-fail criterion N/A does not fail", outs: outcomes(map[string]rules.Status{"forbidden_promise": N}),
			total: 100, sections: [3]sectionWant{{score: 100}, {score: 100}, {score: 100}}},
		{name: "any failing rule fails its criterion", outs: outcomes(map[string]rules.Status{"card_readback": F}),
			total: 75, sections: [3]sectionWant{{score: 100}, {score: 50}, {score: 100}}},
		{name: "one pass among N/A passes", outs: outcomes(map[string]rules.Status{"no_identity_check": N}),
			total: 100, sections: [3]sectionWant{{score: 100}, {score: 100}, {score: 100}}},
		{name: "all N/A", outs: outcomes(allNA()), total: 100, na: true,
			sections: [3]sectionWant{{na: true}, {na: true}, {na: true}}},
		{name: "no outcomes at all", outs: nil, total: 100, na: true,
			sections: [3]sectionWant{{na: true}, {na: true}, {na: true}}},
		{name: "all fail", outs: outcomes(map[string]rules.Status{"no_greeting": F, "no_name": F, "no_identity_check": F, "no_closing": F, "no_survey": F}),
			total: 25, sections: [3]sectionWant{{score: 0}, {score: 50}, {score: 0}}}, // promises still pass: 50·50/100
		{name: "the worst of duplicate outcomes counts", outs: append(outcomes(nil), rules.Outcome{RuleID: "no_greeting", Status: F}),
			total: 90, sections: [3]sectionWant{{score: 50}, {score: 100}, {score: 100}}},
		{name: "outcomes of other rules are ignored", outs: append(outcomes(nil), rules.Outcome{RuleID: "blame_customer", Status: F}),
			total: 100, sections: [3]sectionWant{{score: 100}, {score: 100}, {score: 100}}},
		{name: "an unknown status counts as absent", outs: outcomes(map[string]rules.Status{"no_greeting": "maybe"}),
			total: 100, sections: [3]sectionWant{{score: 100}, {score: 100}, {score: 100}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res := sc.Grade(tc.outs)
			if res.Total != tc.total {
				t.Errorf("total %v, want %v", res.Total, tc.total)
			}
			if res.NA != tc.na {
				t.Errorf("NA %v, want %v", res.NA, tc.na)
			}
			if res.AutoFailed != (len(tc.autoBy) > 0) || !reflect.DeepEqual(res.AutoFailedBy, tc.autoBy) {
				t.Errorf("auto-failed %v by %v, want by %v", res.AutoFailed, res.AutoFailedBy, tc.autoBy)
			}
			for i, want := range tc.sections {
				got := res.Sections[i]
				if got.Score != want.score || got.NA != want.na {
					t.Errorf("section %s: score %v na %v, want %v na %v", got.ID, got.Score, got.NA, want.score, want.na)
				}
			}
			if res.ScorecardID != "ecommerce_test" || res.ScorecardVersion != sc.Version() {
				t.Errorf("scorecard %s %s", res.ScorecardID, res.ScorecardVersion)
			}
		})
	}
}

func TestGradeCriteria(t *testing.T) {
	sc, err := Load("testdata/good/full.yaml")
	if err != nil {
		t.Fatal(err)
	}
	res := sc.Grade(outcomes(map[string]rules.Status{"card_readback": rules.Fail, "no_name": rules.NA, "no_survey": ""}))
	want := []CriterionResult{
		{ID: "opening.greeting", Section: "opening", Title: "问候 / Greeting", Weight: 5, Earned: 5, Max: 5, Status: "pass", Rules: []string{"no_greeting"}},
		{ID: "opening.name", Section: "opening", Weight: 5, Status: "na", Rules: []string{"no_name"}},
		{ID: "compliance.promises", Section: "compliance", Weight: 10, Earned: 10, Max: 10, Status: "pass", AutoFail: true, Rules: []string{"forbidden_promise"}},
		{ID: "compliance.identity", Section: "compliance", Weight: 10, Max: 10, Status: "fail", Rules: []string{"card_readback"}},
		{ID: "closing.farewell", Section: "closing", Weight: 2, Earned: 2, Max: 2, Status: "pass", Rules: []string{"no_closing"}},
		{ID: "closing.survey", Section: "closing", Weight: 1, Status: "na", Rules: []string{"no_survey"}},
	}
	if !reflect.DeepEqual(res.Criteria, want) {
		t.Errorf("criteria:\n%+v\nwant\n%+v", res.Criteria, want)
	}
	wantSec := []SectionResult{
		{ID: "opening", Title: "開場 / Opening", Weight: 20, Earned: 5, Max: 5, Score: 100},
		{ID: "compliance", Title: "合规 / Compliance", Weight: 50, Earned: 10, Max: 20, Score: 50},
		{ID: "closing", Weight: 30, Earned: 2, Max: 2, Score: 100},
	}
	if !reflect.DeepEqual(res.Sections, wantSec) {
		t.Errorf("sections:\n%+v\nwant\n%+v", res.Sections, wantSec)
	}
	if res.Total != 75 { // (20·100 + 50·50 + 30·100)/100
		t.Errorf("total %v, want 75", res.Total)
	}
}

func TestRound1(t *testing.T) {
	for _, tc := range []struct{ in, want float64 }{
		{0, 0}, {100, 100}, {66.65, 66.7}, {66.64999, 66.6}, {0.05, 0.1}, {99.95, 100},
		{99.94, 99.9}, {100.0 / 3, 33.3}, {200.0 / 3, 66.7}, {600.0 / 7, 85.7}, {12.25, 12.3},
	} {
		if got := round1(tc.in); got != tc.want {
			t.Errorf("round1(%v) = %v, want %v", tc.in, got, tc.want)
		}
	}
}

// TestGradeInvariants grades random outcomes and checks what must hold
// whatever the weights: the total is within [0, 100], NA means no
// criterion applied, auto-fail means a failed auto-fail criterion, and
// the same outcomes give the same result.
func TestGradeInvariants(t *testing.T) {
	sc, err := Load("testdata/good/full.yaml")
	if err != nil {
		t.Fatal(err)
	}
	r := rand.New(rand.NewPCG(1, 2))
	statuses := []rules.Status{rules.Pass, rules.Fail, rules.NA, ""}
	for i := 0; i < 2000; i++ {
		over := map[string]rules.Status{}
		for _, id := range allRules {
			over[id] = statuses[r.IntN(len(statuses))]
		}
		outs := outcomes(over)
		res := sc.Grade(outs)
		if res.Total < 0 || res.Total > 100 {
			t.Fatalf("%v: total %v", over, res.Total)
		}
		applied, autoFailed, failed := false, false, false
		for _, c := range res.Criteria {
			applied = applied || c.Status != StatusNA
			failed = failed || c.Status == StatusFail
			autoFailed = autoFailed || (c.AutoFail && c.Status == StatusFail)
		}
		if res.NA == applied || res.AutoFailed != autoFailed {
			t.Fatalf("%v: NA %v AutoFailed %v, criteria %+v", over, res.NA, res.AutoFailed, res.Criteria)
		}
		if applied && !failed && res.Total != 100 {
			t.Fatalf("%v: nothing failed but total %v", over, res.Total)
		}
		if failed && res.Total == 100 {
			t.Fatalf("%v: a criterion failed but total 100", over)
		}
		if again := sc.Grade(outs); !reflect.DeepEqual(again, res) {
			t.Fatalf("%v: graded twice, got two results", over)
		}
	}
}
