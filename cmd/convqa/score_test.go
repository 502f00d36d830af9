package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ClickHouse/clickhouse-go/v2/lib/driver"

	"github.com/convqa/convqa/internal/pii"
	"github.com/convqa/convqa/internal/testenv"
	"github.com/convqa/convqa/internal/transcript"
)

var flagNow = time.Date(2024, 6, 15, 12, 30, 0, 0, time.UTC)

func TestParseTimeFlag(t *testing.T) {
	tests := []struct {
		in   string
		want time.Time
	}{
		{"", time.Time{}},
		{"now", flagNow},
		{"2024-05-01T08:00:00Z", time.Date(2024, 5, 1, 8, 0, 0, 0, time.UTC)},
		{"2024-05-01T08:00:00+08:00", time.Date(2024, 5, 1, 0, 0, 0, 0, time.UTC)},
		{"2024-05-01", time.Date(2024, 5, 1, 0, 0, 0, 0, time.UTC)},
		{"7d", flagNow.AddDate(0, 0, -7)},
		{"36h", flagNow.Add(-36 * time.Hour)},
		{"90m", flagNow.Add(-90 * time.Minute)},
		{"2w", flagNow.AddDate(0, 0, -14)},
		{"1d12h30m15s", flagNow.Add(-(36*time.Hour + 30*time.Minute + 15*time.Second))},
		{" 7d ", flagNow.AddDate(0, 0, -7)},
		{"0d", flagNow},
	}
	for _, tt := range tests {
		got, err := parseTimeFlag(tt.in, flagNow)
		if err != nil || !got.Equal(tt.want) {
			t.Errorf("parseTimeFlag(%q) = %v, %v; want %v", tt.in, got, err, tt.want)
		}
	}
	for in, want := range map[string]string{
		"7":                  "number 7 has no unit",
		"d7":                 "does not start with a number",
		"7y":                 `unknown unit 'y'`,
		"7天":                 `unknown unit '天'`,
		"-7d":                "does not start with a number",
		"2024-13-01":         "month out of range",
		"2024-05-01T25:00Z":  "hour out of range",
		"99999999999999999d": "more than a century",
		"36600d1s":           "more than a century",
		"yesterday":          "allowed: RFC 3339",
	} {
		_, err := parseTimeFlag(in, flagNow)
		if err == nil || !strings.Contains(err.Error(), want) || !strings.Contains(err.Error(), "allowed:") {
			t.Errorf("parseTimeFlag(%q): got %v, want an error with %q and what is allowed", in, err, want)
		}
	}
}

func FuzzParseTimeFlag(f *testing.F) {
	for _, s := range []string{"", "now", "7d", "1d12h", "2024-05-01", "2024-05-01T08:00:00Z", "9223372036854775807s", "1w1w1w", "5ms"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, err := parseTimeFlag(s, flagNow)
		if err != nil {
			if !strings.Contains(err.Error(), "allowed:") {
				t.Fatalf("error without what is allowed: %v", err)
			}
			return
		}
		if ago, aerr := parseAgo(strings.TrimSpace(s)); aerr == nil {
			// A time ago is never in the future nor more than a century back.
			if ago < 0 || ago > maxAgo || !got.Equal(flagNow.Add(-ago)) {
				t.Fatalf("%q: %v ago gives %v", s, ago, got)
			}
		}
		if !got.IsZero() && got.Location() != time.UTC {
			t.Fatalf("%q: %v is not UTC", s, got)
		}
	})
}

func TestScoreUsageErrors(t *testing.T) {
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"score", "--since", "yesterday"}, "usage: --since: \"yesterday\""},
		{[]string{"score", "--since", "1d", "--until", "2d"}, "is not before --until"},
		{[]string{"score", "--output", "x.jsonl"}, "--output goes with --input"},
		{[]string{"score", "--input", "-", "--backfill"}, "--input scores a file"},
		{[]string{"score", "--batch", "0"}, "flag --batch: scoring.batch_size: 0 is out of range (allowed: 1 to 5000)"},
		{[]string{"score", "--rate", "-1"}, "flag --rate: scoring.rescore_rate: -1 is out of range"},
		{[]string{"run", "--no-ingest", "--no-scoring"}, "nothing to run"},
		{[]string{"run", "--schedule", "often"}, "flag --schedule: scoring.schedule: \"often\""},
	} {
		_, _, err := runCLI(t, tt.args...)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("convqa %s: got %v, want an error containing %q", strings.Join(tt.args, " "), err, tt.want)
		}
	}
}

// scoredLine is what the tests read of a qa.Result.
type scoredLine struct {
	ConversationID string `json:"conversation_id"`
	ScorerVersion  string `json:"scorer_version"`
	Scorecard      struct {
		Total float64 `json:"total"`
	} `json:"scorecard"`
	Hits       []json.RawMessage `json:"hits"`
	Violations int               `json:"violations"`
}

// genFile writes n generated conversations to a file and returns its path
// and the decoded messages.
func genFile(t *testing.T, n int) (string, []*transcript.Message) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "in.jsonl")
	if _, stderr, err := runCLI(t, "gen", "--conversations", fmt.Sprint(n), "--out", path); err != nil {
		t.Fatalf("gen: %v\n%s", err, stderr)
	}
	var msgs []*transcript.Message
	for _, l := range lines(t, path) {
		m, err := transcript.Decode([]byte(l), transcript.Limits{})
		if err != nil {
			t.Fatal(err)
		}
		msgs = append(msgs, m)
	}
	return path, msgs
}

func TestScoreInputFile(t *testing.T) {
	in, msgs := genFile(t, 30)
	out := filepath.Join(t.TempDir(), "out.jsonl")
	_, stderr, err := runCLI(t, "score", "--input", in, "--output", out)
	if err != nil {
		t.Fatalf("score --input: %v\n%s", err, stderr)
	}
	got := lines(t, out)
	if len(got) != len(msgs) {
		t.Fatalf("%d results for %d conversations", len(got), len(msgs))
	}
	for i, l := range got {
		var r scoredLine
		if err := json.Unmarshal([]byte(l), &r); err != nil {
			t.Fatal(err)
		}
		if r.ConversationID != msgs[i].ConversationID || r.ScorerVersion == "" || r.Scorecard.Total < 0 || r.Scorecard.Total > 100 {
			t.Errorf("line %d: %+v", i+1, r)
		}
	}

	// A bad line is reported and fails the command, the others are scored.
	bad := filepath.Join(t.TempDir(), "bad.jsonl")
	data, _ := os.ReadFile(in)
	if err := os.WriteFile(bad, append([]byte("{not json\n"), data...), 0o600); err != nil {
		t.Fatal(err)
	}
	stdout, _, err := runCLI(t, "score", "--input", bad)
	if err == nil || !strings.Contains(err.Error(), "1 of 31 lines could not be scored") {
		t.Errorf("want the failed line counted, got %v", err)
	}
	if n := strings.Count(stdout, "\n"); n != 30 {
		t.Errorf("%d results on stdout, want 30", n)
	}
}

// storeRedacted stores m as ingest would: text redacted, one row per turn.
func storeRedacted(t *testing.T, conn driver.Conn, m *transcript.Message) {
	t.Helper()
	finder, err := pii.NewFinder()
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	var agentID, team, sku, category string
	if m.Agent != nil {
		agentID, team = m.Agent.ID, m.Agent.Team
	}
	if m.Product != nil {
		sku, category = m.Product.SKU, m.Product.Category
	}
	// Batches, not Exec with VALUES: that form hangs on ClickHouse 18.16.
	b, err := conn.PrepareBatch(ctx, `INSERT INTO conversations (tenant, conversation_id, channel, language, status, started_at,
		agent_id, agent_team, product_sku, product_category, queue, utterance_count, version)`)
	if err != nil {
		t.Fatal(err)
	}
	if err := b.Append(m.Tenant, m.ConversationID, string(m.Channel), string(m.Language), string(transcript.StatusClosed),
		m.StartedAt.UTC(), agentID, team, sku, category, m.Queue, uint32(len(m.Utterances)), uint64(1)); err != nil {
		t.Fatal(err)
	}
	if err := b.Send(); err != nil {
		t.Fatal(err)
	}
	b, err = conn.PrepareBatch(ctx, "INSERT INTO utterances (tenant, conversation_id, seq, speaker, text, start_ms, end_ms, started_at, version)")
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range m.Utterances {
		text, _ := finder.Redact(u.Text)
		if err := b.Append(m.Tenant, m.ConversationID, uint32(u.Seq), string(u.Speaker), text, u.StartMS, u.EndMS, m.StartedAt.UTC(), uint64(1)); err != nil {
			t.Fatal(err)
		}
	}
	if err := b.Send(); err != nil {
		t.Fatal(err)
	}
}

// clickhouseEnv migrates a database of the test's own and returns the
// environment that points the CLI at it.
func clickhouseEnv(t *testing.T) (driver.Conn, []string) {
	t.Helper()
	db := testenv.ClickHouse(t)
	if db == nil {
		return nil, nil
	}
	env := []string{"CONVQA_LOG_LEVEL=warn", "CONVQA_CLICKHOUSE_ADDR=" + db.Addr, "CONVQA_CLICKHOUSE_DATABASE=" + db.Database}
	if _, stderr, err := runEnv(t, context.Background(), env, "migrate"); err != nil {
		t.Fatalf("migrate: %v\n%s", err, stderr)
	}
	return db.Conn, env
}

func runEnv(t *testing.T, ctx context.Context, env []string, args ...string) (string, string, error) {
	t.Helper()
	var out, errb strings.Builder
	root := newRootCmd(&out, &errb, env)
	root.SetArgs(args)
	err := root.ExecuteContext(ctx)
	return out.String(), errb.String(), err
}

// The job on ClickHouse and --input on a file score with the same code:
// the same conversations get the same grades.
func TestScoreClickHouseAgreesWithInput(t *testing.T) {
	conn, env := clickhouseEnv(t)
	if conn == nil {
		return
	}
	in, msgs := genFile(t, 25)
	for _, m := range msgs {
		storeRedacted(t, conn, m)
	}
	stdout, stderr, err := runEnv(t, context.Background(), env, "score", "--batch", "7")
	if err != nil {
		t.Fatalf("score: %v\n%s", err, stderr)
	}
	if !strings.Contains(stdout, fmt.Sprintf("scored %d of %d conversation(s)", len(msgs), len(msgs))) {
		t.Fatalf("score printed %q", stdout)
	}
	stdout, _, err = runEnv(t, context.Background(), env, "score")
	if err != nil || !strings.Contains(stdout, "scored 0 of 0 conversation(s)") {
		t.Fatalf("second run: %q, %v; want nothing to do", stdout, err)
	}

	fileOut, _, err := runCLI(t, "score", "--input", in)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]scoredLine{}
	for _, l := range strings.Split(strings.TrimSpace(fileOut), "\n") {
		var r scoredLine
		if err := json.Unmarshal([]byte(l), &r); err != nil {
			t.Fatal(err)
		}
		want[r.ConversationID] = r
	}
	rows, err := conn.Query(context.Background(), "SELECT conversation_id, scorer_version, total, rule_hits, violations FROM scores FINAL WHERE tenant = ?", msgs[0].Tenant)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	n := 0
	for rows.Next() {
		var id, version string
		var total float32
		var hits, violations uint32
		if err := rows.Scan(&id, &version, &total, &hits, &violations); err != nil {
			t.Fatal(err)
		}
		n++
		w, ok := want[id]
		switch {
		case !ok:
			t.Errorf("%s scored in ClickHouse but not in the file", id)
		case version != w.ScorerVersion || total != float32(w.Scorecard.Total) || int(hits) != len(w.Hits) || int(violations) != w.Violations:
			t.Errorf("%s: ClickHouse %s total %v hits %d violations %d; file %s total %v hits %d violations %d",
				id, version, total, hits, violations, w.ScorerVersion, w.Scorecard.Total, len(w.Hits), w.Violations)
		}
	}
	if n != len(msgs) {
		t.Errorf("%d scores rows, want %d", n, len(msgs))
	}
}

func TestScoreInputFromStdin(t *testing.T) {
	in, msgs := genFile(t, 3)
	data, err := os.ReadFile(in)
	if err != nil {
		t.Fatal(err)
	}
	var out, errb strings.Builder
	root := newRootCmd(&out, &errb, []string{"CONVQA_LOG_LEVEL=warn"})
	root.SetIn(strings.NewReader(string(data)))
	root.SetArgs([]string{"score", "--input", "-", "--output", "-"})
	if err := root.ExecuteContext(context.Background()); err != nil {
		t.Fatalf("score --input -: %v\n%s", err, errb.String())
	}
	got := strings.Split(strings.TrimSpace(out.String()), "\n")
	if len(got) != len(msgs) {
		t.Fatalf("%d results for %d conversations on stdin", len(got), len(msgs))
	}
	for i, l := range got {
		var r scoredLine
		if err := json.Unmarshal([]byte(l), &r); err != nil || r.ConversationID != msgs[i].ConversationID {
			t.Errorf("line %d: %v %+v", i+1, err, r)
		}
	}
}
