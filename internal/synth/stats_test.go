package synth

import (
	"math"
	"testing"
	"time"
)

func within(t *testing.T, what string, got, want, tol float64) {
	t.Helper()
	if math.Abs(got-want) > tol {
		t.Errorf("%s = %.4f, want %.4f ± %.4f", what, got, want, tol)
	} else {
		t.Logf("%s = %.4f (want %.4f ± %.4f)", what, got, want, tol)
	}
}

func TestExactTotal(t *testing.T) {
	for _, n := range []int{1, 17, 1234} {
		s, _ := generate(t, small(n), 3)
		if len(s.truths) != n {
			t.Errorf("conversations=%d: got %d", n, len(s.truths))
		}
	}
}

// TestSeasonality checks the daily and weekly shape, and the promotion day,
// in the default week.
func TestSeasonality(t *testing.T) {
	s, ev := generate(t, DefaultScenario(), 5)
	loc := time.FixedZone("", 8*3600)
	var hourly [2][24]float64 // weekday, weekend
	days := map[string]float64{}
	for _, tr := range s.truths {
		l := tr.StartedAt.In(loc)
		we := 0
		if l.Weekday() == time.Saturday || l.Weekday() == time.Sunday {
			we = 1
		}
		hourly[we][l.Hour()]++
		days[l.Format("2006-01-02")]++
	}
	night := hourly[0][3] + hourly[0][4] + hourly[0][5]
	evening := hourly[0][20] + hourly[0][21] + hourly[0][22]
	if evening < 6*night {
		t.Errorf("weekday evening peak %v is not well above the night trough %v", evening, night)
	}
	// Weekends start later: 08:00 carries less of the day than on weekdays.
	wdShare := hourly[0][8] / sum(hourly[0][:])
	weShare := hourly[1][8] / sum(hourly[1][:])
	if weShare >= wdShare {
		t.Errorf("08:00 share weekend %.4f ≥ weekday %.4f", weShare, wdShare)
	}
	// 2025-06-18 (Wednesday, factor 0.97) is the 618 promotion: ×3 against
	// Thursday 2025-06-12 (factor 1.0).
	within(t, "promotion day / ordinary day", days["2025-06-18"]/days["2025-06-12"], 3*0.97, 0.25)
	if ev.Promotions[0].Total != int(days["2025-06-18"]) {
		t.Errorf("events report %d conversations on the promotion day, truth has %v", ev.Promotions[0].Total, days["2025-06-18"])
	}
}

func sum(xs []float64) float64 {
	var s float64
	for _, x := range xs {
		s += x
	}
	return s
}

// TestSpikeShare checks that the injected spike makes its topic and SKU
// four times their usual share inside the window and leaves it alone
// outside.
func TestSpikeShare(t *testing.T) {
	sc := DefaultScenario()
	sc.Start, sc.Days, sc.PerDay = "2025-06-14", 1, 30000
	sc.Promotions = nil
	s, ev := generate(t, sc, 9)
	sp := ev.Spikes[0]
	var in, inHit, out, outHit float64
	for _, tr := range s.truths {
		hit := tr.Intent == sp.Topic && tr.SKU == sp.SKU
		if !tr.StartedAt.Before(sp.Start) && tr.StartedAt.Before(sp.End) {
			in++
			if hit {
				inHit++
			}
			continue
		}
		if tr.Spike != "" {
			t.Fatalf("%s marked as spike outside the window", tr.ConversationID)
		}
		out++
		if hit {
			outHit++
		}
	}
	base := outHit / out
	within(t, "baseline share", base, sp.BaselineShare, sp.BaselineShare*0.15)
	within(t, "spike share / baseline share", (inHit/in)/sp.BaselineShare, 4, 0.6)
	if sp.Injected == 0 || sp.Matching != int(inHit) || sp.Total != int(in) {
		t.Errorf("events report %+v, truth: %v matching of %v", sp, inHit, in)
	}
}

func TestLanguageAndChannelMix(t *testing.T) {
	s, _ := generate(t, small(6000), 13)
	n := float64(len(s.truths))
	var lang = map[string]float64{}
	var ch = map[string]float64{}
	for _, tr := range s.truths {
		k := tr.Language
		if tr.Mixed {
			k = "mixed"
		}
		lang[k]++
		ch[tr.Channel]++
	}
	sc := DefaultScenario()
	for k, want := range sc.Languages {
		within(t, "language "+k, lang[k]/n, want, 0.03)
	}
	for k, want := range sc.Channels {
		within(t, "channel "+k, ch[k]/n, want, 0.03)
	}
}

// TestViolationRates turns one rule on at a time: only that rule appears,
// and it appears; with every rule off none does.
func TestViolationRates(t *testing.T) {
	off := map[string]float64{}
	for _, r := range AllRules {
		off[r] = 0
	}
	sc := small(1500)
	sc.Violations = off
	s, _ := generate(t, sc, 2)
	for _, tr := range s.truths {
		if len(tr.Violations) > 0 {
			t.Fatalf("rules off, yet %s breaks %v", tr.ConversationID, tr.Violations)
		}
	}
	for _, rule := range AllRules {
		t.Run(rule, func(t *testing.T) {
			vs := map[string]float64{}
			for k := range off {
				vs[k] = 0
			}
			vs[rule] = 0.9
			sc := small(1500)
			sc.Violations = vs
			s, _ := generate(t, sc, 2)
			n := 0
			for _, tr := range s.truths {
				for _, h := range tr.Violations {
					if h.ID != rule {
						t.Fatalf("only %s is on, yet %s breaks %s", rule, tr.ConversationID, h.ID)
					}
					n++
				}
			}
			if n < 10 {
				t.Errorf("%s at 0.9 broken only %d times in 1500 conversations", rule, n)
			}
		})
	}
	// The default mix: a realistic minority of conversations break a rule.
	s, _ = generate(t, small(4000), 2)
	var withViolation float64
	for _, tr := range s.truths {
		if len(tr.Violations) > 0 {
			withViolation++
		}
	}
	within(t, "share of conversations with a violation", withViolation/4000, 0.3, 0.15)
}
