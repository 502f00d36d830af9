package dlqtool

import (
	"cmp"
	"fmt"
	"io"
	"slices"
	"strings"
	"text/tabwriter"
	"time"
)

// Summary counts what a read of the DLQ found.
type Summary struct {
	// Topic is the DLQ topic.
	Topic string
	// Ranges are the partitions and offsets the read covered.
	Ranges []Range
	// Read counts every message read; Matched those that passed the
	// filter and are counted below.
	Read, Matched int
	// Filter describes the filter, for the heading; empty for none.
	Filter string
	// FirstRejected and LastRejected bound the matched messages'
	// rejected_at.
	FirstRejected, LastRejected time.Time
	// Truncated counts matched messages whose value ingest truncated.
	Truncated int

	byReason map[reason]int
	bySource map[source]*sourceCount
}

type reason struct{ class, field string }

type source struct {
	topic     string
	partition int
}

type sourceCount struct {
	n        int
	min, max int64 // source offsets; -1 when none was known
}

// Add counts e as a matched message; the caller counts Read.
func (s *Summary) Add(e Entry) {
	if s.byReason == nil {
		s.byReason = map[reason]int{}
		s.bySource = map[source]*sourceCount{}
	}
	s.Matched++
	if e.Truncated {
		s.Truncated++
	}
	s.byReason[reason{e.Class, NormalizeField(e.Field)}]++
	k := source{e.SourceTopic, e.SourcePartition}
	c := s.bySource[k]
	if c == nil {
		c = &sourceCount{min: -1, max: -1}
		s.bySource[k] = c
	}
	c.n++
	if o := e.SourceOffset; o >= 0 {
		if c.min < 0 || o < c.min {
			c.min = o
		}
		c.max = max(c.max, o)
	}
	if t := e.RejectedAt; !t.IsZero() {
		if s.FirstRejected.IsZero() || t.Before(s.FirstRejected) {
			s.FirstRejected = t
		}
		if t.After(s.LastRejected) {
			s.LastRejected = t
		}
	}
}

// ClassCounts returns the matched messages per class ("" for messages
// without a class header).
func (s *Summary) ClassCounts() map[string]int {
	out := map[string]int{}
	for r, n := range s.byReason {
		out[r.class] += n
	}
	return out
}

// NormalizeField replaces array indices and metadata keys in a field path
// by "*", so "utterances[3].speaker" and "utterances[7].speaker" are counted
// as one problem: the summary is for finding the broken producer, the
// listing for finding the broken message.
func NormalizeField(f string) string {
	if !strings.Contains(f, "[") {
		return f
	}
	var b strings.Builder
	for i := 0; i < len(f); {
		if f[i] != '[' {
			b.WriteByte(f[i])
			i++
			continue
		}
		end := bracketEnd(f, i)
		if end < 0 {
			b.WriteString(f[i:])
			break
		}
		b.WriteString("[*]")
		i = end + 1
	}
	return b.String()
}

// bracketEnd returns the index of the ']' closing the '[' at f[i], skipping
// a quoted key (which may itself hold brackets), or -1.
func bracketEnd(f string, i int) int {
	j := i + 1
	if j < len(f) && f[j] == '"' {
		for j++; j < len(f) && f[j] != '"'; j++ {
			if f[j] == '\\' {
				j++
			}
		}
		j++
	}
	for ; j < len(f); j++ {
		if f[j] == ']' {
			return j
		}
	}
	return -1
}

// WriteTo writes the summary as text tables: a heading with the totals and
// the time span, counts by class and field, counts by source partition,
// and the DLQ offsets read.
func (s *Summary) WriteTo(w io.Writer) (int64, error) {
	cw := &countWriter{w: w}
	tw := tabwriter.NewWriter(cw, 0, 4, 2, ' ', 0)
	fmt.Fprintf(tw, "DLQ topic %s: %d messages", s.Topic, s.Matched)
	if s.Filter != "" {
		fmt.Fprintf(tw, " of %d read (%s)", s.Read, s.Filter)
	}
	fmt.Fprintf(tw, ", read from %d partitions\n", len(s.Ranges))
	if s.Matched > 0 && !s.FirstRejected.IsZero() {
		fmt.Fprintf(tw, "rejected_at\t%s … %s\n", s.FirstRejected.UTC().Format(time.RFC3339), s.LastRejected.UTC().Format(time.RFC3339))
	}
	if s.Truncated > 0 {
		fmt.Fprintf(tw, "truncated\t%d values too large for the DLQ topic: only their start is kept, the whole messages are in the source topic\n", s.Truncated)
	}
	if s.Matched > 0 {
		fmt.Fprintln(tw, "\nCLASS\tFIELD ([*]: any index or key)\tMESSAGES")
		for _, rc := range s.reasons() {
			class := Escape([]byte(rc.class))
			if class == "" {
				class = "(no class header)"
			}
			fmt.Fprintf(tw, "%s\t%s\t%d\n", class, orDash(Escape([]byte(rc.field))), rc.n)
		}
		fmt.Fprintln(tw, "\nSOURCE TOPIC\tPARTITION\tMESSAGES\tSOURCE OFFSETS")
		for _, sc := range s.sources() {
			part, offs := "?", "?"
			if sc.partition >= 0 {
				part = fmt.Sprint(sc.partition)
			}
			if sc.min >= 0 {
				offs = fmt.Sprintf("%d–%d", sc.min, sc.max)
			}
			fmt.Fprintf(tw, "%s\t%s\t%d\t%s\n", orDash(Escape([]byte(sc.topic))), part, sc.n, offs)
		}
	}
	fmt.Fprintln(tw, "\nDLQ PARTITION\tFROM OFFSET\tTO OFFSET (end when the read began)")
	for _, r := range s.Ranges {
		fmt.Fprintf(tw, "%d\t%d\t%d\n", r.Partition, r.Start, r.End)
	}
	err := tw.Flush()
	return cw.n, err
}

type reasonCount struct {
	class, field string
	n            int
}

// reasons sorts the largest count first, then by class and field, so the
// output is stable.
func (s *Summary) reasons() []reasonCount {
	out := make([]reasonCount, 0, len(s.byReason))
	for r, n := range s.byReason {
		out = append(out, reasonCount{r.class, r.field, n})
	}
	slices.SortFunc(out, func(a, b reasonCount) int {
		return cmp.Or(cmp.Compare(b.n, a.n), cmp.Compare(a.class, b.class), cmp.Compare(a.field, b.field))
	})
	return out
}

type sourceRow struct {
	source
	sourceCount
}

func (s *Summary) sources() []sourceRow {
	out := make([]sourceRow, 0, len(s.bySource))
	for k, c := range s.bySource {
		out = append(out, sourceRow{k, *c})
	}
	slices.SortFunc(out, func(a, b sourceRow) int {
		return cmp.Or(cmp.Compare(a.topic, b.topic), cmp.Compare(a.partition, b.partition))
	})
	return out
}

type countWriter struct {
	w io.Writer
	n int64
}

func (c *countWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}
