package eval

import (
	"bufio"
	_ "embed"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/convqa/convqa/internal/pii"
)

// hardCases is built in so the evaluation binary runs from any directory.
//
//go:embed testdata/hard_cases.tsv
var hardCases string

// HardCases returns the built-in hand-written hard cases.
func HardCases() ([]HardCase, error) {
	return ParseHardCases(strings.NewReader(hardCases), "testdata/hard_cases.tsv")
}

// HardCase is one hand-written case and the line it came from.
type HardCase struct {
	Case
	Line     int
	Category string
}

var unescaper = strings.NewReplacer(`\n`, "\n", `\t`, "\t", `\\`, `\`)

// Limitation reports whether the case is a known miss: kept to show what
// the finder cannot tell yet, not expected to pass.
func (hc HardCase) Limitation() bool { return strings.HasPrefix(hc.Category, "limitation") }

// Check runs f over the case and describes every disagreement with the
// expected spans: a value not found, or one found that is not expected.
func (hc HardCase) Check(f *pii.Finder) []string {
	r := NewResult(100)
	r.Add(f, hc.Case)
	var out []string
	for _, t := range pii.Types {
		for _, e := range r.Types[t].Examples {
			what := "missed"
			if e.Kind == "FP" {
				what = "wrongly redacted"
			}
			out = append(out, what+" "+e.Span)
		}
	}
	return out
}

// ParseHardCases reads hard cases: one per line, three tab-separated
// columns — a category, the text (with \n for a line break), and what it
// holds. A category starting with "limitation" marks a known miss. The
// third column
// lists "type:value" items separated by " | ", in order of position; type
// is a finder type (phone, id_number, bank_card, email) for personal data,
// or "~kind" for a look-alike that must not be redacted (~order_number,
// ~price, …). An empty third column means the text holds nothing of
// either. Blank lines and lines starting with '#' are skipped. name labels
// errors.
func ParseHardCases(r io.Reader, name string) ([]HardCase, error) {
	var out []HardCase
	sc := bufio.NewScanner(r)
	line := 0
	for sc.Scan() {
		line++
		l := sc.Text()
		if strings.TrimSpace(l) == "" || strings.HasPrefix(l, "#") {
			continue
		}
		cols := strings.Split(l, "\t")
		if len(cols) < 2 || len(cols) > 3 {
			return nil, fmt.Errorf("%s:%d: want 3 tab-separated columns (category, text, expected), got %d", name, line, len(cols))
		}
		hc := HardCase{Line: line, Category: cols[0], Case: Case{Text: unescaper.Replace(cols[1])}}
		if len(cols) == 3 {
			if err := hc.parseExpected(unescaper.Replace(cols[2])); err != nil {
				return nil, fmt.Errorf("%s:%d: %w", name, line, err)
			}
		}
		out = append(out, hc)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read %s: %w", name, err)
	}
	return out, nil
}

func (hc *HardCase) parseExpected(col string) error {
	if strings.TrimSpace(col) == "" {
		return nil
	}
	at := 0 // byte offset where the next value is looked for
	for item := range strings.SplitSeq(col, " | ") {
		typ, val, ok := strings.Cut(item, ":")
		if !ok || val == "" {
			return fmt.Errorf("expected item %q is not type:value", item)
		}
		look := strings.HasPrefix(typ, "~")
		if !look {
			if _, err := pii.ParseType(typ); err != nil {
				return err
			}
		}
		i := strings.Index(hc.Text[at:], val)
		if i < 0 {
			return fmt.Errorf("value %q is not in the text after byte %d", val, at)
		}
		start := utf8.RuneCountInString(hc.Text[:at+i])
		sp := Span{Type: strings.TrimPrefix(typ, "~"), Start: start, End: start + utf8.RuneCountInString(val)}
		at += i + len(val)
		if look {
			hc.Lookalikes = append(hc.Lookalikes, sp)
		} else {
			hc.Truth = append(hc.Truth, sp)
		}
	}
	return nil
}

// EvaluateHardCases scores f on hard cases, keeping up to maxExamples
// errors per type.
func EvaluateHardCases(f *pii.Finder, cases []HardCase, maxExamples int) *Result {
	r := NewResult(maxExamples)
	for _, hc := range cases {
		r.Add(f, hc.Case)
	}
	return r
}
