package sentiment

import (
	"bytes"
	"context"
	"fmt"
	"testing"
)

// colourSet is labelled by words no lexicon knows: only n-grams learn it.
func colourSet() []Example {
	var out []Example
	for i := range 30 {
		out = append(out, Example{Text: fmt.Sprintf("这件是蓝色的，编号%d", i), Label: Positive},
			Example{Text: fmt.Sprintf("这件是红色的，编号%d", i), Label: Negative})
	}
	return out
}

// TestTrainSelectKeepsTheBetterCandidate: a candidate that cannot learn
// the set (rules only) loses to one that can, whichever order they come
// in, and the choice is the same run after run.
func TestTrainSelectKeepsTheBetterCandidate(t *testing.T) {
	s := rulesScorer(t)
	good, weak := InDomainOptions(), CalibrateOptions()
	for _, order := range [][]TrainOptions{{good, weak}, {weak, good}} {
		var first bytes.Buffer
		for run := range 2 {
			m, sel, err := TrainSelect(context.Background(), s, colourSet(), order, 0.3, 5)
			if err != nil {
				t.Fatal(err)
			}
			if sel.HeldOut == 0 || len(sel.Accuracy) != 2 {
				t.Fatalf("selection %+v", sel)
			}
			if sel.Accuracy[sel.Chosen] <= sel.Accuracy[1-sel.Chosen] {
				t.Errorf("chose %d with accuracy %v", sel.Chosen, sel.Accuracy)
			}
			if order[sel.Chosen].Features.RulesOnly {
				t.Errorf("kept the rules-only candidate: %+v", sel)
			}
			var b bytes.Buffer
			if err := m.Save(&b); err != nil {
				t.Fatal(err)
			}
			if run == 0 {
				first = b
			} else if !bytes.Equal(first.Bytes(), b.Bytes()) {
				t.Error("the same data and seed chose or trained differently")
			}
		}
	}
	for _, bad := range []struct {
		cands []TrainOptions
		held  float64
	}{{nil, 0.2}, {[]TrainOptions{good}, 0}, {[]TrainOptions{good}, 0.5}} {
		if _, _, err := TrainSelect(context.Background(), s, trainingSet(), bad.cands, bad.held, 1); err == nil {
			t.Errorf("candidates %d, held-out %v: no error", len(bad.cands), bad.held)
		}
	}
}
