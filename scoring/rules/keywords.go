package rules

import (
	"strings"
	"unicode/utf8"
)

// Negation guard reach: a negation voids a keyword when at most this many
// characters (Chinese) and words (English) stand between them, in the same
// clause.
const (
	guardChars = 8
	guardWords = 3
)

// keywords checks a leaf's keyword lists on utterance i.
func (c *evalCtx) keywords(l *leaf, i int) bool {
	kw := &l.kw
	bits := c.utts[i].bits
	if kw.noneL >= 0 && has(bits, kw.noneL) {
		mark := len(c.arena)
		found := c.collect(l, i, kw.noneL, 0, 1)
		c.arena = c.arena[:mark]
		if found {
			return false
		}
	}
	if kw.anyL >= 0 && (!has(bits, kw.anyL) || !c.collect(l, i, kw.anyL, 0, 1)) {
		return false
	}
	if kw.allL >= 0 && (!has(bits, kw.allL) || !c.collect(l, i, kw.allL, kw.allN, kw.allN)) {
		return false
	}
	if kw.most >= 0 && (!has(bits, kw.most) || !c.collect(l, i, kw.most, kw.mostOf, kw.mostN)) {
		return false
	}
	return true
}

// collect appends, as evidence, the occurrences of list in utterance i
// that the leaf's guard and sentence range let count, and reports whether
// at least need distinct keywords of the list (of size n) occurred; n 0
// means any occurrence will do.
func (c *evalCtx) collect(l *leaf, i int, list int32, n, need int) bool {
	u := &c.utts[i]
	if n > 0 {
		if cap(c.seen) < n {
			c.seen = make([]bool, n)
		}
		c.seen = c.seen[:n]
		clear(c.seen)
	}
	distinct := 0
	for k := u.occ.from; k < u.occ.to; k++ {
		o := c.occs[k]
		if !c.in(o, list) ||
			l.pos.sentSet() && !c.sentenceOK(l, i, o.start) ||
			l.guard >= 0 && c.negated(i, o.start, o.end, l.guard) {
			continue
		}
		if n == 0 {
			distinct = 1
		} else {
			for _, us := range c.s.auto.pats[o.pat].uses {
				if us.list == list && !c.seen[us.idx] {
					c.seen[us.idx] = true
					distinct++
				}
			}
		}
		c.arena = append(c.arena, match{u: int32(i), start: o.start, end: o.end, det: detKeywords})
	}
	return distinct >= need
}

// negated reports whether a word of the negation list stands before the
// span [s, e) of utterance i within the same clause and close enough:
// "不能保证", "I can't really guarantee". The negation may overlap the
// span's start ("不一定会" voids 一定会) but must begin before it.
func (c *evalCtx) negated(i int, s, e int32, list int32) bool {
	u := &c.utts[i]
	if !has(u.bits, list) {
		return false
	}
	for k := u.occ.from; k < u.occ.to; k++ {
		o := c.occs[k]
		if o.start >= s || o.end > e || !c.in(o, list) {
			continue
		}
		if aNotA(u.t.Norm, o) {
			continue
		}
		if o.end >= s || gapOK(u.t.Norm[o.end:s]) {
			return true
		}
	}
	return false
}

// aNotA reports whether a negation occurrence starting with 不 or 没 is
// the middle of an A-not-A question ("能不能", "可不可以", "会不会"),
// which asks rather than denies.
func aNotA(norm string, o occ) bool {
	neg, size := utf8.DecodeRuneInString(norm[o.start:])
	if (neg != '不' && neg != '没') || int(o.start)+size >= len(norm) {
		return false
	}
	before, _ := utf8.DecodeLastRuneInString(norm[:o.start])
	after, _ := utf8.DecodeRuneInString(norm[int(o.start)+size:])
	return before == after
}

// in reports whether occurrence o counts for keyword list list.
func (c *evalCtx) in(o occ, list int32) bool {
	return o.bounded && c.s.auto.inList(o.pat, list)
}

// gapOK reports whether the text between a negation and a keyword keeps
// them in one clause and near: no clause break, no contrast (但是, but),
// at most guardChars characters and guardWords words.
func gapOK(gap string) bool {
	words, chars, word := 0, 0, -1
	for j, r := range gap {
		switch {
		case isClauseBreak(r, gap, j) || r == '但' || r == '却':
			return false
		case isWordRune(r):
			if word < 0 {
				word = j
				words++
			}
			continue
		case isApostrophe(r) && word >= 0:
			continue
		case r == ' ' || r == '\t' || r == '\u3000':
		default:
			chars++
		}
		if word >= 0 && isContrast(gap[word:j]) {
			return false
		}
		word = -1
	}
	if word >= 0 && isContrast(gap[word:]) {
		return false
	}
	return words <= guardWords && chars <= guardChars && !strings.Contains(gap, "可是") && !strings.Contains(gap, "不过")
}

func isContrast(w string) bool { return w == "but" || w == "however" || w == "though" || w == "yet" }

// isClauseBreak: ，。！？；,.!?; and newline; a point between digits
// (3.5) is none.
func isClauseBreak(r rune, s string, j int) bool {
	switch r {
	case ',', '!', '?', ';', '\n', '\r', '。', '，', '！', '？', '；':
		return true
	case '.':
		return !(j > 0 && j+1 < len(s) && isDigit(s[j-1]) && isDigit(s[j+1]))
	}
	return false
}

func isDigit(b byte) bool { return b >= '0' && b <= '9' }
