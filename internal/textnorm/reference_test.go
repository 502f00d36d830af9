package textnorm

// This file is the oracle for Normalize's fast path: refNormalize and
// refScanner are the implementation as it stood before the fast path
// (commit b980198), kept verbatim except for names and the test-only trace,
// so that TestReference and FuzzReference can check that every Text the fast
// path builds is identical to what the straightforward one-pass loop builds.
// It reads the same tables, which the fast path does not change.

import (
	"unicode/utf8"
	"unsafe"
)

// refVariantAt is a flagVariant character r written at Norm offset at.
type refVariantAt struct {
	at int
	r  rune
}

func refNormalize(n *Normalizer, s string) Text {
	buf := make([]byte, 0, len(s)+utf8.UTFMax)
	var (
		sc       refScanner
		shiftBuf [16]shift
		shifts   = shiftBuf[:0]
		pending  []rune // phrase output for the characters that follow
		deferred []refVariantAt
	)
	for i := 0; i < len(s); {
		r, size := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, size = refDecodeRune(s, i)
		}
		var e entry
		if r < 0x10000 {
			e = n.t.bmp[r]
		} else {
			e = refAstralEntry(n, r)
		}
		out := e.out()
		start := len(buf)
		if len(pending) > 0 {
			out, pending = pending[0], pending[1:]
		} else if e&(flagPhrase|flagVariant) != 0 {
			if p := refPhraseAt(n, e, s, i+size, r); p != nil {
				out, pending = p.out[0], p.out[1:]
			} else if e&flagVariant != 0 {
				deferred = append(deferred, refVariantAt{at: start, r: r})
			}
		}
		if out >= 0x800 && out < 0x10000 { // CJK: inline, refAppendRune is not inlinable
			buf = append(buf, 0xE0|byte(out>>12), 0x80|byte(out>>6)&0x3F, 0x80|byte(out)&0x3F)
		} else {
			buf = refAppendRune(buf, out)
		}
		if len(buf)-start != size {
			shifts = append(shifts, shift{norm: len(buf), orig: i + size})
		}
		if k := e.kind(); k == kindHan && sc.idle() {
			sc.han(e) // the common case, kept inlinable
		} else {
			sc.step(k, e, start, len(buf))
		}
		i += size
	}
	sc.variants = len(deferred)
	sig, script, lang := sc.finish()
	if sig.Traditional {
		for _, v := range deferred {
			// buildHant only keeps replacements of the same length.
			utf8.EncodeRune(buf[v.at:], n.t.hant[v.r])
		}
	}
	t := Text{Orig: s, Lang: lang, Script: script, Signals: sig}
	if len(shifts) > 0 {
		t.shifts = append([]shift(nil), shifts...) // exact size; shiftBuf stays on the stack
	}
	// buf is never written again, so the string can share its memory, as
	// strings.Builder does; this saves a copy and an allocation per text.
	t.Norm = unsafe.String(unsafe.SliceData(buf), len(buf))
	return t
}

// refDecodeRune decodes the character at s[i] like
// utf8.DecodeRuneInString, with a fast path for three bytes (all CJK).
func refDecodeRune(s string, i int) (rune, int) {
	c := s[i]
	if c < utf8.RuneSelf {
		return rune(c), 1
	}
	if c&0xF0 == 0xE0 && i+2 < len(s) && s[i+1]&0xC0 == 0x80 && s[i+2]&0xC0 == 0x80 {
		r := rune(c&0x0F)<<12 | rune(s[i+1]&0x3F)<<6 | rune(s[i+2]&0x3F)
		if r >= 0x800 && (r < 0xD800 || r > 0xDFFF) { // not overlong, not a surrogate
			return r, 3
		}
	}
	return utf8.DecodeRuneInString(s[i:])
}

// refAppendRune is utf8.AppendRune with an ASCII fast path.
func refAppendRune(buf []byte, r rune) []byte {
	if r < utf8.RuneSelf {
		return append(buf, byte(r))
	}
	return utf8.AppendRune(buf, r)
}

func refAstralEntry(n *Normalizer, r rune) entry {
	if e, ok := n.t.astral[r]; ok {
		return e
	}
	return astralDefault(r)
}

// phraseAt returns the longest phrase that starts with first (whose entry
// is e) and whose other characters are the ones at s[i:], or nil.
func refPhraseAt(n *Normalizer, e entry, s string, i int, first rune) *phrase {
	if e&flagPhrase == 0 || i >= len(s) {
		return nil
	}
	var ahead [maxPhraseRunes]rune
	second, size := refDecodeRune(s, i)
	if !n.t.pairs.has(first, second) {
		return nil // most common characters (一, 不, 上…) end here
	}
	ahead[0], i = second, i+size
	got := 1
	cands := n.t.phrases[first]
	for c := range cands {
		p := &cands[c]
		ok := true
		for j := 1; j < len(p.key) && ok; j++ {
			for got < j && i < len(s) {
				r, size := utf8.DecodeRuneInString(s[i:])
				ahead[got] = r
				got++
				i += size
			}
			ok = got >= j && ahead[j-1] == p.key[j]
		}
		if ok {
			return p
		}
	}
	return nil
}

// refScanner accumulates Signals one character at a time, in the same pass
// that builds Norm. Each kind of run is open while its counter is non-zero.
type refScanner struct {
	sig Signals

	punctStart, punctEnd, punctMarks int
	dotStart, dotEnd, dots           int

	wordStart, wordEnd, wordLetters int
	wordUpper, wordApos             bool

	emoOpen, emoConfirmed, emoRegional, emoZWJ, emoKeycap bool
	emoStart, emoEnd                                      int

	variants int // characters with Taiwan/Hong Kong-only conversions
}

// step records the character of kind k that became Norm[start:end].
func (sc *refScanner) step(k kind, e entry, start, end int) {
	switch k {
	case kindHan:
		sc.closeAll()
		sc.han(e)
	case kindExcl, kindQuest, kindExcl2, kindQuest2, kindExclQuest:
		sc.closeDots()
		sc.closeWord()
		sc.closeEmoji()
		sc.punct(k, start, end)
	case kindDot, kindTwoDot, kindEllipsis:
		sc.closePunct()
		sc.closeWord()
		sc.closeEmoji()
		if sc.dots == 0 {
			sc.dotStart = start
		}
		switch k {
		case kindDot:
			sc.dots++
		case kindTwoDot:
			sc.dots += 2
		default:
			sc.dots += 3
		}
		sc.dotEnd = end
	case kindUpper, kindLower:
		sc.closePunct()
		sc.closeDots()
		sc.closeEmoji()
		if sc.wordLetters == 0 {
			sc.wordStart, sc.wordUpper = start, true
		}
		sc.wordLetters++
		sc.wordUpper = sc.wordUpper && k == kindUpper
		sc.wordEnd, sc.wordApos = end, false
		sc.sig.LatinLetters++
	case kindApostrophe:
		if sc.wordLetters > 0 && !sc.wordApos {
			sc.wordApos = true // the word goes on if a letter follows
		} else {
			sc.closeWord()
		}
		sc.closePunct()
		sc.closeDots()
		sc.closeEmoji()
	case kindOther:
		sc.closeAll()
	default:
		sc.closePunct()
		sc.closeDots()
		sc.closeWord()
		sc.emoji(k, start, end)
	}
}

// idle reports that no run is open, so a Han character only needs counting.
func (sc *refScanner) idle() bool {
	return sc.punctMarks|sc.dots|sc.wordLetters == 0 && !sc.emoOpen
}

func (sc *refScanner) han(e entry) {
	sc.sig.HanChars++
	if e&(flagTrad|flagSimp) != 0 {
		if e&flagTrad != 0 {
			sc.sig.TradOnly++
		}
		if e&flagSimp != 0 {
			sc.sig.SimpOnly++
		}
	}
}

func (sc *refScanner) punct(k kind, start, end int) {
	excl, quest := 0, 0
	switch k {
	case kindExcl:
		excl = 1
	case kindQuest:
		quest = 1
	case kindExcl2:
		excl = 2
	case kindQuest2:
		quest = 2
	case kindExclQuest:
		excl, quest = 1, 1
	}
	sc.sig.Exclamations += excl
	sc.sig.Questions += quest
	if sc.punctMarks == 0 {
		sc.punctStart = start
	}
	sc.punctMarks += excl + quest
	sc.punctEnd = end
}

// emoji advances the emoji-sequence state machine; see emoji.go.
func (sc *refScanner) emoji(k kind, start, end int) {
	switch k {
	case kindEmoji, kindEmojiText, kindRegional:
		switch {
		case sc.emoOpen && sc.emoZWJ:
			sc.extendEmoji(end)
			sc.emoConfirmed = true
		case sc.emoOpen && sc.emoRegional && k == kindRegional:
			sc.extendEmoji(end)
			sc.emoRegional = false // a flag is a pair
		default:
			sc.closeEmoji()
			sc.openEmoji(start, end, k != kindEmojiText)
			sc.emoRegional = k == kindRegional
		}
	case kindKeycapBase:
		sc.closeEmoji()
		sc.openEmoji(start, end, false)
		sc.emoKeycap = true
	case kindSkinTone:
		if sc.emoOpen && sc.emoConfirmed && !sc.emoZWJ {
			sc.extendEmoji(end)
		} else {
			sc.closeEmoji()
			sc.openEmoji(start, end, true)
		}
	case kindVS16, kindVS15, kindKeycap, kindTag:
		if !sc.emoOpen || sc.emoZWJ {
			sc.closeEmoji()
			return
		}
		sc.extendEmoji(end)
		if k == kindKeycap && sc.emoKeycap || k == kindVS16 && !sc.emoKeycap {
			sc.emoConfirmed = true
		}
	case kindZWJ:
		if sc.emoOpen && sc.emoConfirmed {
			sc.emoZWJ = true // joins only if a pictograph follows
		} else {
			sc.closeEmoji()
		}
	}
}

func (sc *refScanner) openEmoji(start, end int, confirmed bool) {
	sc.emoOpen, sc.emoConfirmed = true, confirmed
	sc.emoStart, sc.emoEnd = start, end
	sc.emoRegional, sc.emoZWJ, sc.emoKeycap = false, false, false
}

func (sc *refScanner) extendEmoji(end int) {
	sc.emoEnd, sc.emoZWJ = end, false
}

func (sc *refScanner) closeEmoji() {
	if !sc.emoOpen {
		return
	}
	if sc.emoConfirmed {
		sc.sig.Emoji = append(sc.sig.Emoji, Span{sc.emoStart, sc.emoEnd})
	}
	sc.emoOpen = false
}

func (sc *refScanner) closePunct() {
	if sc.punctMarks >= 2 {
		sc.sig.PunctRuns = append(sc.sig.PunctRuns, Span{sc.punctStart, sc.punctEnd})
	}
	sc.punctMarks = 0
}

func (sc *refScanner) closeDots() {
	if sc.dots >= 3 {
		sc.sig.Ellipses = append(sc.sig.Ellipses, Span{sc.dotStart, sc.dotEnd})
	}
	sc.dots = 0
}

func (sc *refScanner) closeWord() {
	if sc.wordLetters == 0 {
		return
	}
	sc.sig.LatinWords++
	if sc.wordUpper && sc.wordLetters >= 2 {
		sc.sig.CapsWords = append(sc.sig.CapsWords, Span{sc.wordStart, sc.wordEnd})
	}
	sc.wordLetters, sc.wordApos = 0, false
}

func (sc *refScanner) closeAll() {
	if sc.punctMarks != 0 {
		sc.closePunct()
	}
	if sc.dots != 0 {
		sc.closeDots()
	}
	if sc.wordLetters != 0 {
		sc.closeWord()
	}
	if sc.emoOpen {
		sc.closeEmoji()
	}
}

// finish closes open runs and decides script and language.
func (sc *refScanner) finish() (Signals, Script, Lang) {
	sc.closeAll()
	s := &sc.sig
	// A tie (often no evidence either way) goes to Simplified unless
	// Taiwan/Hong Kong-only forms such as 著 outside 著名 appeared.
	s.Traditional = s.TradOnly > s.SimpOnly || s.TradOnly == s.SimpOnly && sc.variants > 0
	han, zh := ScriptHans, LangZhHans
	if s.Traditional {
		han, zh = ScriptHant, LangZhHant
	}
	switch {
	case s.HanChars == 0 && s.LatinLetters == 0:
		return sc.sig, ScriptNone, LangUnknown
	case s.LatinLetters == 0:
		return sc.sig, han, zh
	case s.HanChars == 0:
		return sc.sig, ScriptLatin, LangEn
	}
	// An English word of about six letters carries as much as two Chinese
	// characters: weigh letters by 1/3 and call the text mixed when the
	// smaller side has at least half the weight of the larger.
	hanW, latW := float64(s.HanChars), float64(s.LatinLetters)/3
	switch {
	case latW < hanW/2:
		return sc.sig, ScriptMixed, zh
	case hanW < latW/2:
		return sc.sig, ScriptMixed, LangEn
	}
	return sc.sig, ScriptMixed, LangMixed
}
