package eval

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/convqa/convqa/internal/pii"
)

// Below lists the types whose precision or recall is under min, as
// "type precision|recall value" strings; empty when all pass.
func (r *Result) Below(min float64) []string {
	var out []string
	for _, t := range pii.Types {
		s := r.Types[t]
		if s.Precision() < min {
			out = append(out, fmt.Sprintf("%s precision %.4f", t, s.Precision()))
		}
		if s.Recall() < min {
			out = append(out, fmt.Sprintf("%s recall %.4f", t, s.Recall()))
		}
	}
	return out
}

// Write prints the result as tables under a title.
func (r *Result) Write(w io.Writer, title string) error {
	ew := &errWriter{w: w}
	fmt.Fprintf(ew, "== %s: %d texts\n\n", title, r.Texts)
	tw := tabwriter.NewWriter(ew, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "type\tsupport\tTP\tFP\tFN\tprecision\trecall\texact span\t")
	for _, t := range pii.Types {
		s := r.Types[t]
		exact := "-"
		if s.Support > 0 {
			exact = fmt.Sprintf("%.4f", float64(s.Exact)/float64(s.Support))
		}
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%d\t%.4f\t%.4f\t%s\t\n", t, s.Support, s.TP, s.FP, s.FN(), s.Precision(), s.Recall(), exact)
	}
	tw.Flush()

	var src []string
	for _, k := range sortedKeys(r.BySource) {
		n := r.BySource[k]
		if t, _ := InScope(k); t.String() != k {
			src = append(src, fmt.Sprintf("%s %d/%d", k, n[1], n[0]))
		}
	}
	if len(src) > 0 {
		fmt.Fprintf(ew, "\nrecall by truth type: %s\n", strings.Join(src, ", "))
	}
	for _, t := range pii.Types {
		s := r.Types[t]
		if s.FP == 0 {
			continue
		}
		var on []string
		for _, k := range sortedKeys(s.FPOn) {
			name := k
			if name == "" {
				name = "unlabelled text"
			}
			on = append(on, fmt.Sprintf("%s %d", name, s.FPOn[k]))
		}
		fmt.Fprintf(ew, "%s false positives on: %s\n", t, strings.Join(on, ", "))
	}

	if len(r.Lookalikes) > 0 {
		fmt.Fprintf(ew, "\nlook-alikes (not PII) wrongly redacted:\n")
		tw = tabwriter.NewWriter(ew, 0, 0, 2, ' ', tabwriter.AlignRight)
		fmt.Fprintln(tw, "kind\tseen\tredacted\t")
		for _, k := range sortedKeys(r.Lookalikes) {
			n := r.Lookalikes[k]
			fmt.Fprintf(tw, "%s\t%d\t%d\t\n", k, n[0], n[1])
		}
		tw.Flush()
	}
	if len(r.OutOfScope) > 0 {
		fmt.Fprintf(ew, "\nnot redacted (out of scope):\n")
		tw = tabwriter.NewWriter(ew, 0, 0, 2, ' ', tabwriter.AlignRight)
		fmt.Fprintln(tw, "type\tseen\tpartly covered by another type\t")
		for _, k := range sortedKeys(r.OutOfScope) {
			n := r.OutOfScope[k]
			fmt.Fprintf(tw, "%s\t%d\t%d\t\n", k, n[0], n[1])
		}
		tw.Flush()
	}

	first := true
	for _, t := range pii.Types {
		for _, e := range r.Types[t].Examples {
			if first {
				fmt.Fprintf(ew, "\nerrors (first %d per type):\n", r.MaxExamples)
				first = false
			}
			fmt.Fprintf(ew, "  %s %s in %q\n", e.Kind, e.Span, e.Text)
		}
	}
	fmt.Fprintln(ew)
	return ew.err
}

// errWriter keeps the first write error, so the report can be written
// without checking every line.
type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) Write(p []byte) (int, error) {
	if e.err != nil {
		return len(p), nil
	}
	n, err := e.w.Write(p)
	e.err = err
	return n, err
}

// WriteHardCaseChecks lists the hard cases f gets wrong, known limitations
// apart, and returns how many others fail.
func WriteHardCaseChecks(w io.Writer, f *pii.Finder, cases []HardCase) (int, error) {
	ew := &errWriter{w: w}
	failed, known, knownFailed := 0, 0, 0
	for _, hc := range cases {
		problems := hc.Check(f)
		if hc.Limitation() {
			known++
			if len(problems) > 0 {
				knownFailed++
				fmt.Fprintf(ew, "  known miss, line %d (%s): %q: %s\n", hc.Line, hc.Category, hc.Text, strings.Join(problems, "; "))
			}
			continue
		}
		if len(problems) > 0 {
			failed++
			fmt.Fprintf(ew, "  FAIL line %d (%s): %q: %s\n", hc.Line, hc.Category, hc.Text, strings.Join(problems, "; "))
		}
	}
	fmt.Fprintf(ew, "hard cases: %d of %d pass; known limitations: %d of %d still missed\n\n",
		len(cases)-known-failed, len(cases)-known, knownFailed, known)
	return failed, ew.err
}
