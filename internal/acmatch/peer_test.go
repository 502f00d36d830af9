package acmatch

import (
	"bufio"
	"os"
	"strings"
	"testing"

	bobu "github.com/BobuSumisu/aho-corasick"
	petar "github.com/petar-dambovaliev/aho-corasick"
)

// Why a package of our own: on the scan convqa does — a few thousand
// Chinese and English phrases in many short texts — the two Go
// Aho-Corasick libraries measured here, one of which convqa used before,
// are several times slower (see `go test -bench Peer ./internal/acmatch`).
// These benchmarks scan the same texts for the same phrases, the shipped
// sentiment lexicon, with each, in one run.

func peerData(b testing.TB) (patterns, texts []string, size int64) {
	b.Helper()
	seen := map[string]bool{}
	for _, f := range []string{"../../scoring/sentiment/lexicon/zh.tsv", "../../scoring/sentiment/lexicon/zh_general.tsv", "../../scoring/sentiment/lexicon/en.tsv"} {
		fh, err := os.Open(f)
		if err != nil {
			b.Fatal(err)
		}
		sc := bufio.NewScanner(fh)
		for sc.Scan() {
			l := sc.Text()
			if l == "" || l[0] == '#' {
				continue
			}
			p, _, _ := strings.Cut(l, "\t")
			if p != "" && !seen[p] {
				seen[p] = true
				patterns = append(patterns, p)
			}
		}
		fh.Close()
	}
	// Short service-chat turns, as the scorer sees them.
	turns := []string{
		"您好，请问有什么可以帮您？", "我的快递三天了还没到，太慢了！", "非常抱歉给您带来不便，我马上帮您查一下",
		"东西收到了，质量不错，就是包装有点破", "I ordered a week ago and it still hasn't arrived, this is ridiculous",
		"请稍等，我帮您转人工客服", "服了，客服一直让我重复订单号", "thanks for your help, great service",
		"菜都凉了，送餐员态度也很差，再也不点了", "好的，谢谢，祝您生活愉快",
	}
	for i := range 2000 {
		texts = append(texts, turns[i%len(turns)])
	}
	for _, t := range texts {
		size += int64(len(t))
	}
	return patterns, texts, size
}

func BenchmarkPeerAcmatch(b *testing.B) {
	patterns, texts, n := peerData(b)
	m, err := New(patterns)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(n)
	hits := 0
	for b.Loop() {
		for _, t := range texts {
			m.Walk(t, func(int, int, int) { hits++ })
		}
	}
}

func BenchmarkPeerBobuSumisu(b *testing.B) {
	patterns, texts, n := peerData(b)
	tr := bobu.NewTrieBuilder().AddStrings(patterns).Build()
	b.SetBytes(n)
	hits := 0
	for b.Loop() {
		for _, t := range texts {
			tr.Walk([]byte(t), func(end, n, pattern int64) bool { hits++; return true })
		}
	}
}

func BenchmarkPeerPetarDFA(b *testing.B) {
	patterns, texts, n := peerData(b)
	bl := petar.NewAhoCorasickBuilder(petar.Opts{MatchKind: petar.StandardMatch, DFA: true})
	ac := bl.Build(patterns)
	b.SetBytes(n)
	hits := 0
	for b.Loop() {
		for _, t := range texts {
			it := ac.IterOverlapping(t)
			for m := it.Next(); m != nil; m = it.Next() {
				hits++
			}
		}
	}
}

// TestPeersAgree: the three find the same number of occurrences, so the
// benchmarks compare equal work.
func TestPeersAgree(t *testing.T) {
	patterns, texts, _ := peerData(t)
	m, err := New(patterns)
	if err != nil {
		t.Fatal(err)
	}
	tr := bobu.NewTrieBuilder().AddStrings(patterns).Build()
	bl := petar.NewAhoCorasickBuilder(petar.Opts{MatchKind: petar.StandardMatch, DFA: true})
	ac := bl.Build(patterns)
	for _, text := range texts[:10] {
		var ours, theirs, third int
		m.Walk(text, func(int, int, int) { ours++ })
		tr.Walk([]byte(text), func(int64, int64, int64) bool { theirs++; return true })
		it := ac.IterOverlapping(text)
		for x := it.Next(); x != nil; x = it.Next() {
			third++
		}
		if ours != theirs || ours != third {
			t.Errorf("%q: acmatch %d, BobuSumisu %d, petar-dambovaliev %d occurrences", text, ours, theirs, third)
		}
	}
}
