package rules

import "github.com/convqa/convqa/internal/transcript"

// Severity ranks how bad a breach is.
type Severity string

// The severities a rule may carry, mildest first.
const (
	Info     Severity = "info"
	Minor    Severity = "minor"
	Major    Severity = "major"
	Critical Severity = "critical"
)

// Kind says how a rule's condition turns into a verdict.
type Kind string

const (
	// Violation rules fail when their condition matches (a forbidden
	// promise was made); each match is a breach with its evidence.
	Violation Kind = "violation"
	// Requirement rules fail when their condition does not match (no
	// greeting in the first turns); the match, when there is one, is kept
	// as evidence that the requirement was met.
	Requirement Kind = "requirement"
)

// Status is a rule's verdict on one conversation.
type Status string

const (
	Pass Status = "pass"
	Fail Status = "fail"
	// NA: the rule's applies_when condition did not hold (no identity
	// check is owed when no account was discussed).
	NA Status = "na"
)

// Hit is one piece of evidence: which rule matched where, and what.
// It maps one to one onto a row of the rule_hits table.
type Hit struct {
	RuleID      string   `json:"rule_id"`
	RuleVersion string   `json:"rule_version"`
	Criterion   string   `json:"criterion,omitempty"`
	Severity    Severity `json:"severity"`
	// Violation is true for a breach, false for evidence that a
	// requirement was met.
	Violation bool `json:"violation"`
	// Detector names what matched: keywords, regex, card_number,
	// id_number, phone, email, first_response, silence,
	// repeated_question, ignored_human_request, or absent (a requirement
	// with nothing that met it).
	Detector string             `json:"detector"`
	Speaker  transcript.Speaker `json:"speaker,omitempty"`
	// Seq is the utterance holding the evidence; -1 for a finding about
	// the whole conversation (nothing met a requirement).
	Seq int `json:"seq"`
	// Start and End are character (rune, not byte) offsets into the
	// utterance's original text, End exclusive; both 0 when Seq is -1.
	Start int `json:"start"`
	End   int `json:"end"`
	// Matched is the original text of the span (never the normalized form).
	Matched string `json:"matched"`
}

// Outcome is one rule's verdict on one conversation with its evidence.
type Outcome struct {
	RuleID    string   `json:"rule_id"`
	Title     string   `json:"title,omitempty"`
	Criterion string   `json:"criterion,omitempty"`
	Severity  Severity `json:"severity"`
	Status    Status   `json:"status"`
	Hits      []Hit    `json:"hits,omitempty"`
}
