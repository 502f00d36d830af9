package dlqtool

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
)

// OneLine returns value fit for one line of a JSONL file, and whether it
// had to change it. A value without '\n' or '\r' is returned as it is. In
// one with them, those inside a JSON string (where they are invalid: JSON
// needs \n there, and the producer almost certainly meant one) become the
// escapes \n and \r, and those outside strings (whitespace between tokens,
// as in pretty-printed JSON) become spaces. So valid JSON stays valid and
// means the same, and the raw newline that got a message rejected is fixed
// the way it would be fixed by hand.
//
// String boundaries are found by scanning for unescaped quotes, which is
// exact for valid JSON and a best guess for the rest: whatever the guess,
// the result has no line breaks.
func OneLine(value []byte) ([]byte, bool) {
	if bytes.IndexByte(value, '\n') < 0 && bytes.IndexByte(value, '\r') < 0 {
		return value, false
	}
	out := make([]byte, 0, len(value)+8)
	inString, escaped := false, false
	for _, c := range value {
		switch {
		case c == '\n' || c == '\r':
			if !inString {
				out = append(out, ' ')
				continue
			}
			if !escaped {
				out = append(out, '\\')
			}
			// After a lone backslash, the backslash already written
			// starts the escape.
			escaped = false
			if c == '\n' {
				out = append(out, 'n')
			} else {
				out = append(out, 'r')
			}
			continue
		case escaped:
			escaped = false
		case c == '\\' && inString:
			escaped = true
		case c == '"':
			inString = !inString
		}
		out = append(out, c)
	}
	return out, true
}

// LineReader reads a JSONL file of message values for replay, one value a
// line. It splits on '\n' only, drops a '\r' before it (files edited on
// Windows) and a UTF-8 byte order mark at the very start, and skips lines
// that hold only spaces and tabs. A line longer than the limit is reported
// by its length and skipped, never held in memory.
type LineReader struct {
	r     *bufio.Reader
	name  string
	max   int
	line  int
	first bool
}

// NewLineReader reads r, named name in errors, with lines of at most max
// bytes (after the '\r' is dropped).
func NewLineReader(r io.Reader, name string, max int) *LineReader {
	return &LineReader{r: bufio.NewReaderSize(r, 64<<10), name: name, max: max, first: true}
}

// Line is one non-blank line of a file.
type Line struct {
	// No is the 1-based line number.
	No int
	// Bytes is the line without its line break; nil when TooLong.
	Bytes []byte
	// Len is the length of the line in bytes.
	Len int
	// TooLong says the line was longer than the reader's limit.
	TooLong bool
}

// Where names the line as FILE:LINE.
func (l Line) Where(file string) string { return fmt.Sprintf("%s:%d", file, l.No) }

// Next returns the next non-blank line, or io.EOF after the last.
func (lr *LineReader) Next() (Line, error) {
	for {
		l, err := lr.read()
		if err != nil {
			return Line{}, err
		}
		if l.TooLong || len(bytes.Trim(l.Bytes, " \t")) > 0 {
			return l, nil
		}
	}
}

func (lr *LineReader) read() (Line, error) {
	var buf []byte
	var last2 [2]byte
	total, over := 0, false
	for {
		chunk, err := lr.r.ReadSlice('\n')
		if err != nil && !errors.Is(err, bufio.ErrBufferFull) && !errors.Is(err, io.EOF) {
			return Line{}, fmt.Errorf("read %s after line %d: %w", lr.name, lr.line, err)
		}
		if len(chunk) == 0 && err != nil {
			if total == 0 {
				return Line{}, io.EOF
			}
			break
		}
		total += len(chunk)
		for _, c := range chunk[max(0, len(chunk)-2):] {
			last2 = [2]byte{last2[1], c}
		}
		// Slack for the line break and a byte order mark, trimmed below.
		if !over && total <= lr.max+5 {
			buf = append(buf, chunk...)
		} else {
			over, buf = true, nil
		}
		if !errors.Is(err, bufio.ErrBufferFull) {
			break
		}
	}
	lr.line++
	first := lr.first
	lr.first = false
	if over {
		n := total
		if last2[1] == '\n' {
			n--
		}
		return Line{No: lr.line, Len: n, TooLong: true}, nil
	}
	buf = bytes.TrimSuffix(buf, []byte("\n"))
	buf = bytes.TrimSuffix(buf, []byte("\r"))
	if first {
		buf = bytes.TrimPrefix(buf, []byte("\ufeff"))
	}
	if len(buf) > lr.max {
		return Line{No: lr.line, Len: len(buf), TooLong: true}, nil
	}
	return Line{No: lr.line, Bytes: buf, Len: len(buf)}, nil
}
