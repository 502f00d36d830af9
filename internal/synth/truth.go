package synth

import "time"

// Truth is the ground truth of one generated conversation: what the
// generator meant it to contain, for evaluating scoring, topics, PII
// redaction and the DLQ. One Truth is one line of the truth JSONL file.
//
// Offsets (Span.Start, Span.End) count runes (Unicode code points) of the
// utterance text, end exclusive: text[Start:End] in []rune(text).
type Truth struct {
	ConversationID string    `json:"conversation_id"`
	Tenant         string    `json:"tenant"`
	StartedAt      time.Time `json:"started_at"`
	EndedAt        time.Time `json:"ended_at"`
	// Language is the base language: zh-Hans, zh-Hant or en.
	Language string `json:"language"`
	// DeclaredLanguage is what the message says: the base language, or
	// "auto" for some code-switched conversations.
	DeclaredLanguage string `json:"declared_language"`
	// Mixed marks code-switched conversations (English words in Chinese).
	Mixed bool `json:"mixed,omitempty"`
	// FullWidth marks conversations whose numbers use full-width digits.
	FullWidth bool   `json:"full_width,omitempty"`
	Channel   string `json:"channel"`
	// AgentKind is human, bot, or bot_then_human (a handoff).
	AgentKind    string `json:"agent_kind"`
	AgentID      string `json:"agent_id"`
	AgentQuality string `json:"agent_quality"` // good, average or poor
	// Intent is the main topic; Topics lists every true topic, the intent
	// first.
	Intent   string   `json:"intent"`
	Topics   []string `json:"topics"`
	SKU      string   `json:"sku"`
	Category string   `json:"category"`
	Batch    string   `json:"batch"`
	// Spike is the id of the injected spike that forced this conversation's
	// topic and product; empty when the conversation is baseline traffic
	// (baseline conversations on the same topic can fall in a spike window).
	Spike string `json:"spike,omitempty"`
	// PromotionDay is the name of the promotion whose day this is.
	PromotionDay string `json:"promotion_day,omitempty"`
	// Live conversations are sent as one utterance message per turn and a
	// closing conversation message; Messages counts the messages sent.
	Live     bool `json:"live,omitempty"`
	Messages int  `json:"messages"`
	// Malformed is the transcript failure class (as transcript.Decode
	// reports it) of the deliberately broken message this conversation was
	// sent as; empty for valid conversations. A malformed conversation is
	// sent as one conversation message.
	Malformed string `json:"malformed,omitempty"`

	Violations []Hit `json:"violations"`
	Tempting   []Hit `json:"tempting"`

	// Sentiment is the customer's overall label (negative, neutral,
	// positive): the mean of the turns' labels counted -1, 0, +1, beyond
	// ±0.2. SentimentStart and SentimentEnd are the first and last turns'.
	Sentiment      string `json:"sentiment"`
	SentimentStart string `json:"sentiment_start"`
	SentimentEnd   string `json:"sentiment_end"`
	// Trajectory is "<first>_to_<last>" of the customer's emotions: calm,
	// anxiety, anger, frustration or satisfaction.
	Trajectory string `json:"trajectory"`
	// Emotion holds the peaks; Escalation is expected when the customer
	// threatened a complaint, asked for a human and did not get one, or
	// anxiety reached 0.8 or anger 0.9.
	Emotion       EmotionPeaks   `json:"emotion"`
	Escalation    bool           `json:"escalation_expected"`
	CustomerTurns []CustomerTurn `json:"customer_turns"`
	CSAT          int            `json:"csat,omitempty"`
	PII           []Span         `json:"pii"`
	Lookalikes    []Span         `json:"lookalikes"`
}

// Hit places a rule (a violation) or a tempting non-violation at the
// utterance that breaks it or tempts a rule.
type Hit struct {
	ID  string `json:"id"`
	Seq int    `json:"seq"`
}

// Span is one piece of PII, or of a PII look-alike, inside an utterance.
type Span struct {
	Seq   int    `json:"seq"`
	Type  string `json:"type"`
	Start int    `json:"start"` // rune offset, inclusive
	End   int    `json:"end"`   // rune offset, exclusive
	Text  string `json:"text"`
}

// EmotionPeaks are the highest levels (0–1) of each emotion the customer
// shows, and where the strongest one peaks.
type EmotionPeaks struct {
	Anger        float64 `json:"anger"`
	Anxiety      float64 `json:"anxiety"`
	Frustration  float64 `json:"frustration"`
	Satisfaction float64 `json:"satisfaction"`
	Peak         string  `json:"peak,omitempty"`
	PeakSeq      int     `json:"peak_seq,omitempty"`
}

// CustomerTurn is the labelled state of the customer at one utterance.
type CustomerTurn struct {
	Seq       int     `json:"seq"`
	Sentiment string  `json:"sentiment"`
	Emotion   string  `json:"emotion"` // anger, anxiety, frustration, satisfaction or none
	Intensity float64 `json:"intensity"`
}

// SpikeReport describes one injected spike for the spikes file.
type SpikeReport struct {
	ID         string    `json:"id"`
	Tenant     string    `json:"tenant"`
	Topic      string    `json:"topic"`
	SKU        string    `json:"sku,omitempty"`
	Batch      string    `json:"batch,omitempty"`
	Start      time.Time `json:"start"`
	End        time.Time `json:"end"`
	Multiplier float64   `json:"multiplier"`
	// BaselineShare is the topic's (and SKU's) expected share of the
	// tenant's conversations outside the spike; SpikeShare inside it.
	BaselineShare float64 `json:"baseline_share"`
	SpikeShare    float64 `json:"spike_share"`
	// Injected counts conversations forced by the spike; Matching counts
	// every conversation in the window on the topic (and SKU), forced or
	// not, of Total conversations of the tenant in the window.
	Injected int `json:"injected"`
	Matching int `json:"matching"`
	Total    int `json:"total"`
}

// PromotionReport describes one promotion day for the spikes file.
type PromotionReport struct {
	Name       string    `json:"name"`
	Start      time.Time `json:"start"`
	End        time.Time `json:"end"`
	Multiplier float64   `json:"multiplier"`
	Total      int       `json:"total"`
}

// Events is the content of the spikes file: what a spike detector should
// find (spikes) and what it should not mistake for one (promotions, which
// raise all traffic alike).
type Events struct {
	Seed       uint64            `json:"seed"`
	Scenario   string            `json:"scenario"`
	Start      time.Time         `json:"start"`
	End        time.Time         `json:"end"`
	Spikes     []SpikeReport     `json:"spikes"`
	Promotions []PromotionReport `json:"promotions"`
}
