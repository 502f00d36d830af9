package job

import (
	"fmt"
	"math"
	"time"

	"github.com/apache/arrow/go/v17/arrow"
	"github.com/apache/arrow/go/v17/arrow/array"
	"github.com/apache/arrow/go/v17/arrow/memory"

	"github.com/convqa/convqa/internal/transcript"
	"github.com/convqa/convqa/scoring/qa"
	"github.com/convqa/convqa/scoring/rules"
	"github.com/convqa/convqa/scoring/sentiment"
)

var (
	f32List = arrow.ListOf(arrow.PrimitiveTypes.Float32)
	u8      = arrow.PrimitiveTypes.Uint8
	i32     = arrow.PrimitiveTypes.Int32
	u32     = arrow.PrimitiveTypes.Uint32
	u64     = arrow.PrimitiveTypes.Uint64
	f32     = arrow.PrimitiveTypes.Float32
)

// ScoreSchema is a batch of rows of the scores table (sql/0003_scores.sql):
// every column, named as in the table, so the writer's INSERT names them.
var ScoreSchema = arrow.NewSchema([]arrow.Field{
	{Name: "tenant", Type: stringType},
	{Name: "conversation_id", Type: stringType},
	{Name: "scorer_version", Type: stringType},
	{Name: "scorecard_id", Type: stringType},
	{Name: "started_at", Type: timestamp},
	{Name: "channel", Type: stringType},
	{Name: "agent_id", Type: stringType},
	{Name: "agent_team", Type: stringType},
	{Name: "product_sku", Type: stringType},
	{Name: "product_category", Type: stringType},
	{Name: "queue", Type: stringType},
	{Name: "total", Type: f32},
	{Name: "auto_failed", Type: u8},
	{Name: "section_ids", Type: strList},
	{Name: "section_scores", Type: f32List},
	{Name: "criterion_ids", Type: strList},
	{Name: "criterion_scores", Type: f32List},
	{Name: "criterion_max", Type: f32List},
	{Name: "customer_sentiment_avg", Type: f32},
	{Name: "customer_sentiment_start", Type: f32},
	{Name: "customer_sentiment_end", Type: f32},
	{Name: "customer_sentiment_min", Type: f32},
	{Name: "agent_sentiment_avg", Type: f32},
	{Name: "sentiment_label", Type: stringType},
	{Name: "anger_peak", Type: f32},
	{Name: "anger_peak_seq", Type: i32},
	{Name: "anxiety_peak", Type: f32},
	{Name: "anxiety_peak_seq", Type: i32},
	{Name: "frustration_peak", Type: f32},
	{Name: "frustration_peak_seq", Type: i32},
	{Name: "satisfaction_peak", Type: f32},
	{Name: "satisfaction_peak_seq", Type: i32},
	{Name: "escalation", Type: u8},
	{Name: "escalation_seq", Type: i32},
	{Name: "rule_hits", Type: u32},
	{Name: "violations", Type: u32},
	{Name: "scored_at", Type: timestamp},
	{Name: "version", Type: u64},
}, nil)

// HitSchema is a batch of rows of the rule_hits table
// (sql/0004_rule_hits.sql), every column, named as in the table.
var HitSchema = arrow.NewSchema([]arrow.Field{
	{Name: "tenant", Type: stringType},
	{Name: "conversation_id", Type: stringType},
	{Name: "scorer_version", Type: stringType},
	{Name: "rule_id", Type: stringType},
	{Name: "rule_version", Type: stringType},
	{Name: "criterion_id", Type: stringType},
	{Name: "severity", Type: stringType},
	{Name: "violation", Type: u8},
	{Name: "detector", Type: stringType},
	{Name: "speaker", Type: stringType},
	{Name: "utterance_seq", Type: i32},
	{Name: "span_start", Type: u32},
	{Name: "span_end", Type: u32},
	{Name: "matched_text", Type: stringType},
	{Name: "started_at", Type: timestamp},
	{Name: "channel", Type: stringType},
	{Name: "agent_id", Type: stringType},
	{Name: "agent_team", Type: stringType},
	{Name: "product_sku", Type: stringType},
	{Name: "scored_at", Type: timestamp},
	{Name: "version", Type: u64},
}, nil)

// scored is one conversation with its result.
type scored struct {
	msg *transcript.Message
	res *qa.Result
}

// rowMeta are the conversation's values that scores and rule_hits rows
// copy, so that dashboards need no join.
type rowMeta struct {
	startedAt                          time.Time
	channel, agentID, agentTeam        string
	productSKU, productCategory, queue string
}

func metaOf(m *transcript.Message) rowMeta {
	r := rowMeta{startedAt: epoch, channel: string(m.Channel), queue: m.Queue}
	if m.StartedAt != nil {
		r.startedAt = m.StartedAt.UTC()
	}
	if m.Agent != nil {
		r.agentID, r.agentTeam = m.Agent.ID, m.Agent.Team
	}
	if m.Product != nil {
		r.productSKU, r.productCategory = m.Product.SKU, m.Product.Category
	}
	return r
}

// epoch is how the store writes an unknown time.
var epoch = time.Unix(0, 0).UTC()

// checkResult refuses a result the tables cannot hold as it is, before
// anything of its conversation is written.
func checkResult(s scored, scorerVersion string) error {
	r := s.res
	switch {
	case r == nil:
		return fmt.Errorf("scorer returned no result")
	case r.ConversationID != "" && r.ConversationID != s.msg.ConversationID:
		return fmt.Errorf("scorer returned the result of conversation %q", r.ConversationID)
	case r.Tenant != "" && r.Tenant != s.msg.Tenant:
		return fmt.Errorf("scorer returned a result of tenant %q", r.Tenant)
	case r.ScorerVersion != "" && r.ScorerVersion != scorerVersion:
		// Rows under another version would never satisfy the anti-join:
		// the conversation would be scored again on every run.
		return fmt.Errorf("scorer version %q differs from the job's %q", r.ScorerVersion, scorerVersion)
	}
	for i, h := range r.Hits {
		if h.Seq < -1 || h.Seq > transcript.MaxSeq || h.Start < 0 || h.End < h.Start || h.End > math.MaxUint32 {
			return fmt.Errorf("hit %d of rule %q: seq %d span [%d, %d) cannot be stored", i, h.RuleID, h.Seq, h.Start, h.End)
		}
	}
	return nil
}

// resultRecords builds the rule_hits and scores records of a batch's
// results. Every row carries version and the scorer version given; a row's
// scored_at is its result's, or now when the scorer left it unset.
//
// It goes over the results twice: a dry run adds up what every column
// will hold, which is reserved, and then the rows are appended. Builders
// left to grow double their buffers a dozen times a batch, each time
// copying what they hold: that cost as much as the appending.
func resultRecords(mem memory.Allocator, scorerVersion string, version uint64, now time.Time, results []scored) (hits, scores arrow.Record) {
	hb := array.NewRecordBuilder(mem, HitSchema)
	defer hb.Release()
	sb := array.NewRecordBuilder(mem, ScoreSchema)
	defer sb.Release()
	hsize := make([]colSize, len(HitSchema.Fields()))
	ssize := make([]colSize, len(ScoreSchema.Fields()))
	for _, dry := range []bool{true, false} {
		hf, sf := fields{b: hb.Fields()}, fields{b: sb.Fields()}
		if dry {
			hf.size, sf.size = hsize, ssize
		}
		for _, s := range results {
			scoredAt := s.res.ScoredAt.UTC().Truncate(time.Second)
			if s.res.ScoredAt.IsZero() {
				scoredAt = now.UTC().Truncate(time.Second)
			}
			meta := metaOf(s.msg)
			for i := range s.res.Hits {
				hf.i = 0
				appendHit(&hf, s.msg, scorerVersion, meta, &s.res.Hits[i], scoredAt, version)
			}
			sf.i = 0
			appendScore(&sf, s, scorerVersion, meta, scoredAt, version)
		}
		if dry {
			reserve(hb, hsize)
			reserve(sb, ssize)
		}
	}
	return hb.NewRecord(), sb.NewRecord()
}

// colSize is what one column of a batch holds: rows, list elements (of a
// list column) and string bytes.
type colSize struct{ rows, values, bytes int }

// reserve sizes every builder of b for what size says its column holds.
func reserve(b *array.RecordBuilder, size []colSize) {
	for i, fb := range b.Fields() {
		c := size[i]
		fb.Reserve(c.rows)
		switch x := fb.(type) {
		case *array.StringBuilder:
			x.ReserveData(c.bytes)
		case *array.ListBuilder:
			vb := x.ValueBuilder()
			vb.Reserve(c.values)
			if sb, ok := vb.(*array.StringBuilder); ok {
				sb.ReserveData(c.bytes)
			}
		}
	}
}

// fields wraps a record builder's columns with appenders by type; each call
// appends to the next column, in schema order. With size set, the calls
// append nothing and add up each column's size instead.
type fields struct {
	b    []array.Builder
	i    int
	size []colSize
	// ids and nums are a row's lists, kept from row to row.
	ids  [2][]string
	nums [3][]float64
}

// next returns the next column's builder, or nil on a dry run, having
// counted the row and bytes string bytes.
func (f *fields) next(bytes int) array.Builder {
	i := f.i
	f.i++
	if f.size != nil {
		f.size[i].rows++
		f.size[i].bytes += bytes
		return nil
	}
	return f.b[i]
}

func (f *fields) str(s string) {
	if b := f.next(len(s)); b != nil {
		b.(*array.StringBuilder).Append(s)
	}
}

func (f *fields) f32(v float64) {
	if b := f.next(0); b != nil {
		b.(*array.Float32Builder).Append(float32(v))
	}
}

func (f *fields) i32(v int) {
	if b := f.next(0); b != nil {
		b.(*array.Int32Builder).Append(int32(v))
	}
}

func (f *fields) u32(v int) {
	if b := f.next(0); b != nil {
		b.(*array.Uint32Builder).Append(uint32(v))
	}
}

func (f *fields) u64(v uint64) {
	if b := f.next(0); b != nil {
		b.(*array.Uint64Builder).Append(v)
	}
}

func (f *fields) ts(t time.Time) {
	if b := f.next(0); b != nil {
		b.(*array.TimestampBuilder).Append(arrow.Timestamp(t.Unix()))
	}
}

func (f *fields) bool(v bool) {
	var x uint8
	if v {
		x = 1
	}
	if b := f.next(0); b != nil {
		b.(*array.Uint8Builder).Append(x)
	}
}

func (f *fields) strs(ss []string) {
	n := 0
	for _, s := range ss {
		n += len(s)
	}
	if f.size != nil {
		f.size[f.i].values += len(ss)
	}
	if b := f.next(n); b != nil {
		appendStrings(b.(*array.ListBuilder), ss)
	}
}

func (f *fields) f32s(vs []float64) {
	if f.size != nil {
		f.size[f.i].values += len(vs)
	}
	b := f.next(0)
	if b == nil {
		return
	}
	lb := b.(*array.ListBuilder)
	lb.Append(true)
	vb := lb.ValueBuilder().(*array.Float32Builder)
	for _, v := range vs {
		vb.Append(float32(v))
	}
}

func appendHit(f *fields, m *transcript.Message, scorerVersion string, meta rowMeta, h *rules.Hit, scoredAt time.Time, version uint64) {
	f.str(m.Tenant)
	f.str(m.ConversationID)
	f.str(scorerVersion)
	f.str(h.RuleID)
	f.str(h.RuleVersion)
	f.str(h.Criterion)
	f.str(string(h.Severity))
	f.bool(h.Violation)
	f.str(h.Detector)
	f.str(string(h.Speaker))
	f.i32(h.Seq)
	f.u32(h.Start)
	f.u32(h.End)
	f.str(h.Matched)
	f.ts(meta.startedAt)
	f.str(meta.channel)
	f.str(meta.agentID)
	f.str(meta.agentTeam)
	f.str(meta.productSKU)
	f.ts(scoredAt)
	f.u64(version)
}

func appendScore(f *fields, s scored, scorerVersion string, meta rowMeta, scoredAt time.Time, version uint64) {
	r, card, sent := s.res, &s.res.Scorecard, &s.res.Sentiment
	f.str(s.msg.Tenant)
	f.str(s.msg.ConversationID)
	f.str(scorerVersion)
	f.str(card.ScorecardID)
	f.ts(meta.startedAt)
	f.str(meta.channel)
	f.str(meta.agentID)
	f.str(meta.agentTeam)
	f.str(meta.productSKU)
	f.str(meta.productCategory)
	f.str(meta.queue)
	f.f32(card.Total)
	f.bool(card.AutoFailed)
	// Sections that did not apply are left out rather than written as 0,
	// so an average of section_scores counts only sections that applied.
	secIDs, secScores := f.ids[0][:0], f.nums[0][:0]
	for _, sec := range card.Sections {
		if !sec.NA {
			secIDs = append(secIDs, sec.ID)
			secScores = append(secScores, sec.Score)
		}
	}
	f.strs(secIDs)
	f.f32s(secScores)
	critIDs, earned, possible := f.ids[1][:0], f.nums[1][:0], f.nums[2][:0]
	for _, c := range card.Criteria {
		critIDs, earned, possible = append(critIDs, c.ID), append(earned, c.Earned), append(possible, c.Max)
	}
	f.strs(critIDs)
	f.f32s(earned)
	f.f32s(possible)
	f.ids[0], f.ids[1], f.nums[0], f.nums[1], f.nums[2] = secIDs, critIDs, secScores, earned, possible
	cust, hasCustomer := sent.Speakers[transcript.SpeakerCustomer]
	f.f32(cust.Mean)
	var start, end float64
	if sent.Trajectory != nil {
		start, end = sent.Trajectory.Opening, sent.Trajectory.Closing
	}
	f.f32(start)
	f.f32(end)
	f.f32(cust.Min)
	f.f32(servingMean(sent))
	f.str(customerLabel(cust.Mean, hasCustomer))
	for _, p := range []sentiment.Point{sent.Emotions.Anger, sent.Emotions.Anxiety, sent.Emotions.Frustration, sent.Emotions.Satisfaction} {
		f.f32(p.Value)
		f.i32(peakSeq(p))
	}
	f.bool(sent.Escalation.Flag)
	escSeq := -1
	if sent.Escalation.Flag {
		escSeq = sent.Escalation.Seq
	}
	f.i32(escSeq)
	f.u32(len(r.Hits))
	f.u32(r.Violations)
	f.ts(scoredAt)
	f.u64(version)
}

// servingMean is the mean sentiment of the agent and bot turns together:
// the side of the conversation that serves the customer.
func servingMean(c *sentiment.Conversation) float64 {
	var sum float64
	var n int
	for _, sp := range []transcript.Speaker{transcript.SpeakerAgent, transcript.SpeakerBot} {
		if st, ok := c.Speakers[sp]; ok && st.Utterances > 0 {
			sum += st.Mean * float64(st.Utterances)
			n += st.Utterances
		}
	}
	if n == 0 {
		return 0
	}
	return sum / float64(n)
}

// customerLabel labels the customer's mean sentiment with the shipped
// scorer's neutral band; a conversation where the customer said nothing is
// neutral.
func customerLabel(mean float64, hasCustomer bool) string {
	switch {
	case !hasCustomer:
		return string(sentiment.Neutral)
	case mean >= sentiment.DefaultNeutralBand:
		return string(sentiment.Positive)
	case mean <= -sentiment.DefaultNeutralBand:
		return string(sentiment.Negative)
	}
	return string(sentiment.Neutral)
}

// peakSeq is the utterance where an emotion peaks, -1 when it never rose
// above 0.
func peakSeq(p sentiment.Point) int {
	if p.Value <= 0 {
		return -1
	}
	return p.Seq
}
