package sentiment

import (
	"strings"
	"testing"
)

func TestParseLexiconErrors(t *testing.T) {
	for _, tt := range []struct{ file, want string }{
		{"好\tx\n", "f.tsv:1: unknown kind"},
		{"# c\n好\tw\tabc\n", "f.tsv:2: value"},
		{"好\tw\t9\n", "outside"},
		{"非常\tdeg\n", "needs a multiplier"},
		{"但是\tbut\t1\n", "takes no value"},
		{"好\tw\t1\tjoy=1\n", "unknown emotion"},
		{"好\tw\t1\tanger=2\n", "anger"},
		{"好\tw\t1\n好\tw\t2\n", "already defined"},
		{"好\n", "fields"},
	} {
		if _, err := ParseLexicon(strings.NewReader(tt.file), "f.tsv"); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%q: error %v, want %q", tt.file, err, tt.want)
		}
	}
	es, err := ParseLexicon(strings.NewReader("好\tw\t1.6\n好\tdeg\t1.2\n"), "f.tsv")
	if err != nil || len(es) != 1 || es[0].Kind != KindWord|KindDegree || es[0].Degree != 1.2 {
		t.Errorf("dual entry: %v %+v", err, es)
	}
}

func TestDefaultLexicon(t *testing.T) {
	s := rulesScorer(t)
	if n := s.lex.Len(); n < 8000 {
		t.Errorf("default lexicon has %d entries; VADER alone has 7,500", n)
	}
	if v := s.Version(); !strings.HasPrefix(v, "lex-") || len(v) != 16 {
		t.Errorf("version %q", v)
	}
	// Our zh lexicon must stay ours and sizeable: several hundred entries.
	b, err := lexiconFiles.ReadFile("lexicon/zh.tsv")
	if err != nil {
		t.Fatal(err)
	}
	es, err := ParseLexicon(strings.NewReader(string(b)), "zh.tsv")
	if err != nil || len(es) < 600 {
		t.Errorf("zh.tsv: %v, %d entries", err, len(es))
	}
}

func TestUserLexiconOverrides(t *testing.T) {
	s := rulesScorer(t)
	base, err := DefaultLexicon(s.n)
	if err != nil {
		t.Fatal(err)
	}
	extra, err := ParseLexicon(strings.NewReader("还行\tw\t-2\n"), "mine.tsv")
	if err != nil {
		t.Fatal(err)
	}
	l, err := NewLexicon(s.n, append(append([]Entry(nil), base.entries...), extra...))
	if err != nil {
		t.Fatal(err)
	}
	s2, err := New(Options{Normalizer: s.n, Lexicon: l})
	if err != nil {
		t.Fatal(err)
	}
	if r := s2.Score("还行"); r.Label != Negative {
		t.Errorf("overridden 还行: %s", r)
	}
	if s2.Version() == s.Version() {
		t.Error("a changed lexicon kept the version")
	}
}
