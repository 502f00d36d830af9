package job

import (
	"context"
	"fmt"
	"log/slog"
	"slices"
	"testing"
	"time"

	"github.com/ClickHouse/clickhouse-go/v2"
	"github.com/ClickHouse/clickhouse-go/v2/lib/driver"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/testutil"

	"github.com/convqa/convqa/internal/config"
	"github.com/convqa/convqa/internal/store"
	"github.com/convqa/convqa/internal/testenv"
	"github.com/convqa/convqa/internal/transcript"
	"github.com/convqa/convqa/scoring/qa"
)

// migrated gives the test a database of its own with convqa's schema.
func migrated(t *testing.T) driver.Conn {
	t.Helper()
	db := testenv.ClickHouse(t)
	if db == nil {
		return nil
	}
	cfg := config.Default().ClickHouse
	cfg.Addr, cfg.Database = []string{db.Addr}, db.Database
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	if _, err := store.MigrateAll(ctx, cfg, slog.New(slog.DiscardHandler)); err != nil {
		t.Fatalf("migrate %s: %v", db, err)
	}
	return db.Conn
}

// conversation makes a closed conversation of tenant with a few turns;
// complaint adds a customer turn that the test scorer's rule matches.
func conversation(tenant, id string, start time.Time, complaint bool) *transcript.Message {
	s := start.UTC().Truncate(time.Second)
	end := s.Add(5 * time.Minute)
	m := &transcript.Message{Schema: transcript.SchemaV1, Kind: transcript.KindConversation, Tenant: tenant, ConversationID: id,
		Status: transcript.StatusClosed, Channel: transcript.ChannelChat, Language: transcript.LangZhHans, StartedAt: &s, EndedAt: &end,
		Agent:   &transcript.Agent{ID: "a-7", Name: "王芳", Team: "dairy"},
		Product: &transcript.Product{SKU: "MILK-1L", Name: "纯牛奶", Category: "dairy", Batch: "B7"},
		Queue:   "after-sales", CSAT: 2, Metadata: map[string]string{"order": "[ID]", "source": "app"},
		Utterances: []transcript.Utterance{
			{Seq: 0, Speaker: transcript.SpeakerAgent, Text: "您好，请问有什么可以帮您？", StartMS: 0, EndMS: 0},
			{Seq: 1, Speaker: transcript.SpeakerCustomer, Text: "牛奶喝起来有点酸，我非常生气！", StartMS: 4000, EndMS: 4000},
			{Seq: 2, Speaker: transcript.SpeakerAgent, Text: "非常抱歉，我们马上为您处理。", StartMS: 9000, EndMS: 9000},
		},
	}
	if complaint {
		m.Utterances = append(m.Utterances, transcript.Utterance{Seq: 3, Speaker: transcript.SpeakerCustomer, Text: "这个牛奶的保质期到底是多久？", StartMS: 15000, EndMS: 15000})
	}
	return m
}

// put stores m as ingest would: one conversations row and its utterances,
// all at version.
func put(t *testing.T, conn driver.Conn, m *transcript.Message, version uint64) {
	t.Helper()
	ctx := context.Background()
	b, err := conn.PrepareBatch(ctx, `INSERT INTO conversations (tenant, conversation_id, channel, language, status, started_at, ended_at,
		agent_id, agent_name, agent_team, customer_hash, product_sku, product_name, product_category, product_batch,
		queue, disposition, csat, metadata_keys, metadata_values, utterance_count, version)`)
	if err != nil {
		t.Fatal(err)
	}
	keys, values := sortedMetadata(m.Metadata)
	if keys == nil {
		keys, values = []string{}, []string{}
	}
	ended := epoch
	if m.EndedAt != nil {
		ended = *m.EndedAt
	}
	var a transcript.Agent
	if m.Agent != nil {
		a = *m.Agent
	}
	var p transcript.Product
	if m.Product != nil {
		p = *m.Product
	}
	cust := ""
	if m.Customer != nil {
		cust = m.Customer.ID
	}
	if err := b.Append(m.Tenant, m.ConversationID, string(m.Channel), string(m.Language), string(m.Status), *m.StartedAt, ended,
		a.ID, a.Name, a.Team, cust, p.SKU, p.Name, p.Category, p.Batch, m.Queue, m.Disposition, uint8(m.CSAT),
		keys, values, uint32(len(m.Utterances)), version); err != nil {
		t.Fatal(err)
	}
	if err := b.Send(); err != nil {
		t.Fatal(err)
	}
	if len(m.Utterances) == 0 {
		return
	}
	b, err = conn.PrepareBatch(ctx, `INSERT INTO utterances (tenant, conversation_id, seq, speaker, text, start_ms, end_ms, started_at, version)`)
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range m.Utterances {
		if err := b.Append(m.Tenant, m.ConversationID, uint32(u.Seq), string(u.Speaker), u.Text, u.StartMS, u.EndMS, *m.StartedAt, version); err != nil {
			t.Fatal(err)
		}
	}
	if err := b.Send(); err != nil {
		t.Fatal(err)
	}
}

func count(t *testing.T, conn driver.Conn, query string, args ...any) uint64 {
	t.Helper()
	var n uint64
	if err := conn.QueryRow(context.Background(), query, args...).Scan(&n); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return n
}

func newJob(t *testing.T, s qa.Scorer, opt Options) (*Job, *prometheus.Registry) {
	t.Helper()
	reg := prometheus.NewRegistry()
	opt.Registerer = reg
	opt.Allocator = checkedAllocator(t)
	opt.RetryInitial, opt.RetryMax = time.Millisecond, 10*time.Millisecond
	j, err := New(s, opt)
	if err != nil {
		t.Fatal(err)
	}
	return j, reg
}

var may = time.Date(2024, 5, 1, 9, 0, 0, 0, time.UTC)

func TestJobScoresClosedConversationsOnceAndPerVersion(t *testing.T) {
	conn := migrated(t)
	if conn == nil {
		return
	}
	// c-1 arrived open, then closed with another channel and a changed
	// turn: the latest version must be what is scored.
	c1 := conversation("acme", "c-1", may, true)
	open := *c1
	open.Status, open.Channel = transcript.StatusOpen, transcript.ChannelBot
	open.Utterances = slices.Clone(c1.Utterances)
	open.Utterances[1].Text = "好的谢谢"
	put(t, conn, &open, 1)
	put(t, conn, c1, 2)
	put(t, conn, c1, 2) // redelivered
	c2 := conversation("acme", "c-2", may.Add(time.Hour), false)
	c3 := conversation("acme", "c-3", may.AddDate(0, 1, 0), true) // another partition
	g1 := conversation("globex", "g-1", may, true)
	for _, m := range []*transcript.Message{c2, c3, g1} {
		put(t, conn, m, 1)
	}
	stillOpen := conversation("acme", "c-open", may, true)
	stillOpen.Status = transcript.StatusOpen
	put(t, conn, stillOpen, 1)

	engine := defaultEngine(t)
	hits := map[string]int{} // distinct hits per conversation, as rule_hits keys them
	var allHits int
	for _, m := range []*transcript.Message{c1, c2, c3, g1} {
		res := expected(t, engine, m)
		hits[m.ConversationID] = len(hitKeys(res))
		allHits += len(res.Hits)
	}
	if hits["c-1"] == 0 {
		t.Fatal("the fixture gets no rule hits: it does not exercise rule_hits")
	}

	j, reg := newJob(t, engine, Options{BatchSize: 2})
	before := time.Now().Truncate(time.Second)
	st, err := j.Run(context.Background(), conn)
	if err != nil {
		t.Fatal(err)
	}
	after := time.Now()
	if st.Scored != 4 || st.Failed != 0 || st.Total != 4 || st.Tenants != 2 || st.Rescored != 0 || st.Hits != int64(allHits) {
		t.Fatalf("first run: %+v; want 4 scored of 4 in 2 tenants, %d hits", st, allHits)
	}
	if got := count(t, conn, "SELECT count() FROM scores FINAL WHERE tenant = 'acme' AND conversation_id = 'c-open'"); got != 0 {
		t.Errorf("the open conversation was scored")
	}
	checkScoreRow(t, conn, engine, c1, before, after)
	checkHitRows(t, conn, engine, c1)
	if got := testutil.ToFloat64(j.m.conversations.WithLabelValues("scored")); got != 4 {
		t.Errorf("scored metric = %v", got)
	}
	if got := testutil.ToFloat64(j.m.hits); got != float64(allHits) {
		t.Errorf("hits metric = %v, want %d", got, allHits)
	}
	if n, err := testutil.GatherAndCount(reg, "convqa_score_batch_duration_seconds"); err != nil || n != 3 {
		t.Errorf("batch duration series = %d, %v; want read, score and write", n, err)
	}

	// The same scorer again: nothing to do, not a row added.
	rawScores := count(t, conn, "SELECT count() FROM scores")
	rawHits := count(t, conn, "SELECT count() FROM rule_hits")
	st, err = j.Run(context.Background(), conn)
	if err != nil || st.Scored != 0 || st.Total != 0 {
		t.Fatalf("second run: %+v, %v; want nothing to do", st, err)
	}
	if got := count(t, conn, "SELECT count() FROM scores"); got != rawScores {
		t.Errorf("second run changed scores: %d rows, was %d", got, rawScores)
	}
	if got := count(t, conn, "SELECT count() FROM rule_hits"); got != rawHits {
		t.Errorf("second run changed rule_hits: %d rows, was %d", got, rawHits)
	}

	// A new scorer version re-scores history beside the old rows.
	other := otherEngine(t)
	j2, _ := newJob(t, other, Options{BatchSize: 3, Rate: 1000})
	st, err = j2.Run(context.Background(), conn)
	if err != nil || st.Scored != 4 || st.Rescored != 4 {
		t.Fatalf("new version's run: %+v, %v; want 4 re-scored", st, err)
	}
	wantHits := uint64(hits["c-1"] + hits["c-2"] + hits["c-3"])
	for _, v := range []string{engine.Version(), other.Version()} {
		q := "SELECT count() FROM scores FINAL WHERE tenant = @t AND scorer_version = @v"
		if got := count(t, conn, q, clickhouse.Named("t", "acme"), clickhouse.Named("v", v)); got != 3 {
			t.Errorf("acme has %d scores rows of %s, want 3", got, v)
		}
		q = "SELECT count() FROM rule_hits FINAL WHERE tenant = @t AND scorer_version = @v"
		if got := count(t, conn, q, clickhouse.Named("t", "acme"), clickhouse.Named("v", v)); got != wantHits {
			t.Errorf("acme has %d rule_hits rows of %s, want %d", got, v, wantHits)
		}
	}
}

// expected is what s makes of m.
func expected(t *testing.T, s qa.Scorer, m *transcript.Message) *qa.Result {
	t.Helper()
	res, err := s.Score(m)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// hitKeys are the distinct identities of res's hits, as rule_hits keys them.
func hitKeys(res *qa.Result) map[string]bool {
	keys := map[string]bool{}
	for _, h := range res.Hits {
		keys[fmt.Sprintf("%s %d %d %d", h.RuleID, h.Seq, h.Start, h.End)] = true
	}
	return keys
}

// checkScoreRow compares m's scores row with what the scorer makes of the
// conversation, column by column; scored_at must lie in [from, to].
func checkScoreRow(t *testing.T, conn driver.Conn, s qa.Scorer, m *transcript.Message, from, to time.Time) {
	t.Helper()
	want := expected(t, s, m)
	var (
		tenant, id, sv, card, channel, agentID, team, sku, category, queue, label string
		started, scoredAt                                                         time.Time
		total, custAvg, custStart, custEnd, custMin, agentAvg                     float32
		autoFailed, escalation                                                    uint8
		secIDs, critIDs                                                           []string
		secScores, critScores, critMax                                            []float32
		anger, anxiety, frustration, satisfaction                                 float32
		angerSeq, anxietySeq, frustrationSeq, satisfactionSeq, escSeq             int32
		hits, violations                                                          uint32
		version                                                                   uint64
	)
	err := conn.QueryRow(context.Background(), `SELECT tenant, conversation_id, scorer_version, scorecard_id, started_at, channel,
		agent_id, agent_team, product_sku, product_category, queue, total, auto_failed, section_ids, section_scores,
		criterion_ids, criterion_scores, criterion_max, customer_sentiment_avg, customer_sentiment_start,
		customer_sentiment_end, customer_sentiment_min, agent_sentiment_avg, sentiment_label, anger_peak, anger_peak_seq,
		anxiety_peak, anxiety_peak_seq, frustration_peak, frustration_peak_seq, satisfaction_peak, satisfaction_peak_seq,
		escalation, escalation_seq, rule_hits, violations, scored_at, version
		FROM scores FINAL WHERE tenant = @t AND conversation_id = @c AND scorer_version = @v`,
		clickhouse.Named("t", m.Tenant), clickhouse.Named("c", m.ConversationID), clickhouse.Named("v", s.Version())).Scan(
		&tenant, &id, &sv, &card, &started, &channel, &agentID, &team, &sku, &category, &queue, &total, &autoFailed,
		&secIDs, &secScores, &critIDs, &critScores, &critMax, &custAvg, &custStart, &custEnd, &custMin, &agentAvg, &label,
		&anger, &angerSeq, &anxiety, &anxietySeq, &frustration, &frustrationSeq, &satisfaction, &satisfactionSeq,
		&escalation, &escSeq, &hits, &violations, &scoredAt, &version)
	if err != nil {
		t.Fatal(err)
	}
	snt, sc := want.Sentiment, want.Scorecard
	cust := snt.Speakers[transcript.SpeakerCustomer]
	agent := snt.Speakers[transcript.SpeakerAgent]
	if snt.Trajectory == nil || cust.Utterances != 2 || snt.Emotions.Anger.Value <= 0 || len(sc.Criteria) == 0 {
		t.Fatalf("the fixture does not exercise the sentiment and scorecard columns: %+v", want)
	}
	var wantSecIDs, wantCritIDs []string
	var wantSecScores, wantEarned, wantMax []float32
	for _, sec := range sc.Sections {
		if !sec.NA {
			wantSecIDs, wantSecScores = append(wantSecIDs, sec.ID), append(wantSecScores, float32(sec.Score))
		}
	}
	for _, c := range sc.Criteria {
		wantCritIDs, wantEarned, wantMax = append(wantCritIDs, c.ID), append(wantEarned, float32(c.Earned)), append(wantMax, float32(c.Max))
	}
	esc, escAt := uint8(0), int32(-1)
	if snt.Escalation.Flag {
		esc, escAt = 1, int32(snt.Escalation.Seq)
	}
	peak := func(p float64, seq int) int32 {
		if p <= 0 {
			return -1
		}
		return int32(seq)
	}
	autoFail := uint8(0)
	if sc.AutoFailed {
		autoFail = 1
	}
	checks := []struct {
		col       string
		got, want any
	}{
		{"tenant", tenant, m.Tenant}, {"conversation_id", id, m.ConversationID}, {"scorer_version", sv, s.Version()},
		{"scorecard_id", card, sc.ScorecardID}, {"started_at", started.UTC(), m.StartedAt.UTC()},
		{"channel", channel, string(m.Channel)}, {"agent_id", agentID, m.Agent.ID}, {"agent_team", team, m.Agent.Team},
		{"product_sku", sku, m.Product.SKU}, {"product_category", category, m.Product.Category}, {"queue", queue, m.Queue},
		{"total", total, float32(sc.Total)}, {"auto_failed", autoFailed, autoFail},
		{"section_ids", secIDs, wantSecIDs}, {"section_scores", secScores, wantSecScores},
		{"criterion_ids", critIDs, wantCritIDs}, {"criterion_scores", critScores, wantEarned}, {"criterion_max", critMax, wantMax},
		{"customer_sentiment_avg", custAvg, float32(cust.Mean)},
		{"customer_sentiment_start", custStart, float32(snt.Trajectory.Opening)},
		{"customer_sentiment_end", custEnd, float32(snt.Trajectory.Closing)},
		{"customer_sentiment_min", custMin, float32(cust.Min)},
		{"agent_sentiment_avg", agentAvg, float32(agent.Mean)},
		{"sentiment_label", label, customerLabel(cust.Mean, true)},
		{"anger_peak", anger, float32(snt.Emotions.Anger.Value)}, {"anger_peak_seq", angerSeq, peak(snt.Emotions.Anger.Value, snt.Emotions.Anger.Seq)},
		{"anxiety_peak", anxiety, float32(snt.Emotions.Anxiety.Value)}, {"anxiety_peak_seq", anxietySeq, peak(snt.Emotions.Anxiety.Value, snt.Emotions.Anxiety.Seq)},
		{"frustration_peak", frustration, float32(snt.Emotions.Frustration.Value)}, {"frustration_peak_seq", frustrationSeq, peak(snt.Emotions.Frustration.Value, snt.Emotions.Frustration.Seq)},
		{"satisfaction_peak", satisfaction, float32(snt.Emotions.Satisfaction.Value)}, {"satisfaction_peak_seq", satisfactionSeq, peak(snt.Emotions.Satisfaction.Value, snt.Emotions.Satisfaction.Seq)},
		{"escalation", escalation, esc}, {"escalation_seq", escSeq, escAt},
		{"rule_hits", hits, uint32(len(want.Hits))}, {"violations", violations, uint32(want.Violations)},
	}
	for _, c := range checks {
		if fmt.Sprint(c.got) != fmt.Sprint(c.want) {
			t.Errorf("scores.%s = %v, want %v", c.col, c.got, c.want)
		}
	}
	if scoredAt.Before(from) || scoredAt.After(to) {
		t.Errorf("scores.scored_at = %v, want in [%v, %v]", scoredAt, from, to)
	}
	if version == 0 {
		t.Error("scores.version is 0")
	}
}

// checkHitRows compares m's rule_hits rows with the scorer's hits.
func checkHitRows(t *testing.T, conn driver.Conn, s qa.Scorer, m *transcript.Message) {
	t.Helper()
	res := expected(t, s, m)
	var want []string
	for _, h := range res.Hits {
		v := 0
		if h.Violation {
			v = 1
		}
		want = append(want, fmt.Sprintf("%s %s %s %s %d %s %s seq=%d [%d,%d) %q %s %s %s %s %s", h.RuleID, h.RuleVersion,
			h.Criterion, h.Severity, v, h.Detector, h.Speaker, h.Seq, h.Start, h.End, h.Matched,
			m.StartedAt.UTC().Format(time.RFC3339), m.Channel, m.Agent.ID, m.Agent.Team, m.Product.SKU))
	}
	rows, err := conn.Query(context.Background(), `SELECT rule_id, rule_version, criterion_id, severity, violation, detector,
		speaker, utterance_seq, span_start, span_end, matched_text, started_at, channel, agent_id, agent_team, product_sku
		FROM rule_hits FINAL WHERE tenant = @t AND conversation_id = @c AND scorer_version = @v`,
		clickhouse.Named("t", m.Tenant), clickhouse.Named("c", m.ConversationID), clickhouse.Named("v", s.Version()))
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var got []string
	for rows.Next() {
		var (
			rule, rv, crit, sev, det, speaker, matched, channel, agent, team, sku string
			violation                                                             uint8
			seq                                                                   int32
			start, end                                                            uint32
			started                                                               time.Time
		)
		if err := rows.Scan(&rule, &rv, &crit, &sev, &violation, &det, &speaker, &seq, &start, &end, &matched,
			&started, &channel, &agent, &team, &sku); err != nil {
			t.Fatal(err)
		}
		got = append(got, fmt.Sprintf("%s %s %s %s %d %s %s seq=%d [%d,%d) %q %s %s %s %s %s", rule, rv, crit, sev, violation, det,
			speaker, seq, start, end, matched, started.UTC().Format(time.RFC3339), channel, agent, team, sku))
	}
	slices.Sort(got)
	slices.Sort(want)
	want = slices.Compact(want)
	if !slices.Equal(got, want) {
		t.Errorf("rule_hits of %s:\n got %q\nwant %q", m.ConversationID, got, want)
	}
}
