package sentiment

import (
	"math"
	"unicode"
	"unicode/utf8"

	"github.com/convqa/convqa/internal/textnorm"
)

// FeatureConfig chooses a trained model's features. It is stored in the
// model file, so a model is always scored with the features it learned.
type FeatureConfig struct {
	// CharMin and CharMax bound the character n-grams taken from runs of
	// Han characters (default 1 and 3).
	CharMin int `json:"char_min"`
	CharMax int `json:"char_max"`
	// WordBigrams adds pairs of adjacent Latin words to single words
	// (default true through DefaultFeatures).
	WordBigrams bool `json:"word_bigrams"`
	// Rules adds the rule scorer's outputs as features: score, positive
	// and negative sums, negations, question, contrast, exclamations.
	Rules bool `json:"rules"`
	// LengthPow: each text feature of a text with n of them weighs
	// 1/n^LengthPow. 0.5 (the default, also when 0) lets long reviews
	// and short chats weigh alike; 1 averages, so a long text's n-grams
	// together weigh no more than a short one's, which carries better to
	// another domain's text lengths. Allowed 0.25–1.
	LengthPow float64 `json:"length_pow,omitempty"`
	// RulesOnly leaves the text n-grams out: the model only learns how
	// much to trust each of the rule scorer's signals. Such a calibrated
	// model has a dozen weights and carries to another domain's text far
	// better than n-grams learned from one domain.
	RulesOnly bool `json:"rules_only,omitempty"`
}

func (fc FeatureConfig) lengthPow() float64 {
	if fc.LengthPow == 0 {
		return 0.5
	}
	return fc.LengthPow
}

// DefaultFeatures are the features Train uses unless told otherwise.
func DefaultFeatures() FeatureConfig {
	return FeatureConfig{CharMin: 1, CharMax: 3, WordBigrams: true, Rules: true}
}

func (fc FeatureConfig) validate() error {
	if fc.CharMin < 1 || fc.CharMax < fc.CharMin || fc.CharMax > 5 {
		return errorf("features: char n-grams must satisfy 1 ≤ char_min ≤ char_max ≤ 5, got %d–%d", fc.CharMin, fc.CharMax)
	}
	if fc.RulesOnly && !fc.Rules {
		return errorf("features: rules_only needs rules")
	}
	if fc.LengthPow != 0 && !(fc.LengthPow >= 0.25 && fc.LengthPow <= 1) {
		return errorf("features: length_pow must be within 0.25–1 (or 0 for the default 0.5), got %v", fc.LengthPow)
	}
	return nil
}

// feature is one feature occurrence: its name (valid only during the
// callback), its value, and the byte span of Norm it came from (empty for
// rule features).
type featureFn func(name []byte, v float64, start, end int)

// ruleFeatureNames are the rule features, in the order extract emits them.
var ruleFeatureNames = []string{"r:score", "r:pos", "r:neg", "r:negated", "r:question", "r:contrast", "r:excl", "r:bias",
	"r:head", "r:tail"}

// extract calls fn for every feature of the text, whose rule score and
// statistics are score and st. Text features are weighted 1/n^LengthPow
// (default 1/√n) over the n features of the text, so that long reviews and
// short chats weigh alike; rule features have their own scale.
func (fc FeatureConfig) extract(t *textnorm.Text, score float64, st *ruleStats, buf []byte, fn featureFn) []byte {
	if !fc.RulesOnly {
		s := t.Norm
		n := fc.countText(s)
		w := 0.0
		if n > 0 {
			w = 1 / math.Pow(float64(n), fc.lengthPow())
		}
		buf = fc.hanGrams(s, w, buf, fn)
		buf = fc.wordGrams(s, w, buf, fn)
	}
	if fc.Rules {
		vals := []float64{
			score,
			squash(st.pos), squash(st.neg),
			math.Min(float64(st.negated), 2) / 2,
			b2f(st.question), b2f(st.contrast),
			math.Min(float64(st.excl), 3) / 3,
			1,
			squash(st.head), squash(st.tail),
		}
		for i, name := range ruleFeatureNames {
			if vals[i] != 0 {
				buf = append(buf[:0], name...)
				fn(buf, vals[i], 0, 0)
			}
		}
	}
	return buf
}

func b2f(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

// countText counts the text features extract will emit.
func (fc FeatureConfig) countText(s string) int {
	n := 0
	fc.eachHanRun(s, func(run []int) {
		for k := fc.CharMin; k <= fc.CharMax; k++ {
			if len(run) >= k {
				n += len(run) - k + 1
			}
		}
	})
	words := 0
	eachWord(s, func(int, int) { words++ })
	n += words
	if fc.WordBigrams && words > 1 {
		n += words - 1
	}
	return n
}

// eachHanRun calls fn with the byte offsets of the characters of each run
// of Han characters (and one more offset: the run's end).
func (fc FeatureConfig) eachHanRun(s string, fn func(run []int)) {
	var offs [64]int
	run := offs[:0]
	flush := func(end int) {
		if len(run) > 0 {
			fn(append(run, end))
			run = offs[:0]
		}
	}
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r >= 0x2E80 && unicode.Is(unicode.Han, r) {
			if len(run) == len(offs)-1 {
				flush(i)
			}
			run = append(run, i)
		} else {
			flush(i)
		}
		i += size
	}
	flush(len(s))
}

func (fc FeatureConfig) hanGrams(s string, w float64, buf []byte, fn featureFn) []byte {
	fc.eachHanRun(s, func(run []int) {
		chars := len(run) - 1
		for k := fc.CharMin; k <= fc.CharMax; k++ {
			for i := 0; i+k <= chars; i++ {
				buf = append(append(buf[:0], 'c', ':'), s[run[i]:run[i+k]]...)
				fn(buf, w, run[i], run[i+k])
			}
		}
	})
	return buf
}

func (fc FeatureConfig) wordGrams(s string, w float64, buf []byte, fn featureFn) []byte {
	prevStart, prevEnd := -1, -1
	eachWord(s, func(a, b int) {
		buf = append(append(buf[:0], 'w', ':'), s[a:b]...)
		fn(buf, w, a, b)
		if fc.WordBigrams && prevStart >= 0 {
			buf = append(append(append(append(buf[:0], 'b', ':'), s[prevStart:prevEnd]...), ' '), s[a:b]...)
			fn(buf, w, prevStart, b)
		}
		prevStart, prevEnd = a, b
	})
	return buf
}

// eachWord calls fn with the span of every Latin word, skipping @mentions
// and URLs as the tokenizer does.
func eachWord(s string, fn func(start, end int)) {
	for i := 0; i < len(s); {
		if !isWordByte(s[i]) {
			i++
			continue
		}
		j := wordEnd(s, i)
		switch {
		case i > 0 && s[i-1] == '@':
		case (s[i:j] == "http" || s[i:j] == "https") && j+3 <= len(s) && s[j:j+3] == "://":
			for j < len(s) && s[j] != ' ' && s[j] != '\n' {
				j++
			}
		default:
			fn(i, j)
		}
		i = j
	}
}
