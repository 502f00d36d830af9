package backtest

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
)

// Print writes the report for a reader: the changed rules in a table,
// how many did not change, and the examples with their evidence.
func (r *Report) Print(w io.Writer) error {
	fmt.Fprintf(w, "rule backtest over %d conversations (%d with human verdicts)\n", r.Conversations, r.Labelled)
	fmt.Fprintf(w, "rules in force %s  →  changed rules %s\n\n", r.OldVersion, r.NewVersion)
	var changed []RuleDiff
	unchanged := 0
	for _, d := range r.Rules {
		if d.Changed() {
			changed = append(changed, d)
		} else {
			unchanged++
		}
	}
	if len(changed) == 0 {
		fmt.Fprintf(w, "no rule changed what it finds (%d rules compared)\n", unchanged)
		return nil
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "rule\tchange\tfailed old\tfailed new\thits added\thits removed\tverdicts flipped\tprecision old → new\trecall old → new\t")
	for _, d := range changed {
		change := "edited"
		switch {
		case !d.InOld:
			change = "new rule"
		case !d.InNew:
			change = "removed"
		}
		fmt.Fprintf(tw, "%s\t%s\t%d\t%d\t+%d\t−%d\t%d\t%s\t%s\t\n", d.RuleID, change, d.OldFail, d.NewFail,
			d.HitsAdded, d.HitsRemoved, d.Flipped, pair(d.Old, d.New, PR.Precision), pair(d.Old, d.New, PR.Recall))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(w, "\n%d rules found exactly what they found before\n", unchanged)
	for _, d := range changed {
		if len(d.Examples) == 0 {
			continue
		}
		fmt.Fprintf(w, "\n%s — examples:\n", d.RuleID)
		for _, ex := range d.Examples {
			fmt.Fprintf(w, "  conversation %s: %s → %s\n", ex.ConversationID, orDash(string(ex.OldStatus)), orDash(string(ex.NewStatus)))
			for _, e := range ex.Added {
				fmt.Fprintf(w, "    + %s\n", describe(e))
			}
			for _, e := range ex.Removed {
				fmt.Fprintf(w, "    − %s\n", describe(e))
			}
		}
	}
	return nil
}

func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}

// pair prints "0.91 → 0.95 (n=40)", or "—" without labels.
func pair(o, n PR, f func(PR) (float64, bool)) string {
	if o.Labelled() == 0 && n.Labelled() == 0 {
		return "—"
	}
	num := func(p PR) string {
		if v, ok := f(p); ok {
			return fmt.Sprintf("%.2f", v)
		}
		return "n/a"
	}
	return fmt.Sprintf("%s → %s (n=%d)", num(o), num(n), max(o.Labelled(), n.Labelled()))
}

// describe shows a hit in its utterance: seq 4 agent: 我[保证]明天一定到.
func describe(e Evidence) string {
	if e.Seq < 0 {
		return fmt.Sprintf("whole conversation (%s)", e.Detector)
	}
	text := e.Utterance
	if text == "" {
		return fmt.Sprintf("seq %d %s: %q", e.Seq, e.Speaker, e.Matched)
	}
	runes := []rune(text)
	if e.Start < 0 || e.End > len(runes) || e.Start > e.End {
		return fmt.Sprintf("seq %d %s: %q", e.Seq, e.Speaker, e.Matched)
	}
	var b strings.Builder
	from := max(0, e.Start-30)
	to := min(len(runes), e.End+30)
	if from > 0 {
		b.WriteString("…")
	}
	b.WriteString(string(runes[from:e.Start]))
	b.WriteString("[")
	b.WriteString(string(runes[e.Start:e.End]))
	b.WriteString("]")
	b.WriteString(string(runes[e.End:to]))
	if to < len(runes) {
		b.WriteString("…")
	}
	return fmt.Sprintf("seq %d %s: %s", e.Seq, e.Speaker, b.String())
}
