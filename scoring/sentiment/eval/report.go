package eval

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
)

// Write prints the report: one table of every set with the shipped model,
// the trained model and the peer, then the zh-Hant gap, the shipped model
// on held-out folds, and the goals.
func (r *Report) Write(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 2, 8, 2, ' ', tabwriter.AlignRight|tabwriter.Debug)
	fmt.Fprintf(w, "== sentiment: accuracy / macro-F1 (folds %d, seed %d)\n", r.Folds, r.Seed)
	fmt.Fprintln(tw, "set\tn\tclasses\ttrained on\tconvqa shipped\tconvqa trained\tconvqa calibrated\tpeer\t")
	for _, l := range r.Lines {
		peer := "—"
		if l.Peer.OK {
			peer = l.PeerName + " " + fmtCell(l.Peer)
		}
		fmt.Fprintf(tw, "%s\t%d\t%d\t%s\t%s\t%s\t%s\t%s\t\n", l.Set, l.Shipped.N, l.Classes, l.Train, fmtCell(l.Shipped), fmtCell(l.Trained), fmtCell(l.Calibrated), peer)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintln(w, "trained: n-grams with NB scaling on top of the rule signals, class weighting chosen on 20% of each model's own training data")
	fmt.Fprintln(w, "  (sentiment.InDomainCandidates with TrainSelect: for labels from the traffic you score);")
	fmt.Fprintln(w, "calibrated: the rule signals' weights only (sentiment.CalibrateOptions: for labels from other traffic — the cross-set rows).")
	fmt.Fprintln(w, "binary sets: a negative label counts as negative, neutral and positive as positive (scores ≤ −0.05 are negative).")
	fmt.Fprintln(w, "SnowNLP: P(positive) ≥ 0.5 is positive. VADER: compound ≥ 0.05 positive, ≤ −0.05 negative, else neutral.")
	if hans, hant := r.find("waimai (zh-Hans)", "5-fold"), r.find("waimai (zh-Hant)", ""); hans != nil && hant != nil {
		fmt.Fprintf(w, "zh-Hant − zh-Hans on the same texts: shipped %+.4f, trained %+.4f, calibrated %+.4f, SnowNLP %+.4f (accuracy)\n",
			hant.Shipped.Accuracy-hans.Shipped.Accuracy, hant.Trained.Accuracy-hans.Trained.Accuracy,
			hant.Calibrated.Accuracy-hans.Calibrated.Accuracy, hant.Peer.Accuracy-hans.Peer.Accuracy)
	}
	fmt.Fprintln(w, "shipped model on folds 1–4 only (the lexicon's authors looked at errors of fold 0 only):")
	for _, l := range r.HeldOut {
		fmt.Fprintf(w, "  %-16s n=%-6d %s\n", l.Set, l.Shipped.N, fmtCell(l.Shipped))
	}
	for _, p := range r.Peers {
		fmt.Fprintf(w, "peer %s %s: %d texts in %.1f s (%.3f MB/s)\n", p.Tool, p.Version, p.Texts, p.Seconds, p.MBps())
	}
	r.writeGoals(w)
	fmt.Fprintf(w, "elapsed %s\n", r.Elapsed.Round(1e8))
	return nil
}

func (r *Report) find(set, trainPrefix string) *Line {
	for i, l := range r.Lines {
		if l.Set == set && strings.HasPrefix(l.Train, trainPrefix) {
			return &r.Lines[i]
		}
	}
	return nil
}

func fmtCell(c Cell) string {
	if !c.OK {
		return "—"
	}
	return fmt.Sprintf("%.3f / %.3f", c.Accuracy, c.MacroF1)
}

// writeGoals checks the goals: the trained preset on the k-fold
// rows, the calibrated preset on the cross-set rows (each the preset made
// for that situation).
func (r *Report) writeGoals(w io.Writer) {
	mark := func(ok bool) string {
		if ok {
			return "met"
		}
		return "NOT met"
	}
	fmt.Fprintln(w, "goals:")
	for _, set := range []string{"waimai (zh-Hans)", "ChnSentiCorp (zh-Hans)"} {
		if l := r.find(set, "5-fold"); l != nil && l.Trained.OK {
			fmt.Fprintf(w, "  zh in-domain accuracy ≥ 0.90, %s: %.4f — %s\n", set, l.Trained.Accuracy, mark(l.Trained.Accuracy >= 0.90))
		}
	}
	for _, c := range [][2]string{{"ChnSentiCorp (zh-Hans)", "waimai"}, {"waimai (zh-Hans)", "ChnSentiCorp"}} {
		if l := r.find(c[0], c[1]); l != nil && l.Calibrated.OK {
			fmt.Fprintf(w, "  zh cross-set accuracy ≥ 0.82, %s → %s: %.4f — %s\n", c[1], c[0], l.Calibrated.Accuracy, mark(l.Calibrated.Accuracy >= 0.82))
		}
	}
	if hans, hant := r.find("waimai (zh-Hans)", "5-fold"), r.find("waimai (zh-Hant)", ""); hans != nil && hant != nil {
		d := hant.Trained.Accuracy - hans.Trained.Accuracy
		fmt.Fprintf(w, "  zh-Hant within one point of zh-Hans: %+.4f — %s\n", d, mark(d > -0.01 && d < 0.01))
	}
	if l := r.find("airline tweets (en)", ""); l != nil && l.Trained.OK {
		fmt.Fprintf(w, "  English macro-F1 ≥ 0.72: %.4f — %s\n", l.Trained.MacroF1, mark(l.Trained.MacroF1 >= 0.72))
	}
	ahead := true
	var behind []string
	for _, l := range r.Lines {
		if !l.Peer.OK {
			continue
		}
		c := l.Trained
		if !strings.Contains(l.Train, "fold") {
			c = l.Calibrated
		}
		// Accuracy on the binary sets, macro-F1 on the 3-class one.
		ours, theirs := c.Accuracy, l.Peer.Accuracy
		if l.Classes > 2 {
			ours, theirs = c.MacroF1, l.Peer.MacroF1
		}
		if !c.OK || ours <= theirs {
			ahead = false
			behind = append(behind, l.Set+" ("+l.Train+")")
		}
	}
	fmt.Fprintf(w, "  ahead of the peer on every set: %s", mark(ahead))
	if len(behind) > 0 {
		fmt.Fprintf(w, " (behind on %s)", strings.Join(behind, ", "))
	}
	fmt.Fprintln(w)
}
