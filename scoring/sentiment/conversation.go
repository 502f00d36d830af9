package sentiment

import (
	"fmt"
	"math"
	"slices"

	"github.com/convqa/convqa/internal/textnorm"
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

	// ev, cues and mods back the utterances' Evidence, Cues and the
	// evidence's Mods, for AnalyzeConversationInto to reuse.
	ev   []Evidence
	cues []Cue
	mods []Mod
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
	return s.AnalyzeConversationNormalized(utts, nil, opts)
}

// AnalyzeConversationNormalized is AnalyzeConversation on utterances
// already normalized, for a caller that normalizes once for several
// scorers: texts[i] is s.Normalizer().Normalize(utts[i].Text) (or a
// Normalizer's with equal Options). The analysis is the same as
// AnalyzeConversation's. Texts of another length than utts are ignored,
// and the utterances normalized here.
func (s *Scorer) AnalyzeConversationNormalized(utts []transcript.Utterance, texts []textnorm.Text, opts ConversationOptions) Conversation {
	var c Conversation
	s.AnalyzeConversationInto(&c, utts, texts, opts)
	return c
}

// AnalyzeConversationInto is AnalyzeConversationNormalized for a caller
// that analyzes conversation after conversation and keeps their memory:
// it overwrites *c with the analysis, reusing the slices, map and
// pointers c holds from an earlier AnalyzeConversationInto. Nothing of
// the earlier analysis survives, and nothing of the new one is shared
// with any other Conversation: a caller hands c out only when it is done
// reusing it.
func (s *Scorer) AnalyzeConversationInto(c *Conversation, utts []transcript.Utterance, texts []textnorm.Text, opts ConversationOptions) {
	if len(texts) != len(utts) {
		texts = nil
	}
	n := 0
	for _, u := range utts {
		if u.Speaker != transcript.SpeakerSystem && u.Text != "" {
			n++
		}
	}
	traj, low := c.Trajectory, c.Lowest // set again only if the customer spoke
	*c = Conversation{
		// Never nil, as it never was: an empty analysis has [] utterances.
		Utterances: slices.Grow(c.Utterances[:0], max(n, 1)),
		Speakers:   c.Speakers,
		ev:         c.ev,
		cues:       c.cues,
		mods:       c.mods,
	}
	sc := s.pool.Get().(*scratch)
	defer s.pool.Put(sc)
	cs := s.convs.Get().(*convScratch)
	defer s.convs.Put(cs)
	cs.reset()
	var tracker repeatTracker
	humanAsks := 0
	for i, u := range utts {
		if u.Speaker == transcript.SpeakerSystem || u.Text == "" {
			continue
		}
		var t *textnorm.Text
		if texts != nil {
			t = &texts[i]
		} else {
			nt := s.n.Normalize(u.Text)
			t = &nt
		}
		// The evidence and cues of every utterance go into the
		// conversation's buffers, and out in one allocation each at the
		// end.
		sp := resultSpan{ev: int32(len(cs.ev)), cue: int32(len(cs.cues))}
		r := UtteranceResult{Seq: u.Seq, Speaker: u.Speaker, Result: s.score(t, sc, cs.ev, cs.cues)}
		cs.ev, cs.cues = adopt(cs.ev, r.Evidence), adopt(cs.cues, r.Cues)
		r.Evidence, r.Cues = nil, nil
		words := sc.words
		switch u.Speaker {
		case transcript.SpeakerAgent, transcript.SpeakerBot:
			tracker.agent(words, u.Seq, c)
		case transcript.SpeakerCustomer:
			if v, rep := tracker.pending(); v > 0 {
				cs.cues = append(cs.cues, Cue{Emotion: Frustration.String(), Rule: "repeated_request", Text: rep, Value: v})
				r.Emotions.Frustration = round3(1 - (1-r.Emotions.Frustration)*(1-v))
			}
			if words&flagHuman != 0 {
				humanAsks++
				if opts.HumanRequests > 0 && humanAsks >= opts.HumanRequests && !c.Escalation.Flag {
					c.Escalation = Escalation{Flag: true, Seq: u.Seq, Reason: "human_requested", Value: float64(humanAsks)}
				}
			}
			cs.customer = append(cs.customer, len(c.Utterances))
			s.checkEscalation(c, &r, opts)
		}
		sp.evEnd, sp.cueEnd = int32(len(cs.ev)), int32(len(cs.cues))
		cs.spans = append(cs.spans, sp)
		c.Utterances = append(c.Utterances, r)
	}
	cs.finish(c)
	sc.release() // the mods, copied out by finish
	c.Speakers = speakerStats(c.Speakers, c.Utterances)
	customer := cs.customer
	if len(customer) > 0 {
		if traj == nil {
			traj = new(Trajectory)
		}
		*traj = trajectory(c.Utterances, customer)
		c.Trajectory = traj
		lr := c.Utterances[customer[0]]
		for _, i := range customer {
			r := c.Utterances[i]
			if r.Score < lr.Score {
				lr = r
			}
			c.Emotions.observe(r)
		}
		if low == nil {
			low = new(Point)
		}
		*low = Point{Seq: lr.Seq, Value: lr.Score, Text: utteranceText(utts, lr.Seq)}
		c.Lowest = low
		c.Emotions.finish()
	}
}

// convScratch holds a conversation's evidence and cues while its
// utterances are scored.
type convScratch struct {
	ev       []Evidence
	cues     []Cue
	spans    []resultSpan // per utterance result
	customer []int        // the customer's, as indexes into Conversation.Utterances
}

// resultSpan is where one result's evidence and cues are in a
// convScratch.
type resultSpan struct{ ev, evEnd, cue, cueEnd int32 }

func (cs *convScratch) reset() {
	clear(cs.ev) // drop the last conversation's texts
	clear(cs.cues)
	cs.ev, cs.cues, cs.spans, cs.customer = cs.ev[:0], cs.cues[:0], cs.spans[:0], cs.customer[:0]
}

// finish gives each of c's results its evidence and cues, copied out of
// the buffers into one array each, c's own, and the evidence's mods one
// more. Every result gets a slice, empty or not, of exactly its length.
func (cs *convScratch) finish(c *Conversation) {
	// Never nil, so that no result's slice is nil either, as it never was.
	ev := append(slices.Grow(c.ev[:0], max(len(cs.ev), 1)), cs.ev...)
	c.mods = ownModsInto(ev, c.mods)
	cues := append(slices.Grow(c.cues[:0], max(len(cs.cues), 1)), cs.cues...)
	c.ev, c.cues = ev, cues
	rs := c.Utterances
	for i := range rs {
		sp := cs.spans[i]
		rs[i].Evidence = ev[sp.ev:sp.evEnd:sp.evEnd]
		rs[i].Cues = cues[sp.cue:sp.cueEnd:sp.cueEnd]
	}
}

// speakerStats aggregates the results of each speaker role.
func speakerStats(out map[transcript.Speaker]SpeakerStats, rs []UtteranceResult) map[transcript.Speaker]SpeakerStats {
	var roles [4]transcript.Speaker
	var stats [4]SpeakerStats
	k := 0
	var other map[transcript.Speaker]SpeakerStats // roles beyond four: never in practice
	for _, r := range rs {
		j := 0
		for j < k && roles[j] != r.Speaker {
			j++
		}
		if j == len(roles) {
			if other == nil {
				other = map[transcript.Speaker]SpeakerStats{}
			}
			st := other[r.Speaker]
			st.add(r.Score, r.Label)
			other[r.Speaker] = st
			continue
		}
		if j == k {
			roles[k] = r.Speaker
			k++
		}
		stats[j].add(r.Score, r.Label)
	}
	if out == nil {
		out = make(map[transcript.Speaker]SpeakerStats, k+len(other))
	}
	clear(out)
	for j := range k {
		st := stats[j]
		st.Mean = round3(st.Mean / float64(st.Utterances))
		out[roles[j]] = st
	}
	for sp, st := range other {
		st.Mean = round3(st.Mean / float64(st.Utterances))
		out[sp] = st
	}
	return out
}

func (s *Scorer) checkEscalation(c *Conversation, r *UtteranceResult, opts ConversationOptions) {
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

func trajectory(rs []UtteranceResult, customer []int) Trajectory {
	third := max(1, len(customer)/3)
	mean := func(idx []int) float64 {
		var sum float64
		for _, i := range idx {
			sum += rs[i].Score
		}
		return sum / float64(len(idx))
	}
	tr := Trajectory{Opening: round3(mean(customer[:third])), Closing: round3(mean(customer[len(customer)-third:]))}
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
