package sentiment

import (
	"context"
	"fmt"
	"math/rand/v2"
)

// Selection says which candidate TrainSelect kept and how each did.
type Selection struct {
	// Chosen indexes the candidates.
	Chosen int `json:"chosen"`
	// Accuracy of each candidate on the held-out part of the examples.
	Accuracy []float64 `json:"accuracy"`
	// HeldOut is how many examples were held out.
	HeldOut int `json:"held_out"`
}

// TrainSelect picks among candidate options by what the data says: each
// candidate is trained on the examples less a held-out share (stratified,
// seeded) and scored on that share; the best (the first on ties) is then
// trained on every example. Nothing outside examples is looked at, so a
// model evaluated on other data stays honest.
func TrainSelect(ctx context.Context, rules *Scorer, examples []Example, candidates []TrainOptions, heldOut float64, seed uint64) (*Model, Selection, error) {
	if len(candidates) == 0 {
		return nil, Selection{}, fmt.Errorf("train: no candidate options")
	}
	if !(heldOut > 0 && heldOut < 0.5) {
		return nil, Selection{}, fmt.Errorf("train: held-out share must be in (0, 0.5), got %v", heldOut)
	}
	sel := Selection{Accuracy: make([]float64, len(candidates))}
	if len(candidates) > 1 {
		fit, check := splitStratified(examples, heldOut, seed)
		sel.HeldOut = len(check)
		for i, o := range candidates {
			o.Seed = seed
			m, err := Train(ctx, rules, fit, o)
			if err != nil {
				return nil, sel, err
			}
			s, err := rules.WithModel(m)
			if err != nil {
				return nil, sel, err
			}
			right := 0
			for _, ex := range check {
				if sameClass(s.Score(ex.Text).Label, ex.Label, m.Classes) {
					right++
				}
			}
			sel.Accuracy[i] = float64(right) / float64(max(len(check), 1))
			if sel.Accuracy[i] > sel.Accuracy[sel.Chosen] {
				sel.Chosen = i
			}
		}
	}
	o := candidates[sel.Chosen]
	o.Seed = seed
	m, err := Train(ctx, rules, examples, o)
	return m, sel, err
}

// sameClass compares a prediction with a label; a binary model's neutral
// prediction counts as positive, as binary sets are scored.
func sameClass(pred, label Label, classes []Label) bool {
	if len(classes) == 2 && pred == Neutral {
		pred = Positive
	}
	return pred == label
}

// splitStratified holds out a share of each class's examples.
func splitStratified(examples []Example, share float64, seed uint64) (fit, check []Example) {
	rng := rand.New(rand.NewPCG(seed, 0x5e1ec7))
	byClass := map[Label][]int{}
	var order []Label
	for i, ex := range examples {
		if _, ok := byClass[ex.Label]; !ok {
			order = append(order, ex.Label)
		}
		byClass[ex.Label] = append(byClass[ex.Label], i)
	}
	hold := make([]bool, len(examples))
	for _, l := range order {
		idx := byClass[l]
		rng.Shuffle(len(idx), func(i, j int) { idx[i], idx[j] = idx[j], idx[i] })
		for _, i := range idx[:int(float64(len(idx))*share)] {
			hold[i] = true
		}
	}
	for i, ex := range examples {
		if hold[i] {
			check = append(check, ex)
		} else {
			fit = append(fit, ex)
		}
	}
	return fit, check
}

// InDomainCandidates are what the in-domain preset chooses between with
// TrainSelect: InDomainOptions, which weighs the classes as they come, and
// a variant that weighs them alike, with a little less length damping and
// shrinkage. Which is better depends on the data (how skewed its labels
// are, how long its texts), so the data decides.
func InDomainCandidates() []TrainOptions {
	a := InDomainOptions()
	b := InDomainOptions()
	f := *b.Features
	f.LengthPow = 0.6
	b.Features, b.Balance, b.L2 = &f, true, 5e-4
	return []TrainOptions{a, b}
}

// InDomainHeldOut is the share of the examples TrainSelect holds out to
// choose among InDomainCandidates.
const InDomainHeldOut = 0.2
