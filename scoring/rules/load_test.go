package rules

import (
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"
)

func TestLoadPack(t *testing.T) {
	s := loadPack(t)
	if s.Len() != 40 {
		t.Errorf("Len = %d, want 40", s.Len())
	}
	if !regexp.MustCompile(`^[0-9a-f]{12}$`).MatchString(s.Version()) {
		t.Errorf("Version %q is not 12 hex digits", s.Version())
	}
	infos := s.Rules()
	first := infos[0]
	want := RuleInfo{
		ID: "forbidden_promise", Title: "禁止承诺 / No forbidden promises",
		Description: "The agent must not guarantee outcomes the shop cannot control.",
		Kind:        Violation, Severity: Critical, Criterion: "compliance.promises",
		File: filepath.Join("testdata", "pack", "10-core.yaml"), Line: 5, FileVersion: "2026.11.1",
	}
	if first != want {
		t.Errorf("Rules()[0] = %+v\nwant %+v", first, want)
	}
	last := infos[len(infos)-1]
	if last.ID != "apology_for_delay" || last.FileVersion != "2026.11.3" || !strings.HasSuffix(last.File, "20-service.yaml") {
		t.Errorf("last rule = %+v, want apology_for_delay from 20-service.yaml version 2026.11.3", last)
	}
	if r, ok := s.Rule("card_readback"); !ok || r.Severity != Critical {
		t.Errorf("Rule(card_readback) = %+v, %v", r, ok)
	}
	if _, ok := s.Rule("nope"); ok {
		t.Error("Rule(nope) found")
	}
	// The same files through fs.FS: the same rules and version.
	s2, err := LoadFS(os.DirFS("testdata/pack"))
	if err != nil {
		t.Fatal(err)
	}
	if s2.Version() != s.Version() {
		t.Errorf("LoadFS version %s, LoadFiles %s: the directory must not matter", s2.Version(), s.Version())
	}
}

func TestVersion(t *testing.T) {
	file := rulesYAML("  - {id: r, kind: violation, severity: minor, when: {keywords: {any: [a]}}}\n")
	a := mustLoad(t, file).Version()
	if b := mustLoad(t, file).Version(); a != b {
		t.Errorf("same file, versions %s and %s", a, b)
	}
	if c := mustLoad(t, strings.Replace(file, "[a]", "[b]", 1)).Version(); c == a {
		t.Error("a changed keyword kept the version")
	}
	renamed, err := LoadFS(fstest.MapFS{"b.yaml": {Data: []byte(file)}})
	if err != nil {
		t.Fatal(err)
	}
	if renamed.Version() == a {
		t.Error("a renamed file kept the version")
	}
}

func TestLoadSources(t *testing.T) {
	good := []byte(rulesYAML("  - {id: r, kind: violation, severity: minor, when: {keywords: {any: [a]}}}\n"))
	fsys := fstest.MapFS{"b.yaml": {Data: good}, "notes.txt": {Data: []byte("x")}, "sub/c.yml": {Data: good}}
	if _, err := LoadFS(fsys); err != nil {
		t.Errorf("default patterns: %v", err)
	}
	if _, err := LoadFS(fsys, "*.yaml", "sub/*.yml"); err == nil || !strings.Contains(err.Error(), `duplicate rule id "r"`) {
		t.Errorf("two files with rule r: %v", err)
	}
	if _, err := LoadFS(fsys, "*.json"); err == nil || !strings.Contains(err.Error(), `no file matches "*.json"`) {
		t.Errorf("pattern matching nothing: %v", err)
	}
	if _, err := LoadFS(fsys, "[x"); err == nil {
		t.Error("bad pattern accepted")
	}
	if _, err := LoadFS(fstest.MapFS{"x.txt": {Data: good}}); err == nil {
		t.Error("no rule files accepted")
	}
	dir := t.TempDir()
	if _, err := LoadFiles(dir); err == nil || !strings.Contains(err.Error(), "holds no *.yaml or *.yml files") {
		t.Errorf("empty directory: %v", err)
	}
	if _, err := LoadFiles(filepath.Join(dir, "missing.yaml")); err == nil {
		t.Error("missing file accepted")
	}
	if _, err := LoadFiles(); err == nil {
		t.Error("no paths accepted")
	}
	only := filepath.Join(dir, "conds.yaml")
	if err := os.WriteFile(only, []byte("version: v\nconditions:\n  x: {keywords: {any: [a]}}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := LoadFiles(only); err == nil || !strings.Contains(err.Error(), "holds no rules") {
		t.Errorf("conditions only: %v", err)
	}
}

// TestLoadErrors feeds one mistake of each kind and checks the message:
// file:line, the field's path, and what is wrong.
func TestLoadErrors(t *testing.T) {
	rule := func(when string) string {
		return rulesYAML("  - id: r\n    kind: violation\n    severity: minor\n    when: " + when + "\n")
	}
	// In rule(...), the when: value is on line 6.
	tests := []struct {
		name, yaml, want string
	}{
		{"syntax", "version: v\nrules: [\n", "a.yaml:2: not valid YAML"},
		{"tab", "version: v\nrules:\n\t- id: r\n", "a.yaml:3: not valid YAML"},
		{"empty file", "", "a.yaml: the file is empty"},
		{"second document", rule("{keywords: {any: [a]}}") + "---\nversion: w\n", "a.yaml:7: a second YAML document"},
		{"not a mapping", "- a\n", "a.yaml:1: want a mapping with version:"},
		{"unknown top field", "version: v\nrule: []\n", `a.yaml:2: rule: unknown field (did you mean "rules"?) (allowed: version, conditions, rules)`},
		{"missing version", "rules:\n  - {id: r, kind: violation, severity: minor, when: {keywords: {any: [a]}}}\n", "a.yaml:1: version: missing"},
		{"missing rules", "version: v\n", "a.yaml:1: rules: missing"},
		{"rules not a list", "version: v\nrules: {id: r}\n", "a.yaml:2: rules: want a list of rules"},
		{"unknown rule field", rulesYAML("  - id: r\n    kind: violation\n    severity: minor\n    severty: major\n    when: {keywords: {any: [a]}}\n"),
			`a.yaml:6: rules[0].severty: unknown field (did you mean "severity"?)`},
		{"missing when", rulesYAML("  - id: r\n    kind: violation\n    severity: minor\n"), "a.yaml:3: rules[0].when: missing"},
		{"missing id", rulesYAML("  - kind: violation\n    severity: minor\n    when: {keywords: {any: [a]}}\n"), "a.yaml:3: rules[0].id: missing"},
		{"bad id", rulesYAML("  - id: Promise-1\n    kind: violation\n    severity: minor\n    when: {keywords: {any: [a]}}\n"),
			`a.yaml:3: rules[0].id: "Promise-1" is not a valid id (allowed: 1–64 of a-z, 0-9, _ and .)`},
		{"duplicate id", rulesYAML("  - {id: r, kind: violation, severity: minor, when: {keywords: {any: [a]}}}\n  - {id: r, kind: violation, severity: minor, when: {keywords: {any: [b]}}}\n"),
			`a.yaml:4: rules[1].id: duplicate rule id "r" (first defined at a.yaml:3)`},
		{"bad kind", rulesYAML("  - id: r\n    kind: forbidden\n    severity: minor\n    when: {keywords: {any: [a]}}\n"),
			`a.yaml:4: rules[0].kind: "forbidden" is not a kind (allowed: violation, requirement)`},
		{"bad severity", rulesYAML("  - id: r\n    kind: violation\n    severity: high\n    when: {keywords: {any: [a]}}\n"),
			`a.yaml:5: rules[0].severity: "high" is not a severity (allowed: info, minor, major, critical)`},
		{"bots_are_agents not bool", rulesYAML("  - id: r\n    kind: violation\n    severity: minor\n    bots_are_agents: sometimes\n    when: {keywords: {any: [a]}}\n"),
			`a.yaml:6: rules[0].bots_are_agents: want true or false, got "sometimes"`},
		{"duplicate key", rulesYAML("  - id: r\n    id: s\n    kind: violation\n    severity: minor\n    when: {keywords: {any: [a]}}\n"),
			"a.yaml:4: rules[0].id: given twice (first on line 3)"},
		{"merge key", "version: v\nx: &x {kind: violation}\nrules:\n  - {<<: *x, id: r}\n", "merge keys (<<) are not supported"},
		{"unknown alias", "version: v\nrules: *nothing\n", "a.yaml:2: not valid YAML: unknown anchor 'nothing' referenced"},

		{"unknown condition field", rule("{keyword: {any: [a]}}"), `a.yaml:6: rules[0].when.keyword: unknown field (did you mean "keywords"?)`},
		{"no matcher", rule("{speaker: agent}"), "a.yaml:6: rules[0].when: a leaf needs a matcher: keywords, regex or detector"},
		{"combination with extra field", rule("{any: [{keywords: {any: [a]}}], speaker: agent}"), "a.yaml:6: rules[0].when: any cannot stand beside speaker"},
		{"combination not a list", rule("{all: {keywords: {any: [a]}}}"), "a.yaml:6: rules[0].when.all: want a list of conditions, got a mapping"},
		{"empty combination", rule("{any: []}"), "a.yaml:6: rules[0].when.any: must not be empty"},
		{"condition not a mapping", rule("[a, b]"), "a.yaml:6: rules[0].when: want a condition"},
		{"empty keyword list", rule("{keywords: {any: []}}"), "a.yaml:6: rules[0].when.keywords.any: must not be empty (want a list of words or phrases"},
		{"empty keyword", rule("{keywords: {any: [a, '  ']}}"), "a.yaml:6: rules[0].when.keywords.any[1]: must not be empty"},
		{"null keyword", rule("{keywords: {any: [a, ~]}}"), "a.yaml:6: rules[0].when.keywords.any[1]: want a word or phrase, got nothing (null)"},
		{"keywords not a mapping", rule("{keywords: [a, b]}"), "a.yaml:6: rules[0].when.keywords: want a mapping of keyword lists: any, all, at_least or none, got a list"},
		{"keywords empty mapping", rule("{keywords: {}}"), "a.yaml:6: rules[0].when.keywords: empty: give any, all, at_least or none"},
		{"unknown keywords field", rule("{keywords: {some: [a]}}"), `a.yaml:6: rules[0].when.keywords.some: unknown field (did you mean "none"?) (allowed: any, all, at_least, none)`},
		{"at_least n above of", rule("{keywords: {at_least: {n: 3, of: [a, b]}}}"), "a.yaml:6: rules[0].when.keywords.at_least.n: is 3, but of lists only 2 keywords (allowed: 1 to 2)"},
		{"at_least without n", rule("{keywords: {at_least: {of: [a, b]}}}"), "a.yaml:6: rules[0].when.keywords.at_least.n: missing"},
		{"at_least n zero", rule("{keywords: {at_least: {n: 0, of: [a]}}}"), "a.yaml:6: rules[0].when.keywords.at_least.n: must be at least 1, got 0"},
		{"bad regex", rule("{regex: '保证(明天'}"), "a.yaml:6: rules[0].when.regex: not a valid RE2 pattern: error parsing regexp: missing closing )"},
		{"backreference", rule(`{regex: '(a)\1'}`), `a.yaml:6: rules[0].when.regex: not a valid RE2 pattern: error parsing regexp: invalid escape sequence: `},
		{"bad exclude", rule("{keywords: {any: [a]}, exclude: '*x'}"), "a.yaml:6: rules[0].when.exclude: not a valid RE2 pattern: error parsing regexp: missing argument to repetition operator"},
		{"bad speaker", rule("{speaker: staff, keywords: {any: [a]}}"), `a.yaml:6: rules[0].when.speaker: "staff" is not a speaker (allowed: any, agent, customer, bot, system)`},
		{"bad channel", rule("{channels: [phone], keywords: {any: [a]}}"), `a.yaml:6: rules[0].when.channels[0]: "phone" is not a channel (allowed: chat, voice, email, bot)`},
		{"bad detector", rule("{detector: credit_card}"), `a.yaml:6: rules[0].when.detector: "credit_card" is not a detector (allowed: card_number, id_number, phone, email, first_response, silence, repeated_question, ignored_human_request)`},
		{"negative position", rule("{keywords: {any: [a]}, position: {first: -2}}"), "a.yaml:6: rules[0].when.position.first: must not be negative, got -2 (allowed: 1 or more)"},
		{"first and last", rule("{keywords: {any: [a]}, position: {first: 1, last: 1}}"), "a.yaml:6: rules[0].when.position: first and last exclude each other"},
		{"turns reversed", rule("{keywords: {any: [a]}, position: {turns: [4, 2]}}"), "a.yaml:6: rules[0].when.position.turns: to (2) is before from (4)"},
		{"turns arity", rule("{keywords: {any: [a]}, position: {turns: [4]}}"), "a.yaml:6: rules[0].when.position.turns: want [from, to] (two turn numbers), got 1 values"},
		{"turns not a number", rule("{keywords: {any: [a]}, position: {turns: [one, 2]}}"), `a.yaml:6: rules[0].when.position.turns[0]: want a whole number, got "one"`},
		{"sentences two", rule("{keywords: {any: [a]}, position: {sentences: {first: 1, last: 1}}}"), "a.yaml:6: rules[0].when.position.sentences: give one of first: N or last: N"},
		{"negative seconds", rule("{detector: silence, threshold: {seconds: -5}}"), `a.yaml:6: rules[0].when.threshold.seconds: must not be negative, got -5 (allowed: 0 or more)`},
		{"seconds not a number", rule("{detector: silence, threshold: {seconds: soon}}"), `a.yaml:6: rules[0].when.threshold.seconds: want a number, got "soon"`},
		{"threshold of another detector", rule("{detector: silence, threshold: {times: 3}}"), "a.yaml:6: rules[0].when.threshold.times: not a setting of silence (allowed: seconds)"},
		{"threshold without detector", rule("{keywords: {any: [a]}, threshold: {seconds: 3}}"), "a.yaml:6: rules[0].when.threshold: only the detectors first_response, silence, repeated_question and ignored_human_request take a threshold"},
		{"times one", rule("{detector: repeated_question, threshold: {times: 1}}"), "a.yaml:6: rules[0].when.threshold.times: must be at least 2, got 1"},
		{"keywords with timing detector", rule("{detector: silence, keywords: {any: [a]}}"), "a.yaml:6: rules[0].when.keywords: cannot go with detector: silence"},
		{"first_response by customer", rule("{detector: first_response, speaker: customer}"), "a.yaml:6: rules[0].when.speaker: detector first_response judges the agent's turns (allowed: agent, bot)"},
		{"hold phrases elsewhere", rule("{detector: first_response, hold_phrases: [稍等]}"), "a.yaml:6: rules[0].when.hold_phrases: only detector: silence takes hold_phrases"},
		{"empty hold phrases", rule("{detector: silence, hold_phrases: []}"), "a.yaml:6: rules[0].when.hold_phrases: must not be empty"},
		{"items elsewhere", rule("{detector: silence, items: [phone]}"), "a.yaml:6: rules[0].when.items: only detector: repeated_question takes items"},
		{"unknown item", rule("{detector: repeated_question, items: [passport]}"), `a.yaml:6: rules[0].when.items[0]: "passport" is not a item (allowed: order_number, phone, address, photo, id_number, email)`},
		{"guard on a detector", rule("{detector: phone, negation_guard: true}"), "a.yaml:6: rules[0].when.negation_guard: applies to keywords and regex only"},
		{"guard not bool", rule("{keywords: {any: [a]}, negation_guard: maybe}"), `a.yaml:6: rules[0].when.negation_guard: want true or false, got "maybe"`},
		{"guard empty list", rule("{keywords: {any: [a]}, negation_guard: []}"), "a.yaml:6: rules[0].when.negation_guard: must not be empty"},
		{"within without distance", "version: v\nconditions:\n  x: {keywords: {any: [x]}}\n" + "rules:\n  - {id: r, kind: violation, severity: minor, when: {keywords: {any: [a]}, anchor: {ref: x, relation: within}}}\n",
			"a.yaml:5: rules[0].when.anchor: relation within needs turns: N or seconds: S"},
		{"bad relation", "version: v\nconditions:\n  x: {keywords: {any: [x]}}\n" + "rules:\n  - {id: r, kind: violation, severity: minor, when: {keywords: {any: [a]}, anchor: {ref: x, relation: near}}}\n",
			`a.yaml:5: rules[0].when.anchor.relation: "near" is not a relation (allowed: before, after, within, not_before, not_after, not_within)`},
		{"anchor without ref", rule("{keywords: {any: [a]}, anchor: {relation: before}}"), "a.yaml:6: rules[0].when.anchor.ref: missing"},
		{"negative anchor turns", "version: v\nconditions:\n  x: {keywords: {any: [x]}}\n" + "rules:\n  - {id: r, kind: violation, severity: minor, when: {keywords: {any: [a]}, anchor: {ref: x, relation: before, turns: -1}}}\n",
			"a.yaml:5: rules[0].when.anchor.turns: must not be negative"},

		{"unknown ref", "version: v\nconditions:\n  greeting: {keywords: {any: [hi]}}\nrules:\n  - {id: r, kind: requirement, severity: minor, when: {ref: greting}}\n",
			`a.yaml:5: rules[0].when.ref: unknown condition "greting" (did you mean "greeting"?) (defined: greeting)`},
		{"unknown anchor ref", rule("{keywords: {any: [a]}, anchor: {ref: hold, relation: after}}"),
			`a.yaml:6: rules[0].when.anchor.ref: unknown condition "hold" (none: define it under conditions:)`},
		{"cycle", "version: v\nconditions:\n  a: {any: [{keywords: {any: [x]}}, {ref: b}]}\n  b: {not: {ref: a}}\nrules:\n  - {id: r, kind: violation, severity: minor, when: {ref: a}}\n",
			"a.yaml:4: conditions.b.not.ref: reference cycle: a → b → a"},
		{"anchor cycle", "version: v\nconditions:\n  a: {keywords: {any: [x]}, anchor: {ref: a, relation: before}}\nrules:\n  - {id: r, kind: violation, severity: minor, when: {ref: a}}\n",
			"a.yaml:3: conditions.a.anchor.ref: reference cycle: a → a"},
		{"bad condition name", "version: v\nconditions:\n  Greeting: {keywords: {any: [hi]}}\nrules:\n  - {id: r, kind: requirement, severity: minor, when: {ref: Greeting}}\n",
			`a.yaml:3: conditions.Greeting: "Greeting" is not a valid condition name`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s, err := LoadFS(fstest.MapFS{"a.yaml": {Data: []byte(tc.yaml)}})
			if err == nil {
				t.Fatalf("loaded; want an error containing %q", tc.want)
			}
			if s != nil {
				t.Error("a Set came back with the error: nothing may half-load")
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error:\n%v\nwant it to contain:\n%s", err, tc.want)
			}
		})
	}
}

func TestLoadErrorsCollected(t *testing.T) {
	yaml := rulesYAML("  - id: r\n    kind: forbidden\n    severity: high\n    when: {keywords: {any: []}}\n  - {id: r, kind: violation, severity: minor, when: {regex: '('}}\n")
	_, err := LoadFS(fstest.MapFS{"a.yaml": {Data: []byte(yaml)}})
	if err == nil {
		t.Fatal("loaded")
	}
	var first *Error
	if !errors.As(err, &first) {
		t.Fatalf("error %T is no *Error", err)
	}
	if first.File != "a.yaml" || first.Line != 4 || first.Path != "rules[0].kind" {
		t.Errorf("first error at %s:%d %s, want a.yaml:4 rules[0].kind", first.File, first.Line, first.Path)
	}
	lines := strings.Split(err.Error(), "\n")
	want := []string{"rules[0].kind", "rules[0].severity", "rules[0].when.keywords.any", `duplicate rule id "r"`, "rules[1].when.regex"}
	if len(lines) != len(want) {
		t.Fatalf("%d errors, want %d:\n%v", len(lines), len(want), err)
	}
	for i, w := range want {
		if !strings.Contains(lines[i], w) {
			t.Errorf("error %d = %q, want it to mention %s", i, lines[i], w)
		}
	}
}

func TestLoadAcrossFiles(t *testing.T) {
	fsys := fstest.MapFS{
		"00-shared.yaml": {Data: []byte("version: s1\nconditions:\n  hello: {speaker: agent, keywords: {any: [您好, hello]}}\n")},
		"10-rules.yaml":  {Data: []byte(rulesYAML("  - {id: greet, kind: requirement, severity: minor, when: {ref: hello}}\n"))},
	}
	s, err := LoadFS(fsys)
	if err != nil {
		t.Fatal(err)
	}
	o := outcome(t, s, chat("a: 您好！", "c: 在吗"), "greet")
	if o.Status != Pass || len(o.Hits) != 1 || o.Hits[0].RuleVersion != "v1" {
		t.Errorf("outcome %+v: want pass with one hit of version v1 (the rule's file)", o)
	}
	fsys["20-more.yaml"] = &fstest.MapFile{Data: []byte("version: m\nconditions:\n  hello: {keywords: {any: [hi]}}\n")}
	if _, err := LoadFS(fsys); err == nil || !strings.Contains(err.Error(), `20-more.yaml:3: conditions.hello: duplicate condition name "hello" (first defined at 00-shared.yaml:3)`) {
		t.Errorf("duplicate condition across files: %v", err)
	}
}

func TestLoadAliases(t *testing.T) {
	s := mustLoad(t, `version: v
rules:
  - id: a
    kind: violation
    severity: minor
    when: {keywords: {any: &words [保证, guarantee]}}
  - id: b
    kind: violation
    severity: minor
    when: {speaker: customer, keywords: {any: *words}}
`)
	o := outcome(t, s, chat("c: 你能保证吗"), "b")
	if o.Status != Fail {
		t.Errorf("alias list did not match: %+v", o)
	}
	// Exponential aliasing is cut off, not expanded.
	var b strings.Builder
	b.WriteString("version: v\nl0: &l0 [a, a, a, a, a, a, a, a, a, a]\n")
	for i := 1; i < 12; i++ {
		b.WriteString("l" + string(rune('a'+i)) + ": &l" + string(rune('a'+i)) + " [")
		prev := "l0"
		if i > 1 {
			prev = "l" + string(rune('a'+i-1))
		}
		for j := 0; j < 10; j++ {
			if j > 0 {
				b.WriteString(", ")
			}
			b.WriteString("*" + prev)
		}
		b.WriteString("]\n")
	}
	if _, err := LoadFS(fstest.MapFS{"a.yaml": {Data: []byte(b.String())}}); err == nil {
		t.Error("billion laughs loaded")
	}
}
