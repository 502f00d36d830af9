package eval

import (
	"fmt"
	"io"
	"slices"
	"strings"
	"text/tabwriter"

	"github.com/convqa/convqa/internal/synth"
)

// Write prints the report: the generated rules against the truth on both
// passes, the tempting non-violations, the rules without a truth, and the
// examples kept.
func (r *Report) Write(w io.Writer) error {
	fmt.Fprintf(w, "== compliance rules against the generator's truth (%d conversations, seed %d, rule set %s, %d rules)\n",
		r.Conversations, r.Config.Seed, r.SetVersion, len(r.Raw.Rules()))
	fmt.Fprintln(w, "   per conversation: the rule failed vs the truth names it; seq: true positives with evidence on an utterance the truth names")
	fmt.Fprintln(w, "   raw: the generator's text; redacted: the text as ingest stores it (card, ID, phone and e-mail replaced by placeholders)")
	tw := tabwriter.NewWriter(w, 2, 8, 2, ' ', tabwriter.AlignRight|tabwriter.Debug)
	fmt.Fprintln(tw, "rule\tsupport\traw fired\tprecision\trecall\tseq\tredacted fired\tprecision\trecall\tseq\t")
	red := r.Redacted.Rules()
	for _, id := range synth.AllRules {
		s, ok := r.Raw.Rule(id)
		if !ok {
			fmt.Fprintf(tw, "%s\t(no such rule in the set)\t\t\t\t\t\t\t\t\t\n", id)
			continue
		}
		d, _ := r.Redacted.Rule(id)
		fmt.Fprintf(tw, "%s\t%d\t%d\t%.3f\t%.3f\t%s\t%d\t%.3f\t%.3f\t%s\t\n", s.Info.ID, s.Support,
			s.Fired, s.Precision(), s.Recall(), seqText(&s), d.Fired, d.Precision(), d.Recall(), seqText(&d))
	}
	if err := tw.Flush(); err != nil {
		return err
	}

	fmt.Fprintln(w)
	fmt.Fprintln(w, "== tempting non-violations (flagged: a rule failed with evidence on the tempting utterance, or the rule it tempts failed where the truth holds no such breach)")
	tw = tabwriter.NewWriter(w, 2, 8, 2, ' ', tabwriter.Debug)
	fmt.Fprintln(tw, "tempting case\tcases\traw flagged\tby rule\tredacted flagged\tby rule\t")
	rt := r.Redacted.Tempting()
	for i, t := range r.Raw.Tempting() {
		d := rt[i]
		fmt.Fprintf(tw, "%s\t%d\t%d\t%s\t%d\t%s\t\n", t.ID, t.Cases, t.Flagged, byRule(t.ByRule), d.Flagged, byRule(d.ByRule))
	}
	if err := tw.Flush(); err != nil {
		return err
	}

	fmt.Fprintln(w)
	fmt.Fprintln(w, "== rules without ground truth (the generator does not inject them): conversations where each failed or did not apply")
	tw = tabwriter.NewWriter(w, 2, 8, 2, ' ', tabwriter.Debug)
	fmt.Fprintln(tw, "rule\tseverity\tcriterion\traw fired\tredacted fired\tn/a\t")
	for i, s := range r.Raw.Rules() {
		if s.Generated {
			continue
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%d\t%d\t%d\t\n", s.Info.ID, s.Info.Severity, s.Info.Criterion, s.Fired, red[i].Fired, s.NA)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if r.Config.Examples > 0 {
		r.writeExamples(w)
	}
	return nil
}

func (r *Report) writeExamples(w io.Writer) {
	for _, pass := range []struct {
		name string
		t    *Tally
	}{{ModeRaw, r.Raw}, {ModeRedacted, r.Redacted}} {
		for _, s := range pass.t.Rules() {
			for _, ex := range s.Misses {
				writeExample(w, pass.name, "missed", ex)
			}
			for _, ex := range s.FalseAlarms {
				writeExample(w, pass.name, "false alarm", ex)
			}
			for _, ex := range s.Fires {
				writeExample(w, pass.name, "fired", ex)
			}
		}
		for _, ts := range pass.t.Tempting() {
			for _, ex := range ts.Examples {
				writeExample(w, pass.name, "tempted by "+ts.ID, ex)
			}
		}
	}
}

func writeExample(w io.Writer, pass, what string, ex Example) {
	fmt.Fprintf(w, "\n-- %s %s %s: %s (truth %v, evidence %v)\n", pass, ex.Rule, what, ex.ConversationID, ex.TruthSeqs, ex.HitSeqs)
	for _, l := range ex.Lines {
		fmt.Fprintf(w, "    %s\n", l)
	}
}

func seqText(s *RuleStat) string {
	v, ok := s.SeqAgreement()
	if !ok {
		return "—"
	}
	return fmt.Sprintf("%.3f", v)
}

func byRule(m map[string]int) string {
	if len(m) == 0 {
		return "—"
	}
	ids := make([]string, 0, len(m))
	for id := range m {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	parts := make([]string, len(ids))
	for i, id := range ids {
		parts[i] = fmt.Sprintf("%s %d", id, m[id])
	}
	return strings.Join(parts, ", ")
}

// Below names what misses the bar: each generated rule the set lacks or
// whose precision or recall is below min on either pass, and each
// tempting kind a rule flagged.
func (r *Report) Below(min float64) []string {
	var out []string
	for _, id := range synth.AllRules {
		if _, ok := r.Raw.Rule(id); !ok {
			out = append(out, id+" missing from the rule set")
		}
	}
	for _, pass := range []struct {
		name string
		t    *Tally
	}{{ModeRaw, r.Raw}, {ModeRedacted, r.Redacted}} {
		for _, s := range pass.t.Rules() {
			if !s.Generated {
				continue
			}
			if p := s.Precision(); p < min {
				out = append(out, fmt.Sprintf("%s precision %.3f (%s)", s.Info.ID, p, pass.name))
			}
			if rc := s.Recall(); rc < min {
				out = append(out, fmt.Sprintf("%s recall %.3f (%s)", s.Info.ID, rc, pass.name))
			}
		}
		for _, t := range pass.t.Tempting() {
			if t.Flagged > 0 {
				out = append(out, fmt.Sprintf("%s flagged %d of %d times (%s: %s)", t.ID, t.Flagged, t.Cases, pass.name, byRule(t.ByRule)))
			}
		}
	}
	return out
}
