package pii

import "unicode/utf8"

// findNumbers appends the phone, ID and card numbers in text to ms, whose
// elements from first on are the e-mail addresses already found, in order:
// numbers inside an address are part of it.
func (f *Finder) findNumbers(text string, ms []Match, first int) []Match {
	emails := len(ms)
	next := first // the next e-mail address
	lo := 0       // the end of the previous match: context stops there
	for i := 0; i < len(text); {
		limit := len(text)
		if next < emails {
			if i >= ms[next].Start {
				i, lo = ms[next].End, ms[next].End
				next++
				continue
			}
			limit = ms[next].Start
		}
		// Most of the text is neither digits nor their lead-ins: step over
		// it without decoding. Only ASCII and the full-width forms
		// (U+FF00–U+FFEF, lead byte 0xEF) can start a number; other bytes
		// are Chinese, or continuation bytes.
		if !leadByte[text[i]] {
			i++
			for i < limit && !leadByte[text[i]] {
				i++
			}
			continue
		}
		r, size := rune(text[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(text[i:])
			if digitValue(r) < 0 && !isPlus(r) && !isOpenParen(r) {
				i += size
				continue
			}
		}
		// A Taiwan ID is a letter and nine digits, looked for only where a
		// letter comes right before digits, so that English text, all
		// letters, costs no more than Chinese.
		if d := digitValue(r); d == 1 || d == 2 || d == 8 || d == 9 {
			if prev, psize := utf8.DecodeLastRuneInString(text[:i]); isTWIDLetter(prev) && i-psize >= lo {
				if end, ok := f.twID(text, i-psize, psize, limit, lo); ok {
					ms = append(ms, Match{Type: IDNumber, Start: i - psize, End: end})
					i, lo = end, end
					continue
				}
			}
		}
		if digitValue(r) < 0 {
			// '+' or '(': a number only if digits follow.
			nr, nsize := utf8.DecodeRuneInString(text[i+size : limit])
			if isPlus(nr) && isOpenParen(r) {
				nr, _ = utf8.DecodeRuneInString(text[i+size+nsize : limit])
			}
			if digitValue(nr) < 0 || glued(text, i) {
				i += size
				continue
			}
		}
		rn := scanRun(text, i, limit, true)
		if rn.end <= i {
			i += size
			continue
		}
		if !glued(text, i) && endsToken(text, rn.end) {
			if t, ok := f.classify(text, &rn, lo); ok {
				ms = append(ms, Match{Type: t, Start: rn.start, End: rn.end})
				lo = rn.end
			}
		}
		i = rn.end
	}
	return ms
}

// leadByte marks the bytes a number can start with: ASCII digits, '+' and
// '(', and 0xEF, which leads their full-width forms.
var leadByte = func() (t [256]bool) {
	for c := '0'; c <= '9'; c++ {
		t[c] = true
	}
	t['+'], t['('], t[0xEF] = true, true, true
	return t
}()

// classify decides what a run of digits is, if it is personal data at all.
// lo is the end of the previous match, where context stops.
func (f *Finder) classify(text string, rn *run, lo int) (Type, bool) {
	n := rn.n
	if n < 7 || n > maxDigits {
		return 0, false
	}
	d := rn.d()
	var ctx words
	ctx.text, ctx.lo, ctx.at = text, lo, rn.start
	switch {
	case f.enabled[IDNumber] && n == 18 && validResidentID(d) && ctx.cue() != cueRef:
		return IDNumber, true
	case f.enabled[Phone] && f.isPhone(d, rn, &ctx):
		return Phone, true
	case f.enabled[BankCard] && cardLength(d) && luhn(d) && ctx.cue() != cueRef:
		return BankCard, true
	}
	return 0, false
}

// twID reports whether a Taiwan national ID (or resident certificate)
// number starts at byte i with its letter, and where it ends.
func (f *Finder) twID(text string, i, size, limit, lo int) (int, bool) {
	if !f.enabled[IDNumber] || glued(text, i) {
		return 0, false
	}
	var id [10]byte
	id[0] = byte(upperLetter(text, i))
	j := i + size
	for k := 1; k < 10; k++ {
		if j >= limit {
			return 0, false
		}
		r, size := utf8.DecodeRuneInString(text[j:limit])
		d := digitValue(r)
		if d < 0 {
			return 0, false
		}
		id[k] = byte('0' + d)
		j += size
	}
	if !endsToken(text, j) || !validTaiwanID(id[:]) {
		return 0, false
	}
	if c, _ := cueBefore(text, lo, i); c == cueRef {
		return 0, false
	}
	return j, true
}

func isTWIDLetter(r rune) bool {
	return r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z' || r >= 'Ａ' && r <= 'Ｚ'
}

func upperLetter(text string, i int) rune {
	r, _ := utf8.DecodeRuneInString(text[i:])
	switch {
	case r >= 'a' && r <= 'z':
		return r - 'a' + 'A'
	case r >= 'Ａ' && r <= 'Ｚ':
		return r - 'Ａ' + 'A'
	}
	return r
}

// words reads the words before a number only when the digits leave its
// type open, and at most once.
type words struct {
	text     string
	lo, at   int
	read     bool
	c        cue
	adjacent bool
}

func (w *words) load() {
	if !w.read {
		w.c, w.adjacent = cueBefore(w.text, w.lo, w.at)
		w.read = true
	}
}

// cue is the nearest cue word's.
func (w *words) cue() cue { w.load(); return w.c }

// names reports whether a cue word c stands right before the number.
func (w *words) names(c cue) bool { w.load(); return w.c == c && w.adjacent }
