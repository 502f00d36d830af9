package sentiment

import "fmt"

// Label is the sentiment class of a score.
type Label string

// The three labels.
const (
	Negative Label = "negative"
	Neutral  Label = "neutral"
	Positive Label = "positive"
)

// Result is the sentiment and emotion of one utterance.
type Result struct {
	// Score is the sentiment in [-1, 1].
	Score float64 `json:"score"`
	// Label is negative, neutral or positive.
	Label Label `json:"label"`
	// Lang is the language textnorm guessed: zh-Hans, zh-Hant, en, mixed or "".
	Lang string `json:"lang,omitempty"`
	// Emotions are the utterance's emotion values.
	Emotions Emotions `json:"emotions"`
	// Evidence lists what moved the score, in text order.
	Evidence []Evidence `json:"evidence,omitempty"`
	// Cues list what raised an emotion, in text order.
	Cues []Cue `json:"emotion_cues,omitempty"`
}

// Emotions are values in [0, 1]; 0 means no sign of the emotion.
type Emotions struct {
	Anger        float64 `json:"anger"`
	Anxiety      float64 `json:"anxiety"`
	Frustration  float64 `json:"frustration"`
	Satisfaction float64 `json:"satisfaction"`
}

// Get returns the value of emotion e.
func (e Emotions) Get(em Emotion) float64 {
	switch em {
	case Anger:
		return e.Anger
	case Anxiety:
		return e.Anxiety
	case Frustration:
		return e.Frustration
	case Satisfaction:
		return e.Satisfaction
	}
	return 0
}

func (e *Emotions) set(em Emotion, v float64) {
	switch em {
	case Anger:
		e.Anger = v
	case Anxiety:
		e.Anxiety = v
	case Frustration:
		e.Frustration = v
	case Satisfaction:
		e.Satisfaction = v
	}
}

// Evidence is one thing that moved a score: a word, idiom, emoji, event,
// punctuation run, or a trained model's feature.
type Evidence struct {
	// Rule is lexicon, idiom, event (an expected event that did not
	// happen), emoji, exclamation, punctuation, or model.
	Rule string `json:"rule"`
	// Text is the evidence as written in the original text.
	Text string `json:"text"`
	// Start and End are byte offsets of Text in the original text.
	Start int `json:"start"`
	End   int `json:"end"`
	// Weight is the contribution to the raw sum before squashing, on the
	// −4…+4 valence scale (for rule "model": to the model's log-odds).
	Weight float64 `json:"weight"`
	// Mods are the rules that changed the entry's own valence into Weight.
	Mods []Mod `json:"mods,omitempty"`
}

// Mod is a rule applied to a piece of evidence.
type Mod struct {
	// Rule is negation, degree, contrast, concession, question or caps.
	Rule string `json:"rule"`
	// Text is the word that triggered the rule (不, very, 但是, ?), as
	// written in the original, with its byte span.
	Text  string `json:"text"`
	Start int    `json:"start"`
	End   int    `json:"end"`
	// Factor is what the rule multiplied the valence by (caps: what it added).
	Factor float64 `json:"factor"`
}

// Cue is one sign of an emotion.
type Cue struct {
	Emotion string  `json:"emotion"`
	Rule    string  `json:"rule"` // lexicon, emoji, punctuation, caps, sentiment, repeated_request
	Text    string  `json:"text,omitempty"`
	Start   int     `json:"start"`
	End     int     `json:"end"`
	Value   float64 `json:"value"`
}

// String gives a one-line summary for logs and tests.
func (r Result) String() string {
	return fmt.Sprintf("%s %+.3f anger=%.2f anxiety=%.2f frustration=%.2f satisfaction=%.2f",
		r.Label, r.Score, r.Emotions.Anger, r.Emotions.Anxiety, r.Emotions.Frustration, r.Emotions.Satisfaction)
}
