package sentiment

import (
	"fmt"
	"math"

	"github.com/convqa/convqa/internal/transcript"
)

// ConversationOptions configure AnalyzeConversation.
type ConversationOptions struct {
	// AngerThreshold: the customer's anger at or above it flags an
	// escalation (default 0.8; allowed (0, 1]).
	AngerThreshold float64
	// AnxietyThreshold: likewise for anxiety (default 0.8).
	AnxietyThreshold float64
	// HumanRequests: asking for a human this many times flags an
	// escalation (default 2; negative turns the rule off).
	HumanRequests int
}

// DefaultConversationOptions are the defaults documented above.
func DefaultConversationOptions() ConversationOptions {
	return ConversationOptions{AngerThreshold: 0.8, AnxietyThreshold: 0.8, HumanRequests: 2}
}

// Validate checks the thresholds.
func (o ConversationOptions) Validate() error {
	for _, v := range []struct {
		name string
		v    float64
	}{{"anger threshold", o.AngerThreshold}, {"anxiety threshold", o.AnxietyThreshold}} {
		if !(v.v > 0 && v.v <= 1) {
			return fmt.Errorf("sentiment: %s must be in (0, 1], got %v", v.name, v.v)
		}
	}
	return nil
}

// Conversation is the analysis of one conversation.
type Conversation struct {
	// Utterances are the per-utterance results, in transcript order.
	Utterances []UtteranceResult `json:"utterances"`
	// Speakers aggregates the utterances of each speaker role.
	Speakers map[transcript.Speaker]SpeakerStats `json:"speakers"`
	// Trajectory is the customer's opening third against closing third;
	// nil when the customer said nothing.
	Trajectory *Trajectory `json:"trajectory,omitempty"`
	// Lowest is the customer's most negative utterance; nil when the
	// customer said nothing.
	Lowest *Point `json:"lowest,omitempty"`
	// Emotions are the customer's emotion peaks.
	Emotions EmotionPeaks `json:"emotions"`
	// Repeats are things the agent asked for more than once.
	Repeats []Repeat `json:"repeated_requests,omitempty"`
	// Escalation says whether a human should take over, and why.
	Escalation Escalation `json:"escalation"`
}

// UtteranceResult is one utterance's result with its place in the transcript.
type UtteranceResult struct {
	Seq     int                `json:"seq"`
	Speaker transcript.Speaker `json:"speaker"`
	Result
}

// SpeakerStats aggregate one speaker role's utterances.
type SpeakerStats struct {
	Utterances int     `json:"utterances"`
	Mean       float64 `json:"mean"`
	Min        float64 `json:"min"`
	Max        float64 `json:"max"`
	Negative   int     `json:"negative"`
	Neutral    int     `json:"neutral"`
	Positive   int     `json:"positive"`
}

// Trajectory compares how the customer opened and closed.
type Trajectory struct {
	// Opening and Closing are the mean scores of the customer's first
	// and last third of utterances (at least one each).
	Opening float64 `json:"opening"`
	Closing float64 `json:"closing"`
	// Delta is Closing − Opening.
	Delta float64 `json:"delta"`
	// Direction is improved, worsened (|Delta| ≥ 0.2) or steady.
	Direction string `json:"direction"`
}

// Point is an utterance and its value.
type Point struct {
	Seq   int     `json:"seq"`
	Value float64 `json:"value"`
	Text  string  `json:"text,omitempty"`
}

// EmotionPeaks are the highest value of each emotion over the customer's
// utterances, where each peaks, and the strongest of them.
type EmotionPeaks struct {
	Anger        Point  `json:"anger"`
	Anxiety      Point  `json:"anxiety"`
	Frustration  Point  `json:"frustration"`
	Satisfaction Point  `json:"satisfaction"`
	Peak         string `json:"peak,omitempty"`
	PeakSeq      int    `json:"peak_seq,omitempty"`
}

// Escalation is the flag for the moment a human should take over.
type Escalation struct {
	Flag bool `json:"flag"`
	// Seq is the utterance where it first happened.
	Seq int `json:"seq,omitempty"`
	// Reason is anger, anxiety or human_requested.
	Reason string  `json:"reason,omitempty"`
	Value  float64 `json:"value,omitempty"`
}

// trajectoryStep is the change of mean score that counts as a direction.
const trajectoryStep = 0.2

// AnalyzeConversation scores every utterance of a conversation and
// aggregates them. System utterances are skipped.
func (s *Scorer) AnalyzeConversation(utts []transcript.Utterance, opts ConversationOptions) Conversation {
	c := Conversation{Speakers: map[transcript.Speaker]SpeakerStats{}}
	tracker := newRepeatTracker()
	var customer []int // indexes into c.Utterances
	humanAsks := 0
	for _, u := range utts {
		if u.Speaker == transcript.SpeakerSystem || u.Text == "" {
			continue
		}
		t := s.n.Normalize(u.Text)
		r := UtteranceResult{Seq: u.Seq, Speaker: u.Speaker, Result: s.ScoreText(&t)}
		switch u.Speaker {
		case transcript.SpeakerAgent, transcript.SpeakerBot:
			tracker.agent(&t, u.Seq, &c)
		case transcript.SpeakerCustomer:
			if v, rep := tracker.pending(); v > 0 {
				r.Cues = append(r.Cues, Cue{Emotion: Frustration.String(), Rule: "repeated_request", Text: rep, Value: v})
				r.Emotions.Frustration = round3(1 - (1-r.Emotions.Frustration)*(1-v))
			}
			if asksForHuman(t.Norm) {
				humanAsks++
				if opts.HumanRequests > 0 && humanAsks >= opts.HumanRequests && !c.Escalation.Flag {
					c.Escalation = Escalation{Flag: true, Seq: u.Seq, Reason: "human_requested", Value: float64(humanAsks)}
				}
			}
			customer = append(customer, len(c.Utterances))
			s.checkEscalation(&c, r, opts)
		}
		c.Utterances = append(c.Utterances, r)
	}
	for _, r := range c.Utterances {
		st := c.Speakers[r.Speaker]
		st.add(r.Score, r.Label)
		c.Speakers[r.Speaker] = st
	}
	for sp, st := range c.Speakers {
		st.Mean = round3(st.Mean / float64(st.Utterances))
		c.Speakers[sp] = st
	}
	if len(customer) > 0 {
		c.Trajectory = trajectory(c.Utterances, customer)
		low := c.Utterances[customer[0]]
		for _, i := range customer {
			r := c.Utterances[i]
			if r.Score < low.Score {
				low = r
			}
			c.Emotions.observe(r)
		}
		c.Lowest = &Point{Seq: low.Seq, Value: low.Score, Text: utteranceText(utts, low.Seq)}
		c.Emotions.finish()
	}
	return c
}

func (s *Scorer) checkEscalation(c *Conversation, r UtteranceResult, opts ConversationOptions) {
	if c.Escalation.Flag {
		return
	}
	switch {
	case r.Emotions.Anger >= opts.AngerThreshold:
		c.Escalation = Escalation{Flag: true, Seq: r.Seq, Reason: "anger", Value: r.Emotions.Anger}
	case r.Emotions.Anxiety >= opts.AnxietyThreshold:
		c.Escalation = Escalation{Flag: true, Seq: r.Seq, Reason: "anxiety", Value: r.Emotions.Anxiety}
	}
}

func (st *SpeakerStats) add(score float64, l Label) {
	if st.Utterances == 0 {
		st.Min, st.Max = score, score
	}
	st.Utterances++
	st.Mean += score // divided at the end
	st.Min = math.Min(st.Min, score)
	st.Max = math.Max(st.Max, score)
	switch l {
	case Negative:
		st.Negative++
	case Neutral:
		st.Neutral++
	case Positive:
		st.Positive++
	}
}

func trajectory(rs []UtteranceResult, customer []int) *Trajectory {
	third := max(1, len(customer)/3)
	mean := func(idx []int) float64 {
		var sum float64
		for _, i := range idx {
			sum += rs[i].Score
		}
		return sum / float64(len(idx))
	}
	tr := &Trajectory{Opening: round3(mean(customer[:third])), Closing: round3(mean(customer[len(customer)-third:]))}
	tr.Delta = round3(tr.Closing - tr.Opening)
	switch {
	case tr.Delta >= trajectoryStep:
		tr.Direction = "improved"
	case tr.Delta <= -trajectoryStep:
		tr.Direction = "worsened"
	default:
		tr.Direction = "steady"
	}
	return tr
}

func (e *EmotionPeaks) observe(r UtteranceResult) {
	for _, p := range []struct {
		dst *Point
		v   float64
	}{{&e.Anger, r.Emotions.Anger}, {&e.Anxiety, r.Emotions.Anxiety}, {&e.Frustration, r.Emotions.Frustration}, {&e.Satisfaction, r.Emotions.Satisfaction}} {
		if p.v > p.dst.Value {
			*p.dst = Point{Seq: r.Seq, Value: p.v}
		}
	}
}

func (e *EmotionPeaks) finish() {
	best := 0.0
	for i, p := range []Point{e.Anger, e.Anxiety, e.Frustration, e.Satisfaction} {
		if p.Value > best {
			best, e.Peak, e.PeakSeq = p.Value, Emotion(i).String(), p.Seq
		}
	}
}

func utteranceText(utts []transcript.Utterance, seq int) string {
	for _, u := range utts {
		if u.Seq == seq {
			return u.Text
		}
	}
	return ""
}
