package sentiment

import (
	"math"
	"strings"

	"github.com/convqa/convqa/internal/textnorm"
)

// The rules' constants. Where VADER has the same rule its value is used,
// so English scores stay close to what VADER's users know.
const (
	negPositive   = -0.74 // VADER's N_SCALAR: "not good" is bad, less so than "bad"
	negNegative   = -0.5  // "not bad", 不差: mildly good
	contrastLess  = 0.5   // VADER: before "but"
	contrastMore  = 1.5   // VADER: after "but"
	concedeFactor = 0.5   // the clause of "although", 虽然
	questionPos   = 0.3   // "is it good?" praises little; complaints stay complaints
	capsBoost     = 0.733 // VADER's C_INCR
	exclBoost     = 0.292 // VADER, per ! up to four
	maxExcl       = 4
	questionRun   = -0.3 // "？？" in a service chat is impatience
	squashAlpha   = 15   // VADER's normalization
	negScope      = 3    // tokens a negator reaches forward (VADER: three words)
	degScope      = 2    // tokens a degree word reaches forward
)

type role uint8

const (
	roleNone role = iota
	roleWord
	roleDeg
	roleNeg
	rolePost
	roleContrast
	roleConcede
	roleQuestion
	// roleDual is no token's: the lexicon's role of an entry that is
	// both a word and a degree word, which its neighbour decides.
	roleDual
)

// entryRole is the role of an entry of kind k wherever it stands, or
// roleDual.
func entryRole(k Kind) role {
	switch {
	case k&sentimentKinds != 0 && k&KindDegree != 0:
		return roleDual
	case k&sentimentKinds != 0:
		return roleWord
	case k&KindNegator != 0:
		return roleNeg
	case k&KindDegree != 0:
		return roleDeg
	case k&KindPost != 0:
		return rolePost
	case k&KindContrast != 0:
		return roleContrast
	case k&KindConcede != 0:
		return roleConcede
	case k&KindQuestion != 0:
		return roleQuestion
	}
	return roleNone
}

// ruleStats summarize the rule pass for the trainer's features.
type ruleStats struct {
	sum, pos, neg  float64
	negated, words int
	question       bool
	contrast       bool
	excl           int
	// head and tail sum the valences in the first and last third of the
	// text: reviews and complaints often open with one thing and end on
	// their verdict.
	head, tail float64
}

// scratch holds per-call buffers, pooled so that scoring does not allocate
// them for every utterance.
type scratch struct {
	toks []token
	fac  []float32  // contrast/concession factor per token
	by   []int32    // the token that set fac, or -1
	qBy  []int32    // the token that makes the token's sentence a question, or -1
	han  []token    // the automaton's occurrences of entries, then the leftmost-longest
	ev   []Evidence // the result's evidence while it is built
	cues []Cue      // the result's emotion cues while they are built
	// mods are the mods of the evidence scored since the last release;
	// the evidence's Mods point here until they are copied out.
	mods []Mod
	// stats are the rule statistics of the text last scored.
	stats ruleStats
	// words are the conversation analysis's word lists that occur in the
	// text last tokenized.
	words wordFlags
}

// assignRoles decides what each entry does where it stands. An entry that
// is both a word and a degree word (好) is a degree word when a sentiment
// word follows it directly (好慢) and a word otherwise (好). It reports
// whether any sentence asks or contrasts, which most do not.
func (l *Lexicon) assignRoles(toks []token) (context bool) {
	for i := range toks {
		tk := &toks[i]
		if tk.kind != tokEntry {
			tk.role = roleNone
			context = context || tk.question
			continue
		}
		r := l.roles[tk.entry]
		if r == roleDual {
			r = roleWord
			if i+1 < len(toks) {
				nx := toks[i+1]
				if nx.kind == tokEntry && nx.start == tk.end && (l.roles[nx.entry] == roleWord || l.roles[nx.entry] == roleDual) {
					r = roleDeg
				}
			}
		}
		tk.role = r
		context = context || r == roleQuestion || r == roleContrast || r == roleConcede
	}
	return context
}

// sentenceContext fills sc.fac, sc.by and sc.qBy. Contrast reaches over the
// sentence; a contrast word that opens its sentence (菜不错。但是太慢了。)
// weakens the sentence before it instead.
func sentenceContext(toks []token, sc *scratch) {
	n := len(toks)
	sc.fac = resize(sc.fac, n)
	sc.by = resize(sc.by, n)
	sc.qBy = resize(sc.qBy, n)
	for i := range n {
		sc.fac[i], sc.by[i], sc.qBy[i] = 1, -1, -1
	}
	prevStart := -1
	for a := 0; a < n; {
		b := a
		for b < n && toks[b].kind != tokSentence {
			b++
		}
		end := min(b+1, n) // the sentence's tokens, with its end mark
		q := int32(-1)
		if b < n && toks[b].question {
			q = int32(b)
		}
		contrast := -1
		words := 0
		for i := a; i < b; i++ {
			switch toks[i].role {
			case roleQuestion:
				if q < 0 {
					q = int32(i)
				}
			case roleContrast:
				if contrast < 0 {
					contrast = i
					if words == 0 && prevStart >= 0 {
						setFactor(sc, prevStart, a, contrastLess, i)
					}
				}
			case roleWord:
				words++
			}
		}
		if q >= 0 {
			for i := a; i < end; i++ {
				sc.qBy[i] = q
			}
		}
		if contrast >= 0 {
			setFactor(sc, a, contrast, contrastLess, contrast)
			setFactor(sc, contrast+1, b, contrastMore, contrast)
		}
		for i := a; i < b; i++ {
			if toks[i].role != roleConcede {
				continue
			}
			j := i + 1
			for j < b && toks[j].kind != tokClause {
				j++
			}
			setFactor(sc, i+1, j, concedeFactor, i)
		}
		prevStart = a
		a = end
	}
}

func setFactor(sc *scratch, from, to int, f float32, by int) {
	for i := from; i < to; i++ {
		sc.fac[i], sc.by[i] = f, int32(by)
	}
}

func resize[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n)
	}
	return s[:n]
}

// applyRules scores the tokens into res: evidence, raw emotion cues and
// the rule statistics; it returns the raw sum.
func (s *Scorer) applyRules(t *textnorm.Text, sc *scratch, res *Result) float64 {
	toks := sc.toks
	l := s.lex
	// Most texts neither ask nor contrast: every factor is 1 and no
	// sentence a question, and sc.fac, sc.by and sc.qBy are left unfilled.
	context := l.assignRoles(toks)
	if context {
		sentenceContext(toks, sc)
	}
	sc.stats = ruleStats{}
	st := &sc.stats
	allCaps := len(t.Signals.CapsWords) > 0 && len(t.Signals.CapsWords) == t.Signals.LatinWords
	var sum float64
	// The mods go into the scratch's buffer: mb[:kept] belong to evidence
	// already recorded, and what an entry that records nothing added is
	// dropped. Appends never write below kept, so the evidence's Mods stay
	// intact when the buffer grows.
	mb := sc.mods
	kept := len(mb)
	for i, tk := range toks {
		mb = mb[:kept]
		if tk.kind != tokEntry {
			continue
		}
		e := l.entry(tk.entry)
		if tk.role != roleWord {
			if tk.role == roleNeg || tk.role == roleDeg {
				s.emotionCues(t, tk, e, 1, res) // 还没, 怎么还没: cues of their own
			}
			continue
		}
		k0 := len(mb)
		mult, negs, negStrength := 1.0, 0, 1.0
	back:
		for j := i - 1; j >= 0; j-- {
			tj := toks[j]
			if tj.kind != tokEntry {
				break // a clause or sentence ends the scope
			}
			dist := tk.pos - tj.pos
			if dist > negScope {
				break
			}
			switch tj.role {
			case roleNeg:
				negs++
				negStrength *= l.entry(tj.entry).Degree
				mb = append(mb, s.mod(t, "negation", tj, 0))
			case roleDeg:
				if dist <= degScope {
					d := l.entry(tj.entry).Degree
					mult *= d
					mb = append(mb, s.mod(t, "degree", tj, d))
				}
			case roleWord:
				break back
			}
		}
		if i+1 < len(toks) && toks[i+1].role == rolePost && toks[i+1].start == tk.end {
			d := l.entry(toks[i+1].entry).Degree
			mult *= d
			mb = append(mb, s.mod(t, "degree", toks[i+1], d))
		}
		negated := negs%2 == 1
		event := e.Kind&KindEvent != 0
		v := e.Valence * mult
		switch {
		case event && !negated:
			continue // it happened: nothing to say
		case event:
			v *= negStrength
			fixNegFactor(mb[k0:], negStrength)
		case negated && v > 0:
			v *= negPositive * negStrength
			fixNegFactor(mb[k0:], negPositive*negStrength)
		case negated:
			v *= negNegative
			fixNegFactor(mb[k0:], negNegative)
		}
		if event || !negated {
			s.emotionCues(t, tk, e, mult, res) // 不急 is not anxious; 没收到 is
		}
		if v == 0 {
			continue
		}
		if tk.caps && !allCaps {
			boost := math.Copysign(capsBoost, v)
			v += boost
			mb = append(mb, s.mod(t, "caps", tk, boost))
		}
		if context {
			if q := sc.qBy[i]; q >= 0 && v > 0 {
				v *= questionPos
				mb = append(mb, s.mod(t, "question", toks[q], questionPos))
			}
			if f := float64(sc.fac[i]); f != 1 {
				v *= f
				by := toks[sc.by[i]]
				rule := "contrast"
				if by.role == roleConcede {
					rule = "concession"
				}
				mb = append(mb, s.mod(t, rule, by, f))
			}
		}
		rule := "lexicon"
		switch {
		case e.Kind&KindIdiom != 0:
			rule = "idiom"
		case event:
			rule = "event"
		case tk.emoji:
			rule = "emoji"
		}
		var mods []Mod
		if len(mb) > k0 {
			mods = mb[k0:len(mb):len(mb)]
			kept = len(mb)
		}
		res.Evidence = append(res.Evidence, s.evidence(t, rule, int(tk.start), int(tk.end), v, mods))
		sum += v
		st.words++
		if third := len(t.Norm) / 3; int(tk.start) < third {
			st.head += v
		} else if int(tk.start) >= len(t.Norm)-third {
			st.tail += v
		}
		if negated {
			st.negated++
		}
		if v > 0 {
			st.pos += v
		} else {
			st.neg += v
		}
		if context && sc.by[i] >= 0 && toks[sc.by[i]].role == roleContrast {
			st.contrast = true
		}
	}
	clear(mb[kept:]) // the dropped mods' texts
	sc.mods = mb[:kept]
	for i := 0; context && i < len(toks); i++ {
		if sc.qBy[i] >= 0 {
			st.question = true
			break
		}
	}
	sum = s.punctuation(t, sum, res, st)
	st.sum = sum
	return sum
}

func fixNegFactor(mods []Mod, f float64) {
	for k := range mods {
		if mods[k].Rule == "negation" {
			mods[k].Factor = f
		}
	}
}

// punctuation adds VADER's exclamation emphasis and the impatience of
// question-mark runs.
func (s *Scorer) punctuation(t *textnorm.Text, sum float64, res *Result, st *ruleStats) float64 {
	sig := &t.Signals
	st.excl = sig.Exclamations
	if sum != 0 && sig.Exclamations > 0 {
		if i := strings.IndexByte(t.Norm, '!'); i >= 0 {
			v := math.Copysign(float64(min(sig.Exclamations, maxExcl))*exclBoost, sum)
			res.Evidence = append(res.Evidence, s.evidence(t, "exclamation", i, i+1, v, nil))
			sum += v
		}
	}
	runs := 0
	for _, sp := range sig.PunctRuns {
		if strings.Count(t.Norm[sp.Start:sp.End], "?") >= 2 && runs < 2 {
			runs++
			res.Evidence = append(res.Evidence, s.evidence(t, "punctuation", sp.Start, sp.End, questionRun, nil))
			sum += questionRun
		}
	}
	return sum
}

func (s *Scorer) evidence(t *textnorm.Text, rule string, start, end int, w float64, mods []Mod) Evidence {
	os, oe := t.OrigSpan(start, end)
	return Evidence{Rule: rule, Text: t.Orig[os:oe], Start: os, End: oe, Weight: round3(w), Mods: mods}
}

func (s *Scorer) mod(t *textnorm.Text, rule string, tk token, f float64) Mod {
	os, oe := t.OrigSpan(int(tk.start), int(tk.end))
	return Mod{Rule: rule, Text: t.Orig[os:oe], Start: os, End: oe, Factor: round3(f)}
}

func round3(x float64) float64 { return math.Round(x*1000) / 1000 }

// squash maps a raw sum to [-1, 1] as VADER does.
func squash(sum float64) float64 {
	if sum == 0 {
		return 0
	}
	return sum / math.Sqrt(sum*sum+squashAlpha)
}
