package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// runSentimentCmd runs `convqa sentiment args…` with stdin.
func runSentimentCmd(t *testing.T, stdin string, args ...string) (string, error) {
	t.Helper()
	var out, errb bytes.Buffer
	a := &app{stdout: &out, stderr: &errb}
	cmd := newSentimentCmd(a)
	cmd.SetIn(strings.NewReader(stdin))
	cmd.SetOut(&out)
	cmd.SetErr(&errb)
	cmd.SetArgs(args)
	err := cmd.ExecuteContext(context.Background())
	return out.String(), err
}

func TestSentimentLines(t *testing.T) {
	in := strings.Join([]string{
		"菜不错，但是送得太慢了",
		`{"text":"thanks for nothing","id":"r1"}`,
		`{"schema":"convqa.transcript.v1","kind":"conversation","conversation_id":"c1","tenant":"t","utterances":[{"seq":1,"speaker":"customer","text":"還沒送到，急死了！！","start_ms":0},{"seq":2,"speaker":"agent","text":"马上为您催","start_ms":1000}]}`,
	}, "\n")
	out, err := runSentimentCmd(t, in)
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 3 {
		t.Fatalf("want 3 lines, got %d:\n%s", len(lines), out)
	}
	var first struct {
		Score    float64 `json:"score"`
		Label    string  `json:"label"`
		Emotions struct {
			Frustration float64 `json:"frustration"`
		} `json:"emotions"`
		Evidence []struct {
			Text  string `json:"text"`
			Start int    `json:"start"`
		} `json:"evidence"`
		Version string `json:"version"`
	}
	if err := json.Unmarshal([]byte(lines[0]), &first); err != nil {
		t.Fatal(err)
	}
	if first.Label != "negative" || len(first.Evidence) == 0 || !strings.HasPrefix(first.Version, "lex-") {
		t.Errorf("first line %s", lines[0])
	}
	if !strings.Contains(lines[1], `"id":"r1"`) || !strings.Contains(lines[1], `"label":"negative"`) {
		t.Errorf("second line %s", lines[1])
	}
	var conv struct {
		ID           string `json:"conversation_id"`
		Conversation struct {
			Escalation struct {
				Flag   bool   `json:"flag"`
				Reason string `json:"reason"`
			} `json:"escalation"`
			Utterances []json.RawMessage `json:"utterances"`
		} `json:"conversation"`
	}
	if err := json.Unmarshal([]byte(lines[2]), &conv); err != nil {
		t.Fatal(err)
	}
	if conv.ID != "c1" || len(conv.Conversation.Utterances) != 2 || !conv.Conversation.Escalation.Flag {
		t.Errorf("third line %s", lines[2])
	}
}

func TestSentimentBadLines(t *testing.T) {
	out, err := runSentimentCmd(t, "好\n{not json\n{\"x\":1}\n")
	if err == nil || !strings.Contains(err.Error(), "2 of 3 lines") {
		t.Errorf("error %v", err)
	}
	if !strings.Contains(out, `"line":2,"error"`) || !strings.Contains(out, `"line":3`) {
		t.Errorf("output:\n%s", out)
	}
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"--anger-threshold", "0"}, "flag --anger-threshold: sentiment.anger_threshold: 0 is out of range"},
		{[]string{"--human-requests", "x"}, "flag --human-requests"},
		{[]string{"--neutral-band", "2"}, "neutral band"},
		{[]string{"--model", "/nonexistent/m.json"}, "sentiment.model"},
	} {
		if _, err := runSentimentCmd(t, "", tt.args...); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%v: error %v, want %q", tt.args, err, tt.want)
		}
	}
}

func TestSentimentTrainAndScore(t *testing.T) {
	dir := t.TempDir()
	data := filepath.Join(dir, "labels.csv")
	var b strings.Builder
	b.WriteString("label,text\n")
	for i := range 10 {
		b.WriteString("positive,送得很快，客服很耐心 " + string(rune('a'+i)) + "\n")
		b.WriteString("negative,等了两个小时还没到，太差了 " + string(rune('a'+i)) + "\n")
	}
	if err := os.WriteFile(data, []byte(b.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	model := filepath.Join(dir, "model.json")
	out, err := runSentimentCmd(t, "", "train", "--data", data, "--out", model, "--seed", "3")
	if err != nil || !strings.Contains(out, "trained model-") {
		t.Fatalf("train: %v\n%s", err, out)
	}
	first, _ := os.ReadFile(model)
	if _, err := runSentimentCmd(t, "", "train", "--data", data, "--out", model, "--seed", "3"); err != nil {
		t.Fatal(err)
	}
	second, _ := os.ReadFile(model)
	if !bytes.Equal(first, second) {
		t.Error("the same data and seed gave a different model file")
	}
	out, err = runSentimentCmd(t, "客服很耐心\n", "--model", model)
	if err != nil || !strings.Contains(out, `"label":"positive"`) || !strings.Contains(out, "+model-") {
		t.Errorf("score with model: %v\n%s", err, out)
	}
	if _, err := runSentimentCmd(t, "", "train", "--data", data); err == nil || !strings.Contains(err.Error(), "--out") {
		t.Errorf("missing --out: %v", err)
	}
}
