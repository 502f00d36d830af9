package backtest

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/convqa/convqa/internal/pii"
	"github.com/convqa/convqa/internal/transcript"
	"github.com/convqa/convqa/scoring/rules"
)

const oldRules = `version: "1"
rules:
  - id: forbidden_promise
    title: No promises
    kind: violation
    severity: critical
    when:
      speaker: agent
      keywords: {any: [保证, guarantee]}
  - id: greeting
    title: Greet
    kind: requirement
    severity: minor
    when:
      speaker: agent
      position: {first: 2}
      keywords: {any: [您好, hello]}
  - id: dropped_rule
    title: Dropped later
    kind: violation
    severity: info
    when:
      speaker: customer
      keywords: {any: [投诉]}
`

// newRules widens the promise rule (一定会, "promise you") and drops one rule.
const newRules = `version: "2"
rules:
  - id: forbidden_promise
    title: No promises
    kind: violation
    severity: critical
    when:
      speaker: agent
      keywords: {any: [保证, guarantee, 一定会, promise you]}
  - id: greeting
    title: Greet
    kind: requirement
    severity: minor
    when:
      speaker: agent
      position: {first: 2}
      keywords: {any: [您好, hello]}
`

func load(t *testing.T, src string) *rules.Set {
	t.Helper()
	s, err := rules.LoadFS(fstest.MapFS{"r.yaml": {Data: []byte(src)}}, "*.yaml")
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func conv(id string, turns ...string) *transcript.Message {
	start := time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC)
	m := &transcript.Message{Schema: "convqa.transcript.v1", Kind: transcript.KindConversation, ConversationID: id,
		Tenant: "t1", Status: transcript.StatusClosed, Channel: transcript.ChannelChat, StartedAt: &start}
	for i, t := range turns {
		sp := transcript.SpeakerCustomer
		if strings.HasPrefix(t, "A:") {
			sp = transcript.SpeakerAgent
		}
		m.Utterances = append(m.Utterances, transcript.Utterance{Seq: i + 1, Speaker: sp, Text: t[2:], StartMS: int64(i) * 10000, EndMS: int64(i) * 10000})
	}
	return m
}

func sliceSource(ms ...*transcript.Message) Source {
	return func(ctx context.Context, yield func(*transcript.Message) error) error {
		for _, m := range ms {
			if err := yield(m); err != nil {
				return err
			}
		}
		return nil
	}
}

func find(t *testing.T, r *Report, id string) RuleDiff {
	t.Helper()
	for _, d := range r.Rules {
		if d.RuleID == id {
			return d
		}
	}
	t.Fatalf("rule %s not in the report", id)
	return RuleDiff{}
}

func TestRunDiffsAndLabels(t *testing.T) {
	convs := []*transcript.Message{
		conv("c1", "A:您好，请问有什么可以帮您", "C:我的快递还没到", "A:明天一定会送到"),                                         // new rule catches 一定会
		conv("c2", "A:hello, how can I help", "C:where is my order", "A:I promise you it ships today"), // new rule catches "promise you"
		conv("c3", "A:您好", "C:我要投诉", "A:我保证会处理"),                                                       // both catch 保证
		conv("c4", "C:在吗", "C:有人吗", "A:请稍等"),                                                           // no greeting in either
		conv("c5", "A:hello", "C:thanks", "A:you're welcome"),                                          // clean
	}
	labels := Labels{}
	labels.set("c1", "forbidden_promise", true)
	labels.set("c2", "forbidden_promise", false) // a reviewer judged "promise you … ships today" acceptable
	labels.set("c3", "forbidden_promise", true)
	labels.set("c5", "forbidden_promise", false)
	r, err := Run(context.Background(), sliceSource(convs...), Options{Old: load(t, oldRules), New: load(t, newRules), Labels: labels})
	if err != nil {
		t.Fatal(err)
	}
	if r.Conversations != 5 || r.Labelled != 4 {
		t.Fatalf("conversations %d labelled %d, want 5 and 4", r.Conversations, r.Labelled)
	}
	fp := find(t, r, "forbidden_promise")
	if fp.OldFail != 1 || fp.NewFail != 3 || fp.HitsAdded != 2 || fp.HitsRemoved != 0 || fp.Flipped != 2 {
		t.Errorf("forbidden_promise diff %+v", fp)
	}
	// Old: c3 TP, c1 FN, c2 TN, c5 TN. New: c1 and c3 TP, c2 FP, c5 TN.
	if fp.Old != (PR{TP: 1, FN: 1, TN: 2}) || fp.New != (PR{TP: 2, FP: 1, TN: 1}) {
		t.Errorf("precision/recall counts old %+v new %+v", fp.Old, fp.New)
	}
	if len(fp.Examples) != 2 || fp.Examples[0].ConversationID != "c1" || len(fp.Examples[0].Added) != 1 {
		t.Fatalf("examples %+v", fp.Examples)
	}
	ev := fp.Examples[0].Added[0]
	if ev.Matched != "一定会" || ev.Utterance != "明天一定会送到" || ev.Seq != 3 {
		t.Errorf("evidence %+v", ev)
	}
	if g := find(t, r, "greeting"); g.Changed() || g.OldFail != 1 || g.NewFail != 1 {
		t.Errorf("greeting should be unchanged with one failure: %+v", g)
	}
	if d := find(t, r, "dropped_rule"); !d.InOld || d.InNew || !d.Changed() || d.OldFail != 1 {
		t.Errorf("dropped_rule %+v", d)
	}

	var out bytes.Buffer
	if err := r.Print(&out); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"5 conversations (4 with human verdicts)", "forbidden_promise", "removed", "1.00 → 0.67 (n=4)", "0.50 → 1.00 (n=4)", "明天[一定会]送到", "1 rules found exactly what they found before"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("report lacks %q:\n%s", want, out.String())
		}
	}
}

func TestRunNoChange(t *testing.T) {
	s := load(t, oldRules)
	r, err := Run(context.Background(), sliceSource(conv("c1", "A:您好", "A:我保证")), Options{Old: s, New: s})
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if err := r.Print(&out); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "no rule changed what it finds (3 rules compared)") {
		t.Errorf("report:\n%s", out.String())
	}
}

func TestReadLabels(t *testing.T) {
	in := `{"conversation_id":"c1","rule_id":"forbidden_promise","violation":true}

{"conversation_id":"c2","violations":[{"id":"no_greeting","seq":-1}],"tempting":[]}
`
	l, err := ReadLabels(strings.NewReader(in), "labels.jsonl", []string{"no_greeting", "forbidden_promise"})
	if err != nil {
		t.Fatal(err)
	}
	if !l["c1"]["forbidden_promise"] || !l["c2"]["no_greeting"] || l["c2"]["forbidden_promise"] {
		t.Errorf("labels %v", l)
	}
	if _, ok := l["c2"]["forbidden_promise"]; !ok {
		t.Error("a truth line should say no to the covered rules it does not list")
	}
	for in, want := range map[string]string{
		"{\"conversation_id\":\"c1\"}\n":                                   "labels.jsonl:1: neither rule_id",
		"\n\n{\"rule_id\":\"x\",\"violation\":true}\n":                     "labels.jsonl:3: conversation_id is missing",
		"{\"conversation_id\":\"c1\",\"rule_id\":\"x\"}\n":                 "labels.jsonl:1: rule_id \"x\" without violation",
		"{\"conversation_id\":\"c1\",\"rule_id\":\"x\",\"violation\":1}\n": "labels.jsonl:1: not a JSON object",
		"not json\n": "labels.jsonl:1: not a JSON object",
	} {
		if _, err := ReadLabels(strings.NewReader(in), "labels.jsonl", nil); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: error %v, want %q", in, err, want)
		}
	}
}

func TestJSONLSourceRedactsAndNamesBadLines(t *testing.T) {
	good := `{"schema":"convqa.transcript.v1","kind":"conversation","conversation_id":"c1","tenant":"t1","status":"closed","channel":"chat","started_at":"2026-11-01T09:00:00Z","utterances":[{"seq":1,"speaker":"agent","text":"您的卡号是4111111111111111吗","start_ms":0}]}`
	f, err := pii.NewFinder()
	if err != nil {
		t.Fatal(err)
	}
	var got []*transcript.Message
	src := JSONLSource(strings.NewReader(good+"\n"), "in.jsonl", transcript.DefaultLimits(), f)
	if err := src(context.Background(), func(m *transcript.Message) error { got = append(got, m); return nil }); err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || strings.Contains(got[0].Utterances[0].Text, "4111111111111111") || !strings.Contains(got[0].Utterances[0].Text, "[CARD]") {
		t.Fatalf("not redacted: %+v", got)
	}
	bad := good + "\n" + `{"schema":"convqa.transcript.v1","kind":"conversation"}` + "\n"
	src = JSONLSource(strings.NewReader(bad), "in.jsonl", transcript.DefaultLimits(), nil)
	err = src(context.Background(), func(*transcript.Message) error { return nil })
	if err == nil || !strings.HasPrefix(err.Error(), "in.jsonl:2: ") {
		t.Errorf("bad second line: error %v", err)
	}
}

// FuzzReadLabels: any input gives labels or an error naming a line, never a panic.
func FuzzReadLabels(f *testing.F) {
	f.Add([]byte(`{"conversation_id":"c1","rule_id":"r","violation":true}`))
	f.Add([]byte(`{"conversation_id":"c2","violations":[{"id":"a"}]}` + "\n{}"))
	f.Fuzz(func(t *testing.T, b []byte) {
		l, err := ReadLabels(bytes.NewReader(b), "f", []string{"a"})
		if err != nil {
			if !strings.HasPrefix(err.Error(), "f:") {
				t.Fatalf("error without a place: %v", err)
			}
			return
		}
		for c, m := range l {
			if c == "" || len(m) == 0 {
				t.Fatalf("empty label entry %q %v", c, m)
			}
		}
	})
}
