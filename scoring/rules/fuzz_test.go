package rules

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
	"testing/fstest"

	"github.com/convqa/convqa/internal/transcript"
)

// FuzzLoad: arbitrary bytes as a rule file never panic; the load gives a
// Set or an error, never both or neither, and every error is located.
func FuzzLoad(f *testing.F) {
	seeds, _ := filepath.Glob("testdata/pack/*.yaml")
	for _, p := range seeds {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b)
		}
	}
	f.Add([]byte(rule1(promiseRule)))
	f.Add([]byte("version: v\nconditions:\n  a: {any: [{ref: b}]}\n  b: {not: {ref: a}}\nrules:\n  - {id: r, kind: violation, severity: minor, when: {ref: a}}\n"))
	f.Add([]byte("version: v\nrules:\n  - {id: r, kind: requirement, severity: info, when: {detector: silence, threshold: {seconds: 1e309}}}\n"))
	f.Add([]byte("version: v\nrules:\n  - {id: r, kind: violation, severity: info, when: {regex: '(?i)(a|b)+[x-z]{2,}\\\\b', position: {turns: [1, 3], sentences: {last: 1}}}}\n"))
	f.Add([]byte("version: &v v\nx: *v\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := LoadFS(fstest.MapFS{"f.yaml": {Data: data}})
		if (s == nil) == (err == nil) {
			t.Fatalf("set %v, error %v: want exactly one", s != nil, err)
		}
		if err != nil {
			var e *Error
			if errors.As(err, &e) && e.File != "f.yaml" {
				t.Fatalf("error names file %q: %v", e.File, err)
			}
			return
		}
		// A set that loads evaluates without panicking.
		m := chat("c: 转人工 hello 4111 1111 1111 1111", "a: 我不能保证 guarantee", "b: [CARD] 请稍等", "s: 已为您转接")
		out := s.Evaluate(m)
		if len(out) != s.Len() {
			t.Fatalf("%d outcomes for %d rules", len(out), s.Len())
		}
		for _, o := range out {
			for _, h := range o.Hits {
				checkSpan(t, m, h)
			}
		}
	})
}

// FuzzEvaluate: arbitrary utterance text (invalid UTF-8 included) never
// panics, and every hit's span lies within the original text with Matched
// the original characters at those offsets.
func FuzzEvaluate(f *testing.F) {
	s, err := LoadFiles("testdata/pack")
	if err != nil {
		f.Fatal(err)
	}
	for _, seed := range []string{
		"我保證明天一定到", "我ＧＵＡＲＡＮＴＥＥ明天到", "I can't guarantee, but I promise you 100%",
		"卡號是４１１１ １１１１ １１１１ １１１１對嗎", "[CARD] ［ＩＤ］ 13812345678 a@b.cn", "😡👍🏽我保證",
		"\xff\xfe保证\xc3", "請您稍候…\n\n客服中心", "https://evil.example/x 呵呵呵", "㑮保证乾淨",
	} {
		f.Add(seed, "agent")
		f.Add(seed, "customer")
	}
	f.Fuzz(func(t *testing.T, text, speaker string) {
		sp := transcript.Speaker(speaker)
		m := &transcript.Message{Kind: transcript.KindConversation, Channel: transcript.ChannelVoice, Utterances: []transcript.Utterance{
			{Seq: 1, Speaker: transcript.SpeakerCustomer, Text: "转人工", StartMS: 0, EndMS: 10},
			{Seq: 2, Speaker: sp, Text: text, StartMS: 50_000, EndMS: 60_000},
			{Seq: 3, Speaker: transcript.SpeakerAgent, Text: text, StartMS: 120_000, EndMS: 121_000},
		}}
		for _, o := range s.Evaluate(m) {
			for _, h := range o.Hits {
				checkSpan(t, m, h)
			}
		}
	})
}
