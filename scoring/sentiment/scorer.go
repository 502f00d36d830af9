package sentiment

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"sync"

	"github.com/convqa/convqa/internal/textnorm"
)

// DefaultNeutralBand is VADER's: scores within ±0.05 are neutral.
const DefaultNeutralBand = 0.05

// Options configure a Scorer. The zero value gives the shipped model.
type Options struct {
	// Normalizer normalizes text; nil builds one with textnorm's defaults.
	// The lexicon must have been built with the same one.
	Normalizer *textnorm.Normalizer
	// Lexicon is the rules' lexicon; nil builds DefaultLexicon.
	Lexicon *Lexicon
	// Model, when set, is a trained model whose prediction replaces the
	// rules' score and label (the rules still give evidence and emotions,
	// and feed the model). Default nil: rules only.
	Model *Model
	// NeutralBand: rule scores within ±NeutralBand are neutral. Default
	// DefaultNeutralBand; allowed [0, 1).
	NeutralBand float64
}

// Scorer scores utterances. It is immutable and safe for concurrent use.
type Scorer struct {
	n     *textnorm.Normalizer
	lex   *Lexicon
	model *Model
	band  float64
	pool  sync.Pool // *scratch
	convs sync.Pool // *convScratch
}

// New builds a Scorer. Building the default lexicon takes some tens of
// milliseconds; build one Scorer per process and share it.
func New(opts Options) (*Scorer, error) {
	if opts.NeutralBand < 0 || opts.NeutralBand >= 1 || math.IsNaN(opts.NeutralBand) {
		return nil, fmt.Errorf("sentiment: neutral band must be in [0, 1), got %v", opts.NeutralBand)
	}
	s := &Scorer{n: opts.Normalizer, lex: opts.Lexicon, model: opts.Model, band: opts.NeutralBand}
	if s.band == 0 {
		s.band = DefaultNeutralBand
	}
	if s.n == nil {
		n, err := textnorm.New(textnorm.Options{})
		if err != nil {
			return nil, fmt.Errorf("sentiment: build normalizer: %w", err)
		}
		s.n = n
	}
	if s.lex == nil {
		l, err := DefaultLexicon(s.n)
		if err != nil {
			return nil, fmt.Errorf("sentiment: build lexicon: %w", err)
		}
		s.lex = l
	}
	if s.model != nil {
		if err := s.model.prepare(); err != nil {
			return nil, fmt.Errorf("sentiment: %w", err)
		}
	}
	s.pool.New = func() any { return &scratch{} }
	s.convs.New = func() any { return &convScratch{} }
	return s, nil
}

// WithModel returns a scorer that shares s's normalizer, lexicon and
// neutral band and predicts with m (nil: rules only).
func (s *Scorer) WithModel(m *Model) (*Scorer, error) {
	return New(Options{Normalizer: s.n, Lexicon: s.lex, Model: m, NeutralBand: s.band})
}

// Normalizer returns the normalizer the scorer uses, for callers that
// normalize once and hand the Text to several scorers.
func (s *Scorer) Normalizer() *textnorm.Normalizer { return s.n }

// Version names what makes the scores: the lexicon's version, the
// model's when one is loaded, and the neutral band when it is not the
// default ("lex-…+model-…+band-0.1").
func (s *Scorer) Version() string {
	v := s.lex.Version()
	if s.model != nil {
		v += "+" + s.model.Version()
	}
	if s.band != DefaultNeutralBand {
		v += "+band-" + strconv.FormatFloat(s.band, 'g', -1, 64)
	}
	return v
}

// Score normalizes text and scores it.
func (s *Scorer) Score(text string) Result {
	t := s.n.Normalize(text)
	return s.ScoreText(&t)
}

// ScoreText scores a text normalized by s.Normalizer().
func (s *Scorer) ScoreText(t *textnorm.Text) Result {
	res, _ := s.scoreText(t)
	return res
}

// scoreText is ScoreText, with the rule statistics that the trainer's
// rule features read.
func (s *Scorer) scoreText(t *textnorm.Text) (Result, ruleStats) {
	sc := s.pool.Get().(*scratch)
	defer s.pool.Put(sc)
	res := s.score(t, sc, sc.ev[:0], sc.cues[:0])
	sc.ev, sc.cues = res.Evidence, res.Cues // keep what they grew to
	// Copy the evidence, their mods and the cues out of the scratch's
	// buffers: one allocation each, of the size needed.
	res.Evidence = append(make([]Evidence, 0, len(res.Evidence)), res.Evidence...)
	ownMods(res.Evidence)
	res.Cues = append(make([]Cue, 0, len(res.Cues)), res.Cues...)
	sc.release()
	return res, sc.stats
}

// score scores t. Its evidence and cues are appended to ev and cues,
// in their arrays while they have room: the result's Evidence and Cues
// are those appended, and adopt takes them into the buffers. The
// evidence's Mods are in sc.mods until ownMods copies them out.
func (s *Scorer) score(t *textnorm.Text, sc *scratch, ev []Evidence, cues []Cue) Result {
	sc.toks = s.lex.tokenize(t, sc, sc.toks[:0])
	res := Result{Lang: string(t.Lang), Evidence: ev[len(ev):], Cues: cues[len(cues):]}
	sum := s.applyRules(t, sc, &res)
	res.Score = round3(squash(sum))
	res.Label = s.label(res.Score)
	if s.model != nil {
		s.model.apply(s, t, &sc.stats, &res)
	}
	s.finishEmotions(t, &res)
	return res
}

// ownMods gives the evidence's mods, which point into a scratch's buffer,
// one array of their own, of the size needed.
func ownMods(ev []Evidence) {
	ownModsInto(ev, nil)
}

// ownModsInto is ownMods copying into mods[:0], grown when too small,
// which it returns for reuse.
func ownModsInto(ev []Evidence, mods []Mod) []Mod {
	n := 0
	for _, e := range ev {
		n += len(e.Mods)
	}
	if n == 0 {
		return mods
	}
	mods = slices.Grow(mods[:0], n)
	for k := range ev {
		if m := ev[k].Mods; len(m) > 0 {
			a := len(mods)
			mods = append(mods, m...)
			ev[k].Mods = mods[a:len(mods):len(mods)]
		}
	}
	return mods
}

// adopt returns buf extended by tail, what was appended to buf[len(buf):]:
// in place unless the appends moved to another array.
func adopt[T any](buf, tail []T) []T {
	n := len(buf)
	if len(tail) == 0 {
		return buf
	}
	if cap(buf) > n && &buf[:n+1][n] == &tail[0] {
		return buf[:n+len(tail)]
	}
	return append(buf, tail...)
}

// release drops the scratch's references into the last text before it is
// reused or pooled.
func (sc *scratch) release() {
	clear(sc.ev)
	clear(sc.cues)
	clear(sc.mods)
	sc.ev, sc.cues, sc.mods = sc.ev[:0], sc.cues[:0], sc.mods[:0]
}

func (s *Scorer) label(score float64) Label {
	switch {
	case score >= s.band:
		return Positive
	case score <= -s.band:
		return Negative
	}
	return Neutral
}
