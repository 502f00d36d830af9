package eval

import (
	"context"
	"fmt"
	"io"
	"text/tabwriter"

	"github.com/convqa/convqa/internal/synth"
	"github.com/convqa/convqa/internal/transcript"
	"github.com/convqa/convqa/scoring/sentiment"
)

// EmotionConfig chooses the generated conversations and thresholds.
type EmotionConfig struct {
	Conversations int
	Seed          uint64
	// Threshold: an utterance shows an emotion when its value is at least
	// this (default 0.5).
	Threshold float64
	// Conversation configures escalation.
	Conversation sentiment.ConversationOptions
}

// PR counts a detector's hits against a truth.
type PR struct{ TP, FP, FN int }

func (p *PR) add(truth, pred bool) {
	switch {
	case truth && pred:
		p.TP++
	case pred:
		p.FP++
	case truth:
		p.FN++
	}
}

// Precision is TP / (TP + FP), or 0 with no predictions.
func (p PR) Precision() float64 { return ratio(p.TP, p.TP+p.FP) }

// Recall is TP / (TP + FN), or 0 with no truth.
func (p PR) Recall() float64 { return ratio(p.TP, p.TP+p.FN) }

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// EmotionReport is the outcome of EvaluateEmotion.
type EmotionReport struct {
	Config        EmotionConfig
	Turns         int
	Emotions      [4]PR // by sentiment.Emotion
	Escalation    PR
	Conversations int
	Sentiment     Scores // customer turns' 3-way sentiment against the truth's
}

// EvaluateEmotion generates conversations and compares the scorer's
// emotions (per customer turn, thresholded) and escalation flag (per
// conversation) with the generator's truth.
func EvaluateEmotion(ctx context.Context, s *sentiment.Scorer, cfg EmotionConfig) (*EmotionReport, error) {
	if cfg.Conversations <= 0 {
		return nil, fmt.Errorf("conversations must be > 0, got %d", cfg.Conversations)
	}
	if cfg.Threshold == 0 {
		cfg.Threshold = 0.5
	}
	if cfg.Conversation == (sentiment.ConversationOptions{}) {
		cfg.Conversation = sentiment.DefaultConversationOptions()
	}
	if err := cfg.Conversation.Validate(); err != nil {
		return nil, err
	}
	sc := synth.DefaultScenario()
	sc.Conversations = cfg.Conversations
	sc.LiveShare, sc.MalformedShare = 0, 0
	g, err := synth.New(synth.Options{Scenario: sc, Seed: cfg.Seed})
	if err != nil {
		return nil, fmt.Errorf("generate conversations for the emotion evaluation: %w", err)
	}
	r := &EmotionReport{Config: cfg}
	var truthL, predL []sentiment.Label
	sink := synth.Paired(func(t *synth.Truth, m *transcript.Message) error {
		c := s.AnalyzeConversation(m.Utterances, cfg.Conversation)
		r.Conversations++
		r.Escalation.add(t.Escalation, c.Escalation.Flag)
		bySeq := map[int]sentiment.UtteranceResult{}
		for _, u := range c.Utterances {
			bySeq[u.Seq] = u
		}
		for _, ct := range t.CustomerTurns {
			u, ok := bySeq[ct.Seq]
			if !ok {
				continue
			}
			r.Turns++
			for em := range r.Emotions {
				name := sentiment.Emotion(em).String()
				r.Emotions[em].add(ct.Emotion == name, u.Emotions.Get(sentiment.Emotion(em)) >= cfg.Threshold)
			}
			truthL = append(truthL, sentiment.Label(ct.Sentiment))
			predL = append(predL, u.Label)
		}
		return nil
	})
	if _, err := g.Run(ctx, sink); err != nil {
		return nil, fmt.Errorf("generate conversations for the emotion evaluation: %w", err)
	}
	r.Sentiment = Score(truthL, predL, []sentiment.Label{sentiment.Negative, sentiment.Neutral, sentiment.Positive})
	return r, nil
}

// Write prints precision and recall per emotion and for escalation.
func (r *EmotionReport) Write(w io.Writer) error {
	fmt.Fprintf(w, "== emotion against the generator's truth (%d conversations, seed %d, %d customer turns, threshold %.2f; escalation at anger ≥ %.2f or anxiety ≥ %.2f or %d requests for a human)\n",
		r.Conversations, r.Config.Seed, r.Turns, r.Config.Threshold, r.Config.Conversation.AngerThreshold, r.Config.Conversation.AnxietyThreshold, r.Config.Conversation.HumanRequests)
	tw := tabwriter.NewWriter(w, 2, 8, 2, ' ', tabwriter.AlignRight|tabwriter.Debug)
	fmt.Fprintln(tw, "what\ttruth\tpredicted\tprecision\trecall\t")
	for em, p := range r.Emotions {
		fmt.Fprintf(tw, "%s (per turn)\t%d\t%d\t%.3f\t%.3f\t\n", sentiment.Emotion(em), p.TP+p.FN, p.TP+p.FP, p.Precision(), p.Recall())
	}
	p := r.Escalation
	fmt.Fprintf(tw, "escalation (per conversation)\t%d\t%d\t%.3f\t%.3f\t\n", p.TP+p.FN, p.TP+p.FP, p.Precision(), p.Recall())
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(w, "customer-turn sentiment (3-way) against the truth: accuracy %.3f, macro-F1 %.3f\n", r.Sentiment.Accuracy, r.Sentiment.MacroF1)
	return nil
}
