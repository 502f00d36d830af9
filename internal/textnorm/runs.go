package textnorm

import "unicode/utf8"

// The runs below normalize the common characters with the same result as
// builder.char gives one by one, but in small loops with few live
// variables, so that they stay in registers, and with the signals updated
// once per run. Each stops at the first character it does not take and
// leaves it to the next, or to char.

// plainMask is the bits of an entry that keep a character out of
// plainRun: a kind other than kindHan and kindOther, a phrase, a variant
// rule.
const plainMask = entry(kindMask&^kindHan)<<kindShift | flagPhrase | flagVariant

// hanMask is the bits of an entry that scanHan and copyHan check: they
// take characters of kind Han without variant rule, and without phrase
// unless noPhrase rules one out.
const hanMask = kindMask<<kindShift | flagPhrase | flagVariant

// hanKind is the kind bits of a Han character's entry.
const hanKind = entry(kindHan) << kindShift

// plainRun normalizes the characters from s[i] on that need no context and
// close every signal run: Han characters, and the ASCII and three-byte
// characters that are neither letters nor punctuation Signals count (space,
// comma, full-width comma, brackets…). They are the bulk of Chinese text.
// It returns where it stopped.
//
// Runs of Han characters go through scanHan, or copyHan once Norm differs
// from s; the rest of the loop takes one character at a time.
func (b *builder) plainRun(i int) int {
	s, bmp := b.s, &b.t.bmp
	han, trad, simp := 0, 0, 0
	start := i
	for i < len(s) {
		j, t, sm := 0, 0, 0
		if b.done == 0 {
			j, t, sm = b.t.scanHan(s, i)
		} else {
			b.flush(i)
			j, b.w, t, sm = b.t.copyHan(s, i, b.buf, b.w)
			b.done = j
		}
		han += (j - i) / 3
		trad += t
		simp += sm
		if i = j; i == len(s) {
			break
		}
		c0 := s[i]
		r, size, limit := rune(c0), 1, rune(utf8.RuneSelf)
		if c0 >= utf8.RuneSelf {
			if c0&0xF0 != 0xE0 || i+2 >= len(s) {
				break
			}
			c1, c2 := s[i+1], s[i+2]
			r = rune(c0&0x0F)<<12 | rune(c1&0x3F)<<6 | rune(c2&0x3F)
			if c1&0xC0 != 0x80 || c2&0xC0 != 0x80 || r < 0x800 || r&0xF800 == 0xD800 {
				break
			}
			size, limit = 3, 0x10000
		}
		e := bmp[uint16(r)]
		out := e.out()
		// No longer than the input either, so buf has room.
		if e&plainMask != 0 || out >= limit {
			break
		}
		if e&hanMask == hanKind {
			han++
			trad += int(e >> 27 & 1) // flagTrad
			simp += int(e >> 28 & 1) // flagSimp
		}
		if out != r || b.done > 0 {
			b.flush(i)
			w := b.w
			switch buf := b.buf; {
			case out < utf8.RuneSelf:
				buf[w] = byte(out)
				w++
			case out < 0x800:
				_ = buf[w+1]
				buf[w], buf[w+1] = 0xC0|byte(out>>6), 0x80|byte(out)&0x3F
				w += 2
			default:
				_ = buf[w+2]
				buf[w], buf[w+1], buf[w+2] = 0xE0|byte(out>>12), 0x80|byte(out>>6)&0x3F, 0x80|byte(out)&0x3F
				w += 3
			}
			n := w - b.w
			b.w, b.done = w, i+size
			if n != size {
				b.shifts.add(shift{norm: b.w, orig: b.done})
			}
		}
		i += size
	}
	if i > start {
		sc := &b.sc
		sc.closeAll()
		sc.sig.HanChars += han
		sc.sig.TradOnly += trad
		sc.sig.SimpOnly += simp
	}
	return i
}

// scanHan returns the end of the run of Han characters from s[i] on that
// normalize to themselves with no phrase or variant rule, and how many of
// them are Traditional-only and Simplified-only. An entry of kind Han is
// never a character below U+0800 or a surrogate (TestRunInvariants), so
// checking the entry checks that the three bytes are not overlong UTF-8.
func (t *tables) scanHan(s string, i int) (end, trad, simp int) {
	for ; i+2 < len(s); i += 3 {
		c0, c1, c2 := s[i], s[i+1], s[i+2]
		r := rune(c0&0x0F)<<12 | rune(c1&0x3F)<<6 | rune(c2&0x3F)
		e := t.bmp[uint16(r)]
		if c0&0xF0 != 0xE0 || c1&0xC0 != 0x80 || c2&0xC0 != 0x80 ||
			e&(hanMask|runeMask) != hanKind|entry(r) && (e&(hanMask|runeMask) != hanKind|flagPhrase|entry(r) || !t.noPhrase(s, i+3, r)) {
			break
		}
		trad += int(e >> 27 & 1) // flagTrad
		simp += int(e >> 28 & 1) // flagSimp
	}
	return i, trad, simp
}

// copyHan is scanHan for a text whose Norm already differs from it: it
// also takes Han characters that change, if their output is three bytes
// long too, and writes the run's normalization to buf[w:].
func (t *tables) copyHan(s string, i int, buf []byte, w int) (end, wEnd, trad, simp int) {
	for ; i+2 < len(s); i += 3 {
		c0, c1, c2 := s[i], s[i+1], s[i+2]
		r := rune(c0&0x0F)<<12 | rune(c1&0x3F)<<6 | rune(c2&0x3F)
		e := t.bmp[uint16(r)]
		out := e.out()
		if c0&0xF0 != 0xE0 || c1&0xC0 != 0x80 || c2&0xC0 != 0x80 || uint32(out)-0x800 >= 0x10000-0x800 ||
			e&hanMask != hanKind && (e&hanMask != hanKind|flagPhrase || !t.noPhrase(s, i+3, r)) {
			break
		}
		trad += int(e >> 27 & 1) // flagTrad
		simp += int(e >> 28 & 1) // flagSimp
		_ = buf[w+2]
		buf[w], buf[w+1], buf[w+2] = 0xE0|byte(out>>12), 0x80|byte(out>>6)&0x3F, 0x80|byte(out)&0x3F
		w += 3
	}
	return i, w, trad, simp
}

// noPhrase reports that no phrase starts with first followed by the
// character at s[i], by the test phraseAt starts with. A few characters
// start phrases, and most of the time they are not in one; false means
// that phraseAt must decide.
func (t *tables) noPhrase(s string, i int, first rune) bool {
	if i >= len(s) {
		return true
	}
	second := rune(s[i])
	if second >= utf8.RuneSelf {
		if i+2 >= len(s) || s[i]&0xF0 != 0xE0 {
			return false
		}
		var size int
		if second, size = decodeRune(s, i); size != 3 {
			return false
		}
	}
	return !t.pairs.has(first, second)
}

// asciiRun normalizes the ASCII letters, digits and other characters
// (space, comma…) from s[i] on, a word or run at a time, and returns where
// it stopped: at a non-ASCII byte or at punctuation that Signals count
// (! ? . ').
func (b *builder) asciiRun(i int) int {
	s, bmp := b.s, &b.t.bmp
	sc := &b.sc
	for i < len(s) {
		j, changed := i, false
		switch c := s[i]; {
		case c|0x20-'a' < 26: // a letter (TestRunInvariants)
			upper := 0
			for ; j < len(s) && s[j]|0x20-'a' < 26; j++ {
				upper += int(^s[j] >> 5 & 1) // A–Z lack the bit of a–z
			}
			changed = upper > 0 && bmp['A'].out() != 'A'
			// What step does letter by letter: a word that goes on
			// has no other run open.
			d := b.w - b.done
			if sc.wordLetters == 0 {
				sc.closeAll()
				sc.wordStart, sc.wordUpper = i+d, true
			}
			sc.wordLetters += j - i
			sc.sig.LatinLetters += j - i
			sc.wordUpper = sc.wordUpper && upper == j-i
			sc.wordEnd, sc.wordApos = j+d, false
		case c < utf8.RuneSelf:
			k := bmp[c].kind()
			if k != kindOther && k != kindKeycapBase {
				return i
			}
			for ; j < len(s) && s[j] < utf8.RuneSelf; j++ {
				e := bmp[s[j]]
				if e.kind() != k {
					break
				}
				changed = changed || e.out() != rune(s[j])
			}
			sc.closeAll()
			if k == kindKeycapBase {
				// Each base closes the last, unconfirmed, and opens a
				// keycap sequence of its own: the last one stays open.
				d := b.w - b.done
				sc.openEmoji(j-1+d, j+d, false)
				sc.emoKeycap = true
			}
		default:
			return i
		}
		if changed {
			b.flush(i)
			buf := b.buf
			for ; i < j; i++ {
				buf[b.w] = byte(bmp[s[i]].out()) // ASCII stays ASCII: TestRunInvariants
				b.w++
			}
			b.done = j
		}
		i = j
	}
	return i
}
