package eval

import "github.com/convqa/convqa/scoring/sentiment"

// Scores are accuracy and macro-F1 over a set's classes.
type Scores struct {
	N        int
	Accuracy float64
	MacroF1  float64
}

// Binary maps a 3-way label to a binary set's labels: only a negative
// label is negative. A binary set asks "is this a complaint?", and a
// text the scorer finds neutral is not one.
func Binary(l sentiment.Label) sentiment.Label {
	if l == sentiment.Negative {
		return sentiment.Negative
	}
	return sentiment.Positive
}

// Score compares predictions with the truth over the given classes.
func Score(truth, pred []sentiment.Label, classes []sentiment.Label) Scores {
	s := Scores{N: len(truth)}
	if len(truth) == 0 {
		return s
	}
	tp := map[sentiment.Label]int{}
	fp := map[sentiment.Label]int{}
	fn := map[sentiment.Label]int{}
	right := 0
	for i, t := range truth {
		p := pred[i]
		if p == t {
			right++
			tp[t]++
			continue
		}
		fp[p]++
		fn[t]++
	}
	s.Accuracy = float64(right) / float64(len(truth))
	for _, c := range classes {
		if d := 2*tp[c] + fp[c] + fn[c]; d > 0 {
			s.MacroF1 += 2 * float64(tp[c]) / float64(d)
		}
	}
	s.MacroF1 /= float64(len(classes))
	return s
}

// Classes returns the classes of a set.
func (d *Dataset) Classes() []sentiment.Label {
	if d.Binary {
		return []sentiment.Label{sentiment.Negative, sentiment.Positive}
	}
	return []sentiment.Label{sentiment.Negative, sentiment.Neutral, sentiment.Positive}
}

// Labels returns the rows' labels.
func (d *Dataset) Labels() []sentiment.Label {
	out := make([]sentiment.Label, len(d.Rows))
	for i, r := range d.Rows {
		out[i] = r.Label
	}
	return out
}
