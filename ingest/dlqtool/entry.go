// Package dlqtool reads convqa's dead-letter topic back: it reads a topic
// from its start (or a point in time) to the end offsets it saw when it
// began, without a consumer group, so inspecting never changes anything; it
// summarises and formats what it read, and prepares fixed or re-validated
// messages for replay to the transcript topic.
//
// The DLQ's header format is ingest's (see ingest.HeaderErrorClass and its
// siblings); this package only reads it.
package dlqtool

import (
	"strconv"
	"strings"
	"time"

	"github.com/segmentio/kafka-go"

	"github.com/convqa/convqa/ingest"
)

// HeaderReplayedFrom is set on every message replay re-sends from the DLQ,
// to "DLQ-TOPIC/PARTITION/OFFSET", so a message that fails again can be
// traced to the copy it came from.
const HeaderReplayedFrom = "convqa.replayed_from"

// Entry is one dead-lettered message with its headers parsed.
//
// Headers that are missing or malformed leave their field empty (or -1 for
// numbers): the DLQ may hold messages written by another version or by hand,
// and inspecting them must still work.
type Entry struct {
	// Partition, Offset and Time place the message in the DLQ topic.
	Partition int
	Offset    int64
	Time      time.Time
	// Key and Value are the original message's, untouched.
	Key, Value []byte
	// Class is the failure class ("internal" for failures that are not
	// contract violations); empty when the header is missing.
	Class string
	// Field is the JSON path of the offending value, empty for the whole
	// message.
	Field string
	// ErrorOffset is the byte offset in Value where the problem was found,
	// or -1.
	ErrorOffset int64
	// Error is the full error message.
	Error string
	// SourceTopic, SourcePartition, SourceOffset and SourceTime say where
	// the message was consumed from; partition and offset are -1 when
	// unknown, the time zero.
	SourceTopic     string
	SourcePartition int
	SourceOffset    int64
	SourceTime      time.Time
	// RejectedAt is when ingest dead-lettered the message; it falls back to
	// the DLQ message's timestamp when the header is missing.
	RejectedAt time.Time
	// Truncated says ingest kept only the start of the value, because the
	// whole did not fit the DLQ topic; ValueSize is then the original size
	// (otherwise len(Value)). The whole message is only in the source topic.
	Truncated bool
	ValueSize int
	// Headers are the original message's own headers, without the ones
	// the DLQ (or an earlier replay) added.
	Headers []kafka.Header
}

// ParseEntry reads the DLQ headers of m.
func ParseEntry(m kafka.Message) Entry {
	e := Entry{
		Partition: m.Partition, Offset: m.Offset, Time: m.Time,
		Key: m.Key, Value: m.Value,
		ErrorOffset: -1, SourcePartition: -1, SourceOffset: -1, ValueSize: len(m.Value),
	}
	for _, h := range m.Headers {
		v := string(h.Value)
		switch h.Key {
		case ingest.HeaderErrorClass:
			e.Class = v
		case ingest.HeaderErrorField:
			e.Field = v
		case ingest.HeaderErrorOffset:
			e.ErrorOffset = parseInt(v)
		case ingest.HeaderError:
			e.Error = v
		case ingest.HeaderSourceTopic:
			e.SourceTopic = v
		case ingest.HeaderSourcePartition:
			e.SourcePartition = int(parseInt(v))
		case ingest.HeaderSourceOffset:
			e.SourceOffset = parseInt(v)
		case ingest.HeaderSourceTime:
			e.SourceTime, _ = time.Parse(time.RFC3339Nano, v)
		case ingest.HeaderRejectedAt:
			e.RejectedAt, _ = time.Parse(time.RFC3339Nano, v)
		case ingest.HeaderTruncated:
			e.Truncated = v == "true"
		case ingest.HeaderValueSize:
			if n := parseInt(v); n >= 0 {
				e.ValueSize = int(n)
			}
		case HeaderReplayedFrom:
			// Added by an earlier replay: the next replay sets its own.
		default:
			e.Headers = append(e.Headers, h)
		}
	}
	if e.RejectedAt.IsZero() {
		e.RejectedAt = m.Time
	}
	return e
}

func parseInt(s string) int64 {
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n < 0 {
		return -1
	}
	return n
}

// Position is where the entry sits in the DLQ topic, as
// "TOPIC/PARTITION/OFFSET": the value of HeaderReplayedFrom.
func (e Entry) Position(dlqTopic string) string {
	return dlqTopic + "/" + strconv.Itoa(e.Partition) + "/" + strconv.FormatInt(e.Offset, 10)
}

// Source is "TOPIC/PARTITION/OFFSET" of the original message, with "?" for
// what the headers do not say.
func (e Entry) Source() string {
	var b strings.Builder
	b.WriteString(orUnknown(e.SourceTopic))
	b.WriteByte('/')
	if e.SourcePartition >= 0 {
		b.WriteString(strconv.Itoa(e.SourcePartition))
	} else {
		b.WriteByte('?')
	}
	b.WriteByte('/')
	if e.SourceOffset >= 0 {
		b.WriteString(strconv.FormatInt(e.SourceOffset, 10))
	} else {
		b.WriteByte('?')
	}
	return b.String()
}

// ShortError is the error message without what the other columns of a
// listing already say: the "transcript: " prefix, the field and the
// trailing "[class]".
func (e Entry) ShortError() string {
	s := strings.TrimPrefix(e.Error, "transcript: ")
	if e.Field != "" {
		s = strings.TrimPrefix(s, e.Field+": ")
	}
	if e.Class != "" {
		s = strings.TrimSuffix(s, " ["+e.Class+"]")
	}
	return s
}

func orUnknown(s string) string {
	if s == "" {
		return "?"
	}
	return s
}
