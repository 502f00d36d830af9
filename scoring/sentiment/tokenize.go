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
	tokGap                     // an unmatched Han character or Latin word: it only counts for distance
	tokClause                  // , ; : 、 — ends negation scope
	tokSentence                // 。 ! ? . … newline — ends a sentence
)

// token is one unit of normalized text. Spans are byte offsets of Norm.
type token struct {
	start, end int32
	entry      int32
	kind       tokKind
	role       role // what the entry does here; set by the rules
	latin      bool // a Latin word or phrase
	emoji      bool // an emoji or emoticon
	caps       bool // written in capitals (from textnorm's CapsWords)
	question   bool // a sentence end made by ? or ？
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
	for i := 0; i < len(s); {
		if len(han) > 0 && han[0].start == int32(i) {
			toks = append(toks, han[0])
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
			tk := token{start: int32(sp.Start), end: int32(sp.End), kind: tokGap, emoji: true}
			if id, ok := l.emoji[textnorm.EmojiKey(s[sp.Start:sp.End])]; ok {
				tk.kind, tk.entry = tokEntry, id
			}
			toks = append(toks, tk)
			i = sp.End
			continue
		}
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case isWordByte(c):
				var tk token
				var skip bool
				tk, skip, i = l.word(s, i)
				if !skip {
					for len(caps) > 0 && caps[0].End <= int(tk.start) {
						caps = caps[1:]
					}
					tk.caps = len(caps) > 0 && caps[0].Start == int(tk.start)
					toks = append(toks, tk)
				}
			case c == ' ' || c == '\t' || c == '\r':
				i++
			case c == '\n':
				toks = append(toks, token{start: int32(i), end: int32(i + 1), kind: tokSentence})
				i++
			default:
				if tk, ok := l.emoticon(s, i); ok {
					toks = append(toks, tk)
					i = int(tk.end)
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
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case isHan(r):
			toks = append(toks, token{start: int32(i), end: int32(i + size), kind: tokGap})
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

// isHan is unicode.Is(unicode.Han, r), at once for the common block.
func isHan(r rune) bool {
	return r >= 0x4E00 && r <= 0x9FFF || r >= 0x2E80 && unicode.Is(unicode.Han, r)
}

// hanMatches runs the automaton over the text once, reporting every
// occurrence of every phrase, and keeps the leftmost-longest ones: at each
// place the longest phrase that starts there, skipping what it covers, so
// 不错 wins over 不 + 错. The automaton's callback allocates nothing per
// match; the longest match per start byte goes into sc.best, and the
// selection reads it left to right. Every buffer is reused between calls.
// The same pass sets sc.words, the word lists that occur in the text.
func (l *Lexicon) hanMatches(t *textnorm.Text, sc *scratch) []token {
	out := sc.han[:0]
	n := len(t.Norm)
	best := resize(sc.best, n)
	clear(best)
	var words wordFlags
	l.han.Walk(t.Norm, func(pattern, start, end int) {
		words |= l.hanWords[pattern]
		if e := l.hanEntry[pattern]; e >= 0 {
			if b := &best[start]; b.end <= int32(end) {
				b.end, b.entry = int32(end), e
			}
		}
	})
	sc.words = words
	if t.Signals.HanChars > 0 {
		for i := 0; i < n; {
			b := best[i]
			if b.end == 0 {
				i++
				continue
			}
			out = append(out, token{start: int32(i), end: b.end, entry: b.entry, kind: tokEntry})
			i = int(b.end)
		}
	}
	sc.best, sc.han = best, out
	return out
}

// word reads the Latin word at s[i], or the longest lexicon phrase that
// starts with it. @mentions and URLs are skipped: they name, not feel.
func (l *Lexicon) word(s string, i int) (tk token, skip bool, next int) {
	j := wordEnd(s, i)
	w := s[i:j]
	if i > 0 && s[i-1] == '@' {
		return tk, true, j
	}
	if (w == "http" || w == "https") && strings.HasPrefix(s[j:], "://") {
		for j < len(s) && s[j] != ' ' && s[j] != '\n' {
			j++
		}
		return tk, true, j
	}
	tk = token{start: int32(i), end: int32(j), kind: tokGap, latin: true}
	lw, ok := l.latin[w]
	for _, p := range lw.phrases {
		if end, ok := matchWords(s, j, p.words[1:]); ok {
			tk.kind, tk.entry, tk.end = tokEntry, p.entry, int32(end)
			return tk, false, end
		}
	}
	if strings.Contains(w, "’") {
		lw, ok = l.latin[strings.ReplaceAll(w, "’", "'")]
	}
	if ok && lw.entry >= 0 {
		tk.kind, tk.entry = tokEntry, lw.entry
	}
	return tk, false, j
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

// emoticon matches the longest ASCII emoticon (":)", "-_-") at s[i].
func (l *Lexicon) emoticon(s string, i int) (token, bool) {
	n := 0
	for i+n < len(s) && n < l.maxEmo && s[i+n] > ' ' && s[i+n] < utf8.RuneSelf {
		n++
	}
	for ; n >= 2; n-- {
		if id, ok := l.emoji[s[i:i+n]]; ok {
			return token{start: int32(i), end: int32(i + n), entry: id, kind: tokEntry, emoji: true}, true
		}
	}
	return token{}, false
}
