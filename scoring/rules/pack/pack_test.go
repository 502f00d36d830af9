package pack

import (
	"fmt"
	"io/fs"
	"maps"
	"slices"
	"strings"
	"testing"
	"unicode"

	"gopkg.in/yaml.v3"

	"github.com/convqa/convqa/internal/synth"
	"github.com/convqa/convqa/scoring/rules"
	"github.com/convqa/convqa/scoring/scorecard"
)

func loadPack(t *testing.T) *rules.Set {
	t.Helper()
	s, err := Rules()
	if err != nil {
		t.Fatalf("the default pack does not load: %v", err)
	}
	return s
}

func TestPackLoads(t *testing.T) {
	s := loadPack(t)
	infos := s.Rules()
	if len(infos) < 40 {
		t.Errorf("the pack has %d rules, want at least 40", len(infos))
	}
	for _, in := range infos {
		where := fmt.Sprintf("%s:%d: rule %s", in.File, in.Line, in.ID)
		zh, en, ok := strings.Cut(in.Title, " / ")
		if !ok || !hasHan(zh) || !hasLatin(en) {
			t.Errorf("%s: title %q is not \"中文 / English\"", where, in.Title)
		}
		if len(in.Description) < 40 {
			t.Errorf("%s: description %q says too little for a reviewer", where, in.Description)
		}
		if in.Criterion == "" {
			t.Errorf("%s: no criterion: every rule feeds a scorecard criterion", where)
		}
		if in.FileVersion == "" {
			t.Errorf("%s: its file has no version", where)
		}
	}
	for _, id := range synth.AllRules {
		if _, ok := s.Rule(id); !ok {
			t.Errorf("the pack lacks %s, a rule the generator injects (internal/synth/keys.go)", id)
		}
	}
	if v := s.Version(); v == "" {
		t.Error("the set has no version")
	}
}

// TestRuleFilesExcludeScorecard: the scorecard is no rule file, and every
// other YAML file is.
func TestRuleFilesExcludeScorecard(t *testing.T) {
	names, err := RuleFiles(FS)
	if err != nil {
		t.Fatal(err)
	}
	if slices.Contains(names, ScorecardFile) {
		t.Errorf("RuleFiles lists %s", ScorecardFile)
	}
	all, _ := fs.Glob(FS, "*.yaml")
	if len(names) != len(all)-1 {
		t.Errorf("RuleFiles = %v, want every *.yaml of %v but the scorecard", names, all)
	}
}

// TestKeywordsBilingual: every keyword list (and every phrase list a
// detector takes) holds Chinese and English words, so no rule is blind in
// one language; a rule written only with regexes has both in its patterns.
func TestKeywordsBilingual(t *testing.T) {
	names, err := RuleFiles(FS)
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range names {
		data, err := FS.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		var doc yaml.Node
		if err := yaml.Unmarshal(data, &doc); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		root := doc.Content[0]
		for i := 0; i+1 < len(root.Content); i += 2 {
			switch root.Content[i].Value {
			case "conditions":
				m := root.Content[i+1]
				for j := 0; j+1 < len(m.Content); j += 2 {
					checkLists(t, fmt.Sprintf("%s: condition %s", name, m.Content[j].Value), m.Content[j+1])
				}
			case "rules":
				for _, r := range root.Content[i+1].Content {
					id := mapValue(r, "id")
					where := fmt.Sprintf("%s:%d: rule %s", name, r.Line, id.Value)
					checkLists(t, where, r)
					var res []string
					collectRegexes(r, &res)
					if len(res) > 0 && !hasKeywords(r) {
						joined := strings.Join(res, " ")
						if !hasHan(joined) || !hasLatin(stripRegexSyntax(joined)) {
							t.Errorf("%s: its regexes %q lack Chinese or English words", where, joined)
						}
					}
				}
			}
		}
	}
}

func mapValue(n *yaml.Node, key string) *yaml.Node {
	if n.Kind == yaml.AliasNode {
		n = n.Alias
	}
	if n.Kind != yaml.MappingNode {
		return &yaml.Node{}
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			return n.Content[i+1]
		}
	}
	return &yaml.Node{}
}

// checkLists walks a node and checks every keyword and phrase list in it.
func checkLists(t *testing.T, where string, n *yaml.Node) {
	t.Helper()
	if n.Kind == yaml.AliasNode {
		n = n.Alias
	}
	switch n.Kind {
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i].Value, n.Content[i+1]
			switch k {
			case "keywords":
				for j := 0; j+1 < len(v.Content); j += 2 {
					list := v.Content[j+1]
					if v.Content[j].Value == "at_least" {
						list = mapValue(list, "of")
					}
					checkList(t, fmt.Sprintf("%s line %d keywords.%s", where, list.Line, v.Content[j].Value), list)
				}
				continue
			case "hold_phrases", "request_phrases", "transfer_phrases":
				checkList(t, fmt.Sprintf("%s line %d %s", where, v.Line, k), v)
				continue
			}
			checkLists(t, where, v)
		}
	case yaml.SequenceNode:
		for _, c := range n.Content {
			checkLists(t, where, c)
		}
	}
}

func checkList(t *testing.T, where string, list *yaml.Node) {
	t.Helper()
	if list.Kind == yaml.AliasNode {
		list = list.Alias
	}
	zh, en := false, false
	for _, w := range list.Content {
		zh = zh || hasHan(w.Value)
		en = en || hasLatin(w.Value) && !hasHan(w.Value)
	}
	if !zh || !en {
		t.Errorf("%s: want Chinese and English keywords, got zh=%v en=%v", where, zh, en)
	}
}

func collectRegexes(n *yaml.Node, out *[]string) {
	if n.Kind == yaml.AliasNode {
		n = n.Alias
	}
	switch n.Kind {
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			if n.Content[i].Value == "regex" {
				*out = append(*out, n.Content[i+1].Value)
				continue
			}
			collectRegexes(n.Content[i+1], out)
		}
	case yaml.SequenceNode:
		for _, c := range n.Content {
			collectRegexes(c, out)
		}
	}
}

func hasKeywords(n *yaml.Node) bool {
	if n.Kind == yaml.AliasNode {
		n = n.Alias
	}
	switch n.Kind {
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			if n.Content[i].Value == "keywords" || hasKeywords(n.Content[i+1]) {
				return true
			}
		}
	case yaml.SequenceNode:
		for _, c := range n.Content {
			if hasKeywords(c) {
				return true
			}
		}
	}
	return false
}

// stripRegexSyntax drops escapes (\b, \s, \d) and classes so that only
// words count as English.
func stripRegexSyntax(s string) string {
	for _, esc := range []string{`\b`, `\s`, `\S`, `\d`, `\D`, `\W`, `\w`, `\n`, `\p{P}`} {
		s = strings.ReplaceAll(s, esc, " ")
	}
	return s
}

func hasHan(s string) bool {
	return strings.IndexFunc(s, func(r rune) bool { return unicode.Is(unicode.Han, r) }) >= 0
}

func hasLatin(s string) bool {
	n := 0
	for _, r := range s {
		if r < 0x80 && unicode.IsLetter(r) {
			n++
			if n >= 2 {
				return true
			}
		} else {
			n = 0
		}
	}
	return false
}

// scorecardFile is the scorecard's shape, read independently of the
// scorecard package so that the pack's own test states what it relies on.
type scorecardFile struct {
	ID       string `yaml:"id"`
	Version  string `yaml:"version"`
	Sections []struct {
		ID       string  `yaml:"id"`
		Weight   float64 `yaml:"weight"`
		Criteria []struct {
			ID       string   `yaml:"id"`
			Weight   float64  `yaml:"weight"`
			Rules    []string `yaml:"rules"`
			AutoFail bool     `yaml:"auto_fail"`
		} `yaml:"criteria"`
	} `yaml:"sections"`
}

// TestScorecardMatchesRules: every criterion names rules of the pack that
// name it back, and every rule of the pack feeds exactly one criterion.
func TestScorecardMatchesRules(t *testing.T) {
	s := loadPack(t)
	data, err := Scorecard()
	if err != nil {
		t.Fatal(err)
	}
	var sc scorecardFile
	if err := yaml.Unmarshal(data, &sc); err != nil {
		t.Fatalf("%s: %v", ScorecardFile, err)
	}
	if sc.ID != "ecommerce_default" {
		t.Errorf("%s: id %q, want ecommerce_default", ScorecardFile, sc.ID)
	}
	fedBy := map[string]string{} // rule → criterion listing it
	autoFail := map[string]bool{}
	var sectionWeights float64
	for _, sec := range sc.Sections {
		sectionWeights += sec.Weight
		for _, c := range sec.Criteria {
			if !strings.HasPrefix(c.ID, sec.ID+".") {
				t.Errorf("criterion %s sits in section %s: ids read section.criterion", c.ID, sec.ID)
			}
			if len(c.Rules) == 0 {
				t.Errorf("criterion %s names no rules", c.ID)
			}
			autoFail[c.ID] = c.AutoFail
			for _, id := range c.Rules {
				if prev, dup := fedBy[id]; dup {
					t.Errorf("rule %s feeds both %s and %s", id, prev, c.ID)
				}
				fedBy[id] = c.ID
				in, ok := s.Rule(id)
				switch {
				case !ok:
					t.Errorf("criterion %s names rule %s, which the pack does not have", c.ID, id)
				case in.Criterion != c.ID:
					t.Errorf("criterion %s names rule %s, whose criterion: is %q (%s:%d)", c.ID, id, in.Criterion, in.File, in.Line)
				}
			}
		}
	}
	if sectionWeights != 100 {
		t.Errorf("section weights add up to %v, want 100", sectionWeights)
	}
	for _, in := range s.Rules() {
		if _, ok := fedBy[in.ID]; !ok {
			t.Errorf("rule %s (criterion %q, %s:%d) feeds no criterion of the scorecard", in.ID, in.Criterion, in.File, in.Line)
		}
	}
	// The breaches no strength makes up for fail the whole conversation.
	for _, id := range []string{"forbidden_promise", "card_readback", "id_readback", "insult", "credential_request"} {
		if c := fedBy[id]; !autoFail[c] {
			t.Errorf("rule %s feeds %q, which is not auto_fail", id, c)
		}
	}
	for _, in := range s.Rules() {
		if autoFail[fedBy[in.ID]] && in.Severity != rules.Critical {
			t.Errorf("rule %s is auto-fail but of severity %s, not critical", in.ID, in.Severity)
		}
	}
	want := []string{"opening", "security", "understanding", "resolution", "compliance", "communication", "closing", "responsiveness"}
	var got []string
	for _, sec := range sc.Sections {
		got = append(got, sec.ID)
	}
	if !slices.Equal(got, want) {
		t.Errorf("sections %v, want %v", got, want)
	}
}

// TestScorecardChecks runs the scorecard package's own load and check
// against the pack.
func TestScorecardChecks(t *testing.T) {
	s := loadPack(t)
	sc, err := scorecard.LoadFS(FS, ScorecardFile)
	if err != nil {
		t.Fatalf("the scorecard does not load: %v", err)
	}
	crit := map[string]string{}
	for _, in := range s.Rules() {
		crit[in.ID] = in.Criterion
	}
	notes, err := sc.Check(crit)
	if err != nil {
		t.Fatalf("the scorecard does not match the pack: %v", err)
	}
	if len(notes) > 0 {
		t.Errorf("check notes: %v", notes)
	}
	if ids := sc.RuleIDs(); !slices.Equal(slices.Sorted(slices.Values(ids)), slices.Sorted(maps.Keys(crit))) {
		t.Errorf("the scorecard grades rules %v, the pack has %v", ids, slices.Sorted(maps.Keys(crit)))
	}
}
