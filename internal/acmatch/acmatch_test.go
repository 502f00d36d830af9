package acmatch

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

type occ struct{ pattern, start, end int }

// naive finds every occurrence the slow way, in Walk's order: by end,
// the longest first.
func naive(patterns []string, text string) []occ {
	var out []occ
	for i, p := range patterns {
		if slices.Index(patterns, p) != i {
			continue // a repeated pattern reports its first index
		}
		for at := 0; at+len(p) <= len(text); at++ {
			if strings.HasPrefix(text[at:], p) {
				out = append(out, occ{i, at, at + len(p)})
			}
		}
	}
	slices.SortFunc(out, func(a, b occ) int {
		if a.end != b.end {
			return a.end - b.end
		}
		return (b.end - b.start) - (a.end - a.start)
	})
	return out
}

func walkAll(m *Matcher, text string) []occ {
	var out []occ
	m.Walk(text, func(p, s, e int) { out = append(out, occ{p, s, e}) })
	return out
}

func check(t *testing.T, patterns []string, text string) {
	t.Helper()
	m, err := New(patterns)
	if err != nil {
		t.Fatal(err)
	}
	got, want := walkAll(m, text), naive(patterns, text)
	if !slices.Equal(got, want) {
		t.Fatalf("patterns %q in %q:\n got %v\nwant %v", patterns, text, got, want)
	}
}

func TestWalk(t *testing.T) {
	tests := []struct {
		patterns []string
		text     string
	}{
		{[]string{"he", "she", "his", "hers"}, "ushers"},
		{[]string{"a", "aa", "aaa"}, "aaaa"},
		{[]string{"不错", "不", "错", "很不错"}, "这家店很不错，不错不错"},
		{[]string{"请稍等", "稍等", "等"}, "请稍等一下，稍等"},
		{[]string{"abc", "bcd", "c"}, "xabcdx"},
		{[]string{"x", "x"}, "xx"},
		{[]string{"转人工", "人工", "人工!"}, "转人工!人工！"},
		{[]string{"é", "\ufffd", "a\ufffd"}, "caf\xc3\xa9 \xff a\xef\xbf\xbd a\xff \xe4\xbd"},
		{[]string{"你", "你好"}, "\xe4\xbd你好\xe4你\xed\xa0\x80好"},
		{[]string{"😡", "😡😡", "!"}, "😡😡😡!"},
		{[]string{"q"}, ""},
	}
	for _, tc := range tests {
		check(t, tc.patterns, tc.text)
	}
}

func TestWalkRandom(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	alphabet := []string{"a", "b", "c", "不", "错", "好", "😡"}
	noise := []string{"\xff", "\xe4\xbd", "\xed\xa0\x80", "\xf0\x9f"}
	word := func(n int) string {
		var b strings.Builder
		for range n {
			b.WriteString(alphabet[r.IntN(len(alphabet))])
		}
		return b.String()
	}
	for range 500 {
		patterns := make([]string, 1+r.IntN(12))
		for i := range patterns {
			patterns[i] = word(1 + r.IntN(4))
		}
		text := word(r.IntN(40))
		if k := r.IntN(3 * len(noise)); k < len(noise) && len(text) > 0 {
			at := r.IntN(len(text))
			text = text[:at] + noise[k] + text[at:]
		}
		check(t, patterns, text)
	}
}

func TestNewRefuses(t *testing.T) {
	if _, err := New([]string{"a", ""}); err == nil {
		t.Error("an empty pattern was accepted")
	}
	if _, err := New([]string{"a", "\xff"}); err == nil {
		t.Error("a pattern of invalid UTF-8 was accepted")
	}
}

func FuzzWalk(f *testing.F) {
	f.Add("he\x00she\x00hers", "ushers")
	f.Add("不错\x00不", "很不错")
	f.Fuzz(func(t *testing.T, pats, text string) {
		patterns := strings.Split(pats, "\x00")
		if slices.Contains(patterns, "") || len(patterns) > 64 || !utf8.ValidString(pats) {
			return
		}
		check(t, patterns, text)
	})
}

func BenchmarkWalk(b *testing.B) {
	patterns := []string{"不错", "很好", "太慢", "请稍等", "转人工", "order number", "please", "谢谢"}
	text := strings.Repeat("您好，请稍等，我帮您查一下订单。please hold on, thank you! 谢谢 ", 4)
	m, err := New(patterns)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(text)))
	n := 0
	for b.Loop() {
		m.Walk(text, func(int, int, int) { n++ })
	}
}
