package textnorm

import (
	"testing"
	"unicode/utf8"
)

// FuzzNormalize checks that Normalize never panics and that, for any input
// (invalid UTF-8 included, each invalid byte being one character):
// Norm is valid UTF-8 with one character per character of Orig; every
// character boundary of Norm maps to one of Orig and back; the whole of
// Norm maps to the whole of Orig; signal spans are ordered, non-empty and
// on character boundaries; and OrigSpan never panics, whatever its arguments.
func FuzzNormalize(f *testing.F) {
	for _, s := range append(randomTexts(20), builtinCorpus...) {
		f.Add(s, 3, 7)
	}
	f.Add("\xed\xa0\x80\xc0\xaf\xf4\x90\x80\x80", -1, 1<<40) // surrogate, overlong, > U+10FFFF
	def, _, _ := normalizers(f)
	f.Fuzz(func(t *testing.T, s string, a, b int) {
		n := def.Normalize(s)
		if !utf8.ValidString(n.Norm) {
			t.Fatalf("Normalize(%q).Norm = %q, not valid UTF-8", s, n.Norm)
		}
		if got, want := utf8.RuneCountInString(n.Norm), utf8.RuneCountInString(s); got != want {
			t.Fatalf("Normalize(%q).Norm = %q has %d characters, want %d", s, n.Norm, got, want)
		}
		if os, oe := n.OrigSpan(0, len(n.Norm)); os != 0 || oe != len(s) {
			t.Fatalf("OrigSpan(all) = %d,%d, want 0,%d", os, oe, len(s))
		}
		prev := 0
		for _, nb := range charBounds(n.Norm)[1:] {
			ob, _ := n.OrigSpan(nb, nb)
			if ob <= prev || origCharStart(s, ob) != ob {
				t.Fatalf("%q: Norm boundary %d maps to %d (previous %d)", s, nb, ob, prev)
			}
			if back, _ := n.NormSpan(ob, ob); back != nb {
				t.Fatalf("%q: Norm boundary %d → Orig %d → Norm %d", s, nb, ob, back)
			}
			prev = ob
		}
		sig := n.Signals
		for _, spans := range [][]Span{sig.PunctRuns, sig.Ellipses, sig.Emoji, sig.CapsWords} {
			end := 0
			for _, sp := range spans {
				if sp.Start < end || sp.End <= sp.Start || sp.End > len(n.Norm) ||
					!utf8.RuneStart(n.Norm[sp.Start]) || sp.End < len(n.Norm) && !utf8.RuneStart(n.Norm[sp.End]) {
					t.Fatalf("%q: bad signal span %v in %v", s, sp, spans)
				}
				end = sp.End
			}
		}
		os, oe := n.OrigSpan(a, b)
		if os < 0 || oe < os || oe > len(s) {
			t.Fatalf("OrigSpan(%d, %d) = %d, %d, out of [0, %d]", a, b, os, oe, len(s))
		}
		ns, ne := n.NormSpan(a, b)
		if ns < 0 || ne < ns || ne > len(n.Norm) {
			t.Fatalf("NormSpan(%d, %d) = %d, %d, out of [0, %d]", a, b, ns, ne, len(n.Norm))
		}
	})
}
