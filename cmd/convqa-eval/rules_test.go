package main

import (
	"strings"
	"testing"
)

func TestRules(t *testing.T) {
	out, err := run(t, "rules", "--conversations", "200", "--seed", "7", "--examples", "1")
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	for _, want := range []string{
		"== compliance rules against the generator's truth (200 conversations, seed 7",
		"forbidden_promise", "refund_policy_misquote", "precision", "recall",
		"== tempting non-violations", "masked_card_readback",
		"== rules without ground truth", "credential_request",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}

// TestRulesFromDirectory loads the pack from disk, as a reviewer trying a
// change does; the directory's scorecard is skipped.
func TestRulesFromDirectory(t *testing.T) {
	out, err := run(t, "rules", "--conversations", "50", "--rules", "../../scoring/rules/pack")
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if !strings.Contains(out, "(50 conversations, seed 7") {
		t.Errorf("output:\n%s", out)
	}
}

func TestRulesFlags(t *testing.T) {
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"rules", "--conversations", "0"}, "--conversations must be > 0"},
		{[]string{"rules", "--min", "2"}, "--min must be between 0 and 1"},
		{[]string{"rules", "--examples", "-1"}, "--examples must be ≥ 0"},
		{[]string{"rules", "--languages", "klingon"}, "--languages"},
		{[]string{"rules", "--rules", "no/such/dir"}, "--rules"},
	} {
		out, err := run(t, c.args...)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%v: err %v, want one saying %q\n%s", c.args, err, c.want, out)
		}
	}
}
