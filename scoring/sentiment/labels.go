package sentiment

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
)

// ParseLabel reads a label as people write them in review sheets:
// negative/neutral/positive (or neg/neu/pos), -1/0/1, and 0/1 for binary
// sheets, where 0 is negative. Because 0 means negative in binary sheets
// and neutral in -1/0/1 ones, ReadExamples settles "0" per file.
func ParseLabel(s string) (Label, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "negative", "neg", "-1":
		return Negative, nil
	case "neutral", "neu":
		return Neutral, nil
	case "positive", "pos", "1", "+1":
		return Positive, nil
	case "0":
		return Negative, nil
	}
	return "", fmt.Errorf("label %q: want negative, neutral, positive, -1, 0 or 1", s)
}

// ReadExamples reads labelled examples from CSV with a header row naming a
// "label" column and a "text" column (also accepted: review, content,
// utterance). In a file that uses -1 anywhere, 0 means neutral; otherwise
// 0 means negative. Errors give the line.
func ReadExamples(r io.Reader, name string) ([]Example, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = false
	head, err := cr.Read()
	if err != nil {
		if errors.Is(err, io.EOF) {
			return nil, fmt.Errorf("%s: empty file: want a header with label and text columns", name)
		}
		return nil, fmt.Errorf("%s: read header: %w", name, err)
	}
	li, ti := -1, -1
	for i, h := range head {
		switch strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff"))) {
		case "label", "sentiment":
			li = i
		case "text", "review", "content", "utterance":
			ti = i
		}
	}
	if li < 0 || ti < 0 {
		return nil, fmt.Errorf("%s:1: header %q needs a label column and a text column", name, head)
	}
	var out []Example
	var zeros []int // examples labelled "0", settled at the end
	minusOne := false
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err) // a csv.ParseError names the line
		}
		line, _ := cr.FieldPos(0) // only valid after a record was read
		if li >= len(rec) || ti >= len(rec) {
			return nil, fmt.Errorf("%s:%d: %d fields, want at least %d", name, line, len(rec), max(li, ti)+1)
		}
		raw := strings.TrimSpace(rec[li])
		lab, err := ParseLabel(raw)
		if err != nil {
			return nil, fmt.Errorf("%s:%d: %w", name, line, err)
		}
		if raw == "-1" {
			minusOne = true
		}
		text := strings.TrimSpace(rec[ti])
		if text == "" {
			continue
		}
		if raw == "0" {
			zeros = append(zeros, len(out))
		}
		out = append(out, Example{Text: text, Label: lab})
	}
	if minusOne {
		for _, i := range zeros {
			out[i].Label = Neutral
		}
	}
	return out, nil
}
