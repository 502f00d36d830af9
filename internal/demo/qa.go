package demo

import (
	"context"
	"fmt"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/ClickHouse/clickhouse-go/v2/lib/driver"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/convqa/convqa/internal/store"
	"github.com/convqa/convqa/scoring/job"
	"github.com/convqa/convqa/scoring/qa"
)

// score runs the scoring job once over what ingest stored, as the
// scheduled job of `convqa run` does, and returns the scorer version.
func score(ctx context.Context, o Options) (string, error) {
	engine, err := qa.Default()
	if err != nil {
		return "", err
	}
	j, err := job.New(engine, job.Options{Tenants: []string{tenant}, Logger: o.Log, Registerer: prometheus.NewRegistry()})
	if err != nil {
		return "", err
	}
	conn, err := store.Open(ctx, o.ClickHouse)
	if err != nil {
		return "", err
	}
	defer func() { _ = conn.Close() }()
	st, err := j.Run(ctx, conn)
	if err != nil {
		return "", err
	}
	fmt.Fprintf(o.Out, "   scorer %s: %d conversations graded, %d rule hits, in %s (%.0f conversations/s); %d without turns (live chats closed empty) left out\n",
		j.Version(), st.Scored, st.Hits, st.Elapsed.Round(100*time.Millisecond), float64(st.Scored)/st.Elapsed.Seconds(), st.Unscorable)
	return j.Version(), nil
}

// qaReport prints what a QA manager reads in the morning: the score
// distribution, the five worst conversations with the words that lost
// their points, and the rules that fired most. Reads collapse re-scored
// duplicates with FINAL and pick the scorer version just run.
func qaReport(ctx context.Context, conn driver.Conn, o Options, version string) error {
	out := o.Out
	fmt.Fprintf(out, "\n== QA scores (scorer %s, read with FINAL)\n", version)
	rows, err := conn.Query(ctx, `SELECT multiIf(auto_failed = 1, 'auto-fail (0)', total < 60, '< 60', total < 70, '60–69',
	        total < 80, '70–79', total < 90, '80–89', total < 100, '90–99', '100') AS band, count() AS n
	    FROM scores FINAL WHERE tenant = ? AND scorer_version = ? GROUP BY band`, tenant, version)
	if err != nil {
		return fmt.Errorf("score distribution: %w", err)
	}
	counts := map[string]uint64{}
	var total uint64
	for rows.Next() {
		var band string
		var n uint64
		if err := rows.Scan(&band, &n); err != nil {
			rows.Close()
			return err
		}
		counts[band] = n
		total += n
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	var avg float64
	if err := conn.QueryRow(ctx, `SELECT avg(total) FROM scores FINAL WHERE tenant = ? AND scorer_version = ?`, tenant, version).Scan(&avg); err != nil {
		return fmt.Errorf("average score: %w", err)
	}
	fmt.Fprintf(out, "  %d conversations, mean score %.1f\n", total, avg)
	for _, band := range []string{"100", "90–99", "80–89", "70–79", "60–69", "< 60", "auto-fail (0)"} {
		n := counts[band]
		bar := ""
		if total > 0 {
			bar = strings.Repeat("█", int((n*50+total-1)/total))
		}
		fmt.Fprintf(out, "  %-14s %6d  %s\n", band, n, bar)
	}
	if err := topRules(ctx, conn, o, version); err != nil {
		return err
	}
	return worst(ctx, conn, o, version)
}

// topRules prints the rules that found the most breaches.
func topRules(ctx context.Context, conn driver.Conn, o Options, version string) error {
	rows, err := conn.Query(ctx, `SELECT rule_id, any(severity), uniqExact(conversation_id) AS convs, count() AS hits
	    FROM rule_hits FINAL WHERE tenant = ? AND scorer_version = ? AND violation = 1
	    GROUP BY rule_id ORDER BY convs DESC, rule_id LIMIT 10`, tenant, version)
	if err != nil {
		return fmt.Errorf("rules that fired most: %w", err)
	}
	defer rows.Close()
	fmt.Fprintf(o.Out, "\n== rules that fired most (breaches)\n")
	tw := tabwriter.NewWriter(o.Out, 2, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "  rule\tseverity\tconversations\thits")
	for rows.Next() {
		var id, sev string
		var convs, hits uint64
		if err := rows.Scan(&id, &sev, &convs, &hits); err != nil {
			return err
		}
		fmt.Fprintf(tw, "  %s\t%s\t%d\t%d\n", id, sev, convs, hits)
	}
	if err := rows.Err(); err != nil {
		return err
	}
	return tw.Flush()
}

// worst prints the five lowest-scored conversations and their evidence.
func worst(ctx context.Context, conn driver.Conn, o Options, version string) error {
	rows, err := conn.Query(ctx, `SELECT conversation_id, total, auto_failed, agent_id, channel, violations
	    FROM scores FINAL WHERE tenant = ? AND scorer_version = ?
	    ORDER BY total, violations DESC, conversation_id LIMIT 5`, tenant, version)
	if err != nil {
		return fmt.Errorf("worst conversations: %w", err)
	}
	type conv struct {
		id, agent, channel string
		total              float32
		failed             uint8
		violations         uint32
	}
	var cs []conv
	for rows.Next() {
		var c conv
		if err := rows.Scan(&c.id, &c.total, &c.failed, &c.agent, &c.channel, &c.violations); err != nil {
			rows.Close()
			return err
		}
		cs = append(cs, c)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	fmt.Fprintf(o.Out, "\n== the five worst conversations and the words that cost their points\n")
	for _, c := range cs {
		note := ""
		if c.failed == 1 {
			note = " (auto-fail)"
		}
		fmt.Fprintf(o.Out, "  %s  score %.1f%s, agent %s, %s, %d breaches\n", c.id, c.total, note, c.agent, c.channel, c.violations)
		hits, err := conn.Query(ctx, `SELECT rule_id, severity, utterance_seq, speaker, matched_text
		    FROM rule_hits FINAL WHERE tenant = ? AND conversation_id = ? AND scorer_version = ? AND violation = 1
		    ORDER BY utterance_seq, span_start, rule_id`, tenant, c.id, version)
		if err != nil {
			return fmt.Errorf("evidence of %s: %w", c.id, err)
		}
		var missing []string
		shown := map[string]bool{}
		for hits.Next() {
			var rule, sev, speaker, matched string
			var seq int32
			if err := hits.Scan(&rule, &sev, &seq, &speaker, &matched); err != nil {
				hits.Close()
				return err
			}
			if seq < 0 {
				missing = append(missing, rule)
				continue
			}
			// One line per rule and turn: the first span shows where.
			if k := fmt.Sprint(rule, seq); !shown[k] && len(shown) < 5 {
				shown[k] = true
				fmt.Fprintf(o.Out, "      %-30s %-8s turn %d %s: %q\n", rule, sev, seq, speaker, clip(matched, 60))
			}
		}
		hits.Close()
		if err := hits.Err(); err != nil {
			return err
		}
		if len(missing) > 0 {
			fmt.Fprintf(o.Out, "      %-30s %-8s %s\n", "required but missing", "", strings.Join(missing, ", "))
		}
	}
	return nil
}

func clip(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > n {
		return string(r[:n]) + "…"
	}
	return s
}
