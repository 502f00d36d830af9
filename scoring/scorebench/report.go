package scorebench

import (
	"fmt"
	"io"
	"strconv"
	"text/tabwriter"

	"github.com/convqa/convqa/internal/gcpolicy"
)

// GoalMBps is the goal for the full scorer, per core.
const GoalMBps = 20

// Write prints the report.
func (r *Report) Write(w io.Writer) error {
	fmt.Fprintf(w, "== scoring: the full scorer (sentiment and emotion, the built-in rules, the scorecard), version %s\n", r.ScorerVersion)
	fmt.Fprintf(w, "%d conversations, %d utterances, %.2f MB of utterance text (redacted, as stored)\n\n", r.Conversations, r.Utterances, float64(r.TextBytes)/1e6)
	stageSum := r.Normalize.Seconds + r.Rules.Seconds + r.Sentiment.Seconds + r.Scorecard.Seconds
	share := func(s float64) string {
		if r.Full.Seconds <= 0 {
			return "—"
		}
		return fmt.Sprintf("%.0f%%", 100*s/r.Full.Seconds)
	}
	tw := tabwriter.NewWriter(w, 2, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "per core (one goroutine, CPU time)\tMB/s\tconversations/s\tshare of the full scorer's time\t")
	fmt.Fprintf(tw, "text normalization (once, for both)\t%.2f\t%.0f\t%s\t\n", r.Normalize.MBps, r.Normalize.Conversations, share(r.Normalize.Seconds))
	fmt.Fprintf(tw, "rules (%s)\t%.2f\t%.0f\t%s\t\n", "compliance", r.Rules.MBps, r.Rules.Conversations, share(r.Rules.Seconds))
	fmt.Fprintf(tw, "sentiment and emotion\t%.2f\t%.0f\t%s\t\n", r.Sentiment.MBps, r.Sentiment.Conversations, share(r.Sentiment.Seconds))
	fmt.Fprintf(tw, "scorecard\t%.2f\t%.0f\t%s\t\n", r.Scorecard.MBps, r.Scorecard.Conversations, share(r.Scorecard.Seconds))
	fmt.Fprintf(tw, "the rest (assembling the result)\t\t\t%s\t\n", share(max(r.Full.Seconds-stageSum, 0)))
	fmt.Fprintf(tw, "full scorer\t%.2f\t%.0f\t100%%\t\n", r.Full.MBps, r.Full.Conversations)
	if err := tw.Flush(); err != nil {
		return err
	}
	mark := "met"
	if r.Full.MBps < GoalMBps {
		mark = "NOT met"
	}
	fmt.Fprintf(w, "goal ≥ %d MB/s per core for the full scorer: %.2f — %s\n", GoalMBps, r.Full.MBps, mark)
	fmt.Fprintf(w, "all %d cores at once (wall time): %.2f MB/s, %.0f conversations/s\n", r.Workers, r.Parallel.MBps, r.Parallel.Conversations)
	fmt.Fprintf(w, "peak RSS: %.1f MB (the whole process, generated conversations included)\n", float64(r.PeakRSS)/(1<<20))
	fmt.Fprintf(w, "garbage collector: GOGC=%s (convqa's processes run with GOGC=%d unless the environment sets GOGC)\n", gogc(r.GCPercent), gcpolicy.DefaultPercent)
	if r.Ingest.Seconds == 0 {
		fmt.Fprintln(w, "end to end on the stack: skipped (no ClickHouse/Kafka given)")
		return nil
	}
	fmt.Fprintf(w, "\n== does scoring keep up with ingest? the same %d conversations on the local stack, same run\n", r.Messages)
	tw = tabwriter.NewWriter(w, 2, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "\tseconds\tconversations/s\tMB/s of text\t")
	fmt.Fprintf(tw, "convqa ingest (Kafka → validate, redact → ClickHouse)\t%.1f\t%.0f\t%.2f\t\n", r.Ingest.Seconds, r.Ingest.Conversations, r.Ingest.MBps)
	fmt.Fprintf(tw, "scoring job (ClickHouse → Arrow → score → ClickHouse)\t%.1f\t%.0f\t%.2f\t\n", r.Score.Seconds, r.Score.Conversations, r.Score.MBps)
	if err := tw.Flush(); err != nil {
		return err
	}
	ratio := r.Score.Conversations / r.Ingest.Conversations
	keeps := "keeps up"
	if ratio < 1 {
		keeps = "does NOT keep up"
	}
	fmt.Fprintf(w, "scoring ÷ ingest: %.2f — scoring %s with ingest on this machine\n", ratio, keeps)
	return nil
}

func gogc(percent int) string {
	if percent < 0 {
		return "off"
	}
	return strconv.Itoa(percent)
}
