package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// runCLI executes convqa with args and returns stdout, stderr and the error.
func runCLI(t *testing.T, args ...string) (string, string, error) {
	t.Helper()
	var out, errb bytes.Buffer
	root := newRootCmd(&out, &errb, []string{"CONVQA_LOG_LEVEL=warn"})
	root.SetArgs(args)
	err := root.ExecuteContext(context.Background())
	return out.String(), errb.String(), err
}

func lines(t *testing.T, path string) []string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 4<<20)
	for sc.Scan() {
		out = append(out, sc.Text())
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

func TestGenOutDir(t *testing.T) {
	dirs := []string{t.TempDir(), t.TempDir()}
	for _, dir := range dirs {
		if _, stderr, err := runCLI(t, "gen", "--conversations", "400", "--live-share", "0.3", "--malformed-share", "0.05", "--seed", "9", "--out-dir", dir); err != nil {
			t.Fatalf("gen: %v\n%s", err, stderr)
		}
	}
	truth := lines(t, filepath.Join(dirs[0], "truth.jsonl"))
	if len(truth) != 400 {
		t.Fatalf("truth has %d lines, want 400", len(truth))
	}
	want := 0
	for _, l := range truth {
		var tr struct{ Messages int }
		if err := json.Unmarshal([]byte(l), &tr); err != nil {
			t.Fatal(err)
		}
		want += tr.Messages
	}
	if got := len(lines(t, filepath.Join(dirs[0], "transcripts.jsonl"))); got != want {
		t.Fatalf("transcripts has %d lines, truth counts %d messages", got, want)
	}
	var ev struct{ Spikes []any }
	b, _ := os.ReadFile(filepath.Join(dirs[0], "spikes.json"))
	if err := json.Unmarshal(b, &ev); err != nil || len(ev.Spikes) != 1 {
		t.Fatalf("spikes.json: %v %s", err, b)
	}
	for _, name := range []string{"transcripts.jsonl", "truth.jsonl", "spikes.json"} {
		a, _ := os.ReadFile(filepath.Join(dirs[0], name))
		b, _ := os.ReadFile(filepath.Join(dirs[1], name))
		if !bytes.Equal(a, b) {
			t.Errorf("%s differs between two runs with the same seed", name)
		}
	}
}

func TestGenOutNamesFiles(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "data.jsonl")
	if _, _, err := runCLI(t, "gen", "--conversations", "20", "--out", out); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"data.jsonl", "data.truth.jsonl", "data.spikes.json"} {
		if _, err := os.Stat(filepath.Join(dir, name)); err != nil {
			t.Error(err)
		}
	}
}

func TestGenStdout(t *testing.T) {
	stdout, _, err := runCLI(t, "gen", "--conversations", "5", "--days", "1", "--promo", "none", "--spike", "none")
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(stdout, "\n"); n != 5 {
		t.Fatalf("want 5 lines on stdout, got %d", n)
	}
}

func TestGenListSKUs(t *testing.T) {
	stdout, _, err := runCLI(t, "gen", "--list-skus")
	if err != nil || !strings.Contains(stdout, "DAIRY-001") || !strings.Contains(stdout, "shelf_life") {
		t.Fatalf("%v\n%s", err, stdout)
	}
}

func TestGenBadFlags(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.yaml")
	os.WriteFile(bad, []byte("days: 2\nlanguages:\n  klingon: 1\n"), 0o644)
	for _, tc := range []struct {
		name string
		args []string
		want string
	}{
		{"spike without start", []string{"--spike", "topic=billing"}, "--spike"},
		{"unknown spike key", []string{"--spike", "topic=billing,start=2025-06-13,colour=red"}, `unknown key "colour"`},
		{"bad promo", []string{"--promo", "June 18"}, "--promo"},
		{"promo outside run", []string{"--promo", "2030-01-01"}, "promotions[0].date"},
		{"unknown language", []string{"--languages", "fr=1"}, "languages.fr: unknown key"},
		{"shares syntax", []string{"--channels", "chat"}, "--channels"},
		{"days and until", []string{"--days", "2", "--until", "2025-06-20"}, "conflicts with days"},
		{"negative conversations", []string{"--conversations", "-3"}, "--conversations"},
		{"bad start", []string{"--start", "soon"}, `"soon" is not a time`},
		{"scenario line", []string{"--scenario", bad}, "bad.yaml:3: languages.klingon"},
		{"scenario missing", []string{"--scenario", filepath.Join(dir, "none.yaml")}, "none.yaml"},
		{"out and out-dir", []string{"--out", "x.jsonl", "--out-dir", dir}, "conflict"},
		{"live share", []string{"--live-share", "2"}, "live_share: must be between 0 and 1"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, _, err := runCLI(t, append([]string{"gen", "--conversations", "5"}, tc.args...)...)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("want error containing %q, got %v", tc.want, err)
			}
		})
	}
}
