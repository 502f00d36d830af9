package chaos

import (
	"crypto/sha256"
	"reflect"
	"testing"
)

func TestCompareKeys(t *testing.T) {
	k := func(id string, seq uint32) UtteranceKey { return UtteranceKey{"demo", id, seq} }
	want := map[UtteranceKey]struct{}{k("a", 1): {}, k("a", 2): {}, k("b", 1): {}}
	tests := []struct {
		name                  string
		got                   []UtteranceKey
		dups, missing, extra  int
		missingSample, extras []string
	}{
		{"exact", []UtteranceKey{k("a", 1), k("a", 2), k("b", 1)}, 0, 0, 0, nil, nil},
		{"duplicate counted once however often", []UtteranceKey{k("a", 1), k("a", 1), k("a", 1), k("a", 2), k("b", 1)}, 1, 0, 0, nil, nil},
		{"missing", []UtteranceKey{k("a", 2)}, 0, 2, 0, []string{"demo/a#1", "demo/b#1"}, nil},
		{"extra", []UtteranceKey{k("a", 1), k("a", 2), k("b", 1), k("c", 9)}, 0, 0, 1, nil, []string{"demo/c#9"}},
		{"empty read", nil, 0, 3, 0, []string{"demo/a#1", "demo/a#2", "demo/b#1"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := compareKeys("utterances FINAL", want, tt.got, UtteranceKey.String)
			if c.Rows != len(tt.got) || c.Duplicates != tt.dups || c.Missing != tt.missing || c.Extra != tt.extra {
				t.Fatalf("got %+v", c)
			}
			if !reflect.DeepEqual(c.MissingSample, tt.missingSample) && len(tt.missingSample)+len(c.MissingSample) > 0 {
				t.Errorf("missing sample %v, want %v", c.MissingSample, tt.missingSample)
			}
			if !reflect.DeepEqual(c.ExtraSample, tt.extras) && len(tt.extras)+len(c.ExtraSample) > 0 {
				t.Errorf("extra sample %v, want %v", c.ExtraSample, tt.extras)
			}
			if c.OK() != (tt.dups+tt.missing+tt.extra == 0) {
				t.Errorf("OK() = %v", c.OK())
			}
		})
	}
}

func TestCheckDLQ(t *testing.T) {
	const topic = "src"
	bad := []byte(`{"schema":"convqa.transcript.v1","kind":"conversation","tenant":"demo"`)
	want := map[string]Malformed{
		"c1": {Class: "invalid_json", Sum: sha256.Sum256(bad)},
		"c2": {Class: "too_large", Sum: sha256.Sum256([]byte("big"))},
	}
	ok1 := dlqEntry{Key: "c1", Class: "invalid_json", SourceTopic: topic, SourcePartition: 1, SourceOffset: 7, Sum: sha256.Sum256(bad)}
	ok2 := dlqEntry{Key: "c2", Class: "too_large", SourceTopic: topic, SourcePartition: 0, SourceOffset: 3, Sum: sha256.Sum256([]byte("big"))}
	with := func(e dlqEntry, f func(*dlqEntry)) dlqEntry { f(&e); return e }
	tests := []struct {
		name    string
		entries []dlqEntry
		want    DLQCheck // Samples not compared
	}{
		{"all there", []dlqEntry{ok1, ok2}, DLQCheck{Expected: 2, Found: 2, Entries: 2}},
		{"redelivered twice is fine", []dlqEntry{ok1, ok2, ok1}, DLQCheck{Expected: 2, Found: 2, Entries: 3}},
		{"one missing", []dlqEntry{ok1}, DLQCheck{Expected: 2, Found: 1, Entries: 1, Missing: 1}},
		{"valid input refused", []dlqEntry{ok1, ok2, {Key: "c3", Class: "unknown_field"}}, DLQCheck{Expected: 2, Found: 2, Entries: 3, Unexpected: 1}},
		{"wrong class", []dlqEntry{with(ok1, func(e *dlqEntry) { e.Class = "missing_field" }), ok2}, DLQCheck{Expected: 2, Found: 2, Entries: 2, WrongClass: 1}},
		{"bytes changed", []dlqEntry{with(ok1, func(e *dlqEntry) { e.Sum[0] ^= 1 }), ok2}, DLQCheck{Expected: 2, Found: 2, Entries: 2, NotOriginal: 1}},
		{"truncated value is not a change", []dlqEntry{ok1, with(ok2, func(e *dlqEntry) { e.Sum[0] ^= 1; e.Truncated = true })}, DLQCheck{Expected: 2, Found: 2, Entries: 2}},
		{"source headers", []dlqEntry{with(ok1, func(e *dlqEntry) { e.SourceTopic = "other" }), with(ok2, func(e *dlqEntry) { e.SourceOffset = -1 })}, DLQCheck{Expected: 2, Found: 2, Entries: 2, WrongSource: 2}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := checkDLQ(want, tt.entries, topic)
			samples := got.Samples
			got.Samples = nil
			if !reflect.DeepEqual(got, tt.want) {
				t.Fatalf("got %+v, want %+v (samples %q)", got, tt.want, samples)
			}
			if got.OK() != (len(samples) == 0) {
				t.Errorf("OK() = %v with samples %q", got.OK(), samples)
			}
		})
	}
}
