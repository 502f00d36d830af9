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
}
