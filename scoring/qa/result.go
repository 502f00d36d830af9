// Package qa is the full scorer: sentiment and emotion, the compliance
// rules and the scorecard, behind one Score call that the scheduled job,
// `convqa score --input` and the rule backtest all use.
package qa

import (
	"time"

	"github.com/convqa/convqa/internal/transcript"
	"github.com/convqa/convqa/scoring/rules"
	"github.com/convqa/convqa/scoring/scorecard"
	"github.com/convqa/convqa/scoring/sentiment"
)

// Result is one conversation scored: what goes into one scores row and
// its rule_hits rows.
type Result struct {
	Tenant         string `json:"tenant"`
	ConversationID string `json:"conversation_id"`
	ScorerVersion  string `json:"scorer_version"`
	// Versions are the parts ScorerVersion hashes.
	Versions Versions  `json:"versions"`
	ScoredAt time.Time `json:"scored_at"`
	// Scorecard is the QA grade.
	Scorecard scorecard.Result `json:"scorecard"`
	// Outcomes are every rule's verdict, in rule-set order.
	Outcomes []rules.Outcome `json:"rules"`
	// Hits are the evidence of all outcomes, flattened, in (seq, start,
	// rule id) order; findings about the whole conversation (seq -1)
	// first. Spans index into the utterance text that was scored, which
	// is the stored text: redacted, never normalized.
	Hits []rules.Hit `json:"hits"`
	// Sentiment is the sentiment and emotion analysis.
	Sentiment sentiment.Conversation `json:"sentiment"`
	// Violations counts the hits that are breaches.
	Violations int `json:"violations"`

	// hitBuf backs the outcomes' hits, for ScoreInto to reuse.
	hitBuf []rules.Hit
}

// Scorer scores closed conversations. Implementations are safe for
// concurrent use.
type Scorer interface {
	// Version names the rules, scorecard and models: a new version
	// re-scores history, the same version leaves it as it is.
	Version() string
	// Score grades one closed conversation (a kind "conversation" message
	// with its utterances).
	Score(m *transcript.Message) (*Result, error)
}
