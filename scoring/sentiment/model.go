package sentiment

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"sort"

	"github.com/convqa/convqa/internal/textnorm"
)

// ModelFormat is the value of a model file's "format" field.
const ModelFormat = "convqa.sentiment.model.v1"

// maxModelBytes bounds what LoadModel reads: a model over a few hundred
// thousand features is a mistake, not a model.
const maxModelBytes = 256 << 20

// Model is a trained multinomial logistic regression over FeatureConfig's
// features. Load one with LoadModel and give it to New through Options.
type Model struct {
	// Format is ModelFormat.
	Format string `json:"format"`
	// Classes are the labels the model predicts, each one of negative,
	// neutral, positive: two (negative, positive) or all three.
	Classes []Label `json:"classes"`
	// Features is how the text was turned into features.
	Features FeatureConfig `json:"features"`
	// Lexicon is the version of the lexicon whose rule features the model
	// learned; scoring with another lexicon still works, but is logged.
	Lexicon string `json:"lexicon"`
	// Trained records how the model was made.
	Trained TrainInfo `json:"trained"`
	// Bias holds one intercept per class.
	Bias []float64 `json:"bias"`
	// Weights maps a feature name to one weight per class.
	Weights map[string][]float64 `json:"weights"`

	version string
	pos     int // index of Positive in Classes
	neg     int // index of Negative
}

// TrainInfo records what a model was trained on and how.
type TrainInfo struct {
	Examples int            `json:"examples"`
	PerClass map[Label]int  `json:"per_class"`
	Options  TrainOptions   `json:"options"`
	Source   string         `json:"source,omitempty"`
	Extra    map[string]any `json:"extra,omitempty"`
}

// Version is "model-" and 12 hex digits of a hash of the model's content.
func (m *Model) Version() string { return m.version }

// LoadModel reads and validates a model file. Errors say what is wrong
// with the file, for a user who pointed at the wrong one.
func LoadModel(r io.Reader) (*Model, error) {
	b, err := io.ReadAll(io.LimitReader(r, maxModelBytes+1))
	if err != nil {
		return nil, fmt.Errorf("read model: %w", err)
	}
	if len(b) > maxModelBytes {
		return nil, fmt.Errorf("model file is over %d MiB", maxModelBytes>>20)
	}
	var m Model
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, fmt.Errorf("model file is not valid JSON: %w", err)
	}
	if err := m.prepare(); err != nil {
		return nil, err
	}
	return &m, nil
}

// Save writes the model as JSON with sorted keys, so the same model gives
// the same bytes.
func (m *Model) Save(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", " ")
	return enc.Encode(m)
}

// prepare validates the model and computes what scoring needs.
func (m *Model) prepare() error {
	if m.Format != ModelFormat {
		return fmt.Errorf("model format %q: want %q", m.Format, ModelFormat)
	}
	m.pos, m.neg = -1, -1
	seen := map[Label]bool{}
	for i, c := range m.Classes {
		switch c {
		case Positive:
			m.pos = i
		case Negative:
			m.neg = i
		case Neutral:
		default:
			return fmt.Errorf("model class %q: want negative, neutral or positive", c)
		}
		if seen[c] {
			return fmt.Errorf("model class %q is listed twice", c)
		}
		seen[c] = true
	}
	if m.pos < 0 || m.neg < 0 {
		return errors.New("model classes must include negative and positive")
	}
	if err := m.Features.validate(); err != nil {
		return err
	}
	k := len(m.Classes)
	if len(m.Bias) != k || !finite(m.Bias) {
		return fmt.Errorf("model bias: want %d finite numbers, got %v", k, m.Bias)
	}
	for name, w := range m.Weights {
		if len(w) != k || !finite(w) {
			return fmt.Errorf("model weight %q: want %d finite numbers", name, k)
		}
	}
	h := sha256.New()
	fmt.Fprintf(h, "%v %v %+v %v\n", m.Classes, m.Bias, m.Features, m.Lexicon)
	names := make([]string, 0, len(m.Weights))
	for name := range m.Weights {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		fmt.Fprintf(h, "%s %v\n", name, m.Weights[name])
	}
	m.version = "model-" + hex.EncodeToString(h.Sum(nil))[:12]
	return nil
}

func finite(xs []float64) bool {
	for _, x := range xs {
		if math.IsNaN(x) || math.IsInf(x, 0) || math.Abs(x) > 1e6 {
			return false
		}
	}
	return true
}

// maxModelEvidence is how many of the model's strongest text features are
// shown as evidence.
const maxModelEvidence = 3

// apply replaces the rules' score and label with the model's prediction
// and adds its strongest text features to the evidence.
func (m *Model) apply(s *Scorer, t *textnorm.Text, st *ruleStats, res *Result) {
	k := len(m.Classes)
	var logitBuf [3]float64
	logits := logitBuf[:k]
	copy(logits, m.Bias)
	var top [maxModelEvidence]Evidence
	ntop := 0
	m.Features.extract(t, res.Score, st, nil, func(name []byte, v float64, start, end int) {
		w, ok := m.Weights[string(name)]
		if !ok {
			return
		}
		for c := range logits {
			logits[c] += v * w[c]
		}
		if end <= start {
			return
		}
		contrib := v * (w[m.pos] - w[m.neg])
		// Keep the strongest few, by |contribution|, in a tiny sorted array.
		i := ntop
		if ntop < maxModelEvidence {
			ntop++
		} else if math.Abs(contrib) <= math.Abs(top[ntop-1].Weight) {
			return
		} else {
			i = ntop - 1
		}
		for i > 0 && math.Abs(top[i-1].Weight) < math.Abs(contrib) {
			top[i] = top[i-1]
			i--
		}
		top[i] = Evidence{Rule: "model", Start: start, End: end, Weight: contrib}
	})
	p := softmax(logits)
	res.Score = round3(p[m.pos] - p[m.neg])
	best := 0
	for c := range p {
		if p[c] > p[best] {
			best = c
		}
	}
	res.Label = m.Classes[best]
	for _, e := range top[:ntop] {
		res.Evidence = append(res.Evidence, s.evidence(t, "model", e.Start, e.End, e.Weight, nil))
	}
}

// softmax turns logits into probabilities in place.
func softmax(z []float64) []float64 {
	mx := z[0]
	for _, v := range z {
		mx = math.Max(mx, v)
	}
	var sum float64
	for i, v := range z {
		z[i] = math.Exp(v - mx)
		sum += z[i]
	}
	for i := range z {
		z[i] /= sum
	}
	return z
}

func errorf(format string, args ...any) error { return fmt.Errorf(format, args...) }
