package rules

import (
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/convqa/convqa/internal/transcript"
)

// rule1 is a file with one violation rule r whose condition is when.
func rule1(when string) string {
	return rulesYAML("  - id: r\n    kind: violation\n    severity: major\n    criterion: c.x\n    when: " + when + "\n")
}

// hitsOf evaluates rule r of a one-rule file.
func hitsOf(t *testing.T, when string, m *transcript.Message) []Hit {
	t.Helper()
	return outcome(t, mustLoad(t, rule1(when)), m, "r").Hits
}

func TestKeywords(t *testing.T) {
	m := chat(
		"a: 我保证明天到，绝对没问题",
		"c: 我知道了, I know",
		"a: no problem, we can do that",
		"a: 保证质量",
	)
	tests := []struct {
		name, when string
		want       []string // Matched of the hits
	}{
		{"any", "{keywords: {any: [保证, 没问题]}}", []string{"保证", "没问题", "保证"}},
		{"any, agent only", "{speaker: agent, keywords: {any: [知道]}}", []string{}},
		{"all in one utterance", "{keywords: {all: [保证, 没问题]}}", []string{"保证", "没问题"}},
		{"at_least", "{keywords: {at_least: {n: 2, of: [保证, 明天, 质量, 绝对]}}}", []string{"保证", "明天", "绝对", "保证", "质量"}},
		{"at_least counts distinct keywords", "{keywords: {at_least: {n: 2, of: [保证, 明天到]}}}", []string{"保证", "明天到"}},
		{"none alone: utterances free of them", "{speaker: agent, keywords: {none: [保证]}}", []string{"no problem, we can do that"}},
		{"none excludes", "{keywords: {any: [保证], none: [质量]}}", []string{"保证"}},
		{"English on word boundaries", "{keywords: {any: [no, now]}}", []string{"no"}},
		{"phrase", "{keywords: {any: [we can do]}}", []string{"we can do"}},
		{"Chinese anywhere", "{keywords: {any: [知]}}", []string{"知"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := matched(hitsOf(t, tc.when, m))
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("matched %q, want %q", got, tc.want)
			}
		})
	}
}

func TestWordBoundaries(t *testing.T) {
	tests := []struct {
		text string
		kw   string
		hit  bool
	}{
		{"I know that", "no", false},
		{"No, sorry", "no", true},
		{"no.", "no", true},
		{"我说no不行", "no", true},
		{"nono", "no", false},
		{"I can't", "can", false},
		{"I can’t do it", "can't", true}, // typeset apostrophe matches a typed one
		{"you CAN'T", "can’t", true},
		{"refunded", "refund", false},
		{"refund!", "refund", true},
		{"a 100% refund", "100%", true},
		{"a 1100% refund", "100%", false},
		{"ＲＥＦＵＮＤ please", "refund", true},
		{"café open", "caf", false},
	}
	for _, tc := range tests {
		got := hitsOf(t, "{keywords: {any: ["+`"`+tc.kw+`"`+"]}, negation_guard: false}", chat("a: "+tc.text))
		if (len(got) > 0) != tc.hit {
			t.Errorf("%q in %q: hit %v, want %v", tc.kw, tc.text, len(got) > 0, tc.hit)
		}
	}
}

func TestRegex(t *testing.T) {
	m := chat("a: 這個保證明天到", "a: ORDER 12345 shipped", "a: see https://evil.example/x", "a: see https://help.example.com/x")
	tests := []struct {
		name, when string
		want       []string
	}{
		// Literals are normalized like the text: Traditional and upper case in the
		// pattern match.
		{"normalized literal", `{regex: '保證.{0,2}到'}`, []string{"保證明天到"}},
		{"upper-case literal", `{regex: 'ORDER \d+'}`, []string{"ORDER 12345"}},
		{"exclude", `{regex: 'https?://\S+', exclude: 'help\.example\.com'}`, []string{"https://evil.example/x"}},
		{"first match per utterance", `{regex: '\d'}`, []string{"1"}},
		{"class not normalized", `{regex: '[A-Z]{5}'}`, []string{}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := matched(hitsOf(t, tc.when, m))
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("matched %q, want %q", got, tc.want)
			}
		})
	}
}

func TestCharClassFastPath(t *testing.T) {
	// A pattern that is one character class is matched without the
	// regexp machinery; it must find what the machinery finds.
	for _, re := range []string{`\S`, `.`, `(?s).`, `[0-9]`, `\pL`, `[^a-z ]`} {
		s := mustLoad(t, rule1("{regex: '"+re+"'}"))
		var x *compiledRE
		for _, r := range s.rules {
			x = r.when.leaf.re
		}
		if len(x.alts) != 1 || x.alts[0].class == nil {
			t.Errorf("%s: no fast path", re)
			continue
		}
		for _, text := range []string{"", "   ", "  hi", "\n\nx", "😡 a1", "ab c9", "保证 ok", "\ufffd"} {
			s, e, ok := x.first(text, nil, nil, nil)
			loc := x.re.FindStringIndex(text)
			if ok != (loc != nil) || ok && (s != loc[0] || e != loc[1]) {
				t.Errorf("%s on %q: fast path (%d, %d, %v), regexp %v", re, text, s, e, ok, loc)
			}
		}
	}
}

func TestRequiredLiterals(t *testing.T) {
	// The prefilter must never skip an utterance the expression matches.
	for _, tc := range []struct{ re, text string }{
		{`(绝对|肯定)(不会|没有)问题`, "肯定没有问题"},
		{`呵{2,}|\blol\b`, "lol"},
		{`a+b`, "aaab"},
		{`(?i)order`, "ORDER"},
		{`x[ab]y`, "xby"},
		{`(foo)?bar`, "bar"},
	} {
		if got := hitsOf(t, "{regex: '"+tc.re+"'}", chat("a: "+tc.text)); len(got) != 1 {
			t.Errorf("%s on %q: %d hits, want 1", tc.re, tc.text, len(got))
		}
	}
}

func TestLiteralInsideWord(t *testing.T) {
	// One pattern, two uses: a keyword on word boundaries and a regex
	// literal that counts anywhere.
	s := mustLoad(t, rulesYAML(`  - {id: kw, kind: violation, severity: minor, when: {keywords: {any: [order]}}}
  - {id: re, kind: violation, severity: minor, when: {regex: 'order'}}
`))
	m := chat("c: please reorder it")
	if o := outcome(t, s, m, "kw"); o.Status != Pass {
		t.Errorf("keyword order matched inside reorder: %+v", o.Hits)
	}
	if o := outcome(t, s, m, "re"); o.Status != Fail || o.Hits[0].Matched != "order" {
		t.Errorf("regex order missed inside reorder: %+v", o)
	}
}

func TestSpeakers(t *testing.T) {
	m := chat("b: 您好，我是机器人", "a: 您好，我是小王", "c: 您好", "s: 您好 system")
	file := rulesYAML(`  - {id: agent, kind: violation, severity: minor, when: {speaker: agent, keywords: {any: [您好]}}}
  - {id: human, kind: violation, severity: minor, bots_are_agents: false, when: {speaker: agent, keywords: {any: [您好]}}}
  - {id: bot, kind: violation, severity: minor, when: {speaker: bot, keywords: {any: [您好]}}}
  - {id: customer, kind: violation, severity: minor, when: {speaker: customer, keywords: {any: [您好]}}}
  - {id: system, kind: violation, severity: minor, when: {speaker: system, keywords: {any: [您好]}}}
  - {id: any, kind: violation, severity: minor, when: {keywords: {any: [您好]}}}
`)
	s := mustLoad(t, file)
	want := map[string][]int{"agent": {1, 2}, "human": {2}, "bot": {1}, "customer": {3}, "system": {4}, "any": {1, 2, 3, 4}}
	for id, w := range want {
		if got := seqs(outcome(t, s, m, id).Hits); !reflect.DeepEqual(got, w) {
			t.Errorf("%s: seqs %v, want %v", id, got, w)
		}
	}
}

func TestChannels(t *testing.T) {
	when := "{channels: [voice, email], keywords: {any: [hello]}}"
	for ch, want := range map[transcript.Channel]int{"voice": 1, "email": 1, "chat": 0, "bot": 0, "": 0} {
		if got := hitsOf(t, when, conv(ch, turn{sp: "a", text: "hello"})); len(got) != want {
			t.Errorf("channel %q: %d hits, want %d", ch, len(got), want)
		}
	}
}

func TestPosition(t *testing.T) {
	m := chat("a: hello one", "c: hello two", "a: hello three", "c: hello four", "a: hello five")
	tests := []struct {
		when string
		want []int
	}{
		{"{speaker: agent, position: {first: 2}, keywords: {any: [hello]}}", []int{1, 3}},
		{"{speaker: agent, position: {last: 1}, keywords: {any: [hello]}}", []int{5}},
		{"{speaker: customer, position: {last: 2}, keywords: {any: [hello]}}", []int{2, 4}},
		{"{position: {turns: [2, 4]}, keywords: {any: [hello]}}", []int{2, 3, 4}},
		{"{position: {first: 1}, keywords: {any: [two]}}", []int{}},
		{"{position: {first: 9}, keywords: {any: [hello]}}", []int{1, 2, 3, 4, 5}},
	}
	for _, tc := range tests {
		if got := seqs(hitsOf(t, tc.when, m)); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%s: seqs %v, want %v", tc.when, got, tc.want)
		}
	}
}

func TestSentences(t *testing.T) {
	m := chat("a: 您好！我是小王。有什么可以帮您？\n\n客服中心 小王", "a: Thanks for waiting. We welcome you back. Bye!")
	tests := []struct {
		when string
		want []string
	}{
		{"{position: {sentences: {first: 1}}, keywords: {any: [您好, 帮您, thanks, welcome]}}", []string{"您好", "Thanks"}},
		{"{position: {sentences: {last: 1}}, keywords: {any: [客服中心, 您好, bye]}}", []string{"客服中心", "Bye"}},
		{"{position: {sentences: {last: 2}}, regex: 'welcome|您好'}", []string{"welcome"}},
		{"{position: {sentences: {first: 1}}, keywords: {all: [您好, 小王]}}", []string{}},
	}
	for _, tc := range tests {
		if got := matched(hitsOf(t, tc.when, m)); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%s: matched %q, want %q", tc.when, got, tc.want)
		}
	}
	// A decimal point ends no sentence.
	if got := matched(hitsOf(t, "{position: {sentences: {first: 1}}, keywords: {any: [refund]}}", chat("a: It is 3.5 dollars refund. ok"))); len(got) != 1 {
		t.Errorf("3.5 split the sentence: %q", got)
	}
}

func TestAnchors(t *testing.T) {
	// seq: 1 verify (0 s), 2 details (10 s), 3 details (100 s), 4 verify (110 s), 5 details (115 s)
	m := conv(transcript.ChannelChat,
		turn{sp: "a", text: "please verify", at: 0},
		turn{sp: "a", text: "details A", at: 10},
		turn{sp: "a", text: "details B", at: 100},
		turn{sp: "a", text: "please verify", at: 110},
		turn{sp: "a", text: "details C", at: 115},
	)
	tests := []struct {
		anchor string
		want   []int
	}{
		{"{ref: verify, relation: after}", []int{2, 3, 5}},
		{"{ref: verify, relation: after, turns: 1}", []int{2, 5}},
		{"{ref: verify, relation: after, seconds: 20}", []int{2, 5}},
		{"{ref: verify, relation: before}", []int{2, 3}},
		{"{ref: verify, relation: before, turns: 1}", []int{3}},
		{"{ref: verify, relation: within, turns: 1}", []int{2, 3, 5}},
		{"{ref: verify, relation: within, seconds: 5}", []int{5}},
		{"{ref: verify, relation: within, turns: 1, seconds: 8}", []int{5}},
		{"{ref: verify, relation: not_after, turns: 1}", []int{3}},
		{"{ref: verify, relation: not_before}", []int{5}},
		{"{ref: nothing, relation: after}", []int{}},
		{"{ref: nothing, relation: not_after}", []int{2, 3, 5}},
	}
	for _, tc := range tests {
		file := "version: v\nconditions:\n  verify: {keywords: {any: [verify]}}\n  nothing: {keywords: {any: [zzz]}}\n" +
			"rules:\n  - {id: r, kind: violation, severity: minor, when: {keywords: {any: [details]}, anchor: " + tc.anchor + "}}\n"
		if got := seqs(outcome(t, mustLoad(t, file), m, "r").Hits); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("anchor %s: seqs %v, want %v", tc.anchor, got, tc.want)
		}
	}
}

func TestCombinations(t *testing.T) {
	m := chat("a: 您好", "c: 我要退款", "a: 好的，已退款")
	file := `version: v
conditions:
  greet: {speaker: agent, keywords: {any: [您好]}}
  refund: {keywords: {any: [退款]}}
  bye: {keywords: {any: [再见]}}
rules:
  - {id: all, kind: violation, severity: minor, when: {all: [{ref: greet}, {ref: refund}]}}
  - {id: all_missing, kind: violation, severity: minor, when: {all: [{ref: greet}, {ref: bye}]}}
  - {id: any, kind: violation, severity: minor, when: {any: [{ref: bye}, {ref: greet}]}}
  - {id: not, kind: violation, severity: minor, when: {not: {ref: bye}}}
  - {id: not_held, kind: violation, severity: minor, when: {not: {ref: greet}}}
  - {id: nested, kind: violation, severity: minor, when: {all: [{ref: refund}, {not: {any: [{ref: bye}, {keywords: {any: [投诉]}}]}}]}}
`
	s := mustLoad(t, file)
	tests := map[string]struct {
		status Status
		seqs   []int
	}{
		"all":         {Fail, []int{1, 2, 3}},
		"all_missing": {Pass, []int{}},
		"any":         {Fail, []int{1}},
		"not":         {Fail, []int{-1}},
		"not_held":    {Pass, []int{}},
		"nested":      {Fail, []int{-1, 2, 3}},
	}
	for id, w := range tests {
		o := outcome(t, s, m, id)
		if o.Status != w.status || !reflect.DeepEqual(seqs(o.Hits), w.seqs) {
			t.Errorf("%s: %s %v, want %s %v", id, o.Status, seqs(o.Hits), w.status, w.seqs)
		}
		for _, h := range o.Hits {
			if h.Seq == -1 && h.Detector != "absent" {
				t.Errorf("%s: conversation-level hit with detector %q, want absent", id, h.Detector)
			}
		}
	}
}

func TestVerdicts(t *testing.T) {
	file := `version: "2026.1"
conditions:
  account: {speaker: customer, keywords: {any: [账户, account]}}
rules:
  - id: promise
    title: No promises
    kind: violation
    severity: critical
    criterion: compliance.promises
    when: {speaker: agent, keywords: {any: [保证]}}
  - id: greeting
    kind: requirement
    severity: minor
    when: {speaker: agent, position: {first: 1}, keywords: {any: [您好]}}
  - id: identity
    kind: requirement
    severity: major
    applies_when: {ref: account}
    when: {speaker: agent, keywords: {any: [核实身份]}}
`
	s := mustLoad(t, file)
	m := chat("a: 您好", "c: 你能保证吗", "a: 我保证")
	out := s.Evaluate(m)
	if len(out) != 3 || out[0].RuleID != "promise" || out[1].RuleID != "greeting" || out[2].RuleID != "identity" {
		t.Fatalf("outcomes %+v: want one per rule, in set order", out)
	}
	wantPromise := Outcome{RuleID: "promise", Title: "No promises", Criterion: "compliance.promises", Severity: Critical, Status: Fail,
		Hits: []Hit{{RuleID: "promise", RuleVersion: "2026.1", Criterion: "compliance.promises", Severity: Critical, Violation: true,
			Detector: "keywords", Speaker: transcript.SpeakerAgent, Seq: 3, Start: 1, End: 3, Matched: "保证"}}}
	if !reflect.DeepEqual(out[0], wantPromise) {
		t.Errorf("violation:\n got %+v\nwant %+v", out[0], wantPromise)
	}
	wantGreeting := Outcome{RuleID: "greeting", Severity: Minor, Status: Pass,
		Hits: []Hit{{RuleID: "greeting", RuleVersion: "2026.1", Severity: Minor, Violation: false,
			Detector: "keywords", Speaker: transcript.SpeakerAgent, Seq: 1, Start: 0, End: 2, Matched: "您好"}}}
	if !reflect.DeepEqual(out[1], wantGreeting) {
		t.Errorf("requirement met:\n got %+v\nwant %+v", out[1], wantGreeting)
	}
	if out[2].Status != NA || out[2].Hits != nil {
		t.Errorf("applies_when false: %+v, want na without hits", out[2])
	}
	out = s.Evaluate(chat("c: 我的账户登不上", "a: 好的"))
	wantAbsent := []Hit{{RuleID: "identity", RuleVersion: "2026.1", Severity: Major, Violation: true, Detector: "absent", Seq: -1}}
	if out[2].Status != Fail || !reflect.DeepEqual(out[2].Hits, wantAbsent) {
		t.Errorf("requirement failed: %+v, want fail with %+v", out[2], wantAbsent)
	}
	if out[1].Status != Fail || !reflect.DeepEqual(seqs(out[1].Hits), []int{-1}) {
		t.Errorf("greeting missing: %+v", out[1])
	}
	if out[0].Status != Pass || out[0].Hits != nil {
		t.Errorf("no promise: %+v, want pass without hits", out[0])
	}
}

func TestEvaluateOne(t *testing.T) {
	s := loadPack(t)
	m := chat("c: 你好", "a: 我保证明天到")
	o, err := s.EvaluateOne(m, "forbidden_promise")
	if err != nil || o.Status != Fail || o.RuleID != "forbidden_promise" {
		t.Errorf("EvaluateOne = %+v, %v", o, err)
	}
	all := s.Evaluate(m)
	for _, x := range all {
		if x.RuleID == "forbidden_promise" && !reflect.DeepEqual(x, o) {
			t.Errorf("EvaluateOne %+v differs from Evaluate's %+v", o, x)
		}
	}
	if _, err := s.EvaluateOne(m, "nope"); err == nil || !strings.Contains(err.Error(), `no rule "nope"`) {
		t.Errorf("unknown rule: %v", err)
	}
}

func TestEdgeConversations(t *testing.T) {
	s := loadPack(t)
	for name, m := range map[string]*transcript.Message{
		"nil":     nil,
		"empty":   {Kind: transcript.KindConversation},
		"no text": conv(transcript.ChannelVoice, turn{sp: "s", text: ""}, turn{sp: "a", text: "", at: 100}),
	} {
		out := s.Evaluate(m)
		if len(out) != s.Len() {
			t.Errorf("%s: %d outcomes, want %d", name, len(out), s.Len())
		}
		for _, o := range out {
			for _, h := range o.Hits {
				if m != nil {
					checkSpan(t, m, h)
				}
			}
		}
	}
}

func TestUnsortedUtterances(t *testing.T) {
	s := mustLoad(t, rule1("{keywords: {any: [b]}, anchor: {ref: a, relation: after, turns: 1}}")+"conditions:\n  a: {keywords: {any: [a]}}\n")
	m := chat("c: b", "c: a")
	m.Utterances[0].Seq, m.Utterances[1].Seq = 2, 1 // "a" is seq 1, "b" seq 2
	if got := seqs(outcome(t, s, m, "r").Hits); !reflect.DeepEqual(got, []int{2}) {
		t.Errorf("seqs %v: utterances must be read in seq order", got)
	}
	if m.Utterances[0].Seq != 2 {
		t.Error("Evaluate reordered the message")
	}
}

func TestSharedConditionBots(t *testing.T) {
	// One named condition, two rules that disagree on bots: each gets its own.
	file := `version: v
conditions:
  hi: {speaker: agent, keywords: {any: [hi]}}
rules:
  - {id: with_bots, kind: violation, severity: minor, when: {ref: hi}}
  - {id: humans, kind: violation, severity: minor, bots_are_agents: false, when: {ref: hi}}
`
	s := mustLoad(t, file)
	m := chat("b: hi", "a: hi")
	if got := seqs(outcome(t, s, m, "with_bots").Hits); !reflect.DeepEqual(got, []int{1, 2}) {
		t.Errorf("with bots: %v", got)
	}
	if got := seqs(outcome(t, s, m, "humans").Hits); !reflect.DeepEqual(got, []int{2}) {
		t.Errorf("humans only: %v", got)
	}
}

func TestChars(t *testing.T) {
	for _, s := range []string{"", "a", "我保證明天一定到", "abcdefgh", "abcdefghi", "ａｂｃ 你好 hello 😀 ok…", strings.Repeat("é中a", 9)} {
		if got, want := chars(s), utf8.RuneCountInString(s); got != want {
			t.Errorf("chars(%q) = %d, want %d", s, got, want)
		}
	}
}
