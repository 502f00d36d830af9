package sentiment

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"testing"
)

// trainingSet is a small hand-written set in the three classes.
func trainingSet() []Example {
	var out []Example
	pos := []string{"送得很快，味道不错", "客服态度很好，问题解决了", "great service, thanks", "包装完好，很满意", "fast delivery, love it", "菜很新鲜，下次还点"}
	neg := []string{"等了两个小时还没送到", "客服爱答不理，太差了", "worst airline ever", "送错了，我要投诉", "flight delayed again", "包装破了，汤洒了"}
	neu := []string{"订单号是多少", "请问几点发货", "what time is the flight", "我在公司", "the flight leaves at 9", "好的我看一下"}
	for i := range 3 {
		for _, t := range pos {
			out = append(out, Example{Text: fmt.Sprintf("%s %d", t, i), Label: Positive})
		}
		for _, t := range neg {
			out = append(out, Example{Text: fmt.Sprintf("%s %d", t, i), Label: Negative})
		}
		for _, t := range neu {
			out = append(out, Example{Text: fmt.Sprintf("%s %d", t, i), Label: Neutral})
		}
	}
	return out
}

func TestTrainDeterministic(t *testing.T) {
	s := rulesScorer(t)
	var files [2]bytes.Buffer
	for i := range files {
		m, err := Train(context.Background(), s, trainingSet(), TrainOptions{Seed: 3, Balance: true})
		if err != nil {
			t.Fatal(err)
		}
		if err := m.Save(&files[i]); err != nil {
			t.Fatal(err)
		}
	}
	if !bytes.Equal(files[0].Bytes(), files[1].Bytes()) {
		t.Fatal("two trainings with the same data and seed gave different model files")
	}
	m, err := LoadModel(bytes.NewReader(files[0].Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Classes) != 3 {
		t.Errorf("classes %v, want all three", m.Classes)
	}
	ms, err := s.WithModel(m)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(ms.Version(), "+model-") {
		t.Errorf("version %q does not name the model", ms.Version())
	}
	right := 0
	for _, ex := range trainingSet() {
		r := ms.Score(ex.Text)
		if r.Label == ex.Label {
			right++
		}
		if r.Score < -1 || r.Score > 1 {
			t.Errorf("%q: score %v", ex.Text, r.Score)
		}
	}
	if right < len(trainingSet())*9/10 {
		t.Errorf("the model gets %d of %d training examples right", right, len(trainingSet()))
	}
	r := ms.Score("客服态度很好，问题解决了")
	if !hasRule(r, "model") {
		t.Errorf("no model evidence: %+v", r.Evidence)
	}
}

func TestTrainErrors(t *testing.T) {
	s := rulesScorer(t)
	ctx := context.Background()
	if _, err := Train(ctx, s, []Example{{"好", Positive}}, TrainOptions{}); err == nil {
		t.Error("one class: no error")
	}
	if _, err := Train(ctx, s, []Example{{"好", Positive}, {"差", "bad"}}, TrainOptions{}); err == nil || !strings.Contains(err.Error(), "example 2") {
		t.Errorf("bad label: error %v", err)
	}
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := Train(cctx, s, trainingSet(), TrainOptions{}); err == nil {
		t.Error("cancelled context: no error")
	}
}

func TestLoadModelErrors(t *testing.T) {
	for _, tt := range []struct{ file, want string }{
		{`not json`, "not valid JSON"},
		{`{"format":"x"}`, "model format"},
		{`{"format":"convqa.sentiment.model.v1","classes":["negative"]}`, "must include negative and positive"},
		{`{"format":"convqa.sentiment.model.v1","classes":["negative","happy"]}`, "class \"happy\""},
		{`{"format":"convqa.sentiment.model.v1","classes":["negative","positive"],"features":{"char_min":1,"char_max":3},"bias":[0]}`, "bias"},
		{`{"format":"convqa.sentiment.model.v1","classes":["negative","positive"],"features":{"char_min":1,"char_max":3},"bias":[0,0],"weights":{"c:好":[1]}}`, "weight \"c:好\""},
		{`{"format":"convqa.sentiment.model.v1","classes":["negative","positive"],"features":{"char_min":0,"char_max":3},"bias":[0,0]}`, "char n-grams"},
	} {
		if _, err := LoadModel(strings.NewReader(tt.file)); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: error %v, want %q", tt.file, err, tt.want)
		}
	}
}

func TestReadExamples(t *testing.T) {
	exs, err := ReadExamples(strings.NewReader("label,text\n1,好\n0,差\n"), "a.csv")
	if err != nil || len(exs) != 2 || exs[1].Label != Negative {
		t.Errorf("binary: %v %+v", err, exs)
	}
	exs, err = ReadExamples(strings.NewReader("text,label\n好,1\n一般,0\n差,-1\n"), "b.csv")
	if err != nil || len(exs) != 3 || exs[1].Label != Neutral || exs[2].Label != Negative {
		t.Errorf("-1/0/1: %v %+v", err, exs)
	}
	for _, tt := range []struct{ file, want string }{
		{"", "empty file"},
		{"a,b\n1,2\n", "needs a label column"},
		{"label,text\nmaybe,好\n", "c.csv:2"},
	} {
		if _, err := ReadExamples(strings.NewReader(tt.file), "c.csv"); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%q: error %v, want %q", tt.file, err, tt.want)
		}
	}
}

// TestTrainOptionsVariants: NB scaling, dropout and length weighting each
// still learn the small set, stay deterministic, and change the model.
func TestTrainOptionsVariants(t *testing.T) {
	s := rulesScorer(t)
	ctx := context.Background()
	base, err := Train(ctx, s, trainingSet(), TrainOptions{Seed: 3, Balance: true})
	if err != nil {
		t.Fatal(err)
	}
	mean := DefaultFeatures()
	mean.LengthPow = 1
	for name, o := range map[string]TrainOptions{
		"nb":        {Seed: 3, Balance: true, NB: true},
		"dropout":   {Seed: 3, Balance: true, Dropout: 0.5},
		"lengthpow": {Seed: 3, Balance: true, Features: &mean},
	} {
		t.Run(name, func(t *testing.T) {
			var files [2]bytes.Buffer
			for i := range files {
				m, err := Train(ctx, s, trainingSet(), o)
				if err != nil {
					t.Fatal(err)
				}
				if err := m.Save(&files[i]); err != nil {
					t.Fatal(err)
				}
			}
			if !bytes.Equal(files[0].Bytes(), files[1].Bytes()) {
				t.Fatal("same options and seed gave different models")
			}
			m, err := LoadModel(bytes.NewReader(files[0].Bytes()))
			if err != nil {
				t.Fatal(err)
			}
			if m.Version() == base.Version() {
				t.Error("the option did not change the model")
			}
			ms, err := s.WithModel(m)
			if err != nil {
				t.Fatal(err)
			}
			right := 0
			for _, ex := range trainingSet() {
				if ms.Score(ex.Text).Label == ex.Label {
					right++
				}
			}
			if right < len(trainingSet())*9/10 {
				t.Errorf("%d of %d training examples right", right, len(trainingSet()))
			}
		})
	}
	bad := DefaultFeatures()
	bad.LengthPow = 2
	for _, o := range []TrainOptions{{Dropout: 1}, {Dropout: -0.1}, {Features: &bad}} {
		if _, err := Train(ctx, s, trainingSet(), o); err == nil {
			t.Errorf("options %+v: no error", o)
		}
	}
}

// TestPresets: the calibrated preset learns rule weights only; the
// in-domain one learns n-grams too; both learn the small set.
func TestPresets(t *testing.T) {
	s := rulesScorer(t)
	for name, o := range map[string]TrainOptions{"in-domain": InDomainOptions(), "calibrate": CalibrateOptions()} {
		t.Run(name, func(t *testing.T) {
			o.Seed = 3
			m, err := Train(context.Background(), s, trainingSet(), o)
			if err != nil {
				t.Fatal(err)
			}
			text := 0
			for name := range m.Weights {
				if !strings.HasPrefix(name, "r:") {
					text++
				}
			}
			if o.Features.RulesOnly && text != 0 {
				t.Errorf("calibrated model has %d text features", text)
			}
			if !o.Features.RulesOnly && text == 0 {
				t.Error("in-domain model has no text features")
			}
			ms, err := s.WithModel(m)
			if err != nil {
				t.Fatal(err)
			}
			right := 0
			for _, ex := range trainingSet() {
				if ms.Score(ex.Text).Label == ex.Label {
					right++
				}
			}
			// The rules alone cannot tell all the neutral questions apart;
			// two thirds is what they reach on this set.
			if want := len(trainingSet()) * 2 / 3; right < want {
				t.Errorf("%d of %d training examples right, want ≥ %d", right, len(trainingSet()), want)
			}
		})
	}
	bad := DefaultFeatures()
	bad.Rules, bad.RulesOnly = false, true
	if _, err := Train(context.Background(), s, trainingSet(), TrainOptions{Features: &bad}); err == nil {
		t.Error("rules_only without rules: no error")
	}
}
