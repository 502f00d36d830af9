package job

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/apache/arrow/go/v17/arrow"

	"github.com/convqa/convqa/internal/transcript"
	"github.com/convqa/convqa/scoring/qa"
	"github.com/convqa/convqa/scoring/rules"
	"github.com/convqa/convqa/scoring/scorecard"
	"github.com/convqa/convqa/scoring/sentiment"
)

// column returns the values of rec's column name as goColumn converts
// them for the insert.
func column(t *testing.T, rec arrow.Record, name string) any {
	t.Helper()
	idx := rec.Schema().FieldIndices(name)
	if len(idx) != 1 {
		t.Fatalf("record has no column %s", name)
	}
	v, err := goColumn(rec.Column(idx[0]))
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func TestResultRecordsMapEdgeCases(t *testing.T) {
	mem := checkedAllocator(t)
	start := time.Date(2024, 5, 1, 9, 0, 0, 0, time.UTC)
	bot := &transcript.Message{Tenant: "acme", ConversationID: "bot-only", StartedAt: &start, Channel: "bot"}
	angry := &transcript.Message{Tenant: "acme", ConversationID: "angry", StartedAt: &start,
		Agent: &transcript.Agent{ID: "a1", Team: "t"}, Product: &transcript.Product{SKU: "S", Category: "dairy"}, Queue: "q"}
	now := time.Date(2024, 6, 2, 3, 4, 5, 999, time.UTC)
	results := []scored{
		// No customer turn, no scored_at from the scorer, an N/A section.
		{msg: bot, res: &qa.Result{
			Scorecard: scorecard.Result{ScorecardID: "card", Total: 50,
				Sections: []scorecard.SectionResult{{ID: "a", Score: 50}, {ID: "b", NA: true}}},
			Sentiment: sentiment.Conversation{Speakers: map[transcript.Speaker]sentiment.SpeakerStats{
				transcript.SpeakerBot: {Utterances: 2, Mean: 0.5}}},
		}},
		// Escalated, angry, with hits; agent and bot means weighted by turns.
		{msg: angry, res: &qa.Result{ScoredAt: time.Date(2024, 6, 1, 0, 0, 0, 500, time.UTC), Violations: 1,
			Scorecard: scorecard.Result{ScorecardID: "card", AutoFailed: true, Criteria: []scorecard.CriterionResult{{ID: "x", Earned: 0, Max: 5}}},
			Hits: []rules.Hit{{RuleID: "r", Severity: rules.Critical, Violation: true, Detector: "card_number", Seq: 2, Start: 1, End: 20, Matched: "[CARD]"},
				{RuleID: "greet", Detector: "absent", Seq: -1}},
			Sentiment: sentiment.Conversation{
				Speakers: map[transcript.Speaker]sentiment.SpeakerStats{
					transcript.SpeakerCustomer: {Utterances: 3, Mean: -0.6, Min: -0.9},
					transcript.SpeakerAgent:    {Utterances: 1, Mean: 0.4},
					transcript.SpeakerBot:      {Utterances: 3, Mean: 0.0}},
				Trajectory: &sentiment.Trajectory{Opening: -0.2, Closing: -0.8},
				Emotions:   sentiment.EmotionPeaks{Anger: sentiment.Point{Seq: 4, Value: 0.9}},
				Escalation: sentiment.Escalation{Flag: true, Seq: 4, Reason: "anger"},
			},
		}},
	}
	hits, scores := resultRecords(mem, "v9", 77, now, results)
	defer hits.Release()
	defer scores.Release()

	want := map[string]string{
		"conversation_id":        "[bot-only angry]",
		"scorer_version":         "[v9 v9]",
		"section_ids":            "[[a] []]",
		"section_scores":         "[[50] []]",
		"criterion_ids":          "[[] [x]]",
		"criterion_max":          "[[] [5]]",
		"auto_failed":            "[0 1]",
		"sentiment_label":        "[neutral negative]",
		"customer_sentiment_avg": "[0 -0.6]",
		"customer_sentiment_min": "[0 -0.9]",
		"customer_sentiment_end": "[0 -0.8]",
		"agent_sentiment_avg":    "[0.5 0.1]",
		"anger_peak_seq":         "[-1 4]",
		"anxiety_peak_seq":       "[-1 -1]",
		"escalation":             "[0 1]",
		"escalation_seq":         "[-1 4]",
		"rule_hits":              "[0 2]",
		"violations":             "[0 1]",
		"agent_id":               "[ a1]",
		"product_category":       "[ dairy]",
		// DateTime columns go to clickhouse-go as Unix seconds.
		"scored_at": fmt.Sprint([]int64{time.Date(2024, 6, 2, 3, 4, 5, 0, time.UTC).Unix(), time.Date(2024, 6, 1, 0, 0, 0, 0, time.UTC).Unix()}),
		"version":   "[77 77]",
	}
	for col, w := range want {
		if got := fmt.Sprint(column(t, scores, col)); got != w {
			t.Errorf("scores.%s = %s, want %s", col, got, w)
		}
	}
	wantHits := map[string]string{
		"conversation_id": "[angry angry]",
		"utterance_seq":   "[2 -1]",
		"span_start":      "[1 0]",
		"span_end":        "[20 0]",
		"violation":       "[1 0]",
		"severity":        "[critical ]",
		"agent_team":      "[t t]",
		"started_at":      fmt.Sprint([]int64{start.Unix(), start.Unix()}),
	}
	for col, w := range wantHits {
		if got := fmt.Sprint(column(t, hits, col)); got != w {
			t.Errorf("rule_hits.%s = %s, want %s", col, got, w)
		}
	}
}

func TestCheckResultRefusesWhatCannotBeStored(t *testing.T) {
	m := &transcript.Message{Tenant: "acme", ConversationID: "c-1"}
	tests := []struct {
		name string
		res  *qa.Result
		want string
	}{
		{"no result", nil, "no result"},
		{"another conversation", &qa.Result{ConversationID: "c-2"}, `conversation "c-2"`},
		{"another tenant", &qa.Result{Tenant: "globex"}, `tenant "globex"`},
		{"another version", &qa.Result{ScorerVersion: "v2"}, `scorer version "v2" differs from the job's "v1"`},
		{"negative span", &qa.Result{Hits: []rules.Hit{{RuleID: "r", Seq: 1, Start: -1, End: 2}}}, "cannot be stored"},
		{"span backwards", &qa.Result{Hits: []rules.Hit{{RuleID: "r", Seq: 1, Start: 5, End: 2}}}, "cannot be stored"},
		{"seq below -1", &qa.Result{Hits: []rules.Hit{{RuleID: "r", Seq: -2}}}, "seq -2"},
	}
	for _, tt := range tests {
		err := checkResult(scored{msg: m, res: tt.res}, "v1")
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: got %v, want an error containing %q", tt.name, err, tt.want)
		}
	}
	if err := checkResult(scored{msg: m, res: &qa.Result{Tenant: "acme", ConversationID: "c-1", ScorerVersion: "v1",
		Hits: []rules.Hit{{Seq: -1}, {Seq: 3, Start: 0, End: 4}}}}, "v1"); err != nil {
		t.Errorf("a good result refused: %v", err)
	}
}

func TestOptionsValidate(t *testing.T) {
	may := time.Date(2024, 5, 1, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		opt  Options
		want string
	}{
		{Options{BatchSize: 5001}, "batch size 5001 is out of range (allowed: 1 to 5000)"},
		{Options{BatchSize: -1}, "batch size -1"},
		{Options{Rate: -1}, "rate -1 is out of range"},
		{Options{Since: may, Until: may}, "is not before until"},
		{Options{Tenants: []string{"a", ""}}, "empty tenant"},
		{Options{Workers: -2}, "workers -2"},
	}
	for _, tt := range tests {
		if err := tt.opt.Validate(); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%+v: got %v, want %q", tt.opt, err, tt.want)
		}
	}
	if err := (Options{}).Validate(); err != nil {
		t.Errorf("zero options: %v", err)
	}
	if _, err := New(nil, Options{}); err == nil {
		t.Error("New accepted a nil scorer")
	}
}
