package sentiment

import (
	"context"
	"testing"

	"github.com/convqa/convqa/internal/pii"
	"github.com/convqa/convqa/internal/synth"
	"github.com/convqa/convqa/internal/textnorm"
	"github.com/convqa/convqa/internal/transcript"
)

// benchTexts are customer-service turns of typical length in the three
// scripts; make bench-sentiment measures the shared sets as well.
var benchTexts = []string{
	"你好，我的快递三天了还没到，很着急，能不能帮我催一下？",
	"菜不错，但是送得太慢了，等了一个多小时，都凉了！！",
	"服務態度很差，等了一個小時還沒送到，我要投訴",
	"雖然有點貴，但是很好吃，下次還會來😊",
	"@united flight delayed 3 hours and still waiting at the gate. Thanks for nothing!",
	"Great service, the agent was friendly and fixed my refund quickly :)",
	"快递太慢了 but the packaging was GREAT, 谢谢",
	"订单号是20250612001，麻烦查一下物流",
}

func BenchmarkScore(b *testing.B) {
	s := rulesScorer(b)
	n := 0
	for _, t := range benchTexts {
		n += len(t)
	}
	b.SetBytes(int64(n))
	b.ReportAllocs()
	for b.Loop() {
		for _, t := range benchTexts {
			_ = s.Score(t)
		}
	}
}

func BenchmarkNew(b *testing.B) {
	for b.Loop() {
		if _, err := New(Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkAnalyzeConversationNormalized is the scorer's part of
// qa.Engine.Score: generated conversations (the default mix, redacted as
// ingest stores them), normalized beforehand, as the engine hands them
// over. One op is one pass over the corpus; MB/s is utterance text.
func BenchmarkAnalyzeConversationNormalized(b *testing.B) {
	s := rulesScorer(b)
	convs, texts, size := normalizedCorpus(b, s, 1000)
	opts := DefaultConversationOptions()
	b.SetBytes(size)
	b.ReportAllocs()
	for b.Loop() {
		for i, utts := range convs {
			_ = s.AnalyzeConversationNormalized(utts, texts[i], opts)
		}
	}
}

// normalizedCorpus generates n conversations and normalizes their
// utterances with s's normalizer; size is their text in bytes.
func normalizedCorpus(tb testing.TB, s *Scorer, n int) (convs [][]transcript.Utterance, texts [][]textnorm.Text, size int64) {
	tb.Helper()
	closed, err := synth.Closed(context.Background(), 7, n)
	if err != nil {
		tb.Fatal(err)
	}
	f, err := pii.NewFinder()
	if err != nil {
		tb.Fatal(err)
	}
	for _, c := range closed {
		utts := c.Msg.Utterances
		f.RedactUtterances(utts)
		ts := make([]textnorm.Text, len(utts))
		for i, u := range utts {
			ts[i] = s.Normalizer().Normalize(u.Text)
			size += int64(len(u.Text))
		}
		convs, texts = append(convs, utts), append(texts, ts)
	}
	return convs, texts, size
}
