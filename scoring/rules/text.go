package rules

import (
	"unicode/utf8"

	"github.com/convqa/convqa/internal/pii"
)

// maxRegexMatches bounds the matches of one regex looked through in one
// utterance when the first is void (negated, or outside the sentences).
const maxRegexMatches = 32

// regex appends the first match of the leaf's regex in utterance i that
// counts: one is evidence enough, and a pattern such as \S would
// otherwise report every character.
func (c *evalCtx) regex(l *leaf, i int) bool {
	u := &c.utts[i]
	if l.re.pre >= 0 && !has(u.bits, l.re.pre) {
		return false
	}
	occs := c.occs[u.occ.from:u.occ.to:u.occ.to]
	s, e, ok := l.re.first(u.t.Norm, u.bits, occs, c.s.auto)
	if !ok {
		return false
	}
	if (l.pos.sentSet() || l.guard >= 0) && !c.regexCounts(l, i, s, e) {
		// The first match is void; look for one further on, where one
		// can be: the whole expression's matching costs more.
		if !l.re.mayFrom(u.t.Norm, e, c.s.auto) {
			return false
		}
		ok = false
		for _, m := range l.re.re.FindAllStringIndex(u.t.Norm, maxRegexMatches) {
			if c.regexCounts(l, i, m[0], m[1]) {
				s, e, ok = m[0], m[1], true
				break
			}
		}
		if !ok {
			return false
		}
	}
	c.arena = append(c.arena, match{u: int32(i), start: int32(s), end: int32(e), det: detRegex})
	return true
}

// regexCounts reports whether a regex match [start, end) of utterance i
// counts: inside the leaf's sentences, and not negated when guarded.
func (c *evalCtx) regexCounts(l *leaf, i, start, end int) bool {
	s, e := int32(start), int32(end)
	return !(l.pos.sentSet() && !c.sentenceOK(l, i, s) || l.guard >= 0 && c.negated(i, s, e, l.guard))
}

// piiMatch appends the personal data of the leaf's type in utterance i:
// raw values the finder sees in the original text, and the placeholders
// ingest redaction left.
func (c *evalCtx) piiMatch(l *leaf, i int) bool {
	u := &c.utts[i]
	found := false
	if has(u.bits, l.placeholder) {
		for k := u.occ.from; k < u.occ.to; k++ {
			o := c.occs[k]
			if !c.in(o, l.placeholder) || l.pos.sentSet() && !c.sentenceOK(l, i, o.start) {
				continue
			}
			c.arena = append(c.arena, match{u: int32(i), start: o.start, end: o.end, det: l.det})
			found = true
		}
	}
	typ, _ := l.det.piiType()
	for _, m := range c.piiOf(i) {
		if m.Type != typ {
			continue
		}
		s, e := u.t.NormSpan(m.Start, m.End)
		if l.pos.sentSet() && !c.sentenceOK(l, i, int32(s)) {
			continue
		}
		c.arena = append(c.arena, match{u: int32(i), start: int32(s), end: int32(e), det: l.det})
		found = true
	}
	return found
}

// piiOf returns the personal data in utterance i, found once per
// conversation, on demand, and only where numbers or an @ are. The slice
// is valid until the next call.
func (c *evalCtx) piiOf(i int) []pii.Match {
	u := &c.utts[i]
	if !u.piiDone {
		from := int32(len(c.piis))
		if mayHoldPII(u.t.Norm) {
			c.piis = c.s.finder.AppendFind(c.piis, u.t.Orig)
		}
		u.pii, u.piiDone = result{from, int32(len(c.piis))}, true
	}
	return c.piis[u.pii.from:u.pii.to]
}

// sentenceOK reports whether byte offset at of utterance i lies in the
// leaf's sentence range.
func (c *evalCtx) sentenceOK(l *leaf, i int, at int32) bool {
	ss := c.sentences(i)
	k := 0
	for k+1 < len(ss) && ss[k+1] <= at {
		k++
	}
	if l.pos.sentFirst > 0 && k >= l.pos.sentFirst {
		return false
	}
	if l.pos.sentLast > 0 && k < len(ss)-l.pos.sentLast {
		return false
	}
	return true
}

// sentences returns where the sentences of utterance i start (the first at
// 0): after a run of 。！？!?.… and line breaks.
func (c *evalCtx) sentences(i int) []int32 {
	u := &c.utts[i]
	if !u.sentDone {
		from := int32(len(c.sents))
		c.sents = append(c.sents, 0)
		s := u.t.Norm
		ended := false
		for j := 0; j < len(s); {
			r, size := utf8.DecodeRuneInString(s[j:])
			switch {
			case r == '。' || r == '!' || r == '?' || r == '…' || r == '\n' ||
				r == '.' && !(j > 0 && j+1 < len(s) && isDigit(s[j-1]) && isDigit(s[j+1])):
				ended = true
			case r == ' ' || r == '\t' || r == '\r' || r == '"' || r == '”' || r == '」':
			default:
				if ended && j > 0 {
					c.sents = append(c.sents, int32(j))
				}
				ended = false
			}
			j += size
		}
		u.sentFrom, u.sentTo, u.sentDone = from, int32(len(c.sents)), true
	}
	return c.sents[u.sentFrom:u.sentTo]
}
