package job

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/ClickHouse/clickhouse-go/v2"
	"github.com/ClickHouse/clickhouse-go/v2/lib/driver"
	"github.com/apache/arrow/go/v17/arrow"
	"github.com/apache/arrow/go/v17/arrow/memory"

	"github.com/convqa/convqa/internal/transcript"
)

// Every statement below filters by tenant and takes its values as bound
// parameters (clickhouse-go quotes and escapes them); the only text built
// in code is convqa's own table and column names.

// selectTenants lists the tenants that have conversations. It is the one
// read not scoped to a tenant: it decides which tenants there are.
const selectTenants = `SELECT DISTINCT tenant FROM conversations ORDER BY tenant`

// closedLatest is the tenant's closed conversations started in [@since,
// @until), each as its latest version says (argMax over version: exact
// without FINAL, and right even when a later version moved started_at to
// another partition), with their start as started. The raw rows are first
// cut to started_at >= @lower (@since, or a later point a caller is known
// to be past), so that months behind it are not read again.
const closedLatest = `(
    SELECT conversation_id,
           argMax(status, version) AS last_status,
           argMax(started_at, version) AS started
    FROM conversations
    WHERE tenant = @tenant AND started_at >= toDateTime(@lower) AND started_at < toDateTime(@until)
    GROUP BY conversation_id
)
WHERE last_status = 'closed'
  AND started >= toDateTime(@since) AND started < toDateTime(@until)`

// pendingFrom is the set of conversations a run still has to score: the
// closed ones of the tenant, started in [since, until), without a scores
// row of this scorer version. @lower is the cursor's position. rescore is
// 1 when another scorer version has scored it: that is history being
// re-scored, which runs at the configured rate.
const pendingFrom = `
FROM ` + closedLatest + `
  AND conversation_id NOT IN
      (SELECT conversation_id FROM scores WHERE tenant = @tenant AND scorer_version = @scorer_version)`

const rescoreExpr = `conversation_id IN
      (SELECT conversation_id FROM scores WHERE tenant = @tenant AND scorer_version != @scorer_version)`

// countPending counts what a run has to do, and how much of it is
// re-scoring, for its progress.
const countPending = `SELECT count(), countIf(rescore) FROM (SELECT ` + rescoreExpr + ` AS rescore ` + pendingFrom + `)`

// selectPending takes the next page: conversations never scored before
// come first, behind their own cursor, so that new conversations are not
// kept waiting by a rate-limited re-scoring of history; then the
// re-scoring, behind its cursor.
const selectPending = `SELECT conversation_id, started, rescore
FROM (SELECT conversation_id, started, ` + rescoreExpr + ` AS rescore ` + pendingFrom + `)
WHERE (rescore = 0 AND (started, conversation_id) > (toDateTime(@fresh_at), @fresh_id))
   OR (rescore = 1 AND (started, conversation_id) > (toDateTime(@rescore_at), @rescore_id))
ORDER BY rescore, started, conversation_id
LIMIT @limit`

// selectConversations and selectUtterances read every stored version of
// a batch's conversations and of their turns; readBatch keeps the latest
// of each (the highest version, as ReplacingMergeTree keeps it, and as
// argMax would pick it). Reading the raw rows and choosing in Go costs the
// server about half of what the same choice by GROUP BY and argMax over
// tuples did: reading a page was a third of the job's ClickHouse time.
const selectConversations = `SELECT conversation_id, version,
       status, channel, language, started_at, ended_at, agent_id, agent_name, agent_team,
       customer_hash, product_sku, product_name, product_category, product_batch,
       queue, disposition, metadata_keys, metadata_values, csat
FROM conversations
WHERE tenant = @tenant AND conversation_id IN @ids`

const selectUtterances = `SELECT conversation_id, seq, version, speaker, text, start_ms, end_ms
FROM utterances
WHERE tenant = @tenant AND conversation_id IN @ids`

// storedConversation and storedUtterance are one stored version of a
// conversation or a turn, as read.
type storedConversation struct {
	m            transcript.Message
	version      uint64
	keys, values []string
}

type storedUtterance struct {
	id      string
	version uint64
	u       transcript.Utterance
}

// maxQuerySize lets a batch's id list through the server's parser, whose
// default limit (256 KiB) a batch of long ids could pass.
const maxQuerySize = 16 << 20

// scope is what a run selects: one tenant's conversations in a time range,
// for one scorer version.
type scope struct {
	tenant, scorerVersion string
	since, until          time.Time
}

// cursor is where a run stands in each of the two queues.
type cursor struct {
	freshAt, rescoreAt time.Time
	freshID, rescoreID string
}

func (c cursor) lower() time.Time {
	if c.rescoreAt.Before(c.freshAt) {
		return c.rescoreAt
	}
	return c.freshAt
}

// pendingConversation is one conversation a run has to score.
type pendingConversation struct {
	id        string
	startedAt time.Time
	rescore   bool
}

func (s scope) params(lower time.Time) []any {
	return []any{
		clickhouse.Named("tenant", s.tenant),
		clickhouse.Named("scorer_version", s.scorerVersion),
		clickhouse.Named("since", unix(s.since)),
		clickhouse.Named("until", unix(s.until)),
		clickhouse.Named("lower", unix(lower)),
	}
}

// unix is t as the seconds a DateTime holds. Times are bound as numbers:
// ClickHouse 18.16 misreads DateTime text after 2105 as 0000-00-00.
func unix(t time.Time) uint32 {
	switch {
	case t.Before(epoch):
		return 0
	case !t.Before(maxUntil):
		return uint32(maxUntil.Unix())
	}
	return uint32(t.Unix())
}

func listTenants(ctx context.Context, conn driver.Conn) ([]string, error) {
	rows, err := conn.Query(ctx, selectTenants)
	if err != nil {
		return nil, fmt.Errorf("list tenants: %w", err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var t string
		if err := rows.Scan(&t); err != nil {
			return nil, fmt.Errorf("list tenants: %w", err)
		}
		out = append(out, t)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list tenants: %w", err)
	}
	return out, nil
}

func countConversations(ctx context.Context, conn driver.Conn, s scope) (total, rescore uint64, err error) {
	row := conn.QueryRow(ctx, countPending, s.params(s.since)...)
	if err := row.Scan(&total, &rescore); err != nil {
		return 0, 0, fmt.Errorf("count conversations to score of tenant %q: %w", s.tenant, err)
	}
	return total, rescore, nil
}

func nextPending(ctx context.Context, conn driver.Conn, s scope, c cursor, limit int) ([]pendingConversation, error) {
	args := append(s.params(c.lower()),
		clickhouse.Named("fresh_at", unix(c.freshAt)), clickhouse.Named("fresh_id", c.freshID),
		clickhouse.Named("rescore_at", unix(c.rescoreAt)), clickhouse.Named("rescore_id", c.rescoreID),
		clickhouse.Named("limit", limit))
	rows, err := conn.Query(ctx, selectPending, args...)
	if err != nil {
		return nil, fmt.Errorf("select conversations to score of tenant %q: %w", s.tenant, err)
	}
	defer rows.Close()
	var out []pendingConversation
	for rows.Next() {
		var p pendingConversation
		var rescore uint8
		if err := rows.Scan(&p.id, &p.startedAt, &rescore); err != nil {
			return nil, fmt.Errorf("select conversations to score of tenant %q: %w", s.tenant, err)
		}
		p.rescore = rescore == 1
		out = append(out, p)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("select conversations to score of tenant %q: %w", s.tenant, err)
	}
	return out, nil
}

// readBatch reads the conversations ids of tenant and their utterances
// into two records (ConversationSchema, UtteranceSchema) allocated from
// mem; the caller releases them.
func readBatch(ctx context.Context, conn driver.Conn, mem memory.Allocator, tenant string, ids []string) (conv, utt arrow.Record, err error) {
	set := make([]any, len(ids))
	for i, id := range ids {
		set[i] = id
	}
	args := []any{clickhouse.Named("tenant", tenant), clickhouse.Named("ids", clickhouse.GroupSet{Value: set})}
	ctx = clickhouse.Context(ctx, clickhouse.WithSettings(clickhouse.Settings{"max_query_size": maxQuerySize}))
	b := newRecordBuilder(mem)
	defer b.release()

	rows, err := conn.Query(ctx, selectConversations, args...)
	if err != nil {
		return nil, nil, fmt.Errorf("read %d conversations of tenant %q: %w", len(ids), tenant, err)
	}
	var convs []storedConversation
	for rows.Next() {
		c := storedConversation{m: transcript.Message{Tenant: tenant, Agent: &transcript.Agent{}, Customer: &transcript.Customer{}, Product: &transcript.Product{}}}
		m := &c.m
		var (
			status, channel, language string
			started, ended            time.Time
			csat                      uint8
		)
		if err := rows.Scan(&m.ConversationID, &c.version, &status, &channel, &language, &started, &ended,
			&m.Agent.ID, &m.Agent.Name, &m.Agent.Team, &m.Customer.ID,
			&m.Product.SKU, &m.Product.Name, &m.Product.Category, &m.Product.Batch,
			&m.Queue, &m.Disposition, &c.keys, &c.values, &csat); err != nil {
			rows.Close()
			return nil, nil, fmt.Errorf("read %d conversations of tenant %q: %w", len(ids), tenant, err)
		}
		m.Status, m.Channel, m.Language, m.CSAT = transcript.Status(status), transcript.Channel(channel), transcript.Language(language), int(csat)
		m.StartedAt = &started
		if !ended.Equal(epoch) {
			m.EndedAt = &ended
		}
		convs = append(convs, c)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, nil, fmt.Errorf("read %d conversations of tenant %q: %w", len(ids), tenant, err)
	}
	slices.SortFunc(convs, func(a, b storedConversation) int {
		return cmp.Or(strings.Compare(a.m.ConversationID, b.m.ConversationID), cmp.Compare(b.version, a.version))
	})
	for i := range convs {
		if i > 0 && convs[i].m.ConversationID == convs[i-1].m.ConversationID {
			continue // an older version
		}
		b.appendConversationArrays(&convs[i].m, convs[i].keys, convs[i].values)
	}

	rows, err = conn.Query(ctx, selectUtterances, args...)
	if err != nil {
		return nil, nil, fmt.Errorf("read the utterances of %d conversations of tenant %q: %w", len(ids), tenant, err)
	}
	defer rows.Close()
	var utts []storedUtterance
	for rows.Next() {
		var (
			u       storedUtterance
			seq     uint32
			speaker string
		)
		if err := rows.Scan(&u.id, &seq, &u.version, &speaker, &u.u.Text, &u.u.StartMS, &u.u.EndMS); err != nil {
			return nil, nil, fmt.Errorf("read the utterances of %d conversations of tenant %q: %w", len(ids), tenant, err)
		}
		u.u.Seq, u.u.Speaker = int(seq), transcript.Speaker(speaker)
		utts = append(utts, u)
	}
	if err := rows.Err(); err != nil {
		return nil, nil, fmt.Errorf("read the utterances of %d conversations of tenant %q: %w", len(ids), tenant, err)
	}
	slices.SortFunc(utts, func(a, b storedUtterance) int {
		return cmp.Or(strings.Compare(a.id, b.id), cmp.Compare(a.u.Seq, b.u.Seq), cmp.Compare(b.version, a.version))
	})
	for i := range utts {
		if i > 0 && utts[i].id == utts[i-1].id && utts[i].u.Seq == utts[i-1].u.Seq {
			continue // an older version
		}
		b.appendUtterance(utts[i].id, &utts[i].u)
	}
	conv, utt = b.records()
	return conv, utt, nil
}
