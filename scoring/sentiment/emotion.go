package sentiment

import (
	"math"
	"strings"

	"github.com/convqa/convqa/internal/textnorm"
)

// Emotion cues besides words. The values are how strongly one cue alone
// signals the emotion; cues of one emotion combine as independent
// evidence (noisy-or), so several weak cues make a strong one.
const (
	cueExclRun      = 0.3  // "!!" with a negative text: anger, plus 0.1 a mark, to 0.6
	cueExclRunMax   = 0.6  //
	cueQuestionRun  = 0.35 // "？？": anxiety and frustration
	cueShouting     = 0.5  // most Latin words in capitals
	cueFromNegative = 0.3  // times −score: a negative utterance carries some anger and frustration
	cueFromPositive = 0.6  // times score: a positive one some satisfaction
	negatedSatisfy  = 0.3  // satisfaction left when the whole utterance is negative
)

// emotionCues records the emotion cues of one lexicon entry, strengthened
// by its degree words (太着急了).
func (s *Scorer) emotionCues(t *textnorm.Text, tk token, e *Entry, mult float64, res *Result) {
	f := min(1.5, 1+0.5*(mult-1))
	rule := "lexicon"
	if tk.emoji {
		rule = "emoji"
	}
	os, oe := -1, -1 // the entry's span in Orig, mapped once for all its cues
	for em, v := range e.Emotions {
		if v == 0 {
			continue
		}
		if os < 0 {
			os, oe = t.OrigSpan(int(tk.start), int(tk.end))
		}
		res.Cues = append(res.Cues, Cue{Emotion: Emotion(em).String(), Rule: rule, Text: t.Orig[os:oe], Start: os, End: oe, Value: round3(min(1, v*f))})
	}
}

func (s *Scorer) addCue(t *textnorm.Text, res *Result, em Emotion, rule string, start, end int, v float64) {
	c := Cue{Emotion: em.String(), Rule: rule, Value: round3(v)}
	if end > start {
		os, oe := t.OrigSpan(start, end)
		c.Text, c.Start, c.End = t.Orig[os:oe], os, oe
	}
	res.Cues = append(res.Cues, c)
}

// finishEmotions adds the punctuation, capitals and overall-sentiment cues
// and combines every cue into the four values.
func (s *Scorer) finishEmotions(t *textnorm.Text, res *Result) {
	sig := &t.Signals
	for _, sp := range sig.PunctRuns {
		run := t.Norm[sp.Start:sp.End]
		marks := len(run) // ASCII after normalization, except ‼ and friends
		switch {
		case strings.Count(run, "?") >= 2:
			s.addCue(t, res, Anxiety, "punctuation", sp.Start, sp.End, cueQuestionRun)
			s.addCue(t, res, Frustration, "punctuation", sp.Start, sp.End, cueQuestionRun)
		case strings.Contains(run, "!") && res.Score < 0:
			s.addCue(t, res, Anger, "punctuation", sp.Start, sp.End, min(cueExclRunMax, cueExclRun+0.1*float64(marks-2)))
		}
	}
	if caps := len(sig.CapsWords); caps >= 2 && 2*caps >= sig.LatinWords {
		sp := sig.CapsWords[0]
		s.addCue(t, res, Anger, "caps", sp.Start, sp.End, cueShouting)
	}
	switch {
	case res.Score < 0:
		s.addCue(t, res, Anger, "sentiment", 0, 0, -res.Score*cueFromNegative)
		s.addCue(t, res, Frustration, "sentiment", 0, 0, -res.Score*cueFromNegative)
	case res.Score > 0:
		s.addCue(t, res, Satisfaction, "sentiment", 0, 0, res.Score*cueFromPositive)
	}
	var keep [numEmotions]float64
	for i := range keep {
		keep[i] = 1
	}
	for _, c := range res.Cues {
		for em, name := range emotionNames {
			if c.Emotion == name {
				keep[em] *= 1 - c.Value
			}
		}
	}
	for em := range numEmotions {
		v := 1 - keep[em]
		if em == Satisfaction && res.Label == Negative {
			v *= negatedSatisfy // 谢谢你啊，真是服了
		}
		res.Emotions.set(em, math.Round(v*1000)/1000)
	}
}
