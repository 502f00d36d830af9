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
	fmt.Fprintln(tw, "set\tn\tclasses\ttrained on\tconvqa shipped\tconvqa trained\tpeer\t")
	for _, l := range r.Lines {
		peer := "—"
		if l.Peer.OK {
			peer = l.PeerName + " " + fmtCell(l.Peer)
		}
		fmt.Fprintf(tw, "%s\t%d\t%d\t%s\t%s\t%s\t%s\t\n", l.Set, l.Shipped.N, l.Classes, l.Train, fmtCell(l.Shipped), fmtCell(l.Trained), peer)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintln(w, "binary sets: a negative label counts as negative, neutral and positive as positive (scores ≤ −0.05 are negative).")
	fmt.Fprintln(w, "SnowNLP: P(positive) ≥ 0.5 is positive. VADER: compound ≥ 0.05 positive, ≤ −0.05 negative, else neutral.")
	if hans, hant := r.find("waimai (zh-Hans)", "5-fold"), r.find("waimai (zh-Hant)", ""); hans != nil && hant != nil {
		fmt.Fprintf(w, "zh-Hant − zh-Hans on the same texts: shipped %+.4f, trained %+.4f, SnowNLP %+.4f (accuracy)\n",
			hant.Shipped.Accuracy-hans.Shipped.Accuracy, hant.Trained.Accuracy-hans.Trained.Accuracy, hant.Peer.Accuracy-hans.Peer.Accuracy)
	}
	fmt.Fprintln(w, "shipped model on folds 1–4 only (the lexicon's authors looked at errors of fold 0 only):")
	for _, l := range r.HeldOut {
		fmt.Fprintf(w, "  %-16s n=%-6d %s\n", l.Set, l.Shipped.N, fmtCell(l.Shipped))
	}
	for _, p := range r.Peers {
		fmt.Fprintf(w, "peer %s %s: %d texts in %.1f s (%.3f MB/s)\n", p.Tool, p.Version, p.Texts, p.Seconds, p.MBps())
	}
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
