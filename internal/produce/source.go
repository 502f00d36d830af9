package produce

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
)

// MaxLineBytes bounds one input line, so a file without newlines cannot
// take all memory.
const MaxLineBytes = 16 << 20

// LineSource reads JSONL: one message value per line, sent as read, keyed
// by its conversation_id. Empty lines are skipped.
type LineSource struct {
	r    io.Reader
	name string
	// SendInvalid sends lines that are not JSON (key-less) instead of
	// stopping at them: for feeding the DLQ on purpose.
	SendInvalid bool
}

// NewLineSource reads r; name (a file name, or "stdin") appears in errors.
func NewLineSource(r io.Reader, name string, sendInvalid bool) *LineSource {
	return &LineSource{r: r, name: name, SendInvalid: sendInvalid}
}

// InvalidLineError is a line that is not JSON.
type InvalidLineError struct {
	Name string
	Line int
	Err  error
}

// Error names the file and line and how to send such lines anyway.
func (e *InvalidLineError) Error() string {
	return fmt.Sprintf("%s:%d: not valid JSON (%v); use --send-invalid to send such lines anyway", e.Name, e.Line, e.Err)
}

// Unwrap returns the JSON error.
func (e *InvalidLineError) Unwrap() error { return e.Err }

// Stream implements Source.
func (s *LineSource) Stream(ctx context.Context, emit func(Record) error) error {
	br := bufio.NewReaderSize(s.r, 1<<20)
	for line := 1; ; line++ {
		if err := ctx.Err(); err != nil {
			return err
		}
		b, err := readLine(br)
		if err == io.EOF && len(b) == 0 {
			return nil
		}
		if err != nil && err != io.EOF {
			return fmt.Errorf("%s:%d: %w", s.name, line, err)
		}
		b = bytes.TrimRight(b, "\r\n")
		if len(bytes.TrimSpace(b)) == 0 {
			continue
		}
		key, kerr := conversationID(b)
		if kerr != nil && !s.SendInvalid {
			return &InvalidLineError{Name: s.name, Line: line, Err: kerr}
		}
		if err := emit(Record{Key: key, Value: b}); err != nil {
			return err
		}
	}
}

var errLineTooLong = fmt.Errorf("line longer than %d bytes", MaxLineBytes)

// readLine returns one line in a fresh slice, newline included.
func readLine(br *bufio.Reader) ([]byte, error) {
	var out []byte
	for {
		frag, err := br.ReadSlice('\n')
		if len(out)+len(frag) > MaxLineBytes {
			return nil, errLineTooLong
		}
		out = append(out, frag...)
		if !errors.Is(err, bufio.ErrBufferFull) {
			return out, err
		}
	}
}

// conversationID extracts the key of a message; a message without one
// (a malformed test message) gets a nil key.
func conversationID(b []byte) ([]byte, error) {
	var m struct {
		ConversationID string `json:"conversation_id"`
	}
	if err := json.Unmarshal(b, &m); err != nil {
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) {
			return nil, nil // valid JSON, odd id: let ingest judge it
		}
		return nil, err
	}
	if m.ConversationID == "" {
		return nil, nil
	}
	return []byte(m.ConversationID), nil
}
