package dlqtool

import (
	"context"
	"fmt"
	"io"

	"github.com/segmentio/kafka-go"
)

// Scanner is the part of *Reader that Inspect and ReplayDLQ use.
type Scanner interface {
	Scan(ctx context.Context, fn func(kafka.Message) error) ([]Range, error)
}

// InspectOptions say what Inspect prints besides the summary.
type InspectOptions struct {
	// Filter selects the messages counted and printed.
	Filter ClassFilter
	// List, when set, receives one line per message.
	List *ListWriter
	// JSON, when set, receives one Record per message.
	JSON io.Writer
	// Values, when set, receives each original value on a line of its own
	// (see OneLine), except values ingest truncated.
	Values io.Writer
	// Limit caps the messages printed to List, JSON and Values; 0 is no
	// cap. The summary counts every message regardless.
	Limit int
}

// Inspection is what Inspect found.
type Inspection struct {
	Summary *Summary
	// Printed counts the messages printed (at most the limit).
	Printed int
	// Rewritten names ("PARTITION/OFFSET") the values OneLine had to
	// change to fit on one line of Values.
	Rewritten []string
	// Truncated names the values left out of Values because ingest
	// truncated them: fixing half a message by hand cannot work.
	Truncated []string
}

// Inspect reads the DLQ topic through s and summarises it, printing each
// message as opts ask. On error, the inspection so far is returned with it.
func Inspect(ctx context.Context, s Scanner, topic string, opts InspectOptions) (*Inspection, error) {
	in := &Inspection{Summary: &Summary{Topic: topic, Filter: opts.Filter.String()}}
	sum := in.Summary
	ranges, err := s.Scan(ctx, func(m kafka.Message) error {
		sum.Read++
		e := ParseEntry(m)
		if !opts.Filter.Match(e) {
			return nil
		}
		sum.Add(e)
		if opts.Limit > 0 && in.Printed >= opts.Limit {
			return nil
		}
		in.Printed++
		if err := in.print(e, topic, opts); err != nil {
			return fmt.Errorf("print DLQ partition %d offset %d: %w", e.Partition, e.Offset, err)
		}
		return nil
	})
	sum.Ranges = ranges
	if opts.List != nil {
		if ferr := opts.List.Flush(); err == nil {
			err = ferr
		}
	}
	return in, err
}

func (in *Inspection) print(e Entry, topic string, opts InspectOptions) error {
	if opts.JSON != nil {
		if err := WriteJSON(opts.JSON, NewRecord(e, topic)); err != nil {
			return err
		}
	}
	if opts.List != nil {
		if err := opts.List.Write(e); err != nil {
			return err
		}
	}
	if opts.Values != nil && e.Truncated {
		in.Truncated = append(in.Truncated, fmt.Sprintf("%d/%d", e.Partition, e.Offset))
	} else if opts.Values != nil {
		line, changed := OneLine(e.Value)
		if changed {
			in.Rewritten = append(in.Rewritten, fmt.Sprintf("%d/%d", e.Partition, e.Offset))
		}
		if _, err := opts.Values.Write(append(line, '\n')); err != nil {
			return err
		}
	}
	return nil
}
