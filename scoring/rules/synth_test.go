package rules

import (
	"fmt"
	"reflect"
	"sort"
	"sync"
	"testing"

	"github.com/convqa/convqa/internal/synth"
)

// TestSynthAgreement judges generated conversations with the test pack and
// compares the verdicts with what the generator put in: the rules broken,
// at which turn, and the tempting turns a careless rule would flag.
func TestSynthAgreement(t *testing.T) {
	n := 2000
	if testing.Short() {
		n = 300
	}
	s := loadPack(t)
	convs := synthConversations(t, n)

	type tally struct{ tp, fp, fn, seqFound, seqWant int }
	core := map[string]*tally{}
	for _, id := range synth.AllRules {
		core[id] = &tally{}
	}
	// The tempting turn and the rule it must not trip.
	tempts := map[string]string{
		synth.TemptNegatedPromise:      synth.RuleForbiddenPromise,
		synth.TemptCustomerPhrase:      synth.RuleForbiddenPromise,
		synth.TemptMaskedCard:          synth.RuleCardReadback,
		synth.TemptCustomerGivesCard:   synth.RuleCardReadback,
		synth.TemptMaskedID:            synth.RuleIDReadback,
		synth.TemptHumanHonored:        synth.RuleIgnoredHuman,
		synth.TemptAnnouncedHold:       synth.RuleLongSilence,
		synth.TemptPolicyCorrect:       synth.RuleRefundPolicyMisquo,
		synth.TemptIdentityThenDetails: synth.RuleNoIdentityCheck,
	}
	tempted, temptings := map[string]int{}, map[string]int{}
	var examples []string
	for _, c := range convs {
		byRule := map[string]Outcome{}
		for _, o := range s.Evaluate(c.msg) {
			byRule[o.RuleID] = o
		}
		want := map[string][]int{}
		for _, v := range c.truth.Violations {
			want[v.ID] = append(want[v.ID], v.Seq)
		}
		for id, tl := range core {
			o := byRule[id]
			got := o.Status == Fail
			switch {
			case got && len(want[id]) > 0:
				tl.tp++
			case got:
				tl.fp++
				if len(examples) < 5 {
					examples = append(examples, fmt.Sprintf("FP %s in %s: %+v", id, c.msg.ConversationID, o.Hits))
				}
			case len(want[id]) > 0:
				tl.fn++
				if len(examples) < 5 {
					examples = append(examples, fmt.Sprintf("FN %s in %s at %v", id, c.msg.ConversationID, want[id]))
				}
			}
			if ri, _ := s.Rule(id); ri.Kind == Violation {
				hit := map[int]bool{}
				for _, h := range o.Hits {
					hit[h.Seq] = true
				}
				for _, seq := range want[id] {
					tl.seqWant++
					if hit[seq] {
						tl.seqFound++
					}
				}
			}
		}
		for _, tm := range c.truth.Tempting {
			id, ok := tempts[tm.ID]
			if !ok {
				continue
			}
			temptings[tm.ID]++
			for _, h := range byRule[id].Hits {
				if h.Seq == tm.Seq {
					tempted[tm.ID]++
					if len(examples) < 10 {
						examples = append(examples, fmt.Sprintf("%s tripped %s in %s: %+v", tm.ID, id, c.msg.ConversationID, h))
					}
				}
			}
		}
	}
	ids := make([]string, 0, len(core))
	for id := range core {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		tl := core[id]
		precision := ratio(tl.tp, tl.tp+tl.fp)
		recall := ratio(tl.tp, tl.tp+tl.fn)
		t.Logf("%-30s conversations: precision %.3f recall %.3f (tp %d fp %d fn %d); turns found %d/%d",
			id, precision, recall, tl.tp, tl.fp, tl.fn, tl.seqFound, tl.seqWant)
		minP, minR := 0.95, 0.95
		switch id {
		case synth.RuleNoEmpathy:
			// Keyword lists for "upset" and "empathy" are a heuristic; the
			// generator's moods are not in the text alone.
			minP, minR = 0.4, 0.4
		case synth.RuleRepeatedOrderAsk:
			// The generator's deflecting reply to a request for a human
			// ("请问您的订单号是多少？") is a repeated question it does not
			// count; call transcripts drop the question mark.
			minP, minR = 0.8, 0.9
		}
		if tl.tp+tl.fn > 0 && (precision < minP || recall < minR) {
			t.Errorf("%s: precision %.3f, recall %.3f; want at least %.2f and %.2f", id, precision, recall, minP, minR)
		}
		if tl.seqWant > 0 && ratio(tl.seqFound, tl.seqWant) < minR {
			t.Errorf("%s: found %d of %d violating turns", id, tl.seqFound, tl.seqWant)
		}
	}
	for id, n := range temptings {
		t.Logf("tempting %-30s %d of %d tripped %s", id, tempted[id], n, tempts[id])
		// One in a hundred leaves room for a phrase the generator learns
		// before the pack does; a guard that stopped working trips many.
		if tempted[id] > n/100 {
			t.Errorf("tempting %s tripped %s %d of %d times", id, tempts[id], tempted[id], n)
		}
	}
	if t.Failed() {
		for _, e := range examples {
			t.Log(e)
		}
	}
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 1
	}
	return float64(a) / float64(b)
}

// TestConcurrentEvaluate runs one Set from many goroutines (run it with
// -race) and checks each result against a sequential run.
func TestConcurrentEvaluate(t *testing.T) {
	s := loadPack(t)
	convs := synthConversations(t, 300)
	want := make([][]Outcome, len(convs))
	for i, c := range convs {
		want[i] = s.Evaluate(c.msg)
	}
	var wg sync.WaitGroup
	errs := make(chan string, 8)
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := range convs {
				i := (k + g*37) % len(convs)
				if got := s.Evaluate(convs[i].msg); !reflect.DeepEqual(got, want[i]) {
					errs <- fmt.Sprintf("goroutine %d, conversation %s: results differ", g, convs[i].msg.ConversationID)
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}
