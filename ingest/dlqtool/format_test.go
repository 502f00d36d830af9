package dlqtool

import (
	"bytes"
	"encoding/json"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/segmentio/kafka-go"
)

func TestEscape(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"ascii kept", `{"a":1}`, `{"a":1}`},
		{"chinese kept", "保质期　多久", "保质期　多久"},
		{"backslash doubled", `{"t":"a\"b\n"}`, `{"t":"a\\"b\\n"}`},
		{"raw newline tab cr", "a\nb\tc\rd", `a\nb\tc\rd`},
		{"nul and escape", "\x00\x1b[31m", `\u0000\u001b[31m`},
		{"del", "\x7f", `\u007f`},
		{"c1 control", "\u0085", `\u0085`},
		{"bidi override", "ab\u202ecd", `ab\u202ecd`},
		{"line separator", "a\u2028b", `a\u2028b`},
		{"invalid bytes", "\xff\xfe{", `\xff\xfe{`},
		{"truncated rune", "好\xe5\xa5", `好\xe5\xa5`},
		{"replacement char is valid", "\uFFFD", "\uFFFD"},
		{"astral emoji kept", "😀", "😀"},
		{"astral non-graphic", "\U000e0001", `\U000e0001`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Escape([]byte(tt.in)); got != tt.want {
				t.Errorf("Escape(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestPreview(t *testing.T) {
	tests := []struct {
		name string
		in   string
		max  int
		want string
	}{
		{"short", "abc", 10, "abc"},
		{"exact", "abcde", 5, "abcde"},
		{"cut", "abcdef", 5, "abcde…"},
		{"cut before a partial rune", "ab好", 4, "ab…"},
		{"whole rune fits", "ab好c", 5, "ab好…"},
		{"invalid bytes count one each", "\xff\xff\xff\xff", 2, `\xff\xff…`},
		{"escape does not count", "\n\n\n", 2, `\n\n…`},
		{"empty", "", 5, ""},
		{"zero max", "abc", 0, "…"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Preview([]byte(tt.in), tt.max); got != tt.want {
				t.Errorf("Preview(%q, %d) = %q, want %q", tt.in, tt.max, got, tt.want)
			}
		})
	}
}

func sampleEntry() Entry {
	return Entry{
		Partition: 1, Offset: 42, Time: time.Date(2026, 11, 1, 8, 0, 1, 0, time.UTC),
		Key:   []byte("c-1"),
		Value: []byte(`{"schema":"convqa.transcript.v1","utterances":[{"speaker":"robot"}]}`),
		Class: "unknown_speaker", Field: "utterances[0].speaker", ErrorOffset: 60,
		Error:       `transcript: utterances[0].speaker: unknown speaker "robot" (byte 60); allowed: agent, customer, bot, system [unknown_speaker]`,
		SourceTopic: "convqa.transcripts", SourcePartition: 3, SourceOffset: 4711,
		SourceTime: time.Date(2026, 11, 1, 8, 0, 0, 0, time.UTC),
		RejectedAt: time.Date(2026, 11, 1, 8, 0, 1, 0, time.UTC),
		Headers:    []kafka.Header{{Key: "producer", Value: []byte("crm")}, {Key: "bin", Value: []byte{0xff}}},
	}
}

func TestListWriter(t *testing.T) {
	var buf bytes.Buffer
	lw := NewListWriter(&buf)
	e := sampleEntry()
	bad := Entry{Partition: 0, Offset: 7, Key: nil, Value: []byte("{\"t\":\"line\nbreak\"}\xff"),
		ErrorOffset: -1, SourcePartition: -1, SourceOffset: -1}
	for _, x := range []Entry{e, bad} {
		if err := lw.Write(x); err != nil {
			t.Fatal(err)
		}
	}
	if err := lw.Flush(); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(buf.String(), "\n"), "\n")
	if len(lines) != 3 {
		t.Fatalf("want a header and 2 lines, got:\n%s", buf.String())
	}
	for i, want := range [][]string{
		{"DLQ", "SOURCE", "CLASS", "FIELD", "KEY", "BYTES", "ERROR", "VALUE"},
		{"1/42", "convqa.transcripts/3/4711", "unknown_speaker", "utterances[0].speaker", "c-1", strconv.Itoa(len(e.Value)),
			`unknown speaker "robot" (byte 60); allowed: agent, customer, bot, system`, `{"schema":"convqa.transcript.v1"`},
		{"0/7", "?/?/?", "-", "-", "-", strconv.Itoa(len(bad.Value)), `{"t":"line\nbreak"}\xff`},
	} {
		for _, w := range want {
			if !strings.Contains(lines[i], w) {
				t.Errorf("line %d lacks %q:\n%s", i, w, lines[i])
			}
		}
	}
	// Columns align: every line has its SOURCE column at the same place.
	col := strings.Index(lines[0], "SOURCE")
	for _, l := range lines[1:] {
		if l[col-2:col] != "  " || l[col] == ' ' {
			t.Errorf("SOURCE column not aligned at %d:\n%s", col, l)
		}
	}
}

func TestRecordJSON(t *testing.T) {
	e := sampleEntry()
	e.Value = []byte("{\"a\":\"<b>&\"}")
	var buf bytes.Buffer
	if err := WriteJSON(&buf, NewRecord(e, "dlq")); err != nil {
		t.Fatal(err)
	}
	line := buf.String()
	for _, want := range []string{
		`"dlq":{"topic":"dlq","partition":1,"offset":42,"time":"2026-11-01T08:00:01Z"}`,
		`"key":"c-1"`, `"class":"unknown_speaker"`, `"error_offset":60`,
		`"source":{"topic":"convqa.transcripts","partition":3,"offset":4711,"time":"2026-11-01T08:00:00Z"}`,
		`"headers":[{"key":"producer","value":"crm"},{"key":"bin","value_base64":"/w=="}]`,
		`"value":"{\"a\":\"<b>&\"}"`, `"value_bytes":12`,
	} {
		if !strings.Contains(line, want) {
			t.Errorf("JSON lacks %s:\n%s", want, line)
		}
	}
	if strings.Count(line, "\n") != 1 || !strings.HasSuffix(line, "\n") {
		t.Errorf("want exactly one line, got %q", line)
	}

	// Bytes that are not UTF-8 survive as base64, and an unknown source
	// leaves partition and offset out rather than printing -1.
	raw := []byte("\xff\xfe{\"a\":1}")
	e2 := Entry{Partition: 0, Offset: 1, Key: []byte{0x80}, Value: raw, ErrorOffset: -1, SourcePartition: -1, SourceOffset: -1}
	var r Record
	buf.Reset()
	if err := WriteJSON(&buf, NewRecord(e2, "dlq")); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(buf.Bytes(), &r); err != nil {
		t.Fatal(err)
	}
	if r.Value != nil || r.Key != nil || r.KeyBase64 != "gA==" {
		t.Errorf("non-UTF-8 key/value should be base64 only: %s", buf.String())
	}
	if got, err := r.RawValue(); err != nil || !bytes.Equal(got, raw) {
		t.Errorf("RawValue = %q, %v; want %q", got, err, raw)
	}
	if r.Source.Partition != nil || r.Source.Offset != nil || r.ErrorOffset != nil || strings.Contains(buf.String(), "-1") {
		t.Errorf("unknown positions should be omitted: %s", buf.String())
	}
}
