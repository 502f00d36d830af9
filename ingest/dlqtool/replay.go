package dlqtool

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"maps"
	"slices"
	"strconv"
	"text/tabwriter"

	"github.com/segmentio/kafka-go"

	"github.com/convqa/convqa/internal/transcript"
)

// Prepare decodes value as ingest would under lim and returns the message
// to send: the value byte for byte, keyed by its conversation_id, as every
// producer of the transcript topic must key it.
func Prepare(value []byte, lim transcript.Limits) (kafka.Message, error) {
	m, err := transcript.Decode(value, lim)
	if err != nil {
		return kafka.Message{}, err
	}
	return kafka.Message{Key: []byte(m.ConversationID), Value: value}, nil
}

// ErrTruncated is PrepareEntry's error for a value ingest truncated: only
// the source topic still has the whole message.
var ErrTruncated = errors.New("value truncated in the DLQ")

// PrepareEntry re-validates a DLQ entry under lim and returns the message
// to send: the original value and headers, without the DLQ's, and with
// HeaderReplayedFrom naming the entry's place in dlqTopic. A truncated value
// is never sent, even if what is left happens to decode.
func PrepareEntry(e Entry, dlqTopic string, lim transcript.Limits) (kafka.Message, error) {
	if e.Truncated {
		return kafka.Message{}, fmt.Errorf("%w: %d of %d bytes kept; the whole message is at %s", ErrTruncated, len(e.Value), e.ValueSize, e.Source())
	}
	m, err := Prepare(e.Value, lim)
	if err != nil {
		return m, err
	}
	m.Headers = append(slices.Clone(e.Headers), kafka.Header{Key: HeaderReplayedFrom, Value: []byte(e.Position(dlqTopic))})
	return m, nil
}

// Problem is a value that is still invalid.
type Problem struct {
	// Where is FILE:LINE or the DLQ position.
	Where string
	Err   error
}

// Fixes is what ReadFixes found in a file.
type Fixes struct {
	// Messages are the valid lines, ready to send; Where[i] is the
	// FILE:LINE of Messages[i].
	Messages []kafka.Message
	Where    []string
	// Problems are the lines still invalid, in file order.
	Problems []Problem
	// Stats counts lines read, valid and invalid.
	Stats Stats
}

// ReadFixes reads a JSONL file of fixed values (see LineReader) and
// validates every line under lim. The error is only for failing to read:
// invalid lines are Problems.
func ReadFixes(r io.Reader, name string, lim transcript.Limits) (*Fixes, error) {
	lim = withDefaults(lim)
	lr := NewLineReader(r, name, lim.MaxMessageBytes)
	f := &Fixes{}
	for {
		l, err := lr.Next()
		if errors.Is(err, io.EOF) {
			return f, nil
		}
		if err != nil {
			return nil, err
		}
		f.Stats.Read++
		var m kafka.Message
		if l.TooLong {
			// Decode would say the same, but the line was not kept.
			err = &transcript.Error{Class: transcript.ClassTooLarge, Offset: int64(lim.MaxMessageBytes),
				Msg:     "message is " + strconv.Itoa(l.Len) + " bytes",
				Allowed: "at most " + strconv.Itoa(lim.MaxMessageBytes) + " bytes"}
		} else {
			m, err = Prepare(l.Bytes, lim)
		}
		if err != nil {
			f.Stats.AddInvalid(err)
			f.Problems = append(f.Problems, Problem{Where: l.Where(name), Err: err})
			continue
		}
		f.Stats.Valid++
		f.Messages = append(f.Messages, m)
		f.Where = append(f.Where, l.Where(name))
	}
}

// withDefaults resolves lim the way Decode does, so the line reader's cap
// is the message limit in force.
func withDefaults(lim transcript.Limits) transcript.Limits {
	if lim.MaxMessageBytes <= 0 {
		lim.MaxMessageBytes = transcript.DefaultLimits().MaxMessageBytes
	}
	return lim
}

// Stats counts what a replay read, found valid and sent.
type Stats struct {
	// Read counts lines or DLQ messages read; Filtered those of them left
	// out by a class filter.
	Read, Filtered int
	// Valid counts values that passed validation; Sent those the brokers
	// acknowledged (or, in a dry run, would have been sent).
	Valid, Sent int
	// Invalid counts values still invalid, by class.
	Invalid map[transcript.Class]int
	// Truncated counts DLQ values ingest truncated, which cannot be
	// replayed from the DLQ.
	Truncated int
	// Duplicates counts DLQ copies of a source message already sent in
	// this replay: ingest's DLQ is at-least-once.
	Duplicates int
}

// AddInvalid counts err, a validation failure.
func (s *Stats) AddInvalid(err error) {
	if s.Invalid == nil {
		s.Invalid = map[transcript.Class]int{}
	}
	c := transcript.ClassOf(err)
	if c == "" {
		c = ClassInternal
	}
	s.Invalid[c]++
}

// InvalidTotal is the number of invalid values.
func (s Stats) InvalidTotal() int {
	n := 0
	for _, v := range s.Invalid {
		n += v
	}
	return n
}

// Print writes the stats as a small table; dryRun says "would send".
func (s Stats) Print(w io.Writer, dryRun bool) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintf(tw, "read\t%d\n", s.Read)
	if s.Filtered > 0 {
		fmt.Fprintf(tw, "left out by --class\t%d\n", s.Filtered)
	}
	fmt.Fprintf(tw, "valid\t%d\n", s.Valid)
	if dryRun {
		fmt.Fprintf(tw, "sent\t0 (dry run: %d would be sent)\n", s.Sent)
	} else {
		fmt.Fprintf(tw, "sent\t%d\n", s.Sent)
	}
	fmt.Fprintf(tw, "invalid\t%d\n", s.InvalidTotal())
	classes := slices.SortedFunc(maps.Keys(s.Invalid), func(a, b transcript.Class) int {
		return cmp.Or(cmp.Compare(s.Invalid[b], s.Invalid[a]), cmp.Compare(a, b))
	})
	for _, c := range classes {
		fmt.Fprintf(tw, "  %s\t%d\n", c, s.Invalid[c])
	}
	if s.Duplicates > 0 {
		fmt.Fprintf(tw, "duplicates\t%d (DLQ copies of a source message already sent, skipped)\n", s.Duplicates)
	}
	if s.Truncated > 0 {
		fmt.Fprintf(tw, "truncated in the DLQ\t%d (not replayable: the whole messages are only in the source topic)\n", s.Truncated)
	}
	return tw.Flush()
}

// Writer is the part of *kafka.Writer a Sender uses.
type Writer interface {
	WriteMessages(ctx context.Context, msgs ...kafka.Message) error
}

// Sender sends messages in batches and reports each one the brokers
// acknowledged. With a nil Writer it is a dry run: it only reports.
type Sender struct {
	w      Writer
	topic  string
	size   int
	report io.Writer

	batch []kafka.Message
	where []string
	// Sent counts acknowledged messages (in a dry run: reported ones).
	Sent int
}

// NewSender returns a Sender to topic through w (nil: dry run) that writes
// batches of batchSize (default 100) and a line per message to report (nil:
// none).
func NewSender(w Writer, topic string, batchSize int, report io.Writer) *Sender {
	if batchSize <= 0 {
		batchSize = 100
	}
	if report == nil {
		report = io.Discard
	}
	return &Sender{w: w, topic: topic, size: batchSize, report: report}
}

// Add queues m, which came from where, and sends the batch once it is full.
func (s *Sender) Add(ctx context.Context, m kafka.Message, where string) error {
	s.batch = append(s.batch, m)
	s.where = append(s.where, where)
	if len(s.batch) >= s.size {
		return s.Flush(ctx)
	}
	return nil
}

// Flush sends what is queued. On failure it reports which messages were
// sent and returns an error naming the first that was not.
func (s *Sender) Flush(ctx context.Context) error {
	if len(s.batch) == 0 {
		return nil
	}
	defer func() { s.batch, s.where = s.batch[:0], s.where[:0] }()
	verb := "sent"
	var err error
	if s.w == nil {
		verb = "would send"
	} else {
		err = s.w.WriteMessages(ctx, s.batch...)
	}
	var werrs kafka.WriteErrors
	if err != nil && !errors.As(err, &werrs) {
		return fmt.Errorf("send %d messages to topic %s (first %s): %w", len(s.batch), s.topic, s.where[0], err)
	}
	failed := -1
	for i, m := range s.batch {
		if werrs != nil && i < len(werrs) && werrs[i] != nil {
			if failed < 0 {
				failed = i
			}
			continue
		}
		s.Sent++
		fmt.Fprintf(s.report, "%s %s key=%s bytes=%d\n", verb, s.where[i], Preview(m.Key, 40), len(m.Value))
	}
	if failed >= 0 {
		return fmt.Errorf("send %s to topic %s: %w (%d of this batch of %d not sent)",
			s.where[failed], s.topic, werrs[failed], werrs.Count(), len(s.batch))
	}
	return nil
}

// ReplayDLQ reads the DLQ topic through s, re-validates every message the
// filter selects under lim, and hands those that now pass to send (see
// PrepareEntry). Messages still invalid are counted and left where they are;
// a second DLQ copy of a source message already sent is skipped.
// On error, the stats so far are returned with it.
func ReplayDLQ(ctx context.Context, s Scanner, dlqTopic string, filter ClassFilter, lim transcript.Limits, send *Sender) (Stats, error) {
	var st Stats
	type pos struct {
		topic     string
		partition int
		offset    int64
	}
	sent := map[pos]bool{}
	_, err := s.Scan(ctx, func(m kafka.Message) error {
		st.Read++
		e := ParseEntry(m)
		if !filter.Match(e) {
			st.Filtered++
			return nil
		}
		msg, err := PrepareEntry(e, dlqTopic, lim)
		switch {
		case errors.Is(err, ErrTruncated):
			st.Truncated++
			return nil
		case err != nil:
			st.AddInvalid(err)
			return nil
		}
		if p := (pos{e.SourceTopic, e.SourcePartition, e.SourceOffset}); p.topic != "" && p.partition >= 0 && p.offset >= 0 {
			if sent[p] {
				st.Duplicates++
				return nil
			}
			sent[p] = true
		}
		st.Valid++
		return send.Add(ctx, msg, e.Position(dlqTopic))
	})
	if err == nil {
		err = send.Flush(ctx)
	}
	st.Sent = send.Sent
	return st, err
}

// ReplayFixes sends the valid messages of f (all of them: deciding whether
// invalid lines stop the replay is the caller's).
func ReplayFixes(ctx context.Context, f *Fixes, send *Sender) (Stats, error) {
	st := f.Stats
	var err error
	for i, m := range f.Messages {
		if err = send.Add(ctx, m, f.Where[i]); err != nil {
			break
		}
	}
	if err == nil {
		err = send.Flush(ctx)
	}
	st.Sent = send.Sent
	return st, err
}
