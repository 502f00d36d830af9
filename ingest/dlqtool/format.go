package dlqtool

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"
	"unicode/utf8"
)

// PreviewBytes is how much of a value a listing shows.
const PreviewBytes = 120

// Escape makes b safe to print on one terminal line and unambiguous to
// read back: a backslash becomes \\, a byte that is not UTF-8 becomes \xNN,
// newline, carriage return and tab become \n, \r and \t, and any other
// character that is not graphic (control characters, bidi overrides, line
// separators, which can reorder or hide what a terminal shows) becomes
// \uNNNN or \UNNNNNNNN. Everything else, Chinese text included, is kept.
func Escape(b []byte) string {
	var sb strings.Builder
	sb.Grow(len(b))
	escapeTo(&sb, b)
	return sb.String()
}

func escapeTo(sb *strings.Builder, b []byte) {
	const hex = "0123456789abcdef"
	for i := 0; i < len(b); {
		c := b[i]
		if c >= 0x20 && c < 0x7f && c != '\\' {
			sb.WriteByte(c)
			i++
			continue
		}
		r, n := utf8.DecodeRune(b[i:])
		i += n
		switch {
		case r == utf8.RuneError && n == 1:
			sb.WriteString(`\x`)
			sb.WriteByte(hex[c>>4])
			sb.WriteByte(hex[c&0xf])
		case r == '\\':
			sb.WriteString(`\\`)
		case r == '\n':
			sb.WriteString(`\n`)
		case r == '\r':
			sb.WriteString(`\r`)
		case r == '\t':
			sb.WriteString(`\t`)
		case strconv.IsGraphic(r):
			sb.WriteRune(r)
		case r <= 0xffff:
			fmt.Fprintf(sb, `\u%04x`, r)
		default:
			fmt.Fprintf(sb, `\U%08x`, r)
		}
	}
}

// Preview is Escape of at most the first max bytes of b, cut at a character
// boundary, with "…" appended when something was cut.
func Preview(b []byte, max int) string {
	if len(b) <= max {
		return Escape(b)
	}
	cut := 0
	for cut < len(b) {
		_, n := utf8.DecodeRune(b[cut:])
		if cut+n > max {
			break
		}
		cut += n
	}
	var sb strings.Builder
	escapeTo(&sb, b[:cut])
	sb.WriteString("…")
	return sb.String()
}

// ListWriter writes one line per entry, in aligned columns. Columns are
// aligned within blocks of lines, so a long listing streams instead of
// waiting for its last line.
type ListWriter struct {
	tw    *tabwriter.Writer
	lines int
}

// listBlock is how many lines share one column alignment.
const listBlock = 500

// NewListWriter writes the header line to w and returns the writer.
func NewListWriter(w io.Writer) *ListWriter {
	lw := &ListWriter{tw: tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)}
	fmt.Fprintln(lw.tw, "DLQ\tSOURCE\tCLASS\tFIELD\tKEY\tBYTES\tERROR\tVALUE")
	return lw
}

// Write lists e: its DLQ partition/offset, source topic/partition/offset,
// class, field, key, value size (with what the DLQ kept, when ingest
// truncated the value), the error without what other columns say, and a
// preview of the value.
func (lw *ListWriter) Write(e Entry) error {
	size := strconv.Itoa(len(e.Value))
	if e.Truncated {
		size = fmt.Sprintf("%d (kept %d)", e.ValueSize, len(e.Value))
	}
	fmt.Fprintf(lw.tw, "%d/%d\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n",
		e.Partition, e.Offset, Escape([]byte(e.Source())), orDash(Escape([]byte(e.Class))),
		orDash(Escape([]byte(e.Field))), orDash(Preview(e.Key, 40)), size,
		orDash(Escape([]byte(e.ShortError()))), Preview(e.Value, PreviewBytes))
	if lw.lines++; lw.lines%listBlock == 0 {
		return lw.tw.Flush()
	}
	return nil
}

// Flush writes what is buffered.
func (lw *ListWriter) Flush() error { return lw.tw.Flush() }

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// Record is the JSON form of an entry that `convqa dlq inspect --json`
// prints, one per line. Bytes that are valid UTF-8 are strings; others are
// base64 in the *_base64 field instead, so no byte is lost.
type Record struct {
	DLQ         RecordPosition `json:"dlq"`
	Key         *string        `json:"key,omitempty"`
	KeyBase64   string         `json:"key_base64,omitempty"`
	Class       string         `json:"class"`
	Field       string         `json:"field,omitempty"`
	ErrorOffset *int64         `json:"error_offset,omitempty"`
	Error       string         `json:"error"`
	Source      RecordPosition `json:"source"`
	RejectedAt  *time.Time     `json:"rejected_at,omitempty"`
	Headers     []RecordHeader `json:"headers,omitempty"`
	// ValueBytes is the size of the value the DLQ holds. When ingest
	// truncated it, ValueTruncated is set and OriginalValueBytes is the
	// size of the whole value.
	ValueBytes         int     `json:"value_bytes"`
	ValueTruncated     bool    `json:"value_truncated,omitempty"`
	OriginalValueBytes int     `json:"original_value_bytes,omitempty"`
	Value              *string `json:"value,omitempty"`
	ValueBase64        string  `json:"value_base64,omitempty"`
}

// RecordPosition places a message in a topic; partition and offset are
// omitted when unknown.
type RecordPosition struct {
	Topic     string     `json:"topic,omitempty"`
	Partition *int       `json:"partition,omitempty"`
	Offset    *int64     `json:"offset,omitempty"`
	Time      *time.Time `json:"time,omitempty"`
}

// RecordHeader is one of the original message's own headers.
type RecordHeader struct {
	Key         string  `json:"key"`
	Value       *string `json:"value,omitempty"`
	ValueBase64 string  `json:"value_base64,omitempty"`
}

// NewRecord returns the JSON form of e, read from dlqTopic.
func NewRecord(e Entry, dlqTopic string) Record {
	r := Record{
		DLQ:        RecordPosition{Topic: dlqTopic, Partition: ptr(e.Partition), Offset: ptr(e.Offset), Time: timePtr(e.Time)},
		Class:      e.Class,
		Field:      e.Field,
		Error:      e.Error,
		Source:     RecordPosition{Topic: e.SourceTopic, Time: timePtr(e.SourceTime)},
		RejectedAt: timePtr(e.RejectedAt),
		ValueBytes: len(e.Value),
	}
	if e.ErrorOffset >= 0 {
		r.ErrorOffset = ptr(e.ErrorOffset)
	}
	if e.Truncated {
		r.ValueTruncated, r.OriginalValueBytes = true, e.ValueSize
	}
	if e.SourcePartition >= 0 {
		r.Source.Partition = ptr(e.SourcePartition)
	}
	if e.SourceOffset >= 0 {
		r.Source.Offset = ptr(e.SourceOffset)
	}
	if e.Key != nil {
		r.Key, r.KeyBase64 = textOrBase64(e.Key)
	}
	r.Value, r.ValueBase64 = textOrBase64(e.Value)
	for _, h := range e.Headers {
		rh := RecordHeader{Key: h.Key}
		rh.Value, rh.ValueBase64 = textOrBase64(h.Value)
		r.Headers = append(r.Headers, rh)
	}
	return r
}

// RawValue returns the original value bytes the record holds.
func (r Record) RawValue() ([]byte, error) {
	if r.Value != nil {
		return []byte(*r.Value), nil
	}
	return base64.StdEncoding.DecodeString(r.ValueBase64)
}

// WriteJSON writes r as one line of JSON. HTML characters stay as they are:
// the output is for jq and people, not for a web page.
func WriteJSON(w io.Writer, r Record) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return enc.Encode(r)
}

func textOrBase64(b []byte) (*string, string) {
	if utf8.Valid(b) {
		s := string(b)
		return &s, ""
	}
	return nil, base64.StdEncoding.EncodeToString(b)
}

func ptr[T any](v T) *T { return &v }

func timePtr(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	t = t.UTC()
	return &t
}
