package dlqtool

import (
	"reflect"
	"testing"
	"time"

	"github.com/segmentio/kafka-go"

	"github.com/convqa/convqa/ingest"
)

func hdrs(kv ...string) []kafka.Header {
	var hs []kafka.Header
	for i := 0; i+1 < len(kv); i += 2 {
		hs = append(hs, kafka.Header{Key: kv[i], Value: []byte(kv[i+1])})
	}
	return hs
}

func TestParseEntry(t *testing.T) {
	msgTime := time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC)
	tests := []struct {
		name    string
		headers []kafka.Header
		want    Entry
	}{
		{
			name: "every header",
			headers: hdrs("producer", "crm",
				ingest.HeaderErrorClass, "unknown_speaker", ingest.HeaderErrorField, "utterances[0].speaker",
				ingest.HeaderErrorOffset, "98", ingest.HeaderError, "transcript: boom [unknown_speaker]",
				ingest.HeaderSourceTopic, "convqa.transcripts", ingest.HeaderSourcePartition, "3",
				ingest.HeaderSourceOffset, "4711", ingest.HeaderSourceTime, "2026-11-01T08:00:00Z",
				ingest.HeaderRejectedAt, "2026-11-01T08:00:01.5Z"),
			want: Entry{Class: "unknown_speaker", Field: "utterances[0].speaker", ErrorOffset: 98,
				Error: "transcript: boom [unknown_speaker]", SourceTopic: "convqa.transcripts",
				SourcePartition: 3, SourceOffset: 4711, SourceTime: time.Date(2026, 11, 1, 8, 0, 0, 0, time.UTC),
				RejectedAt: time.Date(2026, 11, 1, 8, 0, 1, 5e8, time.UTC), Headers: hdrs("producer", "crm")},
		},
		{
			name:    "no headers: unknowns, rejected_at from the message time",
			headers: nil,
			want:    Entry{ErrorOffset: -1, SourcePartition: -1, SourceOffset: -1, RejectedAt: msgTime},
		},
		{
			name: "malformed numbers and times are unknown",
			headers: hdrs(ingest.HeaderSourcePartition, "x", ingest.HeaderSourceOffset, "-5",
				ingest.HeaderErrorOffset, "", ingest.HeaderRejectedAt, "yesterday", ingest.HeaderSourceTime, "1"),
			want: Entry{ErrorOffset: -1, SourcePartition: -1, SourceOffset: -1, RejectedAt: msgTime},
		},
		{
			name:    "truncated by ingest",
			headers: hdrs(ingest.HeaderTruncated, "true", ingest.HeaderValueSize, "3000000"),
			want: Entry{ErrorOffset: -1, SourcePartition: -1, SourceOffset: -1, RejectedAt: msgTime,
				Truncated: true, ValueSize: 3000000},
		},
		{
			name:    "an earlier replay's header is dropped, others kept in order",
			headers: hdrs("a", "1", HeaderReplayedFrom, "dlq/0/1", "b", "2"),
			want: Entry{ErrorOffset: -1, SourcePartition: -1, SourceOffset: -1, RejectedAt: msgTime,
				Headers: hdrs("a", "1", "b", "2")},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := kafka.Message{Partition: 2, Offset: 9, Time: msgTime, Key: []byte("k"), Value: []byte("v"), Headers: tt.headers}
			got := ParseEntry(m)
			want := tt.want
			want.Partition, want.Offset, want.Time, want.Key, want.Value = 2, 9, msgTime, []byte("k"), []byte("v")
			if want.ValueSize == 0 {
				want.ValueSize = 1
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("ParseEntry:\n got %+v\nwant %+v", got, want)
			}
		})
	}
}

func TestEntryNames(t *testing.T) {
	e := sampleEntry()
	if got := e.Position("convqa.transcripts.dlq"); got != "convqa.transcripts.dlq/1/42" {
		t.Errorf("Position = %q", got)
	}
	if got := e.Source(); got != "convqa.transcripts/3/4711" {
		t.Errorf("Source = %q", got)
	}
	if got := e.ShortError(); got != `unknown speaker "robot" (byte 60); allowed: agent, customer, bot, system` {
		t.Errorf("ShortError = %q", got)
	}
	unknown := Entry{SourcePartition: -1, SourceOffset: -1, Error: "boom"}
	if got := unknown.Source(); got != "?/?/?" {
		t.Errorf("Source of unknown = %q", got)
	}
	if got := unknown.ShortError(); got != "boom" {
		t.Errorf("ShortError of a foreign error = %q", got)
	}
}
