package textnorm

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// TestOrigSpan finds words in Norm, as a scorer does, and checks the
// evidence shown from Orig.
func TestOrigSpan(t *testing.T) {
	def, _, _ := normalizers(t)
	for _, tc := range []struct {
		orig, find, want string
	}{
		{"我的ORDER號碼是１２３，謝謝！", "order", "ORDER"},
		{"我的ORDER號碼是１２３，謝謝！", "号码", "號碼"},
		{"我的ORDER號碼是１２３，謝謝！", "123", "１２３"},
		{"我的ORDER號碼是１２３，謝謝！", "谢谢!", "謝謝！"},
		{"臺灣的客服後來都沒回覆，頭髮都等白了。。。", "头发", "頭髮"},
		{"臺灣的客服後來都沒回覆，頭髮都等白了。。。", "回复", "回覆"},
		{"臺灣的客服後來都沒回覆，頭髮都等白了。。。", "。。。", "。。。"},
		{"ＷＯＲＳＴ service 😡😡 EVER", "ever", "EVER"},
		{"ＷＯＲＳＴ service 😡😡 EVER", "😡", "😡"},
		{"㑮㑮 ok", "ok", "ok"},
		{"\xff\xfe退款\xe4\xbd呢", "退款", "退款"},
		{"\xff\xfe退款\xe4\xbd呢", "呢", "呢"},
	} {
		n := def.Normalize(tc.orig)
		start := strings.Index(n.Norm, tc.find)
		if start < 0 {
			t.Errorf("%q not in Norm %q", tc.find, n.Norm)
			continue
		}
		os, oe := n.OrigSpan(start, start+len(tc.find))
		if got := tc.orig[os:oe]; got != tc.want {
			t.Errorf("in %q, OrigSpan of %q = %q, want %q", tc.orig, tc.find, got, tc.want)
		}
		if ns, ne := n.NormSpan(os, oe); ns != start || ne != start+len(tc.find) {
			t.Errorf("in %q, NormSpan(OrigSpan(%q)) = [%d,%d), want [%d,%d)", tc.orig, tc.find, ns, ne, start, start+len(tc.find))
		}
	}
}

func TestSpanEdges(t *testing.T) {
	def, _, _ := normalizers(t)
	n := def.Normalize("Ａ號b") // Norm "a号b": a [0,1) 号 [1,4) b [4,5); Orig Ａ [0,3) 號 [3,6) b [6,7)
	for _, tc := range []struct {
		start, end, os, oe int
	}{
		{0, 1, 0, 3},
		{2, 3, 3, 6},   // inside 号: widened to the character
		{1, 2, 3, 6},   // end inside 号
		{-5, 99, 0, 7}, // clamped
		{4, 2, 6, 6},   // end below start: empty at start
		{5, 5, 7, 7},
	} {
		if os, oe := n.OrigSpan(tc.start, tc.end); os != tc.os || oe != tc.oe {
			t.Errorf("OrigSpan(%d, %d) = %d, %d, want %d, %d", tc.start, tc.end, os, oe, tc.os, tc.oe)
		}
	}
	if ns, ne := n.NormSpan(1, 4); ns != 0 || ne != 4 {
		t.Errorf("NormSpan(1, 4) = %d, %d, want 0, 4 (widened to Ａ and 號)", ns, ne)
	}
}

// spanAlphabet mixes every case that changes byte length or depends on
// context, in pieces that random texts are made of.
var spanAlphabet = []string{
	"a", "Z", "'", "!", "?", ".", "1", "#", " ", "Ｗ", "１", "！", "？", "．", "　", "\u00a0", "①", "𝐖",
	"我", "们", "們", "號", "碼", "臺", "灣", "頭", "髮", "乾", "坤", "淨", "著", "名", "等", "裡", "裏", "壺", "顯",
	"衞", "顎", "㑮", "𠉂", "。", "…", "‥", "‼", "⁉", "😡", "👍", "🏽", "\u200d", "\ufe0f", "\u20e3", "🇹", "🇼", "❤", "©", "ℹ",
	"\xff", "\xe4\xbd", "\xf0\x9f", "\ufffd", "É", "ß",
}

func randomTexts(n int) []string {
	rng := rand.New(rand.NewPCG(1, 2))
	texts := []string{
		"我的ORDER號碼是１２３，請幫我查一下！！！",
		"臺灣的客服後來看著我，著名的扭轉乾坤…… WORST SERVICE 😡👍🏽",
		"壺裡乾坤 衞生 顯著 等著 🇹🇼 1️⃣ ❤️",
	}
	for range n {
		var b strings.Builder
		for range rng.IntN(14) {
			b.WriteString(spanAlphabet[rng.IntN(len(spanAlphabet))])
		}
		texts = append(texts, b.String())
	}
	return texts
}

// TestSpanProperty checks, for every span between character boundaries of
// Norm, with (os, oe) = OrigSpan(s, e):
//
//  1. os and oe are character boundaries of Orig, and Orig[os:oe] has as
//     many characters as Norm[s:e] (invalid bytes count one each);
//  2. NormSpan(os, oe) == (s, e);
//  3. with Options.ContextFree, Normalize(Orig[os:oe]).Norm == Norm[s:e];
//  4. with default options, the same holds for every span that holds no
//     character converted as part of a phrase and no character subject to
//     the Taiwan/Hong Kong variant rules (those depend on the rest of the
//     text); and Norm differs from the ContextFree Norm only in such
//     characters.
func TestSpanProperty(t *testing.T) {
	def, _, contextFree := normalizers(t)
	for _, orig := range randomTexts(400) {
		checkSpans(t, def, contextFree, orig)
	}
}

func checkSpans(t *testing.T, def, contextFree *Normalizer, orig string) {
	t.Helper()
	var tr trace
	full := def.normalize(orig, &tr)
	free := contextFree.Normalize(orig)
	bounds := charBounds(full.Norm)
	freeBounds := charBounds(free.Norm)
	if len(bounds) != len(freeBounds) || len(bounds)-1 != utf8.RuneCountInString(orig) {
		t.Fatalf("%q: Norm has %d characters, ContextFree Norm %d, Orig %d",
			orig, len(bounds)-1, len(freeBounds)-1, utf8.RuneCountInString(orig))
	}
	// context[i]: character i of Norm may depend on its neighbours.
	context := make([]bool, len(bounds)-1)
	for _, h := range tr.phrases {
		for c := charIndex(bounds, h.start); c < charIndex(bounds, h.start)+h.chars; c++ {
			context[c] = true
		}
	}
	for c := range context {
		os, _ := full.OrigSpan(bounds[c], bounds[c+1])
		r, _ := utf8.DecodeRuneInString(orig[os:])
		if def.t.hant[r] != 0 {
			context[c] = true
		}
		if !context[c] && full.Norm[bounds[c]:bounds[c+1]] != free.Norm[freeBounds[c]:freeBounds[c+1]] {
			t.Errorf("%q: character %d is %q, ContextFree says %q, and no context applies",
				orig, c, full.Norm[bounds[c]:bounds[c+1]], free.Norm[freeBounds[c]:freeBounds[c+1]])
		}
	}
	for i := range bounds {
		for j := i; j < len(bounds); j++ {
			for _, x := range []struct {
				n       *Normalizer
				text    Text
				b       []int
				context []bool
			}{{def, full, bounds, context}, {contextFree, free, freeBounds, nil}} {
				s, e := x.b[i], x.b[j]
				os, oe := x.text.OrigSpan(s, e)
				if origCharStart(orig, os) != os || origCharStart(orig, oe) != oe {
					t.Fatalf("%q: OrigSpan(%d,%d) = %d,%d, not character boundaries", orig, s, e, os, oe)
				}
				if got := utf8.RuneCountInString(orig[os:oe]); got != j-i {
					t.Fatalf("%q: OrigSpan(%d,%d) = %q, %d characters, want %d", orig, s, e, orig[os:oe], got, j-i)
				}
				if ns, ne := x.text.NormSpan(os, oe); ns != s || ne != e {
					t.Fatalf("%q: NormSpan(OrigSpan(%d,%d)) = %d,%d", orig, s, e, ns, ne)
				}
				if x.context != nil && slices.Contains(x.context[i:j], true) {
					continue
				}
				if got := x.n.Normalize(orig[os:oe]).Norm; got != x.text.Norm[s:e] {
					t.Fatalf("%q: Normalize(Orig[%d:%d] = %q) = %q, want Norm[%d:%d] = %q",
						orig, os, oe, orig[os:oe], got, s, e, x.text.Norm[s:e])
				}
			}
		}
	}
}

// charBounds returns every character boundary of valid UTF-8 s, 0 and len(s) included.
func charBounds(s string) []int {
	b := []int{0}
	for i := 0; i < len(s); {
		_, size := utf8.DecodeRuneInString(s[i:])
		i += size
		b = append(b, i)
	}
	return b
}

func charIndex(bounds []int, off int) int {
	for i, b := range bounds {
		if b == off {
			return i
		}
	}
	return -1
}
