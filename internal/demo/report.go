package demo

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/ClickHouse/clickhouse-go/v2/lib/driver"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/convqa/convqa/internal/store"
)

// report prints what arrived, read back from ClickHouse the way the product
// reads it: duplicates collapsed with FINAL, every query scoped to the tenant.
func report(ctx context.Context, o Options, reg *prometheus.Registry, gen *generated, version string) error {
	conn, err := store.Open(ctx, o.ClickHouse)
	if err != nil {
		return err
	}
	defer func() { _ = conn.Close() }()
	out := o.Out
	fmt.Fprintf(out, "\n== what arrived (tenant %q, read with FINAL)\n", tenant)
	tw := tabwriter.NewWriter(out, 2, 4, 2, ' ', 0)
	for _, q := range []struct{ label, sql string }{
		{"conversations", "SELECT count() FROM conversations FINAL WHERE tenant = ?"},
		{"  of them closed live conversations", "SELECT count() FROM conversations FINAL WHERE tenant = ? AND utterance_count = 0"},
		{"utterances", "SELECT count() FROM utterances FINAL WHERE tenant = ?"},
	} {
		n, err := scalar(ctx, conn, q.sql)
		if err != nil {
			return err
		}
		fmt.Fprintf(tw, "  %s\t%d\n", q.label, n)
	}
	_ = tw.Flush()
	for _, g := range []struct{ label, col string }{{"per language", "language"}, {"per channel", "channel"}} {
		line, err := groupCounts(ctx, conn, "SELECT "+g.col+", count() AS n FROM conversations FINAL WHERE tenant = ? GROUP BY "+g.col+" ORDER BY n DESC")
		if err != nil {
			return err
		}
		fmt.Fprintf(out, "  %-14s %s\n", g.label, line)
	}
	var phone, id, card, email uint64
	if err := conn.QueryRow(ctx, "SELECT sum(pii_phone), sum(pii_id_number), sum(pii_bank_card), sum(pii_email) FROM utterances FINAL WHERE tenant = ?", tenant).
		Scan(&phone, &id, &card, &email); err != nil {
		return fmt.Errorf("count redactions: %w", err)
	}
	fmt.Fprintf(out, "  %-14s phone %d, id_number %d, bank_card %d, email %d\n", "PII redacted", phone, id, card, email)
	fmt.Fprintf(out, "  %-14s %s (expected %d malformed messages)\n", "sent to DLQ", rejected(reg), gen.malformed)
	if err := spikeReport(ctx, conn, o, gen); err != nil {
		return err
	}
	if gen.sample != "" {
		if err := sample(ctx, conn, o, gen.sample); err != nil {
			return err
		}
	}
	if err := qaReport(ctx, conn, o, version); err != nil {
		return err
	}
	fmt.Fprintf(out, "\nNext: topic spike detection and the Slack alert are not built yet; the spike above is what they will find.\n")
	return nil
}

func scalar(ctx context.Context, conn driver.Conn, sql string) (uint64, error) {
	var n uint64
	if err := conn.QueryRow(ctx, sql, tenant).Scan(&n); err != nil {
		return 0, fmt.Errorf("%s: %w", sql, err)
	}
	return n, nil
}

func groupCounts(ctx context.Context, conn driver.Conn, sql string) (string, error) {
	rows, err := conn.Query(ctx, sql, tenant)
	if err != nil {
		return "", fmt.Errorf("%s: %w", sql, err)
	}
	defer rows.Close()
	var parts []string
	for rows.Next() {
		var k string
		var n uint64
		if err := rows.Scan(&k, &n); err != nil {
			return "", err
		}
		if k == "" {
			k = "(unknown)"
		}
		parts = append(parts, fmt.Sprintf("%s %d", k, n))
	}
	return strings.Join(parts, ", "), rows.Err()
}

// rejected reads the DLQ counts by class from ingest's own metrics.
func rejected(reg *prometheus.Registry) string {
	mfs, err := reg.Gather()
	if err != nil {
		return "unknown: " + err.Error()
	}
	byClass := map[string]float64{}
	total := 0.0
	for _, mf := range mfs {
		if mf.GetName() != "convqa_ingest_messages_rejected_total" {
			continue
		}
		for _, m := range mf.GetMetric() {
			if v := m.GetCounter().GetValue(); v > 0 {
				byClass[m.GetLabel()[0].GetValue()] = v
				total += v
			}
		}
	}
	keys := make([]string, 0, len(byClass))
	for k := range byClass {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = fmt.Sprintf("%s %g", k, byClass[k])
	}
	return fmt.Sprintf("%g (%s)", total, strings.Join(parts, ", "))
}

// shelfLifeWords stands in for topic tagging, which a later release adds:
// enough to see the injected spike in the stored text.
const shelfLifeWords = `保质期|過期|过期|生产日期|生產日期|保存期限|临期|臨期|胀包|脹包|expir|best before|use by|bloated`

// spikeReport shows the injected spike in the stored data: the share of the
// tenant's conversations that ask about shelf life for the product, inside
// the window against the rest of the run. Shares, not counts: a busy hour
// or a promotion day is not a spike.
func spikeReport(ctx context.Context, conn driver.Conn, o Options, gen *generated) error {
	for _, sp := range gen.events.Spikes {
		var inN, inAll, outN, outAll uint64
		q := `SELECT countIf(hit AND inside), countIf(inside), countIf(hit AND NOT inside), countIf(NOT inside)
		      FROM (
		        SELECT started_at >= ? AND started_at < ? AS inside,
		               product_sku = ? AND conversation_id IN (
		                 SELECT conversation_id FROM utterances WHERE tenant = ? AND match(lower(text), ?)) AS hit
		        FROM conversations FINAL WHERE tenant = ?)`
		s, e := sp.Start.UTC(), sp.End.UTC()
		if err := conn.QueryRow(ctx, q, s, e, sp.SKU, sp.Tenant, shelfLifeWords, sp.Tenant).Scan(&inN, &inAll, &outN, &outAll); err != nil {
			return fmt.Errorf("spike window share: %w", err)
		}
		share := func(a, b uint64) float64 {
			if b == 0 {
				return 0
			}
			return float64(a) / float64(b)
		}
		loc := time.FixedZone("+08:00", 8*3600)
		fmt.Fprintf(o.Out, "  %-14s %s questions about %s, %s–%s (+08:00): %.1f%% of conversations (%d of %d) vs %.1f%% the rest of the run: %.1f× (injected: %g×)\n",
			"spike", sp.Topic, sp.SKU, sp.Start.In(loc).Format("Jan 2 15:04"), sp.End.In(loc).Format("15:04"),
			100*share(inN, inAll), inN, inAll, 100*share(outN, outAll), share(inN, inAll)/max(share(outN, outAll), 1e-9), sp.Multiplier)
	}
	return nil
}

// sample prints one conversation as stored: PII already replaced.
func sample(ctx context.Context, conn driver.Conn, o Options, id string) error {
	fmt.Fprintf(o.Out, "\n== one conversation as stored (%s)\n", id)
	var channel, language, sku, hash string
	if err := conn.QueryRow(ctx, "SELECT channel, language, product_sku, customer_hash FROM conversations FINAL WHERE tenant = ? AND conversation_id = ?", tenant, id).
		Scan(&channel, &language, &sku, &hash); err != nil {
		return fmt.Errorf("read conversation %s: %w", id, err)
	}
	if len(hash) > 16 {
		hash = hash[:16] + "…"
	}
	fmt.Fprintf(o.Out, "  %s, %s, product %s, customer %s (keyed hash)\n", channel, language, sku, hash)
	rows, err := conn.Query(ctx, "SELECT seq, speaker, text FROM utterances FINAL WHERE tenant = ? AND conversation_id = ? ORDER BY seq", tenant, id)
	if err != nil {
		return fmt.Errorf("read utterances of %s: %w", id, err)
	}
	defer rows.Close()
	for rows.Next() {
		var seq uint32
		var speaker, text string
		if err := rows.Scan(&seq, &speaker, &text); err != nil {
			return err
		}
		// E-mail turns span lines; one line per turn reads better here.
		text = strings.Join(strings.Fields(text), " ")
		fmt.Fprintf(o.Out, "  %2d %-8s %s\n", seq, speaker, text)
	}
	return rows.Err()
}
