package job

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/ClickHouse/clickhouse-go/v2"
	"github.com/ClickHouse/clickhouse-go/v2/lib/driver"
	"github.com/apache/arrow/go/v17/arrow"
	"github.com/prometheus/client_golang/prometheus/testutil"
)

func TestJobLeavesFailedConversationsUnscored(t *testing.T) {
	conn := migrated(t)
	if conn == nil {
		return
	}
	for _, id := range []string{"c-1", "c-2", "c-3", "c-4"} {
		put(t, conn, conversation("acme", id, may, true), 1)
	}
	empty := conversation("acme", "c-empty", may, false)
	empty.Utterances = nil
	put(t, conn, empty, 1)
	ts := newTestScorer(defaultEngine(t))
	ts.fail = map[string]error{"c-2": errTestScorer}
	ts.panics = map[string]bool{"c-4": true}
	j, _ := newJob(t, ts, Options{BatchSize: 10})
	st, err := j.Run(context.Background(), conn)
	var fe *FailuresError
	if !errors.As(err, &fe) || fe.Count != 2 {
		t.Fatalf("want a *FailuresError of 2, got %v (%+v)", err, st)
	}
	for _, want := range []string{`conversation "c-2": score: test scorer: cannot score this one`, `conversation "c-4": scorer panicked`} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not name %q", err, want)
		}
	}
	if st.Scored != 2 || st.Failed != 2 || st.Unscorable != 1 {
		t.Errorf("stats %+v; want 2 scored, 2 failed, 1 unscorable", st)
	}
	hits := uint64(len(hitKeys(expected(t, ts.Scorer, conversation("acme", "c-1", may, true)))))
	if hits == 0 {
		t.Fatal("the fixture gets no rule hits")
	}
	for id, scored := range map[string]bool{"c-1": true, "c-2": false, "c-3": true, "c-4": false, "c-empty": false} {
		wantScores, wantHits := uint64(0), uint64(0)
		if scored {
			wantScores, wantHits = 1, hits
		}
		if got := count(t, conn, "SELECT count() FROM scores WHERE tenant = 'acme' AND conversation_id = @c", clickhouse.Named("c", id)); got != wantScores {
			t.Errorf("%s has %d scores rows, want %d", id, got, wantScores)
		}
		if got := count(t, conn, "SELECT count() FROM rule_hits WHERE tenant = 'acme' AND conversation_id = @c", clickhouse.Named("c", id)); got != wantHits {
			t.Errorf("%s has %d rule_hits rows, want %d", id, got, wantHits)
		}
	}
	// The next run tries the failed ones again, and only them.
	ts2 := newTestScorer(defaultEngine(t))
	j, _ = newJob(t, ts2, Options{})
	st, err = j.Run(context.Background(), conn)
	if err != nil || st.Scored != 2 {
		t.Fatalf("second run: %+v, %v", st, err)
	}
	if seen := ts2.seenIDs(); !slices.Equal(seen, []string{"acme/c-2", "acme/c-4", "acme/c-empty"}) {
		t.Errorf("second run scored %q", seen)
	}
}

func TestJobNeverMarksHalfWrittenConversationsScored(t *testing.T) {
	conn := migrated(t)
	if conn == nil {
		return
	}
	for _, id := range []string{"c-1", "c-2", "c-3"} {
		put(t, conn, conversation("acme", id, may, true), 1)
	}
	j, reg := newJob(t, defaultEngine(t), Options{BatchSize: 10, RetryTimeout: 50 * time.Millisecond})
	// The scores insert fails every time: the hits are written, the
	// conversations are not marked scored.
	j.insert = func(ctx context.Context, conn driver.Conn, table string, rec arrow.Record) error {
		if table == "scores" {
			return errors.New("injected: connection reset")
		}
		return insertRecord(ctx, conn, table, rec)
	}
	st, err := j.Run(context.Background(), conn)
	if err == nil || !strings.Contains(err.Error(), "injected") || st.Scored != 0 {
		t.Fatalf("want the insert error, got %v (%+v)", err, st)
	}
	if got := count(t, conn, "SELECT count() FROM scores"); got != 0 {
		t.Fatalf("%d scores rows after a failed scores insert", got)
	}
	if got := testutil.ToFloat64(j.m.retries.WithLabelValues(opInsertScores)); got < 1 {
		t.Errorf("the scores insert was not retried")
	}
	if n, _ := testutil.GatherAndCount(reg, "convqa_score_runs_total"); n != 3 {
		t.Errorf("runs series: %d", n)
	}

	// Inserts that fail twice and then pass are retried to success; the
	// hits written by the failed run collapse with the new ones.
	j, _ = newJob(t, defaultEngine(t), Options{BatchSize: 10})
	fails := 2
	j.insert = func(ctx context.Context, conn driver.Conn, table string, rec arrow.Record) error {
		if fails > 0 {
			fails--
			return errors.New("injected: timeout")
		}
		return insertRecord(ctx, conn, table, rec)
	}
	st, err = j.Run(context.Background(), conn)
	if err != nil || st.Scored != 3 {
		t.Fatalf("retried run: %+v, %v", st, err)
	}
	if got := testutil.ToFloat64(j.m.retries.WithLabelValues(opInsertHits)); got != 2 {
		t.Errorf("rule_hits insert retried %v times, want 2", got)
	}
	hits := uint64(3 * len(hitKeys(expected(t, j.scorer, conversation("acme", "c-1", may, true)))))
	if got := count(t, conn, "SELECT count() FROM rule_hits FINAL"); got != hits {
		t.Errorf("%d rule_hits rows with FINAL, want %d", got, hits)
	}
	if raw := count(t, conn, "SELECT count() FROM rule_hits"); raw != 2*hits {
		t.Errorf("%d rule_hits rows in all, want %d: those of the failed run and of this one", raw, 2*hits)
	}
	if got := count(t, conn, "SELECT count() FROM scores FINAL"); got != 3 {
		t.Errorf("%d scores rows with FINAL, want 3", got)
	}
}
