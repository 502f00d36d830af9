package sentiment

import (
	"strings"
	"sync"
	"testing"
)

var (
	sharedOnce   sync.Once
	sharedScorer *Scorer
	sharedErr    error
)

// rulesScorer builds the shipped scorer once for all tests.
func rulesScorer(t testing.TB) *Scorer {
	t.Helper()
	sharedOnce.Do(func() { sharedScorer, sharedErr = New(Options{}) })
	if sharedErr != nil {
		t.Fatal(sharedErr)
	}
	return sharedScorer
}

// hasMod reports whether some evidence of r carries the rule.
func hasMod(r Result, rule string) bool {
	for _, e := range r.Evidence {
		for _, m := range e.Mods {
			if m.Rule == rule {
				return true
			}
		}
	}
	return false
}

func hasRule(r Result, rule string) bool {
	for _, e := range r.Evidence {
		if e.Rule == rule {
			return true
		}
	}
	return false
}

func TestLabels(t *testing.T) {
	s := rulesScorer(t)
	for _, tt := range []struct {
		text string
		want Label
		mod  string // a rule some evidence must carry ("" none)
		rule string // an evidence rule that must appear ("" none)
	}{
		// negation
		{"很好吃", Positive, "degree", ""},
		{"不好吃", Negative, "", ""},
		{"一点都不新鲜", Negative, "negation", ""},
		{"不是很满意", Negative, "negation", ""},
		{"不差", Positive, "negation", ""},
		{"一個小時還沒送到", Negative, "negation", "event"},
		{"沒有收到貨", Negative, "negation", "event"},
		{"not good", Negative, "negation", ""},
		{"never arrived", Negative, "negation", "event"},
		{"no help at all, not helpful", Negative, "negation", ""},
		{"not bad", Positive, "", "idiom"},
		// degree
		{"有点慢", Negative, "degree", ""},
		{"服務非常周到", Positive, "degree", ""},
		{"very good", Positive, "degree", ""},
		{"slightly late", Negative, "degree", ""},
		{"慢了点", Negative, "degree", ""},
		// contrast and concession
		{"菜不错，但是送得太慢了", Negative, "contrast", ""},
		{"雖然有點慢，但是很好吃", Positive, "concession", ""},
		{"the food was fine but the delivery was a disaster", Negative, "contrast", ""},
		{"Late again, however the crew were amazing and friendly", Positive, "contrast", ""},
		// questions
		{"好吃吗？", Positive, "question", ""},
		{"can you help me?", Neutral, "", ""},
		{"为什么这么慢？", Negative, "", ""},
		// customer-service idioms
		{"还行", Positive, "", "idiom"},
		{"呵呵", Negative, "", "idiom"},
		{"服了", Negative, "", "idiom"},
		{"我也是醉了", Negative, "", "idiom"},
		{"算了，不想說了", Negative, "", "idiom"},
		{"thanks for nothing", Negative, "", "idiom"},
		{"Thanks for nothing!!", Negative, "", "idiom"},
		{"no problem, thanks", Positive, "", "idiom"},
		// emoji, punctuation, caps
		{"太好了😊", Positive, "", "emoji"},
		{"还没到😡", Negative, "", "emoji"},
		{"这是什么服务！！！", Negative, "", "exclamation"},
		{"The service was GREAT", Positive, "caps", ""},
		// nothing to say
		{"订单号是12345", Neutral, "", ""},
		{"", Neutral, "", ""},
	} {
		r := s.Score(tt.text)
		if r.Label != tt.want {
			t.Errorf("%q: label %s (%+.3f), want %s; evidence %+v", tt.text, r.Label, r.Score, tt.want, r.Evidence)
		}
		if tt.mod != "" && !hasMod(r, tt.mod) {
			t.Errorf("%q: no evidence with rule %s: %+v", tt.text, tt.mod, r.Evidence)
		}
		if tt.rule != "" && !hasRule(r, tt.rule) {
			t.Errorf("%q: no %s evidence: %+v", tt.text, tt.rule, r.Evidence)
		}
		if r.Score < -1 || r.Score > 1 {
			t.Errorf("%q: score %v outside [-1, 1]", tt.text, r.Score)
		}
	}
}

// TestOrder checks the rules move scores the right way, not just the sign.
func TestOrder(t *testing.T) {
	s := rulesScorer(t)
	for _, tt := range []struct{ weaker, stronger string }{
		{"好吃", "非常好吃"},
		{"good", "extremely good"},
		{"有点慢", "太慢了"},
		{"late", "very late"},
		{"不好", "很差劲"},
	} {
		a, b := s.Score(tt.weaker).Score, s.Score(tt.stronger).Score
		if abs(b) <= abs(a) {
			t.Errorf("%q (%+.3f) should be stronger than %q (%+.3f)", tt.stronger, b, tt.weaker, a)
		}
	}
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}

// TestHantMatchesHans: Traditional text scores as its Simplified form does.
func TestHantMatchesHans(t *testing.T) {
	s := rulesScorer(t)
	for _, p := range [][2]string{
		{"服务态度很差，等了一个小时还没送到", "服務態度很差，等了一個小時還沒送到"},
		{"虽然有点贵，但是很好吃，下次还会来", "雖然有點貴，但是很好吃，下次還會來"},
		{"质量太差了，我要投诉", "質量太差了，我要投訴"},
	} {
		a, b := s.Score(p[0]), s.Score(p[1])
		if a.Score != b.Score || a.Label != b.Label {
			t.Errorf("%q %+.3f vs %q %+.3f", p[0], a.Score, p[1], b.Score)
		}
	}
}

func TestEmotions(t *testing.T) {
	s := rulesScorer(t)
	for _, tt := range []struct {
		text string
		em   Emotion
		min  float64
	}{
		{"你们这是什么服务！！！", Anger, 0.8},
		{"我要投诉你们，找你们领导来", Anger, 0.8},
		{"HUMAN. AGENT. NOW.", Anger, 0.5},
		{"能不能快一点，我真的很急", Anxiety, 0.6},
		{"it's urgent, please hurry", Anxiety, 0.6},
		{"我刚才不是发过了吗？说了好几遍了", Frustration, 0.8},
		{"For the third time, 12345!!", Frustration, 0.7},
		{"太好了，谢谢你😊", Satisfaction, 0.8},
		{"Perfect, thanks so much", Satisfaction, 0.6},
	} {
		if v := s.Score(tt.text).Emotions.Get(tt.em); v < tt.min {
			t.Errorf("%q: %s %.3f, want ≥ %.2f", tt.text, tt.em, v, tt.min)
		}
	}
	for _, tt := range []struct {
		text string
		em   Emotion
	}{
		{"不急，慢慢来", Anxiety},
		{"订单号是12345", Anger},
		{"谢谢你啊，真是服了", Satisfaction},
	} {
		if v := s.Score(tt.text).Emotions.Get(tt.em); v >= 0.5 {
			t.Errorf("%q: %s %.3f, want < 0.5", tt.text, tt.em, v)
		}
	}
}

func TestNewRejectsBadBand(t *testing.T) {
	for _, b := range []float64{-0.1, 1, 2} {
		if _, err := New(Options{NeutralBand: b}); err == nil || !strings.Contains(err.Error(), "neutral band") {
			t.Errorf("band %v: error %v", b, err)
		}
	}
}

func TestConcurrent(t *testing.T) {
	s := rulesScorer(t)
	want := s.Score("菜不错，但是送得太慢了！！").Score
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 200 {
				if got := s.Score("菜不错，但是送得太慢了！！").Score; got != want {
					t.Errorf("concurrent score %v, want %v", got, want)
					return
				}
			}
		}()
	}
	wg.Wait()
}

func TestVersionNamesNeutralBand(t *testing.T) {
	a, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	b, err := New(Options{NeutralBand: 0.1})
	if err != nil {
		t.Fatal(err)
	}
	if a.Version() == b.Version() {
		t.Errorf("band 0.05 and 0.1 share version %q", a.Version())
	}
}
