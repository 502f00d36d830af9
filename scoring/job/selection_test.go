package job

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/ClickHouse/clickhouse-go/v2"
	"github.com/apache/arrow/go/v17/arrow"
)

func TestJobReadsOnlyTheTenantsItIsGiven(t *testing.T) {
	conn := migrated(t)
	if conn == nil {
		return
	}
	put(t, conn, conversation("acme", "c-1", may, false), 1)
	put(t, conn, conversation("globex", "g-1", may, true), 1)
	put(t, conn, conversation("globex", "c-1", may, true), 1) // same id, other tenant
	ts := newTestScorer(defaultEngine(t))
	j, _ := newJob(t, ts, Options{Tenants: []string{"acme"}})
	st, err := j.Run(context.Background(), conn)
	if err != nil || st.Scored != 1 {
		t.Fatalf("%+v, %v; want 1 scored", st, err)
	}
	if seen := ts.seenIDs(); !slices.Equal(seen, []string{"acme/c-1"}) {
		t.Errorf("the scorer was given %q, want only acme/c-1", seen)
	}
	if got := count(t, conn, "SELECT count() FROM scores WHERE tenant = 'globex'"); got != 0 {
		t.Errorf("globex has %d scores rows after a run for acme", got)
	}
	if got := count(t, conn, "SELECT count() FROM rule_hits WHERE tenant = 'globex'"); got != 0 {
		t.Errorf("globex has %d rule_hits rows after a run for acme", got)
	}
}

func TestJobBackfillInterruptedAndResumed(t *testing.T) {
	conn := migrated(t)
	if conn == nil {
		return
	}
	const n = 13
	for i := range n {
		put(t, conn, conversation("acme", fmt.Sprintf("c-%02d", i), may.Add(time.Duration(i)*time.Hour), i%3 == 0), 1)
	}
	// Outside [since, until): never part of the backfill.
	put(t, conn, conversation("acme", "before", may.Add(-time.Hour), true), 1)
	put(t, conn, conversation("acme", "after", may.Add(n*time.Hour), true), 1)
	opt := Options{BatchSize: 2, Since: may, Until: may.Add(n * time.Hour), Backfill: true, Rate: 10000}

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var reports []Progress
	opt.OnProgress = func(p Progress) {
		reports = append(reports, p)
		if p.Done >= 4 {
			cancel()
		}
	}
	j, _ := newJob(t, defaultEngine(t), opt)
	st, err := j.Run(ctx, conn)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("interrupted run: %+v, %v; want context.Canceled", st, err)
	}
	if st.Scored < 4 || st.Scored >= n || st.Total != n {
		t.Fatalf("interrupted run scored %d of %d (stats %+v)", st.Scored, n, st)
	}
	last := reports[len(reports)-1]
	if last.Total != n || last.Done != st.Scored || last.ETA <= 0 || last.Rate <= 0 {
		t.Errorf("last progress %+v, stats %+v", last, st)
	}

	opt.OnProgress = nil
	j, _ = newJob(t, defaultEngine(t), opt)
	st2, err := j.Run(context.Background(), conn)
	if err != nil {
		t.Fatal(err)
	}
	if st.Scored+st2.Scored != n || st2.Total != n-st.Scored {
		t.Errorf("resumed run scored %d of %d left; first run %d; want %d in all", st2.Scored, st2.Total, st.Scored, n)
	}
	// Every conversation scored once: one raw row each, none outside the range.
	if got := count(t, conn, "SELECT count() FROM scores WHERE tenant = 'acme'"); got != n {
		t.Errorf("%d scores rows, want %d (one per conversation)", got, n)
	}
	if got := count(t, conn, "SELECT uniqExact(conversation_id) FROM scores WHERE tenant = 'acme' AND conversation_id NOT IN ('before', 'after')"); got != n {
		t.Errorf("%d conversations in range scored, want %d", got, n)
	}
}

func TestJobScoresNewConversationsBeforeRescoring(t *testing.T) {
	conn := migrated(t)
	if conn == nil {
		return
	}
	for i := range 3 {
		put(t, conn, conversation("acme", fmt.Sprintf("old-%d", i), may.Add(time.Duration(i)*time.Minute), false), 1)
	}
	j, _ := newJob(t, defaultEngine(t), Options{})
	if _, err := j.Run(context.Background(), conn); err != nil {
		t.Fatal(err)
	}
	// A conversation newer than all others arrives, and a new version ships.
	put(t, conn, conversation("acme", "new", may.AddDate(0, 2, 0), false), 1)
	ts := newTestScorer(otherEngine(t))
	j, _ = newJob(t, ts, Options{BatchSize: 1, Rate: 1000, Workers: 1})
	st, err := j.Run(context.Background(), conn)
	if err != nil || st.Scored != 4 || st.Rescored != 3 {
		t.Fatalf("%+v, %v; want 4 scored of which 3 re-scored", st, err)
	}
	want := []string{"acme/new", "acme/old-0", "acme/old-1", "acme/old-2"}
	if seen := ts.seenIDs(); !slices.Equal(seen, want) {
		t.Errorf("scoring order %q, want %q", seen, want)
	}
}

// The result records name every column of the tables, so no column is
// left to its default by mistake.
func TestResultRecordsCoverEveryColumn(t *testing.T) {
	conn := migrated(t)
	if conn == nil {
		return
	}
	for table, schema := range map[string]*arrow.Schema{"scores": ScoreSchema, "rule_hits": HitSchema} {
		rows, err := conn.Query(context.Background(), "SELECT name FROM system.columns WHERE database = currentDatabase() AND table = @t", clickhouse.Named("t", table))
		if err != nil {
			t.Fatal(err)
		}
		var cols []string
		for rows.Next() {
			var c string
			if err := rows.Scan(&c); err != nil {
				t.Fatal(err)
			}
			cols = append(cols, c)
		}
		rows.Close()
		var fields []string
		for _, f := range schema.Fields() {
			fields = append(fields, f.Name)
		}
		slices.Sort(cols)
		slices.Sort(fields)
		if !slices.Equal(cols, fields) {
			t.Errorf("%s columns %q\nrecord fields %q", table, cols, fields)
		}
	}
}

// A full batch of the longest ids the contract allows must pass the
// server's query-size limit: the ids travel in the query text.
func TestReadBatchOfLongIDs(t *testing.T) {
	conn := migrated(t)
	if conn == nil {
		return
	}
	m := conversation("acme", strings.Repeat("长", 42)+"xx", may, true) // 128 bytes
	put(t, conn, m, 1)
	ids := []string{m.ConversationID}
	for i := len(ids); i < MaxBatchSize; i++ {
		ids = append(ids, fmt.Sprintf("%0128d", i))
	}
	mem := checkedAllocator(t)
	conv, utt, err := readBatch(context.Background(), conn, mem, "acme", ids)
	if err != nil {
		t.Fatal(err)
	}
	defer conv.Release()
	defer utt.Release()
	msgs, err := Messages(conv, utt)
	if err != nil {
		t.Fatal(err)
	}
	if len(msgs) != 1 || !reflect.DeepEqual(msgs[0], m) {
		t.Fatalf("read back %+v\nwant %+v", msgs, m)
	}
}
