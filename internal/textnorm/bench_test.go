package textnorm

import (
	"os"
	"strings"
	"testing"
)

// sharedCorpora are review corpora in shared/data, used when present: the
// waimai reviews in Simplified and in OpenCC s2twp Traditional.
var sharedCorpora = []string{
	"../../../shared/data/sentiment/zh/waimai_10k.csv",
	"../../../shared/data/sentiment/zh/waimai_10k.s2twp.csv",
}

// builtinCorpus stands in for the shared data when it is absent, and adds
// the English, mixed and emoji-heavy turns the review corpora lack.
var builtinCorpus = []string{
	"您好，请问有什么可以帮您？",
	"我的订单号是１２３４５６７８，东西到现在还没到！！！",
	"臺灣這邊的客服後來都沒有回覆我，頭髮都等白了。。。",
	"我的ORDER號碼是１２３，請幫我查一下物流",
	"WORST SERVICE EVER. I have been waiting for 3 weeks?!",
	"Hi, I'd like a refund for order #A-1029, the milk expired before the best-before date.",
	"好的～谢谢亲😊👍🏽 下次还会再来的",
	"你们到底能不能处理？？？我要投诉😡😡😡",
	"麻煩幫我轉人工客服，謝謝。",
	"The agent was rude and kept asking for my order number again and again...",
	"保质期只剩三天了，这是临期产品吧？",
	"這個牛奶的生產日期是哪一天？包裝上看不清楚。",
}

func benchCorpus(tb testing.TB) (lines []string, size int64) {
	for _, path := range sharedCorpora {
		data, err := os.ReadFile(path)
		if err != nil {
			continue // absent on machines without shared/data: built-in only
		}
		for _, l := range strings.Split(string(data), "\n") {
			if _, review, ok := strings.Cut(l, ","); ok && review != "" {
				lines = append(lines, review)
			}
		}
	}
	for range 50 {
		lines = append(lines, builtinCorpus...)
	}
	for _, l := range lines {
		size += int64(len(l))
	}
	return lines, size
}

// BenchmarkNormalize normalizes one utterance at a time, as the scorer does;
// MB/s is over the input bytes.
func BenchmarkNormalize(b *testing.B) {
	for _, tc := range []struct {
		name string
		opts Options
	}{{"default", Options{}}, {"context-free", Options{ContextFree: true}}} {
		b.Run(tc.name, func(b *testing.B) {
			n, err := New(tc.opts)
			if err != nil {
				b.Fatal(err)
			}
			lines, size := benchCorpus(b)
			b.SetBytes(size)
			b.ReportAllocs()
			b.ResetTimer()
			for b.Loop() {
				for _, l := range lines {
					n.Normalize(l)
				}
			}
		})
	}
}

func BenchmarkOrigSpan(b *testing.B) {
	n, err := New(Options{})
	if err != nil {
		b.Fatal(err)
	}
	t := n.Normalize(strings.Repeat("我的ORDER號碼是１２３，謝謝！", 20))
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		s := i % len(t.Norm)
		t.OrigSpan(s, s+6)
	}
}

func BenchmarkNew(b *testing.B) {
	for b.Loop() {
		if _, err := New(Options{}); err != nil {
			b.Fatal(err)
		}
	}
}
