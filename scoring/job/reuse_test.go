package job

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/ClickHouse/clickhouse-go/v2/lib/driver"
	"github.com/apache/arrow/go/v17/arrow"
	"github.com/apache/arrow/go/v17/arrow/array"

	"github.com/convqa/convqa/internal/transcript"
	"github.com/convqa/convqa/scoring/qa"
)

// intoScorer is the real engine scoring into the Results the job hands
// it, watching that none is one whose batch is still being written.
type intoScorer struct {
	*qa.Engine
	t *testing.T

	mu       sync.Mutex
	scored   int
	progress *sync.Cond
	owner    map[*qa.Result]string // a Result → its conversation, while unwritten
	of       map[string]*qa.Result // a conversation → its Result, while unwritten
}

func newIntoScorer(t *testing.T, e *qa.Engine) *intoScorer {
	s := &intoScorer{Engine: e, t: t, owner: map[*qa.Result]string{}, of: map[string]*qa.Result{}}
	s.progress = sync.NewCond(&s.mu)
	return s
}

func (s *intoScorer) ScoreInto(res *qa.Result, m *transcript.Message) error {
	s.mu.Lock()
	if id, ok := s.owner[res]; ok {
		s.t.Errorf("scoring %s into the Result of %s before its scores row was written", m.ConversationID, id)
	}
	s.owner[res], s.of[m.ConversationID] = m.ConversationID, res
	s.scored++
	s.progress.Broadcast()
	s.mu.Unlock()
	return s.Engine.ScoreInto(res, m)
}

// written frees the Results of the conversations whose scores rows rec
// holds.
func (s *intoScorer) written(rec arrow.Record) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for i, f := range rec.Schema().Fields() {
		if f.Name != "conversation_id" {
			continue
		}
		ids := rec.Column(i).(*array.String)
		for k := range ids.Len() {
			delete(s.owner, s.of[ids.Value(k)])
			delete(s.of, ids.Value(k))
		}
	}
}

// waitScored waits until n conversations have been scored.
func (s *intoScorer) waitScored(n int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for s.scored < n {
		s.progress.Wait()
	}
}

// TestJobReusesResultsOnlyOnceWritten: the job scores into Results of its
// pool, and a batch's Results go back to the pool only once its rows are
// in. Each batch's insert is held until the next batch is scored, so that
// the next batch is scored while this one's Results are still in use.
func TestJobReusesResultsOnlyOnceWritten(t *testing.T) {
	conn := migrated(t)
	if conn == nil {
		return
	}
	const n, batch = 30, 5
	msgs := make([]*transcript.Message, n)
	for i := range msgs {
		msgs[i] = conversation("acme", fmt.Sprintf("c-%02d", i), may.Add(time.Duration(i)*time.Minute), true)
		put(t, conn, msgs[i], 1)
	}
	s := newIntoScorer(t, defaultEngine(t))
	j, _ := newJob(t, s, Options{BatchSize: batch})
	if j.into == nil {
		t.Fatal("the job does not see that the engine scores into Results")
	}
	rows := 0
	j.insert = func(ctx context.Context, conn driver.Conn, table string, rec arrow.Record) error {
		if table != "scores" {
			return insertRecord(ctx, conn, table, rec)
		}
		s.waitScored(min(n, rows+2*batch)) // this batch and the next
		if err := insertRecord(ctx, conn, table, rec); err != nil {
			return err
		}
		rows += int(rec.NumRows())
		s.written(rec)
		return nil
	}
	from := time.Now().Add(-time.Second)
	st, err := j.Run(context.Background(), conn)
	if err != nil || st.Scored != n {
		t.Fatalf("run: %+v, %v", st, err)
	}
	// Every row is its own conversation's: no Result was shared.
	for _, m := range msgs {
		checkScoreRow(t, conn, s.Engine, m, from, time.Now())
	}
}
