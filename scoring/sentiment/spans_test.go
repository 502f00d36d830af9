package sentiment

import (
	"strings"
	"testing"
)

// TestSpansInOriginal: every evidence and modifier span points at its text
// in the original, for Traditional, full-width and mixed-language input.
func TestSpansInOriginal(t *testing.T) {
	s := rulesScorer(t)
	for _, tt := range []struct {
		text string
		want []string // evidence texts that must appear, as written
	}{
		{"服務態度很差，等了一個小時還沒送到！！", []string{"態度很差", "送到", "！"}},
		{"雖然有點慢，但是很好吃😊", []string{"慢", "好吃", "😊"}},
		{"ＶＥＲＹ ＧＯＯＤ，質量不錯", []string{"ＧＯＯＤ", "不錯"}},
		{"快递太慢了 but the packaging was GREAT", []string{"慢", "GREAT"}},
		{"訂單號ＡＢ１２３？？你們這是什麼服務", []string{"？？", "這是什麼服務"}},
		{"Thanks for NOTHING, 真的服了", []string{"Thanks for NOTHING", "服了"}},
	} {
		r := s.Score(tt.text)
		got := map[string]bool{}
		check := func(what, text string, start, end int) {
			if start < 0 || end > len(tt.text) || start > end || tt.text[start:end] != text {
				t.Errorf("%q: %s %q at [%d,%d) does not match the original", tt.text, what, text, start, end)
			}
		}
		for _, e := range r.Evidence {
			check("evidence", e.Text, e.Start, e.End)
			got[e.Text] = true
			for _, m := range e.Mods {
				check("mod "+m.Rule, m.Text, m.Start, m.End)
			}
		}
		for _, c := range r.Cues {
			if c.End > c.Start {
				check("cue", c.Text, c.Start, c.End)
			}
		}
		for _, w := range tt.want {
			if !got[w] {
				t.Errorf("%q: no evidence %q in %+v", tt.text, w, r.Evidence)
			}
		}
	}
}

func TestEvidenceMods(t *testing.T) {
	s := rulesScorer(t)
	r := s.Score("我真的不太喜歡")
	if len(r.Evidence) != 1 {
		t.Fatalf("evidence %+v", r.Evidence)
	}
	e := r.Evidence[0]
	if e.Text != "喜歡" || e.Weight >= 0 {
		t.Errorf("evidence %+v: want 喜歡 with a negative weight", e)
	}
	var rules []string
	for _, m := range e.Mods {
		rules = append(rules, m.Rule+":"+m.Text)
	}
	if got := strings.Join(rules, ","); !strings.Contains(got, "negation:不太") {
		t.Errorf("mods %s: want negation:不太", got)
	}
}
