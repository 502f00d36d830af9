package rules

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"gopkg.in/yaml.v3"
)

// regexSet loads one rule per pattern and returns the set with the
// patterns' compiled forms, in order.
func regexSet(t testing.TB, patterns []string) (*Set, []*compiledRE) {
	t.Helper()
	var b strings.Builder
	b.WriteString("version: v1\nrules:\n")
	for i, p := range patterns {
		q, err := json.Marshal(p) // a JSON string is a YAML flow scalar
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(&b, "  - {id: r%d, kind: violation, severity: minor, when: {regex: %s}}\n", i, strings.TrimSpace(string(q)))
	}
	s := mustLoad(t, b.String())
	out := make([]*compiledRE, len(s.rules))
	for i, r := range s.rules {
		out[i] = r.when.leaf.re
	}
	return s, out
}

// checkRegex compares the prefiltered, split and anchored evaluation of
// x on a text with the plain regexp's.
func checkRegex(t testing.TB, s *Set, x *compiledRE, text string) {
	t.Helper()
	norm := s.auto.norm.Normalize(text).Norm
	bits := make([]uint64, s.auto.words)
	occs := s.auto.scan(norm, bitAgent, nil, bits)
	want := x.re.FindStringIndex(norm)
	for _, o := range [][]occ{occs, nil} {
		st, en, ok := x.first(norm, bits, o, s.auto)
		if ok != (want != nil) || ok && (st != want[0] || en != want[1]) {
			t.Fatalf("%s on %q (occurrences known: %v): got (%d, %d, %v), regexp %v", x.re, norm, o != nil, st, en, ok, want)
		}
	}
	if got := x.matches(norm, bits); got != (want != nil) {
		t.Fatalf("%s on %q: matches %v, regexp %v", x.re, norm, got, want != nil)
	}
	if x.pre >= 0 && want != nil && !has(bits, x.pre) {
		t.Fatalf("%s on %q: the prefilter would skip a match", x.re, norm)
	}
	if all := x.re.FindAllStringIndex(norm, -1); len(all) > 1 && !x.mayFrom(norm, all[0][1], s.auto) {
		t.Fatalf("%s on %q: mayFrom(%d) would skip the match at %v", x.re, norm, all[0][1], all[1])
	}
}

// tricky patterns: branches that tie, overlap, nest, or look around.
var trickyPatterns = []string{
	`a|ab`, `ab|a`, `(x|xy)(z|yz)`, `b|ab|abc`, `(?i)order|k`, `\bfoo|bar\b`, `^a|b$`, `(?m)^a|b`,
	`(是|都是)(您|你)(的错)?|你`, `(你|您)自己.{0,4}错|自己`, `\d{3,}|#\d+|no\.`, `x\b|\by`,
	`(提供|告诉)(一下)?(我|我们)(的)?(密码|pin)`, `(?s)a.b|c`, `(a)|(b)|()`, `\S`, `[^a]`,
	`(?:订单|order)\s*\d{6,}|\d{15}`, `(?i)(?:ORDER|单)号`, `[ab]c|[ab]`, `(ab|a)(bc|c)d?`,
	`\b(can't|cannot) guarantee\b|保证`, `x*|y`, `(a|b)*c|d`, `$|a`,
	`\b(my name is|i['’]m)\b|\bspeaking`, `\b(?:x|_y)z`, `\b\d{3}-\d+`, `[0-9]{3,5}`, `\d+|x`, `.{2}`,
	`[a-z]{2,}?`, `\S{2,3}|q`,
}

var trickyTexts = []string{
	"", "a", "ab", "abc", "xyz", "xyyz", "你的错", "都是您的错", "是你", "foo bar", "foobar", "bar foo",
	"b\na", "a\nb", "Order 1234567", "order#12", "no. 5", "ok k", "xy", "y x", "提供一下我们的密码", "告诉我pin",
	"shipping pin", "a\nb\nc", "订单 12345678", "123456789012345", "cc ac bc", "abcd", "abd", "保证 can't guarantee",
	"我可以保证", "ababab c", "ＯＲＤＥＲ号", "單號", "d", "ccc",
	"i'm bob", "hi'm", "xi’m", "my name is x", "_my name is", "aspeaking speaking", "12 345 678901", "1234567",
	"a_yz _yz xz", "x12-3 123-4", "中文12345文字", "\xff12\xfe345",
}

func TestRegexBranchesMatchRegexp(t *testing.T) {
	s, xs := regexSet(t, trickyPatterns)
	for _, x := range xs {
		for _, text := range trickyTexts {
			checkRegex(t, s, x, text)
		}
	}
}

// TestPackRegexes checks every pattern of the shipped pack on the
// generated corpus: the fast paths find exactly what the regexp finds.
func TestPackRegexes(t *testing.T) {
	files, err := filepath.Glob("pack/*.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var patterns []string
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var walk func(n *yaml.Node)
		walk = func(n *yaml.Node) {
			for i := 0; i+1 < len(n.Content); i++ {
				k := n.Content[i]
				if n.Kind == yaml.MappingNode && i%2 == 0 && (k.Value == "regex" || k.Value == "exclude") {
					patterns = append(patterns, n.Content[i+1].Value)
				}
			}
			for _, c := range n.Content {
				walk(c)
			}
		}
		var doc yaml.Node
		if err := yaml.Unmarshal(b, &doc); err != nil {
			t.Fatal(err)
		}
		walk(&doc)
	}
	if len(patterns) < 20 {
		t.Fatalf("found only %d patterns in the pack", len(patterns))
	}
	s, xs := regexSet(t, patterns)
	n := 300
	if testing.Short() {
		n = 50
	}
	for _, c := range synthConversations(t, n) {
		for _, u := range c.msg.Utterances {
			for _, x := range xs {
				checkRegex(t, s, x, u.Text)
			}
		}
	}
}

func FuzzRegexBranches(f *testing.F) {
	for i, p := range trickyPatterns {
		f.Add(p, trickyTexts[i%len(trickyTexts)])
	}
	f.Fuzz(func(t *testing.T, pattern, text string) {
		if _, err := regexp.Compile(pattern); err != nil || strings.ContainsAny(pattern, "\x00") {
			return
		}
		q, _ := json.Marshal(pattern)
		s, err := LoadFS(fstest.MapFS{"a.yaml": {Data: []byte("version: v1\nrules:\n  - {id: r, kind: violation, severity: minor, when: {regex: " + strings.TrimSpace(string(q)) + "}}\n")}})
		if err != nil {
			return // not every RE2 pattern survives normalization of its literals
		}
		checkRegex(t, s, s.rules[0].when.leaf.re, text)
	})
}
