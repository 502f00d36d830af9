package rules

import (
	"path/filepath"
	"slices"
	"testing"

	"github.com/convqa/convqa/internal/pii"
	"github.com/convqa/convqa/internal/textnorm"
	"github.com/convqa/convqa/internal/transcript"
)

// BenchmarkEvaluate judges synthetic conversations (the default mix of
// zh-Hans, zh-Hant, English and mixed chat, voice, e-mail and bot) with
// the test pack: 40 rules, some 500 keywords. MB/s is over the
// utterances' text bytes; one op is one pass over 500 conversations.
// cpu-MB/s divides the bytes by the process's CPU time (the garbage
// collector's included): on a busy machine it is the steadier figure per
// core. Run it with -cpu 1.
func BenchmarkEvaluate(b *testing.B) {
	s := loadPack(b)
	convs := synthConversations(b, 500)
	var size int64
	for _, c := range convs {
		for _, u := range c.msg.Utterances {
			size += int64(len(u.Text))
		}
	}
	b.SetBytes(size)
	b.ReportAllocs()
	b.ResetTimer()
	cpu0 := cpuTime()
	for b.Loop() {
		for _, c := range convs {
			_ = s.Evaluate(c.msg)
		}
	}
	cpu := cpuTime() - cpu0
	b.ReportMetric(float64(len(convs)*b.N)/b.Elapsed().Seconds(), "conversations/s")
	b.ReportMetric(float64(size)/float64(len(convs)), "bytes/conversation")
	if cpu > 0 {
		b.ReportMetric(float64(size)*float64(b.N)/cpu.Seconds()/1e6, "cpu-MB/s")
	}
}

// BenchmarkEvaluateStages measures the two stages every rule set pays
// before any rule runs, on the corpus of BenchmarkEvaluate: normalizing
// each utterance (internal/textnorm), and normalizing plus the one
// automaton scan, with the automaton of the utterance's speaker.
func BenchmarkEvaluateStages(b *testing.B) {
	s := loadPack(b)
	convs := synthConversations(b, 500)
	var texts []string
	var speakers []uint8
	var size int64
	for _, c := range convs {
		for _, u := range c.msg.Utterances {
			texts = append(texts, u.Text)
			speakers = append(speakers, speakerBit(u.Speaker))
			size += int64(len(u.Text))
		}
	}
	b.Run("normalize", func(b *testing.B) {
		b.SetBytes(size)
		for b.Loop() {
			for _, t := range texts {
				_ = s.auto.norm.Normalize(t)
			}
		}
	})
	b.Run("normalize+scan", func(b *testing.B) {
		b.SetBytes(size)
		var occs []occ
		bits := make([]uint64, s.auto.words)
		for b.Loop() {
			for i, t := range texts {
				occs = s.auto.scan(s.auto.norm.Normalize(t).Norm, speakers[i], occs[:0], bits)
			}
		}
	})
}

// BenchmarkEvaluateNormalized is the rules stage of the scorer
// (scoring/qa): the shipped pack judging generated conversations,
// redacted as ingest stores them, whose utterances were normalized
// beforehand, as AppendEvaluateNormalized receives them. One op is one
// pass over 1000 conversations; MB/s is over the original text bytes.
func BenchmarkEvaluateNormalized(b *testing.B) {
	files, err := filepath.Glob("pack/*.yaml")
	if err != nil {
		b.Fatal(err)
	}
	files = slices.DeleteFunc(files, func(f string) bool { return filepath.Base(f) == "scorecard.yaml" })
	s, err := LoadFiles(files...)
	if err != nil {
		b.Fatal(err)
	}
	finder, err := pii.NewFinder()
	if err != nil {
		b.Fatal(err)
	}
	convs := synthConversations(b, 1000)
	msgs := make([]*transcript.Message, len(convs))
	texts := make([][]textnorm.Text, len(convs))
	var size int64
	for i, c := range convs {
		m := *c.msg
		m.Utterances = slices.Clone(m.Utterances)
		finder.RedactUtterances(m.Utterances)
		msgs[i] = &m
		for _, u := range m.Utterances {
			texts[i] = append(texts[i], s.Normalizer().Normalize(u.Text))
			size += int64(len(u.Text))
		}
	}
	b.SetBytes(size)
	b.ReportAllocs()
	cpu0 := cpuTime()
	for b.Loop() {
		for i, m := range msgs {
			_ = s.AppendEvaluateNormalized(make([]Outcome, 0, s.Len()), m, texts[i])
		}
	}
	cpu := cpuTime() - cpu0
	b.ReportMetric(float64(len(msgs)*b.N)/b.Elapsed().Seconds(), "conversations/s")
	if cpu > 0 {
		b.ReportMetric(float64(size)*float64(b.N)/cpu.Seconds()/1e6, "cpu-MB/s")
	}
}
