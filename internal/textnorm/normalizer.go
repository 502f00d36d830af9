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

// builder is the state of one normalize call. The common characters are
// normalized a run at a time (runs.go), the rest one by one (char).
//
// Norm is s for as long as no character changes, which saves the copy for
// texts that need none. From the first change (done > 0), buf[:w] is Norm
// of s[:done], and the characters after done are unchanged ones not yet
// copied (flush copies them). buf always has room for the rest of s and
// utf8.UTFMax more, so only a character that grows (an invalid byte
// becomes U+FFFD) needs a check.
//
// buf, the shifts and the variants live on normalize's stack for short
// texts, and are moved to one exact allocation at the end. Methods only
// ever store into buf, never the slice buf itself, so that the escape
// analysis lets the stack array be.
type builder struct {
	t  *tables
	s  string
	sc scanner
	tr *trace

	buf     []byte
	w, done int

	shifts   stackList[shift]
	pending  []rune // phrase output for the characters that follow
	deferred stackList[variantAt]
}

func (n *Normalizer) normalize(s string, tr *trace) (t Text) {
	var normBuf [256]byte
	b := builder{t: n.t, s: s, tr: tr}
	if len(s)+utf8.UTFMax <= len(normBuf) {
		b.buf = normBuf[:]
	}
	b.sc.sig = &t.Signals
	for i := 0; i < len(s); {
		j := i
		if len(b.pending) == 0 {
			if j = b.plainRun(i); j == i && s[i] < utf8.RuneSelf {
				j = b.asciiRun(i)
			}
		}
		if j == i {
			j = b.char(i)
		}
		i = j
	}
	b.sc.variants = b.deferred.n
	t.Orig = s
	t.Script, t.Lang = b.sc.finish()
	if patch := t.Signals.Traditional && b.deferred.n > 0; b.done > 0 || patch {
		b.finishNorm(&t, patch)
	} else {
		t.Norm = s // nothing changed
	}
	return t
}

// char normalizes the character at s[i], whatever it is, and returns the
// offset of the next.
func (b *builder) char(i int) int {
	s := b.s
	c := s[i]
	r, size := rune(c), 1
	if c >= utf8.RuneSelf {
		r, size = decodeRune(s, i)
	}
	var e entry
	if r < 0x10000 {
		e = b.t.bmp[r]
	} else {
		e = b.t.astralEntry(r)
	}
	out := e.out()
	start := i + b.w - b.done
	if len(b.pending) > 0 {
		out, b.pending = b.pending[0], b.pending[1:]
	} else if e&(flagPhrase|flagVariant) != 0 {
		if p := b.t.phraseAt(e, s, i+size, r); p != nil {
			out, b.pending = p.out[0], p.out[1:]
			if b.tr != nil {
				b.tr.phrases = append(b.tr.phrases, phraseHit{start: start, chars: len(p.out)})
			}
		} else if e&flagVariant != 0 {
			b.deferred.add(variantAt{at: start, r: r})
		}
	}
	end := start + size
	// An invalid byte decodes as U+FFFD and is one: it changes too.
	if out != r || size == 1 && c >= utf8.RuneSelf {
		end = b.write(i, size, out)
	}
	b.sc.step(e.kind(), e, start, end)
	return i + size
}

// flush copies the unchanged characters s[done:i] to buf, allocating buf
// at the first change of a text too long for the stack.
func (b *builder) flush(i int) {
	if b.buf == nil {
		b.buf = make([]byte, len(b.s)+utf8.UTFMax)
	}
	b.w += copy(b.buf[b.w:], b.s[b.done:i])
	b.done = i
}

// write makes out the Norm of the character s[i:i+size], which differs from
// it, and returns the Norm offset where out ends.
func (b *builder) write(i, size int, out rune) int {
	b.flush(i)
	n := utf8.EncodeRune(b.buf[b.w:], out)
	b.w += n
	b.done += size
	if n != size {
		b.shifts.add(shift{norm: b.w, orig: b.done})
		if n > size && len(b.buf)-b.w < len(b.s)-b.done+utf8.UTFMax {
			grown := make([]byte, 2*len(b.buf))
			copy(grown, b.buf[:b.w])
			b.buf = grown
		}
	}
	return b.w
}

// finishNorm sets t.Norm and t.shifts, applying the variant rules if
// patch. (It must not store b.s in t: the escape analysis would then move
// all that b points to, normalize's stack buffer included, to the heap.)
func (b *builder) finishNorm(t *Text, patch bool) {
	norm, shifts := newNorm(len(b.s)+b.w-b.done, b.shifts.n)
	first, rest := b.shifts.elems()
	copy(shifts[copy(shifts, first):], rest)
	if b.done > 0 {
		copy(norm[copy(norm, b.buf[:b.w]):], b.s[b.done:])
	} else {
		copy(norm, b.s)
	}
	if patch {
		first, rest := b.deferred.elems()
		for _, vs := range [2][]variantAt{first, rest} {
			for _, v := range vs {
				// buildHant only keeps replacements of the same length.
				utf8.EncodeRune(norm[v.at:], b.t.hant[v.r])
				if b.tr != nil {
					b.tr.patched = append(b.tr.patched, v.at)
				}
			}
		}
	}
	if len(shifts) > 0 {
		t.shifts = shifts
	}
	// norm is never written again, so the string can share its memory, as
	// strings.Builder does.
	t.Norm = unsafe.String(unsafe.SliceData(norm), len(norm))
}

// newNorm allocates normLen bytes for Norm and nShifts shifts in one block:
// their sizes are known only once the whole text has been read, and one
// allocation costs less than two. The block holds no pointers, so typing
// it as shifts and carving Norm's bytes from its end is safe for the
// garbage collector.
func newNorm(normLen, nShifts int) ([]byte, []shift) {
	const shiftSize = int(unsafe.Sizeof(shift{}))
	block := make([]shift, nShifts+(normLen+shiftSize-1)/shiftSize)
	norm := unsafe.Slice((*byte)(unsafe.Add(unsafe.Pointer(unsafe.SliceData(block)), nShifts*shiftSize)), normLen)
	return norm, block[:nShifts:nShifts]
}

// stackList is a list that holds its first elements itself, so that a
// short one costs no allocation when the list is on the stack. A slice of
// a stack array would not do: appending to it through a pointer makes the
// escape analysis move the array to the heap. For the same reason, the
// rest is behind a pointer: appending to a slice field directly would move
// everything the builder points to.
type stackList[T any] struct {
	n     int
	first [16]T
	rest  *[]T
}

func (l *stackList[T]) add(x T) {
	if l.n < len(l.first) {
		l.first[l.n] = x
	} else {
		if l.rest == nil {
			l.rest = new([]T)
		}
		*l.rest = append(*l.rest, x)
	}
	l.n++
}

// elems returns the elements in two parts.
func (l *stackList[T]) elems() (first, rest []T) {
	if l.rest != nil {
		rest = *l.rest
	}
	return l.first[:min(l.n, len(l.first))], rest
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

func (t *tables) astralEntry(r rune) entry {
	if e, ok := t.astral[r]; ok {
		return e
	}
	return astralDefault(r)
}

// phraseAt returns the longest phrase that starts with first (whose entry
// is e) and whose other characters are the ones at s[i:], or nil.
func (t *tables) phraseAt(e entry, s string, i int, first rune) *phrase {
	if e&flagPhrase == 0 || i >= len(s) {
		return nil
	}
	var ahead [maxPhraseRunes]rune
	second, size := decodeRune(s, i)
	if !t.pairs.has(first, second) {
		return nil // most common characters (一, 不, 上…) end here
	}
	ahead[0], i = second, i+size
	got := 1
	cands := t.phrases[first]
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
