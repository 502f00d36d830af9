package textnorm

import (
	"unicode/utf8"
	"unsafe"
)

// Options configure a Normalizer. The zero value is what scorers want.
type Options struct {
	// KeepCase leaves letter case as written. Default false: letters are
	// lower-cased so that "ORDER" matches "order". Set it to normalize text
	// whose case carries meaning, such as a regular expression (\D vs \d).
	KeepCase bool
	// ContextFree makes each character's normalization depend on that
	// character alone: no phrase conversion (乾坤 becomes 干坤) and no
	// Taiwan/Hong Kong variant rules (看著 stays 看著). Default false. With
	// it, the normalization of any piece of Orig equals the matching piece
	// of Norm.
	ContextFree bool
}

// Normalizer normalizes text for matching. It is immutable and safe for
// concurrent use; build one per process with New and share it.
type Normalizer struct {
	t    *tables
	opts Options
}

// New builds a Normalizer. Building the tables takes some tens of
// milliseconds and about 300 KB.
func New(opts Options) (*Normalizer, error) {
	t, err := buildTables(opts)
	if err != nil {
		return nil, err
	}
	return &Normalizer{t: t, opts: opts}, nil
}

// Options returns the options n was built with. Two Normalizers built
// with equal options normalize every text alike, so a Text one made can
// stand for the other's.
func (n *Normalizer) Options() Options { return n.opts }

// Normalize returns s normalized for matching, with its signals:
//
//   - full-width forms fold to ASCII (ＡＢＣ１２３！ → abc123!), half-width
//     katakana to full width, the ideographic space to a space, and other
//     compatibility characters that stand for a single character (① → 1);
//   - letters are lower-cased (unless Options.KeepCase);
//   - Traditional Chinese becomes Simplified with OpenCC's character and
//     phrase tables (頭髮 → 头发, 乾淨 → 干净 but 乾坤 stays), plus Taiwan and
//     Hong Kong variant rules when the text is Traditional (看著 → 看着);
//   - emoji, punctuation and everything else are kept as they are.
//
// Every character of s becomes exactly one character of Norm, so offsets
// map both ways (Text.OrigSpan). Invalid UTF-8 bytes become U+FFFD, one
// per byte; Norm is always valid UTF-8.
func (n *Normalizer) Normalize(s string) Text {
	return n.normalize(s, nil)
}

// trace lets tests see where context changed the output; nil in production.
type trace struct {
	phrases []phraseHit // phrases converted as a whole
	patched []int       // Norm offsets rewritten by the variant rules
}

type phraseHit struct{ start, chars int } // Norm offset, length in characters

// variantAt is a flagVariant character r written at Norm offset at.
type variantAt struct {
	at int
	r  rune
}

func (n *Normalizer) normalize(s string, tr *trace) Text {
	buf := make([]byte, 0, len(s)+utf8.UTFMax)
	var (
		sc       scanner
		shiftBuf [16]shift
		shifts   = shiftBuf[:0]
		pending  []rune // phrase output for the characters that follow
		deferred []variantAt
	)
	for i := 0; i < len(s); {
		r, size := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, size = decodeRune(s, i)
		}
		var e entry
		if r < 0x10000 {
			e = n.t.bmp[r]
		} else {
			e = n.astralEntry(r)
		}
		out := e.out()
		start := len(buf)
		if len(pending) > 0 {
			out, pending = pending[0], pending[1:]
		} else if e&(flagPhrase|flagVariant) != 0 {
			if p := n.phraseAt(e, s, i+size, r); p != nil {
				out, pending = p.out[0], p.out[1:]
				if tr != nil {
					tr.phrases = append(tr.phrases, phraseHit{start: start, chars: len(p.out)})
				}
			} else if e&flagVariant != 0 {
				deferred = append(deferred, variantAt{at: start, r: r})
			}
		}
		if out >= 0x800 && out < 0x10000 { // CJK: inline, appendRune is not inlinable
			buf = append(buf, 0xE0|byte(out>>12), 0x80|byte(out>>6)&0x3F, 0x80|byte(out)&0x3F)
		} else {
			buf = appendRune(buf, out)
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
			if tr != nil {
				tr.patched = append(tr.patched, v.at)
			}
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

// decodeRune decodes the character at s[i] like
// utf8.DecodeRuneInString, with a fast path for three bytes (all CJK).
func decodeRune(s string, i int) (rune, int) {
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

// appendRune is utf8.AppendRune with an ASCII fast path.
func appendRune(buf []byte, r rune) []byte {
	if r < utf8.RuneSelf {
		return append(buf, byte(r))
	}
	return utf8.AppendRune(buf, r)
}

func (n *Normalizer) astralEntry(r rune) entry {
	if e, ok := n.t.astral[r]; ok {
		return e
	}
	return astralDefault(r)
}

// phraseAt returns the longest phrase that starts with first (whose entry
// is e) and whose other characters are the ones at s[i:], or nil.
func (n *Normalizer) phraseAt(e entry, s string, i int, first rune) *phrase {
	if e&flagPhrase == 0 || i >= len(s) {
		return nil
	}
	var ahead [maxPhraseRunes]rune
	second, size := decodeRune(s, i)
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
