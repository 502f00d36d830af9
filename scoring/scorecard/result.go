package scorecard

// Result is one conversation graded on one scorecard.
type Result struct {
	ScorecardID string `json:"scorecard_id"`
	// Total is 0–100 after weights and N/A criteria; 0 when AutoFailed.
	Total      float64 `json:"total"`
	AutoFailed bool    `json:"auto_failed"`
	// AutoFailedBy names the auto-fail criteria that failed.
	AutoFailedBy []string          `json:"auto_failed_by,omitempty"`
	Sections     []SectionResult   `json:"sections"`
	Criteria     []CriterionResult `json:"criteria"`
}

// SectionResult is one section's score.
type SectionResult struct {
	ID    string `json:"id"`
	Title string `json:"title,omitempty"`
	// Score is 0–100 over the section's applicable criteria.
	Score float64 `json:"score"`
	// NA is true when no criterion of the section applied (Score is then 0
	// and the section does not count toward the total).
	NA bool `json:"na,omitempty"`
}

// CriterionResult is one criterion's points.
type CriterionResult struct {
	ID      string `json:"id"`
	Section string `json:"section"`
	Title   string `json:"title,omitempty"`
	// Earned are the points earned; Max the points possible, 0 when the
	// criterion did not apply.
	Earned   float64 `json:"earned"`
	Max      float64 `json:"max"`
	Status   string  `json:"status"` // pass, fail or na
	AutoFail bool    `json:"auto_fail,omitempty"`
	// Rules are the rule ids that decided the criterion.
	Rules []string `json:"rules,omitempty"`
}
