package textnorm

import (
	"sort"
	"unicode/utf8"
)

// Text is a normalized text with the original it came from. Matching runs on
// Norm; evidence is shown from Orig, through OrigSpan.
//
// Norm has exactly one character for each character of Orig, in the same
// order (an invalid UTF-8 byte of Orig counts as one character and becomes
// U+FFFD in Norm). Only byte lengths differ: "Ａ" (3 bytes) becomes "a" (1
// byte), some Traditional characters become 4-byte Simplified ones.
type Text struct {
	// Orig is the text as given.
	Orig string
	// Norm is the normalized text: valid UTF-8, one character per
	// character of Orig.
	Norm string
	// Lang is the guessed language of the whole text.
	Lang Lang
	// Script says which writing systems appear in the text.
	Script Script
	// Signals are the emphasis and emotion cues found in the text.
	Signals Signals

	// shifts records, after each character whose byte length changed,
	// the end offsets in Norm and Orig. Between two shifts both texts
	// advance by the same number of bytes, so offsets map by adding a
	// constant; a text without length changes has none.
	shifts []shift
}

type shift struct{ norm, orig int }

// Span is a byte range [Start, End) of Norm.
type Span struct {
	Start, End int
}

// Lang is a language guess, spelt as in the transcript contract's
// language field.
type Lang string

// Languages Normalize can guess.
const (
	LangUnknown Lang = ""        // no letters at all
	LangZhHans  Lang = "zh-Hans" // Chinese in Simplified characters
	LangZhHant  Lang = "zh-Hant" // Chinese in Traditional characters
	LangEn      Lang = "en"      // Latin letters, taken to be English
	LangMixed   Lang = "mixed"   // substantial Chinese and English together
)

// Script says which writing systems a text uses.
type Script uint8

// Scripts of a text. Hans and Hant are told apart by the characters that
// exist in only one of the two forms (们 vs 們); a text with none of them is
// ScriptHans.
const (
	ScriptNone  Script = iota // neither Han characters nor Latin letters
	ScriptHans                // Han characters, Simplified
	ScriptHant                // Han characters, Traditional
	ScriptLatin               // Latin letters only
	ScriptMixed               // Han characters and Latin letters
)

// String returns "none", "Hans", "Hant", "Latin" or "mixed".
func (s Script) String() string {
	switch s {
	case ScriptHans:
		return "Hans"
	case ScriptHant:
		return "Hant"
	case ScriptLatin:
		return "Latin"
	case ScriptMixed:
		return "mixed"
	}
	return "none"
}

// OrigSpan maps the byte span [start, end) of Norm to the span of Orig that
// holds the same characters. Offsets are clamped to [0, len(Norm)] and end
// is raised to start if lower. A boundary inside a character is widened to
// that character's edge, so the result covers every character the span
// touches. For spans on character boundaries the mapping is exact: the i-th
// character of Orig[os:oe] is the one the i-th character of Norm[start:end]
// was made from.
func (t Text) OrigSpan(start, end int) (int, int) {
	start, end = clampSpan(start, end, len(t.Norm))
	for start > 0 && start < len(t.Norm) && !utf8.RuneStart(t.Norm[start]) {
		start--
	}
	for end < len(t.Norm) && !utf8.RuneStart(t.Norm[end]) {
		end++
	}
	return t.toOrig(start), t.toOrig(end)
}

// NormSpan is the inverse of OrigSpan: it maps the byte span [start, end) of
// Orig to the span of Norm made from the same characters, widening
// boundaries that fall inside a character. It serves spans found in the
// original, such as PII found before normalization.
func (t Text) NormSpan(start, end int) (int, int) {
	start, end = clampSpan(start, end, len(t.Orig))
	start = origCharStart(t.Orig, start)
	if s := origCharStart(t.Orig, end); s != end {
		_, size := utf8.DecodeRuneInString(t.Orig[s:])
		end = s + size
	}
	return t.toNorm(start), t.toNorm(end)
}

func clampSpan(start, end, n int) (int, int) {
	start = min(max(start, 0), n)
	end = min(max(end, start), n)
	return start, end
}

// toOrig maps a character boundary of Norm to Orig.
func (t Text) toOrig(n int) int {
	i := sort.Search(len(t.shifts), func(i int) bool { return t.shifts[i].norm > n })
	if i == 0 {
		return n
	}
	s := t.shifts[i-1]
	return s.orig + n - s.norm
}

// toNorm maps a character boundary of Orig to Norm.
func (t Text) toNorm(o int) int {
	i := sort.Search(len(t.shifts), func(i int) bool { return t.shifts[i].orig > o })
	if i == 0 {
		return o
	}
	s := t.shifts[i-1]
	return s.norm + o - s.orig
}

// origCharStart returns the start of the character of s that contains byte
// offset o, where characters are what utf8.DecodeRuneInString steps over
// (a valid rune, or one invalid byte). A byte that is not a continuation
// byte always starts a character; a continuation byte belongs to the valid
// rune starting at most three bytes before it, if there is one.
func origCharStart(s string, o int) int {
	if o >= len(s) {
		return len(s)
	}
	for p := o; p >= 0 && p >= o-utf8.UTFMax+1; p-- {
		if s[p]&0xC0 != 0x80 { // not a continuation byte
			if _, size := utf8.DecodeRuneInString(s[p:]); p+size > o {
				return p
			}
			return o
		}
	}
	return o
}
