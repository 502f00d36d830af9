package scorecard

// Result is one conversation graded on one scorecard.
type Result struct {
	ScorecardID string `json:"scorecard_id"`
	// ScorecardVersion is the scorecard's Version(): its declared version
	// and a hash of the file.
	ScorecardVersion string `json:"scorecard_version"`
	// Total is 0–100 after weights and N/A criteria, rounded to 0.1; 0
	// when AutoFailed; 100 when NA.
	Total      float64 `json:"total"`
	AutoFailed bool    `json:"auto_failed"`
	// AutoFailedBy names the auto-fail criteria that failed.
	AutoFailedBy []string `json:"auto_failed_by,omitempty"`
	// NA is true when no criterion applied at all: Total is then 100 and
	// every section is NA, and averages should leave the conversation out.
	NA       bool              `json:"na,omitempty"`
	Sections []SectionResult   `json:"sections"`
	Criteria []CriterionResult `json:"criteria"`

	// ruleBuf backs every criterion's Rules, for GradeInto to reuse.
	ruleBuf []string
}

// SectionResult is one section's score.
type SectionResult struct {
	ID    string `json:"id"`
	Title string `json:"title,omitempty"`
	// Weight is the section's weight in the total.
	Weight float64 `json:"weight"`
	// Earned and Max are the points of the section's criteria: earned,
	// and possible over the applicable ones.
	Earned float64 `json:"earned"`
	Max    float64 `json:"max"`
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
	// Weight is the criterion's weight within its section.
	Weight float64 `json:"weight"`
	// Earned are the points earned; Max the points possible, 0 when the
	// criterion did not apply.
	Earned   float64 `json:"earned"`
	Max      float64 `json:"max"`
	Status   string  `json:"status"` // pass, fail or na
	AutoFail bool    `json:"auto_fail,omitempty"`
	// Rules are the rule ids that decided the criterion: the failed ones
	// of a failed criterion, the passed ones of a passed one, all of them
	// when it is N/A.
	Rules []string `json:"rules,omitempty"`
}
