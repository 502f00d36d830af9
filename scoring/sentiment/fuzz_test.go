package sentiment

import (
	"bytes"
	"strings"
	"testing"
)

func FuzzLoadModel(f *testing.F) {
	f.Add([]byte(`{"format":"convqa.sentiment.model.v1","classes":["negative","positive"],"features":{"char_min":1,"char_max":3,"rules":true},"bias":[0,0],"weights":{"c:好":[-1,1],"r:score":[-2,2]}}`))
	f.Add([]byte(`{"format":"convqa.sentiment.model.v1","classes":["negative","neutral","positive"]}`))
	f.Add([]byte(`[]`))
	s := rulesScorer(f)
	f.Fuzz(func(t *testing.T, b []byte) {
		m, err := LoadModel(bytes.NewReader(b))
		if err != nil {
			return
		}
		ms, err := s.WithModel(m)
		if err != nil {
			t.Fatalf("a model that loads must build a scorer: %v", err)
		}
		r := ms.Score("服务很好 but slow")
		if r.Score < -1 || r.Score > 1 {
			t.Fatalf("score %v outside [-1, 1]", r.Score)
		}
	})
}

func FuzzScoreLine(f *testing.F) {
	f.Add([]byte("菜不错，但是送得太慢了"))
	f.Add([]byte(`{"text":"thanks for nothing","id":7}`))
	f.Add([]byte(`{"schema":"convqa.transcript.v1","kind":"conversation","conversation_id":"c1","tenant":"t","utterances":[{"seq":1,"speaker":"customer","text":"還沒送到！！","start_ms":0}]}`))
	f.Add([]byte(`{"schema":1}`))
	f.Add([]byte("\xff\xfe不好"))
	s := rulesScorer(f)
	opts := DefaultConversationOptions()
	f.Fuzz(func(t *testing.T, line []byte) {
		res, err := s.ScoreLine(line, opts)
		if err != nil {
			return
		}
		var rs []Result
		if res.Result != nil {
			rs = append(rs, *res.Result)
		}
		if res.Conversation != nil {
			for _, u := range res.Conversation.Utterances {
				rs = append(rs, u.Result)
			}
		}
		for _, r := range rs {
			if r.Score < -1 || r.Score > 1 {
				t.Fatalf("score %v outside [-1, 1]", r.Score)
			}
			for _, e := range r.Evidence {
				if e.Start < 0 || e.End < e.Start {
					t.Fatalf("evidence span [%d,%d)", e.Start, e.End)
				}
			}
		}
	})
}

func FuzzScore(f *testing.F) {
	for _, s := range []string{"不是不好", "ＧＲＥＡＴ！！！", "還沒到😡😡", "not not good", ":) :( -_-", "http://x.y @united 好"} {
		f.Add(s)
	}
	s := rulesScorer(f)
	f.Fuzz(func(t *testing.T, text string) {
		r := s.Score(text)
		if r.Score < -1 || r.Score > 1 {
			t.Fatalf("score %v outside [-1, 1]", r.Score)
		}
		for _, e := range r.Evidence {
			if e.Start < 0 || e.End > len(text) || e.Start > e.End || text[e.Start:e.End] != e.Text {
				t.Fatalf("evidence %+v does not point into %q", e, text)
			}
		}
		for _, em := range []float64{r.Emotions.Anger, r.Emotions.Anxiety, r.Emotions.Frustration, r.Emotions.Satisfaction} {
			if em < 0 || em > 1 {
				t.Fatalf("emotion %v outside [0, 1]", em)
			}
		}
	})
}

func FuzzParseLexicon(f *testing.F) {
	f.Add("好\tw\t2\n不\tneg\n非常\tdeg\t1.5\t\n气死\tw\t-3\tanger=0.9\n")
	f.Add("# comment\n\nx\tq\n")
	f.Fuzz(func(t *testing.T, file string) {
		es, err := ParseLexicon(strings.NewReader(file), "f.tsv")
		if err != nil {
			return
		}
		for _, e := range es {
			if e.Phrase == "" || e.Kind == 0 {
				t.Fatalf("entry %+v", e)
			}
		}
	})
}

func FuzzReadExamples(f *testing.F) {
	f.Add("label,text\n1,好\n0,差\n")
	f.Add("text,label\n\"a,b\",-1\n")
	f.Fuzz(func(t *testing.T, file string) {
		exs, err := ReadExamples(strings.NewReader(file), "f.csv")
		if err != nil {
			return
		}
		for _, ex := range exs {
			if ex.Label != Negative && ex.Label != Neutral && ex.Label != Positive {
				t.Fatalf("label %q", ex.Label)
			}
		}
	})
}
