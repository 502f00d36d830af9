package dlqtool

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/segmentio/kafka-go"

	"github.com/convqa/convqa/ingest"
	"github.com/convqa/convqa/internal/transcript"
)

// validValue is a contract-v1 message with the given conversation id and
// utterance text.
func validValue(id, text string) string {
	return fmt.Sprintf(`{"schema":"convqa.transcript.v1","kind":"conversation","conversation_id":%q,"tenant":"acme",`+
		`"utterances":[{"seq":1,"speaker":"customer","text":%q}]}`, id, text)
}

func TestReadFixes(t *testing.T) {
	robot := strings.Replace(validValue("c-3", "hi"), `"customer"`, `"robot"`, 1)
	tests := []struct {
		name       string
		in         string
		lim        transcript.Limits
		wantKeys   []string
		wantWhere  []string
		wantBad    []string // FILE:LINE: class
		wantRead   int
		wantByClas map[transcript.Class]int
	}{
		{
			name:     "all valid, blank lines skipped, keys from conversation_id",
			in:       validValue("c-1", "你好") + "\n\n" + validValue("c-2", "hi") + "\r\n",
			wantKeys: []string{"c-1", "c-2"}, wantWhere: []string{"fix.jsonl:1", "fix.jsonl:3"}, wantRead: 2,
		},
		{
			name:     "invalid lines named by line and class",
			in:       validValue("c-1", "a") + "\n{\"schema\":\n" + robot + "\n",
			wantKeys: []string{"c-1"}, wantWhere: []string{"fix.jsonl:1"}, wantRead: 3,
			wantBad:    []string{"fix.jsonl:2: invalid_json", "fix.jsonl:3: unknown_speaker"},
			wantByClas: map[transcript.Class]int{transcript.ClassInvalidJSON: 1, transcript.ClassUnknownSpeaker: 1},
		},
		{
			name:     "a line over the message limit is too_large, not kept",
			in:       validValue("c-1", strings.Repeat("长", 100)) + "\n" + validValue("c-2", "ok") + "\n",
			lim:      transcript.Limits{MaxMessageBytes: 200},
			wantKeys: []string{"c-2"}, wantWhere: []string{"fix.jsonl:2"}, wantRead: 2,
			wantBad:    []string{"fix.jsonl:1: too_large"},
			wantByClas: map[transcript.Class]int{transcript.ClassTooLarge: 1},
		},
		{
			name:     "limits are the ones given",
			in:       validValue("c-1", strings.Repeat("x", 50)) + "\n",
			lim:      transcript.Limits{MaxTextBytes: 10},
			wantRead: 1, wantBad: []string{"fix.jsonl:1: field_too_long"},
			wantByClas: map[transcript.Class]int{transcript.ClassFieldTooLong: 1},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := ReadFixes(strings.NewReader(tt.in), "fix.jsonl", tt.lim)
			if err != nil {
				t.Fatal(err)
			}
			var keys []string
			for _, m := range f.Messages {
				keys = append(keys, string(m.Key))
				if m.Headers != nil {
					t.Errorf("a fixed line gets no headers, got %v", m.Headers)
				}
			}
			var bad []string
			for _, p := range f.Problems {
				bad = append(bad, p.Where+": "+string(transcript.ClassOf(p.Err)))
			}
			if fmt.Sprint(keys) != fmt.Sprint(tt.wantKeys) || fmt.Sprint(f.Where) != fmt.Sprint(tt.wantWhere) || fmt.Sprint(bad) != fmt.Sprint(tt.wantBad) {
				t.Errorf("keys %v where %v problems %v; want %v %v %v", keys, f.Where, bad, tt.wantKeys, tt.wantWhere, tt.wantBad)
			}
			if f.Stats.Read != tt.wantRead || f.Stats.Valid != len(tt.wantKeys) || fmt.Sprint(f.Stats.Invalid) != fmt.Sprint(tt.wantByClas) {
				t.Errorf("stats %+v", f.Stats)
			}
		})
	}
}

func TestPrepareEntry(t *testing.T) {
	e := ParseEntry(kafka.Message{Partition: 2, Offset: 17, Key: []byte("old-key"), Value: []byte(validValue("c-9", "hi")),
		Headers: hdrs("producer", "crm", ingest.HeaderErrorClass, "too_large", ingest.HeaderSourceOffset, "5", HeaderReplayedFrom, "dlq/0/0")})
	m, err := PrepareEntry(e, "dlq", transcript.Limits{})
	if err != nil {
		t.Fatal(err)
	}
	if string(m.Key) != "c-9" || !bytes.Equal(m.Value, e.Value) {
		t.Errorf("key %q value %q", m.Key, m.Value)
	}
	if got := fmt.Sprint(m.Headers); got != fmt.Sprint(hdrs("producer", "crm", HeaderReplayedFrom, "dlq/2/17")) {
		t.Errorf("headers = %s", got)
	}
	if len(e.Headers) != 1 {
		t.Errorf("PrepareEntry changed the entry's headers: %v", e.Headers)
	}
	e.Value = []byte(`{"schema":"convqa.transcript.v1"`)
	if _, err := PrepareEntry(e, "dlq", transcript.Limits{}); transcript.ClassOf(err) != transcript.ClassInvalidJSON {
		t.Errorf("want invalid_json, got %v", err)
	}
	e.Value, e.Truncated, e.ValueSize = []byte(validValue("c-9", "hi")), true, 5000000
	if _, err := PrepareEntry(e, "dlq", transcript.Limits{}); !errors.Is(err, ErrTruncated) || !strings.Contains(err.Error(), "5000000") {
		t.Errorf("a truncated value must not be replayed, got %v", err)
	}
}

// fakeWriter records writes; failAt makes the message with that key fail.
type fakeWriter struct {
	writes [][]kafka.Message
	failAt string
	err    error
}

func (f *fakeWriter) WriteMessages(_ context.Context, msgs ...kafka.Message) error {
	if f.err != nil {
		return f.err
	}
	f.writes = append(f.writes, append([]kafka.Message(nil), msgs...))
	if f.failAt == "" {
		return nil
	}
	werrs := make(kafka.WriteErrors, len(msgs))
	failed := false
	for i, m := range msgs {
		if string(m.Key) == f.failAt {
			werrs[i], failed = kafka.MessageTooLargeError{}, true
		}
	}
	if failed {
		return werrs
	}
	return nil
}

func TestSender(t *testing.T) {
	msgs := func(keys ...string) []kafka.Message {
		var out []kafka.Message
		for _, k := range keys {
			out = append(out, kafka.Message{Key: []byte(k), Value: []byte("v-" + k)})
		}
		return out
	}
	tests := []struct {
		name       string
		w          *fakeWriter
		batch      int
		keys       []string
		wantSent   int
		wantWrites int
		wantErr    string
		wantReport string
	}{
		{name: "batches", w: &fakeWriter{}, batch: 2, keys: []string{"a", "b", "c"}, wantSent: 3, wantWrites: 2,
			wantReport: "sent src:0 key=a bytes=3\nsent src:1 key=b bytes=3\nsent src:2 key=c bytes=3\n"},
		{name: "dry run writes nothing", w: nil, batch: 2, keys: []string{"a", "b", "c"}, wantSent: 3,
			wantReport: "would send src:0 key=a bytes=3\nwould send src:1 key=b bytes=3\nwould send src:2 key=c bytes=3\n"},
		{name: "partial failure names the message", w: &fakeWriter{failAt: "b"}, batch: 10, keys: []string{"a", "b", "c"},
			wantSent: 2, wantWrites: 1, wantErr: "send src:1 to topic t:", wantReport: "sent src:0 key=a bytes=3\nsent src:2 key=c bytes=3\n"},
		{name: "whole failure", w: &fakeWriter{err: errors.New("broker gone")}, batch: 10, keys: []string{"a", "b"},
			wantErr: "send 2 messages to topic t (first src:0): broker gone"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var report bytes.Buffer
			var w Writer
			if tt.w != nil {
				w = tt.w
			}
			s := NewSender(w, "t", tt.batch, &report)
			var err error
			for i, m := range msgs(tt.keys...) {
				if err = s.Add(context.Background(), m, fmt.Sprintf("src:%d", i)); err != nil {
					break
				}
			}
			if err == nil {
				err = s.Flush(context.Background())
			}
			if tt.wantErr == "" && err != nil || tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)) {
				t.Fatalf("err = %v, want %q", err, tt.wantErr)
			}
			if s.Sent != tt.wantSent || report.String() != tt.wantReport {
				t.Errorf("sent %d, report:\n%s\nwant %d:\n%s", s.Sent, report.String(), tt.wantSent, tt.wantReport)
			}
			if tt.w != nil && len(tt.w.writes) != tt.wantWrites {
				t.Errorf("%d writes, want %d", len(tt.w.writes), tt.wantWrites)
			}
		})
	}
}

// fakeScanner serves messages as a Reader would.
type fakeScanner struct{ msgs []kafka.Message }

func (f fakeScanner) Scan(_ context.Context, fn func(kafka.Message) error) ([]Range, error) {
	for _, m := range f.msgs {
		if err := fn(m); err != nil {
			return []Range{{0, 0, int64(len(f.msgs))}}, err
		}
	}
	return []Range{{0, 0, int64(len(f.msgs))}}, nil
}

func dlqMsg(offset int64, class string, value string) kafka.Message {
	return kafka.Message{Offset: offset, Value: []byte(value), Headers: hdrs(ingest.HeaderErrorClass, class),
		Time: time.Date(2026, 11, 1, 8, 0, 0, 0, time.UTC)}
}

func TestReplayDLQ(t *testing.T) {
	big := validValue("c-big", strings.Repeat("x", 300))
	// Truncated by ingest, and what is left happens to decode: it must
	// still never be sent.
	cut := dlqMsg(4, "too_large", validValue("c-cut", "x"))
	cut.Headers = append(cut.Headers, hdrs(ingest.HeaderTruncated, "true", ingest.HeaderValueSize, "99999999")...)
	withSource := func(m kafka.Message, offset string) kafka.Message {
		m.Headers = append(m.Headers, hdrs(ingest.HeaderSourceTopic, "src", ingest.HeaderSourcePartition, "0", ingest.HeaderSourceOffset, offset)...)
		return m
	}
	sc := fakeScanner{msgs: []kafka.Message{
		cut,
		withSource(dlqMsg(0, "too_large", big), "70"),
		// The same source message dead-lettered twice.
		withSource(dlqMsg(5, "too_large", big), "70"),
		dlqMsg(1, "invalid_json", "{"),
		dlqMsg(2, "unknown_speaker", strings.Replace(validValue("c-2", "a"), `"customer"`, `"robot"`, 1)),
		dlqMsg(3, "too_large", validValue("c-small", "x")),
	}}
	tests := []struct {
		name    string
		classes []string
		lim     transcript.Limits
		want    Stats
		keys    string
	}{
		{"defaults: the too_large ones pass now", nil, transcript.Limits{},
			Stats{Read: 6, Valid: 2, Sent: 2, Invalid: map[transcript.Class]int{"invalid_json": 1, "unknown_speaker": 1}, Truncated: 1, Duplicates: 1}, "[c-big c-small]"},
		{"a limit still too small", nil, transcript.Limits{MaxMessageBytes: 300},
			Stats{Read: 6, Valid: 1, Sent: 1, Invalid: map[transcript.Class]int{"invalid_json": 1, "unknown_speaker": 1, "too_large": 2}, Truncated: 1}, "[c-small]"},
		{"class filter", []string{"invalid_json"}, transcript.Limits{},
			Stats{Read: 6, Filtered: 5, Invalid: map[transcript.Class]int{"invalid_json": 1}}, "[]"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			filter, err := ParseClasses(tt.classes)
			if err != nil {
				t.Fatal(err)
			}
			w := &fakeWriter{}
			st, err := ReplayDLQ(context.Background(), sc, "dlq", filter, tt.lim, NewSender(w, "t", 10, nil))
			if err != nil {
				t.Fatal(err)
			}
			if fmt.Sprintf("%+v", st) != fmt.Sprintf("%+v", tt.want) {
				t.Errorf("stats %+v, want %+v", st, tt.want)
			}
			var keys []string
			for _, b := range w.writes {
				for _, m := range b {
					keys = append(keys, string(m.Key))
				}
			}
			if fmt.Sprint(keys) != tt.keys {
				t.Errorf("sent keys %v, want %s", keys, tt.keys)
			}
		})
	}
}

func TestInspectLimitAndFilter(t *testing.T) {
	var msgs []kafka.Message
	for i := range 5 {
		msgs = append(msgs, dlqMsg(int64(i), "invalid_json", fmt.Sprintf("{\"n\":\n%d", i)))
	}
	msgs = append(msgs, dlqMsg(5, "too_large", "{}"))
	cut := dlqMsg(6, "invalid_json", "{\"cut")
	cut.Headers = append(cut.Headers, hdrs(ingest.HeaderTruncated, "true", ingest.HeaderValueSize, "9999999")...)
	msgs = append([]kafka.Message{cut}, msgs...)
	filter, _ := ParseClasses([]string{"invalid_json"})
	var list, js, values bytes.Buffer
	in, err := Inspect(context.Background(), fakeScanner{msgs}, "dlq", InspectOptions{
		Filter: filter, List: NewListWriter(&list), JSON: &js, Values: &values, Limit: 2})
	if err != nil {
		t.Fatal(err)
	}
	if in.Summary.Read != 7 || in.Summary.Matched != 6 || in.Printed != 2 || in.Summary.Truncated != 1 {
		t.Errorf("read %d matched %d printed %d", in.Summary.Read, in.Summary.Matched, in.Printed)
	}
	if n := strings.Count(list.String(), "\n"); n != 3 {
		t.Errorf("listing has %d lines, want header + 2:\n%s", n, list.String())
	}
	if n := strings.Count(js.String(), "\n"); n != 2 {
		t.Errorf("JSON has %d lines, want 2", n)
	}
	// The truncated value is listed but never written for fixing.
	if values.String() != "{\"n\": 0\n" || fmt.Sprint(in.Rewritten) != "[0/0]" || fmt.Sprint(in.Truncated) != "[0/6]" {
		t.Errorf("values %q, rewritten %v, truncated %v", values.String(), in.Rewritten, in.Truncated)
	}
	if !strings.Contains(list.String(), "9999999 (kept 5)") || !strings.Contains(js.String(), `"value_truncated":true,"original_value_bytes":9999999`) {
		t.Errorf("truncation not shown:\n%s\n%s", list.String(), js.String())
	}
}

func TestParseSinceAndClasses(t *testing.T) {
	now := time.Date(2026, 11, 1, 12, 0, 0, 0, time.UTC)
	for _, tt := range []struct {
		in      string
		want    time.Time
		wantErr bool
	}{
		{"90m", now.Add(-90 * time.Minute), false},
		{"2026-11-01T08:00:00+08:00", time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC), false},
		{"-1h", time.Time{}, true},
		{"yesterday", time.Time{}, true},
	} {
		got, err := ParseSince(tt.in, now)
		if (err != nil) != tt.wantErr || !got.Equal(tt.want) {
			t.Errorf("ParseSince(%q) = %v, %v", tt.in, got, err)
		}
	}
	if _, err := ParseClasses([]string{"too_large", "internal"}); err != nil {
		t.Error(err)
	}
	if _, err := ParseClasses([]string{"unknown_speakr"}); err == nil || !strings.Contains(err.Error(), "unknown_speaker") {
		t.Errorf("a typo should list the classes, got %v", err)
	}
}

func TestStatsPrint(t *testing.T) {
	st := Stats{Read: 9, Filtered: 1, Valid: 3, Sent: 3, Truncated: 1, Duplicates: 2,
		Invalid: map[transcript.Class]int{"invalid_json": 1, "unknown_speaker": 2}}
	for _, tt := range []struct {
		dry  bool
		want []string
	}{
		{false, []string{"read 9", "left out by --class 1", "valid 3", "sent 3", "invalid 3",
			"unknown_speaker 2", "invalid_json 1", "duplicates 2 (DLQ copies", "truncated in the DLQ 1 (not replayable"}},
		{true, []string{"sent 0 (dry run: 3 would be sent)"}},
	} {
		var buf bytes.Buffer
		if err := st.Print(&buf, tt.dry); err != nil {
			t.Fatal(err)
		}
		var norm []string
		for _, l := range strings.Split(buf.String(), "\n") {
			norm = append(norm, strings.Join(strings.Fields(l), " "))
		}
		out := strings.Join(norm, "\n")
		for _, w := range tt.want {
			if !strings.Contains(out, w) {
				t.Errorf("dry %v: lacks %q:\n%s", tt.dry, w, buf.String())
			}
		}
		// Largest class first.
		if strings.Index(out, "unknown_speaker") > strings.Index(out, "invalid_json") {
			t.Errorf("classes not sorted by count:\n%s", out)
		}
	}
}
