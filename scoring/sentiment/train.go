package sentiment

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"sort"
)

// Example is one labelled text for training.
type Example struct {
	Text  string
	Label Label
}

// TrainOptions configure Train. Zero fields take the defaults below.
type TrainOptions struct {
	// Epochs over the data (default 10).
	Epochs int `json:"epochs"`
	// Rate is AdaGrad's learning rate (default 0.5).
	Rate float64 `json:"rate"`
	// L2 is the regularization applied to each weight an example touches,
	// per touch (default 1e-3).
	L2 float64 `json:"l2"`
	// MinCount drops text features seen in fewer examples (default 2):
	// features seen once are mostly names, numbers and typos.
	MinCount int `json:"min_count"`
	// Balance weighs classes inversely to their frequency, so a model
	// trained on skewed reviews does not lean on the skew when it meets
	// other traffic. Default false.
	Balance bool `json:"balance"`
	// Dropout is the chance each text feature of an example is left out
	// of one training step (the rest are scaled up to match). It makes the
	// model lean on the rule features, which carry across domains, and
	// not only on the n-grams of the domain it learned from. Default 0.
	Dropout float64 `json:"dropout,omitempty"`
	// NB scales every text feature by how strongly it separates the
	// classes in the training data (the log-count ratio of NBSVM, Wang &
	// Manning 2012), folded into the weights when training ends.
	NB bool `json:"nb,omitempty"`
	// Seed fixes the order examples are visited in: the same data, options
	// and seed give the same model, byte for byte.
	Seed uint64 `json:"seed"`
	// Features are the model's features (default DefaultFeatures()).
	Features *FeatureConfig `json:"features,omitempty"`
}

func (o TrainOptions) withDefaults() TrainOptions {
	if o.Epochs == 0 {
		o.Epochs = 10
	}
	if o.Rate == 0 {
		o.Rate = 0.5
	}
	if o.L2 == 0 {
		o.L2 = 1e-3
	}
	if o.MinCount == 0 {
		o.MinCount = 2
	}
	if o.Features == nil {
		f := DefaultFeatures()
		o.Features = &f
	}
	return o
}

type sparse struct {
	ids  []int32
	vals []float64
}

// Train learns a model from examples, using rules (a Scorer without a
// model) for the rule features. Labels may be negative and positive, or
// all three; the model predicts the classes it saw.
func Train(ctx context.Context, rules *Scorer, examples []Example, opts TrainOptions) (*Model, error) {
	if rules.model != nil {
		return nil, fmt.Errorf("train: the rules scorer must not have a model")
	}
	opts = opts.withDefaults()
	if opts.Epochs < 0 || opts.Rate <= 0 || opts.L2 < 0 || opts.MinCount < 1 || math.IsNaN(opts.Rate+opts.L2) ||
		!(opts.Dropout >= 0 && opts.Dropout < 1) {
		return nil, fmt.Errorf("train: invalid options %+v", opts)
	}
	fc := *opts.Features
	if err := fc.validate(); err != nil {
		return nil, fmt.Errorf("train: %w", err)
	}
	per := map[Label]int{}
	for i, ex := range examples {
		switch ex.Label {
		case Negative, Neutral, Positive:
			per[ex.Label]++
		default:
			return nil, fmt.Errorf("train: example %d has label %q: want negative, neutral or positive", i+1, ex.Label)
		}
	}
	if per[Negative] == 0 || per[Positive] == 0 {
		return nil, fmt.Errorf("train: need examples of both negative and positive, got %v", per)
	}
	classes := []Label{Negative, Positive}
	if per[Neutral] > 0 {
		classes = []Label{Negative, Neutral, Positive}
	}
	classOf := map[Label]int{}
	for i, c := range classes {
		classOf[c] = i
	}

	// Pass 1: features of every example, by name; count in how many
	// examples each text feature occurs.
	type occ struct {
		name string
		val  float64
	}
	docs := make([][]occ, len(examples))
	df := map[string]int{}
	var buf []byte
	for i, ex := range examples {
		if i%1024 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		t := rules.n.Normalize(ex.Text)
		res, st := rules.scoreText(&t)
		var d []occ
		seen := map[string]bool{}
		buf = fc.extract(&t, res.Score, &st, buf, func(name []byte, v float64, _, _ int) {
			s := string(name)
			d = append(d, occ{s, v})
			if !seen[s] {
				seen[s] = true
				df[s]++
			}
		})
		docs[i] = d
	}
	names := make([]string, 0, len(df))
	for name, n := range df {
		if n >= opts.MinCount || name[0] == 'r' {
			names = append(names, name)
		}
	}
	sort.Strings(names)
	id := make(map[string]int32, len(names))
	for i, name := range names {
		id[name] = int32(i)
	}
	xs := make([]sparse, len(examples))
	for i, d := range docs {
		for _, o := range d {
			if j, ok := id[o.name]; ok {
				xs[i].ids = append(xs[i].ids, j)
				xs[i].vals = append(xs[i].vals, o.val)
			}
		}
		docs[i] = nil
	}
	// Rule features are few and hold across domains; only text features
	// are shrunk, so the rules carry what the n-grams of one domain cannot.
	l2 := make([]float64, len(names))
	for i, name := range names {
		if name[0] != 'r' {
			l2[i] = opts.L2
		}
	}
	ys := make([]int, len(examples))
	cw := make([]float64, len(classes))
	for i, ex := range examples {
		ys[i] = classOf[ex.Label]
	}
	for c, l := range classes {
		cw[c] = 1
		if opts.Balance {
			cw[c] = float64(len(examples)) / (float64(len(classes)) * float64(per[l]))
		}
	}

	scale := make([]float64, len(names))
	for i := range scale {
		scale[i] = 1
	}
	if opts.NB {
		nbScale(scale, names, xs, ys, len(classes))
		for i := range xs {
			for n, j := range xs[i].ids {
				xs[i].vals[n] *= scale[j]
			}
		}
	}

	// Pass 2: AdaGrad on the softmax loss.
	k := len(classes)
	w := make([]float64, len(names)*k)
	g2 := make([]float64, len(names)*k)
	bias := make([]float64, k)
	bg2 := make([]float64, k)
	order := make([]int, len(examples))
	for i := range order {
		order[i] = i
	}
	rng := rand.New(rand.NewPCG(opts.Seed, 0x5e17))
	p := make([]float64, k)
	isText := make([]bool, len(names))
	for i, name := range names {
		isText[i] = name[0] != 'r'
	}
	keep := 1 - opts.Dropout
	var vals []float64
	for ep := 0; ep < opts.Epochs; ep++ {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		for _, ix := range order {
			x := xs[ix]
			if opts.Dropout > 0 {
				vals = append(vals[:0], x.vals...)
				for n, j := range x.ids {
					if isText[j] {
						if rng.Float64() < opts.Dropout {
							vals[n] = 0
						} else {
							vals[n] /= keep
						}
					}
				}
				x.vals = vals
			}
			copy(p, bias)
			for n, j := range x.ids {
				for c := range k {
					p[c] += x.vals[n] * w[int(j)*k+c]
				}
			}
			softmax(p)
			for c := range k {
				d := p[c]
				if c == ys[ix] {
					d--
				}
				d *= cw[ys[ix]]
				bg2[c] += d * d
				bias[c] -= opts.Rate * d / math.Sqrt(bg2[c]+1e-8)
				for n, j := range x.ids {
					at := int(j)*k + c
					g := d*x.vals[n] + l2[j]*w[at]
					g2[at] += g * g
					w[at] -= opts.Rate * g / math.Sqrt(g2[at]+1e-8)
				}
			}
		}
	}
	m := &Model{
		Format: ModelFormat, Classes: classes, Features: fc, Lexicon: rules.lex.Version(),
		Bias: roundAll(bias), Weights: make(map[string][]float64, len(names)),
		Trained: TrainInfo{Examples: len(examples), PerClass: per, Options: opts},
	}
	for i, name := range names {
		for c := range k {
			w[i*k+c] *= scale[i]
		}
		ws := roundAll(w[i*k : (i+1)*k])
		if allZero(ws) {
			continue
		}
		m.Weights[name] = ws
	}
	if err := m.prepare(); err != nil {
		return nil, fmt.Errorf("train: %w", err)
	}
	return m, nil
}

// roundAll keeps six significant decimals: enough for the predictions and
// a model file half the size.
func roundAll(xs []float64) []float64 {
	out := make([]float64, len(xs))
	for i, x := range xs {
		out[i] = math.Round(x*1e6) / 1e6
	}
	return out
}

func allZero(xs []float64) bool {
	for _, x := range xs {
		if x != 0 {
			return false
		}
	}
	return true
}

// nbScale sets scale[j] of every text feature j to the largest, over the
// classes, of |log P(j | class) − log P(j | other classes)|, with P the
// share of the class's examples that hold the feature (add-one smoothed).
func nbScale(scale []float64, names []string, xs []sparse, ys []int, k int) {
	docs := make([]float64, k)
	df := make([]float64, len(names)*k)
	for i, x := range xs {
		docs[ys[i]]++
		for _, j := range x.ids {
			df[int(j)*k+ys[i]]++
		}
	}
	total := 0.0
	for _, d := range docs {
		total += d
	}
	for j, name := range names {
		if name[0] == 'r' {
			continue
		}
		all := 0.0
		for c := range k {
			all += df[j*k+c]
		}
		best := 0.0
		for c := range k {
			in := (df[j*k+c] + 1) / (docs[c] + 2)
			out := (all - df[j*k+c] + 1) / (total - docs[c] + 2)
			best = math.Max(best, math.Abs(math.Log(in/out)))
		}
		scale[j] = best
	}
}

// Training presets. Which one fits depends on where the labels come from,
// which the person training knows before any model is scored:
//
//   - InDomainOptions, for labels from the same traffic the model will
//     score (your own QA reviews of your own chats): character and word
//     n-grams with NB scaling, on top of the rule signals.
//   - CalibrateOptions, for labels from other traffic (public reviews, or
//     another product line): only the rule signals are weighed, a dozen
//     weights that say how far to trust the lexicon, negation, contrast and
//     so on. n-grams learned from one domain's reviews mislead on another's.
func InDomainOptions() TrainOptions {
	f := DefaultFeatures()
	f.LengthPow = inDomainLengthPow
	return TrainOptions{NB: true, L2: 1e-3, Features: &f}
}

// inDomainLengthPow sits between √n, which suits long reviews, and n,
// which suits short chats and carries better across text lengths.
const inDomainLengthPow = 0.7

// CalibrateOptions: see InDomainOptions.
func CalibrateOptions() TrainOptions {
	f := DefaultFeatures()
	f.RulesOnly = true
	return TrainOptions{Balance: true, Features: &f}
}
