package qa

import (
	"bytes"
	"context"
	"io"
	"testing"
	"time"

	"github.com/convqa/convqa/internal/pii"
	"github.com/convqa/convqa/internal/synth"
	"github.com/convqa/convqa/internal/transcript"
	"github.com/convqa/convqa/scoring/rules"
)

// corpus is generated conversations, redacted as ingest stores them.
type corpus struct {
	msgs      []*transcript.Message
	textBytes int64
	jsonl     []byte // the raw messages, one per line
}

// genCorpus generates n conversations of the default mix (zh-Hans,
// zh-Hant, English, mixed; chat, voice, e-mail, bot), all sent whole.
func genCorpus(tb testing.TB, n int) *corpus {
	tb.Helper()
	convs, err := synth.Closed(context.Background(), 7, n)
	if err != nil {
		tb.Fatal(err)
	}
	f, err := pii.NewFinder()
	if err != nil {
		tb.Fatal(err)
	}
	c := &corpus{}
	for _, cv := range convs {
		m := cv.Msg
		f.RedactUtterances(m.Utterances)
		for i := range m.Utterances {
			c.textBytes += int64(len(m.Utterances[i].Text))
		}
		c.msgs = append(c.msgs, m)
		c.jsonl = append(append(c.jsonl, cv.Value...), '\n')
	}
	if len(c.msgs) == 0 {
		tb.Fatal("the generator made no whole conversations")
	}
	return c
}

// BenchmarkScore scores generated conversations. One op is one pass over
// the corpus, so MB/s is utterance text scored per second. full runs
// Score's stages one by one, as Score does (each utterance normalized
// once, for the rules and sentiment both), and reports each stage's share
// of its time; rules and sentiment run each stage alone, normalizing for
// itself, as a caller of that package alone does; score and score_into
// are the whole of Score and of ScoreInto:
//
//	go test -run '^$' -bench BenchmarkScore -benchtime 3x ./scoring/qa/
func BenchmarkScore(b *testing.B) {
	e, err := Default()
	if err != nil {
		b.Fatal(err)
	}
	c := genCorpus(b, 1000)
	n := len(c.msgs)
	outs := make([][]rules.Outcome, n)
	for i, m := range c.msgs {
		outs[i] = e.rules.Evaluate(m)
	}
	report := func(b *testing.B) {
		b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "conversations/s")
	}
	b.Run("full", func(b *testing.B) {
		b.SetBytes(c.textBytes)
		b.ReportAllocs()
		if e.norm == nil {
			b.Fatal("the default engine does not share normalization")
		}
		var tNorm, tRules, tCard, tSent time.Duration
		for b.Loop() {
			for _, m := range c.msgs {
				// Score's stages, timed one by one: the clock costs well
				// under a microsecond against the tens each stage takes.
				t0 := time.Now()
				buf := e.normalize(m)
				t1 := time.Now()
				o := e.rules.AppendEvaluateNormalized(make([]rules.Outcome, 0, e.rules.Len()), m, *buf)
				t2 := time.Now()
				g := e.card.Grade(o)
				t3 := time.Now()
				s := e.sent.AnalyzeConversationNormalized(m.Utterances, *buf, e.conv)
				t4 := time.Now()
				e.putTexts(buf)
				_ = e.flatten(nil, o)
				tNorm += t1.Sub(t0)
				tRules += t2.Sub(t1)
				tCard += t3.Sub(t2)
				tSent += t4.Sub(t3)
				_, _ = g, s
			}
		}
		report(b)
		total := float64(tNorm + tRules + tCard + tSent)
		b.ReportMetric(100*float64(tNorm)/total, "%normalize")
		b.ReportMetric(100*float64(tRules)/total, "%rules")
		b.ReportMetric(100*float64(tCard)/total, "%scorecard")
		b.ReportMetric(100*float64(tSent)/total, "%sentiment")
	})
	b.Run("score", func(b *testing.B) {
		b.SetBytes(c.textBytes)
		b.ReportAllocs()
		for b.Loop() {
			for _, m := range c.msgs {
				if _, err := e.Score(m); err != nil {
					b.Fatal(err)
				}
			}
		}
		report(b)
	})
	// score_into is score as the scoring job runs it: into one Result,
	// reused conversation after conversation.
	b.Run("score_into", func(b *testing.B) {
		b.SetBytes(c.textBytes)
		b.ReportAllocs()
		var res Result
		for b.Loop() {
			for _, m := range c.msgs {
				if err := e.ScoreInto(&res, m); err != nil {
					b.Fatal(err)
				}
			}
		}
		report(b)
	})
	b.Run("rules", func(b *testing.B) {
		b.SetBytes(c.textBytes)
		b.ReportAllocs()
		for b.Loop() {
			for _, m := range c.msgs {
				e.rules.Evaluate(m)
			}
		}
		report(b)
	})
	b.Run("scorecard", func(b *testing.B) {
		b.SetBytes(c.textBytes)
		b.ReportAllocs()
		for b.Loop() {
			for _, o := range outs {
				e.card.Grade(o)
			}
		}
		report(b)
	})
	b.Run("sentiment", func(b *testing.B) {
		b.SetBytes(c.textBytes)
		b.ReportAllocs()
		for b.Loop() {
			for _, m := range c.msgs {
				e.sent.AnalyzeConversation(m.Utterances, e.conv)
			}
		}
		report(b)
	})
}

// BenchmarkScoreJSONL is `convqa score --input` without the files: decode,
// redact, score on every core, encode. MB/s counts the input lines.
func BenchmarkScoreJSONL(b *testing.B) {
	e, err := Default()
	if err != nil {
		b.Fatal(err)
	}
	c := genCorpus(b, 1000)
	b.SetBytes(int64(len(c.jsonl)))
	b.ReportAllocs()
	for b.Loop() {
		st, err := ScoreJSONL(context.Background(), bytes.NewReader(c.jsonl), io.Discard, e, transcript.Limits{})
		if err != nil || st.Scored != len(c.msgs) {
			b.Fatalf("scored %d of %d: %v", st.Scored, len(c.msgs), err)
		}
	}
	b.ReportMetric(float64(len(c.msgs)*b.N)/b.Elapsed().Seconds(), "conversations/s")
}
