package rules

import (
	"testing"
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
// automaton scan.
func BenchmarkEvaluateStages(b *testing.B) {
	s := loadPack(b)
	convs := synthConversations(b, 500)
	var texts []string
	var size int64
	for _, c := range convs {
		for _, u := range c.msg.Utterances {
			texts = append(texts, u.Text)
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
			for _, t := range texts {
				occs = s.auto.scan(s.auto.norm.Normalize(t).Norm, occs[:0], bits)
			}
		}
	})
}
