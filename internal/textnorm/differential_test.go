package textnorm

import (
	"reflect"
	"strings"
	"testing"
)

// TestReference checks Normalize against refNormalize, the implementation
// before the fast path, on the benchmark corpora (the shared review corpora
// when present, and the scorer's generated utterances) and on random texts
// mixing every case that changes byte length or depends on context, with
// each of the three option sets.
func TestReference(t *testing.T) {
	def, keepCase, contextFree := normalizers(t)
	texts := append(randomTexts(2000), builtinCorpus...)
	texts = append(texts, referenceEdgeCases...)
	for _, s := range texts {
		for _, n := range []*Normalizer{def, keepCase, contextFree} {
			checkReference(t, n, s, true)
		}
	}
	lines, _ := benchCorpus(t)
	lines = append(lines, utterances(t)...)
	if testing.Short() {
		lines = lines[:len(lines)/10]
	}
	for _, s := range lines {
		for _, n := range []*Normalizer{def, keepCase, contextFree} {
			// Every span of a long review is too many for -race; the
			// random texts and the fuzz target try every span.
			checkReference(t, n, s, len(s) <= 64)
		}
	}
}

// referenceEdgeCases are texts at the ends of the fast path's cases: empty,
// a single byte, truncated and invalid sequences at the end, changes only
// at the first or last character, text that changes nothing, and long runs
// of each kind of signal.
var referenceEdgeCases = []string{
	"", "a", "A", "!", "\xff", "\xe4", "\xe4\xbd", "我\xe4\xbd", "我\xf0\x9f\x98", "\xed\xa0\x80",
	"\xc0\xaf", "\xf4\x90\x80\x80", "\xef\xbf\xbd", "а", "我们", "我們", "Ａ我们", "我们Ａ", "我们。",
	"著", "看著", "著名", "看著著名", "乾", "乾坤", "乾淨", "壺裡乾坤", "衞生", "㑮", "𠉂", "𝐖𝐖",
	"plain lower case english with no change at all", "ALL CAPS SHOUTING HERE",
	"don't won’t", "it''s", "'a'", "a'", "!!!???!?", "...。。。……‥", "1️⃣#️⃣*️⃣", "🇹🇼🇹", "👨‍👩‍👧👍🏽❤️©️ℹ",
	"\u200d😡", "😡\u200d", "😡\ufe0e\ufe0f", "🏽🏽", "\U000e0067\U000e007f",
	strings.Repeat("我", 300), strings.Repeat("們", 300), strings.Repeat("ａ", 300), strings.Repeat("!", 300),
	strings.Repeat("著", 20) + strings.Repeat("们", 19), strings.Repeat("\xff", 40),
}

// FuzzReference checks Normalize against refNormalize on any input, with
// each of the three option sets.
func FuzzReference(f *testing.F) {
	for _, s := range append(append(randomTexts(50), builtinCorpus...), referenceEdgeCases...) {
		f.Add(s)
	}
	def, keepCase, contextFree := normalizers(f)
	f.Fuzz(func(t *testing.T, s string) {
		for _, n := range []*Normalizer{def, keepCase, contextFree} {
			// Every span of a long input would slow the fuzzer down to
			// a few inputs a second.
			checkReference(t, n, s, len(s) <= 256)
		}
	})
}

// checkReference fails t unless Normalize(s) and refNormalize(s) agree on
// every exported field and on OrigSpan for every span of Norm and NormSpan
// for every span of Orig, offsets out of range and inside characters
// included; allSpans false tries every offset as one end of the span only,
// against 0 and the length as the other.
func checkReference(t *testing.T, n *Normalizer, s string, allSpans bool) {
	t.Helper()
	got, want := n.Normalize(s), refNormalize(n, s)
	if got.Orig != want.Orig || got.Norm != want.Norm || got.Lang != want.Lang || got.Script != want.Script {
		t.Fatalf("%+v: Normalize(%q) = %q %q %v, reference %q %q %v",
			n.opts, s, got.Norm, got.Lang, got.Script, want.Norm, want.Lang, want.Script)
	}
	if !reflect.DeepEqual(got.Signals, want.Signals) {
		t.Fatalf("%+v: Normalize(%q).Signals = %+v, reference %+v", n.opts, s, got.Signals, want.Signals)
	}
	for _, m := range []struct {
		name      string
		limit     int
		got, want func(int, int) (int, int)
	}{
		{"OrigSpan", len(got.Norm), got.OrigSpan, want.OrigSpan},
		{"NormSpan", len(s), got.NormSpan, want.NormSpan},
	} {
		for a := -1; a <= m.limit+1; a++ {
			ends := []int{-1, 0, m.limit, m.limit + 1}
			if allSpans {
				ends = nil
				for b := a; b <= m.limit+1; b++ {
					ends = append(ends, b)
				}
			}
			for _, b := range ends {
				gs, ge := m.got(a, b)
				ws, we := m.want(a, b)
				if gs != ws || ge != we {
					t.Fatalf("%+v: Normalize(%q).%s(%d, %d) = %d, %d, reference %d, %d",
						n.opts, s, m.name, a, b, gs, ge, ws, we)
				}
			}
		}
	}
}
