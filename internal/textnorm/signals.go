package textnorm

// Signals are the cues a sentiment or emotion scorer reads besides words.
// Spans are byte ranges of Norm; map them to Orig with Text.OrigSpan.
// Slices are nil when empty.
type Signals struct {
	// Exclamations counts exclamation marks: ! ！ ﹗ ︕ count 1, ‼ 2, ⁈ ⁉ 1.
	Exclamations int
	// Questions counts question marks: ? ？ ﹖ ︖ count 1, ⁇ 2, ⁈ ⁉ 1.
	Questions int
	// PunctRuns are maximal runs of at least two exclamation or question
	// marks, mixed or not: "！！！", "???", "?!", "‼".
	PunctRuns []Span
	// Ellipses are maximal runs of dots worth at least three dots, where
	// . and 。 are worth one, ‥ two, … and ⋯ three: "...", "。。。", "……", "…".
	Ellipses []Span
	// Emoji are the emoji sequences (see emoji.go for the ranges): 😡,
	// 👍🏽, 👨‍👩‍👧, 🇹🇼 and 1️⃣ are one each. EmojiKey gives a lookup key.
	Emoji []Span
	// CapsWords are Latin words of two or more letters, all capitals, as
	// written in Orig: "WORST", "SERVICE". Acronyms (SKU, VIP) are included;
	// compare with LatinWords before reading shouting into them.
	CapsWords []Span
	// LatinWords counts words of Latin letters; an apostrophe between
	// letters stays inside the word ("DON'T").
	LatinWords int
	// LatinLetters counts Latin letters.
	LatinLetters int
	// HanChars counts Han characters.
	HanChars int
	// TradOnly counts characters that exist only in Traditional Chinese.
	TradOnly int
	// SimpOnly counts characters that exist only in Simplified Chinese.
	SimpOnly int
	// Traditional reports that the text's Han characters were judged
	// Traditional, so Taiwan and Hong Kong variant rules were applied
	// (著 → 着 outside words such as 著名).
	Traditional bool
}

// scanner accumulates Signals one character at a time, in the same pass
// that builds Norm. Each kind of run is open while its counter is non-zero.
type scanner struct {
	sig *Signals // the result's, so that it is never copied

	punctStart, punctEnd, punctMarks int
	dotStart, dotEnd, dots           int

	wordStart, wordEnd, wordLetters int
	wordUpper, wordApos             bool

	emoOpen, emoConfirmed, emoRegional, emoZWJ, emoKeycap bool
	emoStart, emoEnd                                      int

	variants int // characters with Taiwan/Hong Kong-only conversions
}

// step records the character of kind k that became Norm[start:end].
func (sc *scanner) step(k kind, e entry, start, end int) {
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

func (sc *scanner) han(e entry) {
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

func (sc *scanner) punct(k kind, start, end int) {
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
func (sc *scanner) emoji(k kind, start, end int) {
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

func (sc *scanner) openEmoji(start, end int, confirmed bool) {
	sc.emoOpen, sc.emoConfirmed = true, confirmed
	sc.emoStart, sc.emoEnd = start, end
	sc.emoRegional, sc.emoZWJ, sc.emoKeycap = false, false, false
}

func (sc *scanner) extendEmoji(end int) {
	sc.emoEnd, sc.emoZWJ = end, false
}

func (sc *scanner) closeEmoji() {
	if !sc.emoOpen {
		return
	}
	if sc.emoConfirmed {
		sc.sig.Emoji = append(sc.sig.Emoji, Span{sc.emoStart, sc.emoEnd})
	}
	sc.emoOpen = false
}

func (sc *scanner) closePunct() {
	if sc.punctMarks >= 2 {
		sc.sig.PunctRuns = append(sc.sig.PunctRuns, Span{sc.punctStart, sc.punctEnd})
	}
	sc.punctMarks = 0
}

func (sc *scanner) closeDots() {
	if sc.dots >= 3 {
		sc.sig.Ellipses = append(sc.sig.Ellipses, Span{sc.dotStart, sc.dotEnd})
	}
	sc.dots = 0
}

func (sc *scanner) closeWord() {
	if sc.wordLetters == 0 {
		return
	}
	sc.sig.LatinWords++
	if sc.wordUpper && sc.wordLetters >= 2 {
		sc.sig.CapsWords = append(sc.sig.CapsWords, Span{sc.wordStart, sc.wordEnd})
	}
	sc.wordLetters, sc.wordApos = 0, false
}

// closeAll closes every open run. The runs of runs.go call it once per
// run, most of the time with nothing open, hence the inlinable test.
func (sc *scanner) closeAll() {
	if sc.punctMarks|sc.dots|sc.wordLetters != 0 || sc.emoOpen {
		sc.closeOpen()
	}
}

func (sc *scanner) closeOpen() {
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
func (sc *scanner) finish() (Script, Lang) {
	sc.closeAll()
	s := sc.sig
	// A tie (often no evidence either way) goes to Simplified unless
	// Taiwan/Hong Kong-only forms such as 著 outside 著名 appeared.
	s.Traditional = s.TradOnly > s.SimpOnly || s.TradOnly == s.SimpOnly && sc.variants > 0
	han, zh := ScriptHans, LangZhHans
	if s.Traditional {
		han, zh = ScriptHant, LangZhHant
	}
	switch {
	case s.HanChars == 0 && s.LatinLetters == 0:
		return ScriptNone, LangUnknown
	case s.LatinLetters == 0:
		return han, zh
	case s.HanChars == 0:
		return ScriptLatin, LangEn
	}
	// An English word of about six letters carries as much as two Chinese
	// characters: weigh letters by 1/3 and call the text mixed when the
	// smaller side has at least half the weight of the larger.
	hanW, latW := float64(s.HanChars), float64(s.LatinLetters)/3
	switch {
	case latW < hanW/2:
		return ScriptMixed, zh
	case hanW < latW/2:
		return ScriptMixed, LangEn
	}
	return ScriptMixed, LangMixed
}
