package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
)

func runSentimentEval(t *testing.T, args ...string) (string, error) {
	t.Helper()
	cmd := newSentimentCmd()
	var out bytes.Buffer
	cmd.SetOut(&out)
	cmd.SetErr(&out)
	cmd.SetArgs(args)
	err := cmd.ExecuteContext(context.Background())
	return out.String(), err
}

func TestSentimentEvalFlags(t *testing.T) {
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"--folds", "1"}, "--folds must be ≥ 2"},
		{[]string{"--threshold", "0"}, "--threshold"},
		{[]string{"--data", "/nonexistent"}, "CONVQA_SHARED_DATA"},
		{[]string{"bench", "--seconds", "0"}, "--seconds"},
	} {
		if _, err := runSentimentEval(t, tt.args...); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%v: error %v, want %q", tt.args, err, tt.want)
		}
	}
}
