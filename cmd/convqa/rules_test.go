package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/convqa/convqa/scoring/backtest"
	"github.com/convqa/convqa/scoring/rules/pack"
)

// changedPack writes the built-in pack to a directory with one edit: the
// forbidden-promise rule loses its negation guard, so "不能保证" and "I can't
// guarantee" start to count as promises.
func changedPack(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	names, err := pack.RuleFiles(pack.FS)
	if err != nil {
		t.Fatal(err)
	}
	edited := false
	for _, n := range names {
		b, err := pack.FS.ReadFile(n)
		if err != nil {
			t.Fatal(err)
		}
		s := string(b)
		if n == "compliance.yaml" {
			s = strings.Replace(s, "      negation_guard: true", "      negation_guard: false", 1)
			edited = s != string(b)
		}
		if err := os.WriteFile(filepath.Join(dir, n), []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if !edited {
		t.Fatal("compliance.yaml has no negation_guard: true to turn off")
	}
	return dir
}

func TestRulesCheckAndList(t *testing.T) {
	stdout, _, err := runCLI(t, "rules", "check")
	if err != nil || !strings.Contains(stdout, "built-in pack: 42 rules") {
		t.Fatalf("check: %v %q", err, stdout)
	}
	bad := filepath.Join(t.TempDir(), "bad.yaml")
	if err := os.WriteFile(bad, []byte("version: \"1\"\nrules:\n  - id: x\n    kind: violation\n    severity: loud\n    when: {keywords: {any: [a]}}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, _, err := runCLI(t, "rules", "check", bad); err == nil || !strings.Contains(err.Error(), "bad.yaml:5") {
		t.Errorf("check of a bad file: error %v, want it to name bad.yaml:5", err)
	}
	stdout, _, err = runCLI(t, "rules", "list")
	if err != nil || !strings.Contains(stdout, "forbidden_promise") || !strings.Contains(stdout, "compliance.yaml:") {
		t.Errorf("list: %v\n%s", err, stdout)
	}
}

// TestRulesTestOnAFile: the backtest over generated conversations with the
// generator's truth as labels shows the edit adding hits on negated
// promises, and precision falling while recall stays.
func TestRulesTestOnAFile(t *testing.T) {
	in, _ := genFile(t, 400)
	truth := strings.TrimSuffix(in, ".jsonl") + ".truth.jsonl"
	stdout, stderr, err := runCLI(t, "rules", "test", "--rules", changedPack(t), "--input", in, "--labels", truth, "--json")
	if err != nil {
		t.Fatalf("rules test: %v\n%s", err, stderr)
	}
	var r backtest.Report
	if err := json.Unmarshal([]byte(stdout), &r); err != nil {
		t.Fatalf("%v\n%s", err, stdout)
	}
	if r.Conversations != 400 || r.Labelled != 400 {
		t.Fatalf("conversations %d labelled %d", r.Conversations, r.Labelled)
	}
	changed := 0
	for _, d := range r.Rules {
		if !d.Changed() {
			continue
		}
		changed++
		if d.RuleID != "forbidden_promise" {
			t.Errorf("rule %s changed: %+v", d.RuleID, d)
			continue
		}
		if d.HitsAdded == 0 || d.HitsRemoved != 0 || d.NewFail <= d.OldFail {
			t.Errorf("forbidden_promise diff %+v", d)
		}
		po, _ := d.Old.Precision()
		pn, _ := d.New.Precision()
		ro, _ := d.Old.Recall()
		rn, _ := d.New.Recall()
		if !(pn < po) || rn < ro {
			t.Errorf("precision %.2f → %.2f, recall %.2f → %.2f: want precision down, recall kept", po, pn, ro, rn)
		}
		if len(d.Examples) == 0 || len(d.Examples[0].Added) == 0 {
			t.Fatalf("no example: %+v", d.Examples)
		}
		e := d.Examples[0].Added[0]
		if runes := []rune(e.Utterance); e.End > len(runes) || string(runes[e.Start:e.End]) != e.Matched {
			t.Errorf("evidence span %d–%d of %q is not %q", e.Start, e.End, e.Utterance, e.Matched)
		}
	}
	if changed != 1 {
		t.Errorf("%d rules changed, want 1", changed)
	}
	if _, _, err := runCLI(t, "rules", "test", "--input", in); err == nil || !strings.Contains(err.Error(), "--rules is required") {
		t.Errorf("missing --rules: %v", err)
	}
}

// TestRulesTestOnClickHouse: the backtest reads stored conversations and
// the reviewers' verdicts from the reviews table.
func TestRulesTestOnClickHouse(t *testing.T) {
	conn, env := clickhouseEnv(t)
	if conn == nil {
		return
	}
	in, msgs := genFile(t, 200)
	_ = in
	for _, m := range msgs {
		storeRedacted(t, conn, m)
	}
	// A reviewer disagrees with a forbidden-promise hit on the first
	// conversation, and agrees with one on the second.
	ctx := context.Background()
	b, err := conn.PrepareBatch(ctx, `INSERT INTO reviews (tenant, conversation_id, review_id, target, rule_id, verdict, started_at, created_at, updated_at, version)`)
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now().UTC().Truncate(time.Second)
	for i, v := range []string{"disagree", "agree"} {
		m := msgs[i]
		if err := b.Append(m.Tenant, m.ConversationID, "r"+m.ConversationID, "rule_hit", "forbidden_promise", v, m.StartedAt.UTC(), now, now, uint64(1)); err != nil {
			t.Fatal(err)
		}
	}
	if err := b.Send(); err != nil {
		t.Fatal(err)
	}
	stdout, stderr, err := runEnv(t, ctx, env, "rules", "test", "--rules", changedPack(t), "--since", "2020-01-01", "--json", "--batch", "64")
	if err != nil {
		t.Fatalf("rules test: %v\n%s", err, stderr)
	}
	var r backtest.Report
	if err := json.Unmarshal([]byte(stdout), &r); err != nil {
		t.Fatalf("%v\n%s", err, stdout)
	}
	if r.Conversations != len(msgs) || r.Labelled != 2 {
		t.Fatalf("conversations %d (want %d), labelled %d (want 2)", r.Conversations, len(msgs), r.Labelled)
	}
	for _, d := range r.Rules {
		if d.RuleID == "forbidden_promise" && d.Old.Labelled() != 2 {
			t.Errorf("forbidden_promise verdicts %+v, want the 2 reviews", d.Old)
		}
	}
	// The same conversations from the file give the same diff.
	fileOut, _, err := runCLI(t, "rules", "test", "--rules", changedPack(t), "--input", in, "--json")
	if err != nil {
		t.Fatal(err)
	}
	var fr backtest.Report
	if err := json.Unmarshal([]byte(fileOut), &fr); err != nil {
		t.Fatal(err)
	}
	for i := range r.Rules {
		a, b := r.Rules[i], fr.Rules[i]
		if a.RuleID != b.RuleID || a.OldFail != b.OldFail || a.NewFail != b.NewFail || a.HitsAdded != b.HitsAdded {
			t.Errorf("stored and file disagree on %s: %+v vs %+v", a.RuleID, a, b)
		}
	}
}
