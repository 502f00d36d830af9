package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func run(t *testing.T, args ...string) (string, error) {
	t.Helper()
	root := newRootCmd()
	var out bytes.Buffer
	root.SetOut(&out)
	root.SetErr(&out)
	root.SetArgs(args)
	err := root.ExecuteContext(context.Background())
	return out.String(), err
}

func TestRedaction(t *testing.T) {
	out, err := run(t, "redaction", "--conversations", "200", "--seed", "7", "--min", "0.99")
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	for _, want := range []string{
		"== generated text (200 conversations, seed 7)",
		"precision", "recall", "exact span", "id_number", "look-alikes (not PII) wrongly redacted",
		"not redacted (out of scope)", "person_name",
		"== hard cases", "hard cases: ",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}

func TestRedactionHardCasesFile(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good.tsv")
	if err := os.WriteFile(good, []byte("phone\t手机13812345678\tphone:13812345678\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := run(t, "redaction", "--conversations", "20", "--hard-cases", good)
	if err != nil || !strings.Contains(out, "hard cases: 1 of 1 pass") {
		t.Errorf("err %v, output:\n%s", err, out)
	}
	bad := filepath.Join(dir, "bad.tsv")
	if err := os.WriteFile(bad, []byte("# header\nphone\t手机\tphone:13812345678\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := run(t, "redaction", "--conversations", "20", "--hard-cases", bad); err == nil || !strings.Contains(err.Error(), "bad.tsv:2:") {
		t.Errorf("bad file: error %v, want one naming bad.tsv:2", err)
	}
}

func TestRedactionBadFlags(t *testing.T) {
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"redaction", "--conversations", "0"}, "--conversations must be > 0"},
		{[]string{"redaction", "--min", "1.5"}, "--min must be between 0 and 1"},
		{[]string{"redaction", "--languages", "zh-Hans"}, "--languages:"},
		{[]string{"redaction", "--languages", "klingon=1", "--conversations", "10"}, "klingon"},
		{[]string{"redaction", "--hard-cases", "/nonexistent/x.tsv"}, "open hard cases"},
		{[]string{"redaction", "extra"}, "unknown command"},
	} {
		if _, err := run(t, tt.args...); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%v: error %v, want %q", tt.args, err, tt.want)
		}
	}
}

func TestRedactionMinFailsOnHardCases(t *testing.T) {
	dir := t.TempDir()
	wrong := filepath.Join(dir, "wrong.tsv")
	// Expecting a mobile number to be left alone: the finder disagrees.
	if err := os.WriteFile(wrong, []byte("x\t手机13812345678\t\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := run(t, "redaction", "--conversations", "20", "--hard-cases", wrong, "--min", "0.5")
	if err == nil || !strings.Contains(err.Error(), "1 hard cases fail") || !strings.Contains(out, "FAIL line 1") {
		t.Errorf("err %v, output:\n%s", err, out)
	}
}
