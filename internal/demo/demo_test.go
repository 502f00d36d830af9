package demo

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"regexp"
	"strconv"
	"testing"
	"time"

	"github.com/convqa/convqa/internal/config"
	"github.com/convqa/convqa/internal/testenv"
)

// The demo is the first thing a user runs: it must show the spike it
// injected, every malformed message in the DLQ, and redacted text.
func TestDemoIntegration(t *testing.T) {
	db := testenv.ClickHouse(t)
	var out bytes.Buffer
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	err := Run(ctx, Options{
		ClickHouse: config.ClickHouse{Addr: []string{db.Addr}, Database: db.Database, Username: "default", DialTimeout: 5 * time.Second},
		Days:       3, Seed: 7, Out: &out, Log: slog.New(slog.NewTextHandler(io.Discard, nil)),
	})
	if err != nil {
		t.Fatalf("demo: %v\n%s", err, out.String())
	}
	report := out.String()
	dlq := regexp.MustCompile(`sent to DLQ\s+(\d+) .*\(expected (\d+) malformed`).FindStringSubmatch(report)
	if dlq == nil || dlq[1] != dlq[2] || dlq[1] == "0" {
		t.Errorf("DLQ line wrong or missing: %v\n%s", dlq, report)
	}
	spike := regexp.MustCompile(`spike .*: ([0-9.]+)× \(injected: 4×\)`).FindStringSubmatch(report)
	if spike == nil {
		t.Fatalf("no spike line:\n%s", report)
	}
	if f, _ := strconv.ParseFloat(spike[1], 64); f < 2 {
		t.Errorf("the injected 4× shelf-life spike shows only as %.1f× in the stored data", f)
	}
	if !regexp.MustCompile(`\[(PHONE|EMAIL|CARD|ID)\]`).MatchString(report) {
		t.Errorf("the sample conversation shows no redaction:\n%s", report)
	}
	// Scoring: every closed conversation with turns graded once, the
	// distribution adds up, five worst with evidence, rules that fired.
	graded := regexp.MustCompile(`(\d+) conversations graded`).FindStringSubmatch(report)
	dist := regexp.MustCompile(`== QA scores[^\n]*\n  (\d+) conversations, mean score ([0-9.]+)`).FindStringSubmatch(report)
	if graded == nil || dist == nil || graded[1] != dist[1] || graded[1] == "0" {
		t.Fatalf("graded %v, distribution %v:\n%s", graded, dist, report)
	}
	sum := 0
	for _, m := range regexp.MustCompile(`(?m)^  (?:100|90–99|80–89|70–79|60–69|< 60|auto-fail \(0\))\s+(\d+)`).FindAllStringSubmatch(report, -1) {
		n, _ := strconv.Atoi(m[1])
		sum += n
	}
	if strconv.Itoa(sum) != dist[1] {
		t.Errorf("score bands add up to %d, not %s", sum, dist[1])
	}
	if n := len(regexp.MustCompile(`(?m)^  \S+  score [0-9.]+`).FindAllString(report, -1)); n != 5 {
		t.Errorf("%d worst conversations listed, want 5", n)
	}
	if !regexp.MustCompile(`(?m)^      \S+\s+(critical|major|minor|info)\s+turn \d+ (agent|customer|bot): "`).MatchString(report) {
		t.Errorf("no evidence under the worst conversations:\n%s", report)
	}
	if !regexp.MustCompile(`(?m)== rules that fired most[^\n]*\n[^\n]*\n  [a-z_]+\s+(critical|major|minor|info)\s+\d+`).MatchString(report) {
		t.Errorf("no rules-that-fired table:\n%s", report)
	}
}
