package chaos

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/ClickHouse/clickhouse-go/v2/lib/driver"
)

// sampleSize is how many offending keys a check names.
const sampleSize = 10

// TableCheck is what one read of a table returned against the valid input.
type TableCheck struct {
	// Read names the query, e.g. "utterances FINAL".
	Read string
	// Rows the read returned; Duplicates counts keys it returned more than
	// once, which a collapsing read must never do.
	Rows, Duplicates int
	// Missing counts valid input the read lacks, Extra keys it has that are
	// not valid input (a malformed message stored, or a key mangled).
	Missing, Extra int
	// Samples of each, for the report.
	DuplicateSample, MissingSample, ExtraSample []string
}

// OK reports whether the read showed the input exactly once.
func (c TableCheck) OK() bool { return c.Duplicates == 0 && c.Missing == 0 && c.Extra == 0 }

// String is one line of counts, then samples of what is wrong.
func (c TableCheck) String() string {
	s := fmt.Sprintf("%-30s rows %7d  duplicates %d  missing %d  extra %d", c.Read, c.Rows, c.Duplicates, c.Missing, c.Extra)
	for _, x := range []struct {
		name string
		keys []string
	}{{"duplicate", c.DuplicateSample}, {"missing", c.MissingSample}, {"extra", c.ExtraSample}} {
		if len(x.keys) > 0 {
			s += fmt.Sprintf("\n      %s, e.g.: %v", x.name, x.keys)
		}
	}
	return s
}

// compareKeys checks the keys a read returned against the ones it must.
func compareKeys[K comparable](read string, want map[K]struct{}, got []K, show func(K) string) TableCheck {
	c := TableCheck{Read: read, Rows: len(got)}
	seen := make(map[K]int, len(got))
	for _, k := range got {
		seen[k]++
		switch n := seen[k]; {
		case n == 2:
			c.Duplicates++
			c.DuplicateSample = appendSample(c.DuplicateSample, show(k))
		case n > 2:
		default:
			if _, ok := want[k]; !ok {
				c.Extra++
				c.ExtraSample = appendSample(c.ExtraSample, show(k))
			}
		}
	}
	var missing []string
	for k := range want {
		if seen[k] == 0 {
			c.Missing++
			missing = append(missing, show(k))
		}
	}
	// Map order is random: sort, so a report names the same keys each time.
	slices.Sort(missing)
	c.MissingSample = missing[:min(len(missing), sampleSize)]
	slices.Sort(c.ExtraSample)
	return c
}

func appendSample(s []string, v string) []string {
	if len(s) < sampleSize {
		s = append(s, v)
	}
	return s
}

// String is tenant/conversation#seq.
func (k UtteranceKey) String() string {
	return fmt.Sprintf("%s/%s#%d", k.Tenant, k.ConversationID, k.Seq)
}

// String is tenant/conversation.
func (k ConversationKey) String() string { return k.Tenant + "/" + k.ConversationID }

// tables reads the database the ingest processes wrote.
type tables struct {
	conn driver.Conn
	db   string
}

// queryTimeout bounds each verification query: reading a few hundred
// thousand keys takes seconds, a stuck server must not hang the run.
const queryTimeout = 2 * time.Minute

func (t tables) count(ctx context.Context, table string) (int, error) {
	ctx, cancel := context.WithTimeout(ctx, queryTimeout)
	defer cancel()
	var n uint64
	if err := t.conn.QueryRow(ctx, fmt.Sprintf("SELECT count() FROM %s.%s", t.db, table)).Scan(&n); err != nil {
		return 0, fmt.Errorf("count rows of %s.%s: %w", t.db, table, err)
	}
	return int(n), nil
}

// instrument logs every row inserted into the two tables, in plain
// MergeTree tables fed by materialized views: the ReplacingMergeTree tables
// themselves collapse redelivered rows in background merges, so counting
// their rows afterwards understates how often ingest wrote a row twice.
func (t tables) instrument(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, queryTimeout)
	defer cancel()
	for _, tb := range []struct{ name, cols string }{
		{"utterances", "tenant, conversation_id, seq"},
		{"conversations", "tenant, conversation_id"},
	} {
		q := fmt.Sprintf("CREATE MATERIALIZED VIEW %[1]s.chaos_inserted_%[2]s ENGINE = MergeTree ORDER BY tuple() AS SELECT %[3]s FROM %[1]s.%[2]s",
			t.db, tb.name, tb.cols)
		if err := t.conn.Exec(ctx, q); err != nil {
			return fmt.Errorf("log the rows inserted into %s.%s: %w", t.db, tb.name, err)
		}
	}
	return nil
}

// inserted counts the rows ever inserted into table.
func (t tables) inserted(ctx context.Context, table string) (int, error) {
	return t.count(ctx, "chaos_inserted_"+table)
}

// utteranceKeys runs a query whose columns are tenant, conversation_id,
// seq and text: the text is read as the product reads it, though only the
// keys are compared.
func (t tables) utteranceKeys(ctx context.Context, query string) ([]UtteranceKey, error) {
	ctx, cancel := context.WithTimeout(ctx, queryTimeout)
	defer cancel()
	rows, err := t.conn.Query(ctx, query)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", query, err)
	}
	defer func() { _ = rows.Close() }()
	var out []UtteranceKey
	for rows.Next() {
		var k UtteranceKey
		var text string
		if err := rows.Scan(&k.Tenant, &k.ConversationID, &k.Seq, &text); err != nil {
			return nil, fmt.Errorf("%s: scan: %w", query, err)
		}
		out = append(out, k)
	}
	return out, rows.Err()
}

// conversationRow is one conversation as a read returned it.
type conversationRow struct {
	key    ConversationKey
	status string
}

func (t tables) conversations(ctx context.Context, query string) ([]conversationRow, error) {
	ctx, cancel := context.WithTimeout(ctx, queryTimeout)
	defer cancel()
	rows, err := t.conn.Query(ctx, query)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", query, err)
	}
	defer func() { _ = rows.Close() }()
	var out []conversationRow
	for rows.Next() {
		var r conversationRow
		if err := rows.Scan(&r.key.Tenant, &r.key.ConversationID, &r.status); err != nil {
			return nil, fmt.Errorf("%s: scan: %w", query, err)
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// checkTables runs the four exact reads the README promises — FINAL and
// argMax ... GROUP BY on both tables — and compares each with the input.
func checkTables(ctx context.Context, t tables, d *Dataset, rep *Report) error {
	var err error
	if rep.RawUtterances, err = t.count(ctx, "utterances"); err != nil {
		return err
	}
	if rep.RawConversations, err = t.count(ctx, "conversations"); err != nil {
		return err
	}
	if rep.InsertedUtterances, err = t.inserted(ctx, "utterances"); err != nil {
		return err
	}
	if rep.InsertedConversations, err = t.inserted(ctx, "conversations"); err != nil {
		return err
	}
	for _, q := range []struct {
		read, sql string
		dst       *TableCheck
	}{
		{"utterances FINAL", "SELECT tenant, conversation_id, seq, text FROM %s.utterances FINAL", &rep.UtterancesFinal},
		{"utterances argMax GROUP BY", "SELECT tenant, conversation_id, seq, argMax(text, version) FROM %s.utterances GROUP BY tenant, conversation_id, seq", &rep.UtterancesArgMax},
	} {
		keys, err := t.utteranceKeys(ctx, fmt.Sprintf(q.sql, t.db))
		if err != nil {
			return err
		}
		*q.dst = compareKeys(q.read, d.Utterances, keys, UtteranceKey.String)
	}
	for _, q := range []struct {
		read, sql string
		dst       *TableCheck
	}{
		{"conversations FINAL", "SELECT tenant, conversation_id, status FROM %s.conversations FINAL", &rep.ConversationsFinal},
		{"conversations argMax GROUP BY", "SELECT tenant, conversation_id, argMax(status, version) FROM %s.conversations GROUP BY tenant, conversation_id", &rep.ConversationsArgMax},
	} {
		rows, err := t.conversations(ctx, fmt.Sprintf(q.sql, t.db))
		if err != nil {
			return err
		}
		keys := make([]ConversationKey, len(rows))
		for i, r := range rows {
			keys[i] = r.key
			// Every conversation message of the input closes its
			// conversation: an open one means an older version won.
			if r.status != "closed" {
				rep.NotClosed = append(rep.NotClosed, fmt.Sprintf("%s: %s says %q", q.read, r.key, r.status))
			}
		}
		*q.dst = compareKeys(q.read, d.Conversations, keys, ConversationKey.String)
	}
	slices.SortFunc(rep.NotClosed, cmp.Compare)
	return nil
}
