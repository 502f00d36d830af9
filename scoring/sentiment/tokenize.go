package sentiment

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/convqa/convqa/internal/textnorm"
)

type tokKind uint8

const (
	tokEntry    tokKind = iota // a lexicon entry
	tokClause                  // , ; : 、 — ends negation scope
	tokSentence                // 。 ! ? . … newline — ends a sentence
)

// token is a lexicon entry or a break in normalized text. Spans are byte
// offsets of Norm. What matches no entry (a Han character, a Latin word,
// an emoji) gets no token: it only counts for distance, through pos.
type token struct {
	start, end int32
	entry      int32
	// pos counts the units before the token: entries, and the Han
	// characters, Latin words and emoji that match none. Entries are
	// pos apart as VADER counts words apart, without a token for every
	// character between them.
	pos      int32
	kind     tokKind
	role     role // what the entry does here; set by the rules
	emoji    bool // an emoji or emoticon
	caps     bool // written in capitals (from textnorm's CapsWords)
	question bool // a sentence end made by ? or ？
}

// tokenize cuts t.Norm into tokens, matching the lexicon: Han text through
// the automaton, Latin words through the word map (multiword phrases
// first), emoji through their keys, and punctuation into clause and
// sentence breaks.
func (l *Lexicon) tokenize(t *textnorm.Text, sc *scratch, toks []token) []token {
	s := t.Norm
	han := l.hanMatches(t, sc)
	emo := t.Signals.Emoji
	caps := t.Signals.CapsWords
	var pos int32 // units so far
	for i := 0; i < len(s); {
		if len(han) > 0 && han[0].start <= int32(i) {
			if han[0].start < int32(i) {
				// Its start was skipped over (a URL runs into Han
				// text): no match after it is read either.
				han = nil
				continue
			}
			// Appended as it is, then given its pos: a copy of it with pos
			// set, appended, would be read back right after the store to
			// pos, which stalls the CPU's store forwarding.
			toks = append(toks, han[0])
			toks[len(toks)-1].pos = pos
			pos++
			i = int(han[0].end)
			han = han[1:]
			continue
		}
		if len(emo) > 0 && emo[0].Start <= i {
			sp := emo[0]
			emo = emo[1:]
			if sp.Start < i {
				continue // inside something already consumed
			}
			if id, ok := l.emoji[textnorm.EmojiKey(s[sp.Start:sp.End])]; ok {
				toks = append(toks, token{start: int32(sp.Start), end: int32(sp.End), entry: id, pos: pos, kind: tokEntry, emoji: true})
			}
			pos++
			i = sp.End
			continue
		}
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case isWordByte(c):
				start := i
				var entry int32
				var skip bool
				entry, i, skip = l.word(s, i)
				if skip {
					continue
				}
				if entry >= 0 {
					for len(caps) > 0 && caps[0].End <= start {
						caps = caps[1:]
					}
					toks = append(toks, token{start: int32(start), end: int32(i), entry: entry, pos: pos, kind: tokEntry,
						caps: len(caps) > 0 && caps[0].Start == start})
				}
				pos++
			case c == ' ' || c == '\t' || c == '\r':
				i++
			case c == '\n':
				toks = append(toks, token{start: int32(i), end: int32(i + 1), kind: tokSentence})
				i++
			default:
				if id, end := l.emoticon(s, i); end > i {
					toks = append(toks, token{start: int32(i), end: int32(end), entry: id, pos: pos, kind: tokEntry, emoji: true})
					pos++
					i = end
					continue
				}
				switch c {
				case ',', ';', ':':
					toks = append(toks, token{start: int32(i), end: int32(i + 1), kind: tokClause})
				case '!', '?':
					toks = append(toks, token{start: int32(i), end: int32(i + 1), kind: tokSentence, question: c == '?'})
				case '.':
					// A decimal point (3.5) is no sentence end.
					if !(i > 0 && i+1 < len(s) && isDigit(s[i-1]) && isDigit(s[i+1])) {
						toks = append(toks, token{start: int32(i), end: int32(i + 1), kind: tokSentence})
					}
				}
				i++
			}
			continue
		}
		if commonHan(s, i) {
			// Most of a Chinese text: Han characters that match no
			// entry, counted without decoding up to the next match or
			// emoji, which both start after i.
			stop := len(s)
			if len(han) > 0 {
				stop = int(han[0].start)
			}
			if len(emo) > 0 {
				stop = min(stop, emo[0].Start)
			}
			for {
				pos++
				i += 3
				if i >= stop || !commonHan(s, i) {
					break
				}
			}
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case isHan(r):
			pos++
		case r == '。' || r == '…' || r == '⋯' || r == '‼':
			toks = append(toks, token{start: int32(i), end: int32(i + size), kind: tokSentence})
		case r == '⁇' || r == '⁈' || r == '⁉':
			toks = append(toks, token{start: int32(i), end: int32(i + size), kind: tokSentence, question: true})
		case r == '、' || r == '；' || r == '—':
			toks = append(toks, token{start: int32(i), end: int32(i + size), kind: tokClause})
		}
		i += size
	}
	return toks
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// commonHan reports whether s[i:] starts with a character of U+4E00–U+9FFF,
// the common block of Han characters.
func commonHan(s string, i int) bool {
	c := s[i]
	return c >= 0xE4 && c <= 0xE9 && i+2 < len(s) && s[i+1]&0xC0 == 0x80 && s[i+2]&0xC0 == 0x80 && (c > 0xE4 || s[i+1] >= 0xB8)
}

// isHan is unicode.Is(unicode.Han, r), at once for the common block.
func isHan(r rune) bool {
	return r >= 0x4E00 && r <= 0x9FFF || r >= 0x2E80 && unicode.Is(unicode.Han, r)
}

// hanMatches runs the automaton over the text once, reporting every
// occurrence of every phrase, and keeps the leftmost-longest ones: at each
// place the longest phrase that starts there, skipping what it covers, so
// 不错 wins over 不 + 错. The callback only collects the occurrences of
// entries, a few per text, in sc.han; the selection happens in place
// there. The same pass sets sc.words, the word lists that occur in the
// text.
func (l *Lexicon) hanMatches(t *textnorm.Text, sc *scratch) []token {
	occ := sc.han[:0]
	var words wordFlags
	l.han.Walk(t.Norm, func(pattern, start, end int) {
		p := l.hanPat[pattern]
		words |= p.words
		if p.entry >= 0 {
			occ = append(occ, token{start: int32(start), end: int32(end), entry: p.entry, kind: tokEntry})
		}
	})
	sc.words, sc.han = words, occ
	if t.Signals.HanChars == 0 {
		return occ[:0]
	}
	// Walk reports by end; sorted by start, longest first. Insertion sort:
	// an occurrence only moves past the shorter ones that end inside it.
	for k := 1; k < len(occ); k++ {
		o := occ[k]
		j := k
		for j > 0 && (occ[j-1].start > o.start || occ[j-1].start == o.start && occ[j-1].end < o.end) {
			occ[j] = occ[j-1]
			j--
		}
		occ[j] = o
	}
	n := 0
	next := int32(0) // where the last one kept ends
	for _, o := range occ {
		if o.start >= next {
			occ[n] = o
			n++
			next = o.end
		}
	}
	return occ[:n]
}

// word reads the Latin word at s[i], or the longest lexicon phrase that
// starts with it: its entry (-1: none) and where it ends. @mentions and
// URLs are skipped: they name, not feel, and take no place in distances.
func (l *Lexicon) word(s string, i int) (entry int32, end int, skip bool) {
	j := wordEnd(s, i)
	w := s[i:j]
	if i > 0 && s[i-1] == '@' {
		return -1, j, true
	}
	if (w == "http" || w == "https") && strings.HasPrefix(s[j:], "://") {
		for j < len(s) && s[j] != ' ' && s[j] != '\n' {
			j++
		}
		return -1, j, true
	}
	lw, ok := l.latin[w]
	for _, p := range lw.phrases {
		if end, ok := matchWords(s, j, p.words[1:]); ok {
			return p.entry, end, false
		}
	}
	if strings.Contains(w, "’") {
		lw, ok = l.latin[strings.ReplaceAll(w, "’", "'")]
	}
	if ok && lw.entry >= 0 {
		return lw.entry, j, false
	}
	return -1, j, false
}

// wordEnd returns the end of the word starting at s[i]: letters and
// digits, with apostrophes (' or ’) and hyphens between them.
func wordEnd(s string, i int) int {
	j := i
	for j < len(s) {
		switch c := s[j]; {
		case isWordByte(c):
			j++
		case (c == '\'' || c == '-') && j+1 < len(s) && isWordByte(s[j+1]):
			j += 2
		case c == 0xE2 && strings.HasPrefix(s[j:], "’") && j+3 < len(s) && isWordByte(s[j+3]):
			j += 4
		default:
			return j
		}
	}
	return j
}

// matchWords reports whether the words follow s[j:], each after one or
// more spaces, and where the last one ends.
func matchWords(s string, j int, words []string) (int, bool) {
	for _, w := range words {
		k := j
		for k < len(s) && s[k] == ' ' {
			k++
		}
		if k == j || !strings.HasPrefix(s[k:], w) {
			return 0, false
		}
		j = k + len(w)
		if j < len(s) && isWordByte(s[j]) {
			return 0, false
		}
	}
	return j, true
}

// emoticon matches the longest ASCII emoticon (":)", "-_-") at s[i]: its
// entry and end, or i when there is none.
func (l *Lexicon) emoticon(s string, i int) (entry int32, end int) {
	if i+1 >= len(s) || s[i+1] >= utf8.RuneSelf || l.emoStart[s[i]][s[i+1]>>6]&(1<<(s[i+1]&63)) == 0 {
		return -1, i
	}
	n := 0
	for i+n < len(s) && n < l.maxEmo && s[i+n] > ' ' && s[i+n] < utf8.RuneSelf {
		n++
	}
	for ; n >= 2; n-- {
		if id, ok := l.emoji[s[i:i+n]]; ok {
			return id, i + n
		}
	}
	return -1, i
}
