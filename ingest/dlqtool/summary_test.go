package dlqtool

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"
	"time"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

func TestNormalizeField(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"tenant", "tenant"},
		{"utterances[3].speaker", "utterances[*].speaker"},
		{"utterances[12]", "utterances[*]"},
		{`metadata["order_id"]`, "metadata[*]"},
		{`metadata["a]b"]`, "metadata[*]"},
		{`metadata["q\"]x"]`, "metadata[*]"},
		{"utterances[", "utterances["},
		{`metadata["open`, `metadata["open`},
	}
	for _, tt := range tests {
		if got := NormalizeField(tt.in); got != tt.want {
			t.Errorf("NormalizeField(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func summaryEntries() []Entry {
	at := func(min int) time.Time { return time.Date(2026, 11, 1, 8, min, 0, 0, time.UTC) }
	e := func(class, field, topic string, part int, off int64, rejected time.Time) Entry {
		return Entry{Class: class, Field: field, SourceTopic: topic, SourcePartition: part, SourceOffset: off,
			ErrorOffset: -1, RejectedAt: rejected}
	}
	return []Entry{
		e("unknown_speaker", "utterances[0].speaker", "convqa.transcripts", 3, 4711, at(10)),
		e("unknown_speaker", "utterances[7].speaker", "convqa.transcripts", 3, 12, at(5)),
		e("invalid_json", "", "convqa.transcripts", 0, 99, at(30)),
		e("unknown_speaker", "utterances[2].speaker", "convqa.transcripts", 0, 100, at(20)),
		e("field_too_long", `metadata["note"]`, "convqa.transcripts", 3, 500, at(15)),
		// Too large even for the DLQ topic: ingest kept only its start.
		{Class: "too_large", SourceTopic: "convqa.transcripts", SourcePartition: 1, SourceOffset: 7,
			ErrorOffset: -1, RejectedAt: at(16), Truncated: true, ValueSize: 3 << 20},
		// A message someone wrote to the DLQ by hand: no headers at all.
		{ErrorOffset: -1, SourcePartition: -1, SourceOffset: -1},
	}
}

func TestSummaryGolden(t *testing.T) {
	tests := []struct {
		name   string
		filter string
		add    []Entry
	}{
		{"summary", "", summaryEntries()},
		{"summary_filtered", "--class unknown_speaker", summaryEntries()[:2]},
		{"summary_empty", "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := &Summary{Topic: "convqa.transcripts.dlq", Filter: tt.filter, Read: 7,
				Ranges: []Range{{0, 0, 4}, {1, 0, 0}, {2, 3, 5}}}
			for _, e := range tt.add {
				s.Add(e)
			}
			var buf bytes.Buffer
			n, err := s.WriteTo(&buf)
			if err != nil || n != int64(buf.Len()) {
				t.Fatalf("WriteTo = %d, %v; wrote %d", n, err, buf.Len())
			}
			golden(t, tt.name+".golden", buf.Bytes())
		})
	}
}

func TestSummaryCounts(t *testing.T) {
	var s Summary
	for _, e := range summaryEntries() {
		s.Add(e)
	}
	got := s.ClassCounts()
	want := map[string]int{"unknown_speaker": 3, "invalid_json": 1, "field_too_long": 1, "too_large": 1, "": 1}
	if len(got) != len(want) {
		t.Fatalf("ClassCounts = %v, want %v", got, want)
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("ClassCounts[%q] = %d, want %d", k, got[k], v)
		}
	}
	if s.Matched != 7 || s.Truncated != 1 || !s.FirstRejected.Equal(time.Date(2026, 11, 1, 8, 5, 0, 0, time.UTC)) ||
		!s.LastRejected.Equal(time.Date(2026, 11, 1, 8, 30, 0, 0, time.UTC)) {
		t.Errorf("Matched %d, rejected %v … %v", s.Matched, s.FirstRejected, s.LastRejected)
	}
}

// golden compares got with testdata/name, or rewrites it with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("output differs from %s (go test -update rewrites it):\n got:\n%s\nwant:\n%s", path, got, want)
	}
}
