package ingest

import (
	"context"
	"errors"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/segmentio/kafka-go"

	"github.com/convqa/convqa/internal/transcript"
)

// fakeReader serves queued messages, then blocks like a quiet topic.
type fakeReader struct {
	mu        sync.Mutex
	queue     []kafka.Message
	fetched   int
	committed []kafka.Message
	commitErr error
	closed    bool
}

func (r *fakeReader) FetchMessage(ctx context.Context) (kafka.Message, error) {
	for {
		if ctx.Err() != nil {
			return kafka.Message{}, ctx.Err()
		}
		r.mu.Lock()
		if len(r.queue) > 0 {
			m := r.queue[0]
			r.queue = r.queue[1:]
			r.fetched++
			r.mu.Unlock()
			return m, nil
		}
		r.mu.Unlock()
		select {
		case <-ctx.Done():
			return kafka.Message{}, ctx.Err()
		case <-time.After(time.Millisecond):
		}
	}
}

func (r *fakeReader) CommitMessages(_ context.Context, msgs ...kafka.Message) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.commitErr != nil {
		return r.commitErr
	}
	r.committed = append(r.committed, msgs...)
	return nil
}

func (r *fakeReader) Close() error { r.mu.Lock(); r.closed = true; r.mu.Unlock(); return nil }

func (r *fakeReader) state() (fetched int, committed []kafka.Message) {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.fetched, append([]kafka.Message(nil), r.committed...)
}

// fakeStore records inserted rows; it fails while failures > 0 (or
// forever when failForever is set).
type fakeStore struct {
	mu            sync.Mutex
	utterances    []utteranceRow
	conversations []conversationRow
	failures      int
	failForever   bool
	attempts      int
}

func (s *fakeStore) fail() error {
	s.attempts++
	if s.failForever || s.failures > 0 {
		s.failures--
		return errors.New("clickhouse: connection refused")
	}
	return nil
}

func (s *fakeStore) InsertUtterances(_ context.Context, rows []utteranceRow) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.fail(); err != nil {
		return err
	}
	s.utterances = append(s.utterances, rows...)
	return nil
}

func (s *fakeStore) InsertConversations(_ context.Context, rows []conversationRow) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.fail(); err != nil {
		return err
	}
	s.conversations = append(s.conversations, rows...)
	return nil
}

func (s *fakeStore) Ping(context.Context) error { return nil }

func (s *fakeStore) rows() (int, int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.utterances), len(s.conversations)
}

type fakeDLQ struct {
	mu   sync.Mutex
	sent []Reject
}

func (d *fakeDLQ) Send(_ context.Context, rs []Reject) error {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.sent = append(d.sent, rs...)
	return nil
}

func testdata(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile("../internal/transcript/testdata/valid/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func msgAt(partition int, offset int64, value []byte) kafka.Message {
	return kafka.Message{Topic: "in", Partition: partition, Offset: offset, Key: []byte("k"), Value: value,
		Time: time.Date(2025, 3, 1, 1, 0, 0, 0, time.UTC)}
}

func testIngester(t *testing.T, r fetcher, s rowStore, d dlqSender, lim Limits) *Ingester {
	t.Helper()
	ing, err := newIngester(r, s, d, Options{Batch: lim, CustomerHashKey: "0123456789abcdef-test",
		Redact: []string{"phone", "id_number", "bank_card", "email"}, RetryInitial: time.Millisecond,
		RetryMax: 5 * time.Millisecond, ShutdownTimeout: 200 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	return ing
}

// runUntil runs the ingester until cond holds (or 10 s pass), then stops it.
func runUntil(t *testing.T, ing *Ingester, cond func() bool) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- ing.Run(ctx) }()
	deadline := time.Now().Add(10 * time.Second)
	for !cond() && time.Now().Before(deadline) {
		time.Sleep(2 * time.Millisecond)
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatalf("Run: %v", err)
	}
	if !cond() {
		t.Fatal("condition not reached in 10 s")
	}
}

func TestIngestStoresValidRedactsAndDeadLettersInvalid(t *testing.T) {
	withPhone := strings.Replace(string(testdata(t, "conversation_zh_hans.json")), "生产日期看不清。", "生产日期看不清，我手机13812345678。", 1)
	r := &fakeReader{queue: []kafka.Message{
		msgAt(0, 10, []byte(withPhone)),
		msgAt(1, 20, testdata(t, "utterance.json")),
		msgAt(1, 21, []byte(`{"schema":"convqa.transcript.v1","kind":"utterance"`)),
		msgAt(0, 11, []byte(`{"schema":"convqa.utterance.flat.v1","tenant":"t","conversation_id":"c9","seq":1,"speaker":"agent","text":"您好","start_ms":0}`)),
	}}
	s, d := &fakeStore{}, &fakeDLQ{}
	ing := testIngester(t, r, s, d, Limits{MaxRows: 1000, MaxBytes: 1 << 20, MaxWait: 20 * time.Millisecond})
	runUntil(t, ing, func() bool { _, c := r.state(); return len(c) == 2 })

	u, c := s.rows()
	if u != 5+1+1 || c != 1 {
		t.Fatalf("stored %d utterances, %d conversations; want 7, 1", u, c)
	}
	if len(d.sent) != 1 || d.sent[0].Msg.Offset != 21 || d.sent[0].Class() != transcript.ClassInvalidJSON {
		t.Fatalf("DLQ got %+v", d.sent)
	}
	first := s.utterances[0]
	if !strings.Contains(first.Text, "[PHONE]") || strings.Contains(first.Text, "13812345678") || first.PII[0] != 1 {
		t.Errorf("text not redacted: %q %v", first.Text, first.PII)
	}
	conv := s.conversations[0]
	if conv.CustomerHash == "" || strings.Contains(conv.CustomerHash, "u-88231") || len(conv.CustomerHash) != 64 {
		t.Errorf("customer hash = %q", conv.CustomerHash)
	}
	if conv.PII[0] != 1 || conv.UtteranceCount != 5 || conv.Status != "closed" {
		t.Errorf("conversation row %+v", conv)
	}
	_, committed := r.state()
	got := map[int]int64{}
	for _, m := range committed {
		got[m.Partition] = m.Offset
	}
	if got[0] != 11 || got[1] != 21 {
		t.Errorf("committed %v, want partition 0 → 11, 1 → 21 (the last message of each)", got)
	}
}

func TestIngestRetriesUntilTheStoreRecovers(t *testing.T) {
	r := &fakeReader{queue: []kafka.Message{msgAt(0, 1, testdata(t, "conversation_en.json"))}}
	s := &fakeStore{failures: 3}
	ing := testIngester(t, r, s, &fakeDLQ{}, Limits{MaxRows: 1000, MaxBytes: 1 << 20, MaxWait: 5 * time.Millisecond})
	runUntil(t, ing, func() bool { _, c := r.state(); return len(c) == 1 })
	u, c := s.rows()
	if c != 1 || u == 0 || s.attempts != 3+2 {
		t.Errorf("after 3 failures: %d utterances, %d conversations, %d attempts", u, c, s.attempts)
	}
	if ok, _ := ing.Ready(); ok {
		t.Error("ready after stopping")
	}
}

func TestIngestStopsFetchingWhileTheStoreIsDown(t *testing.T) {
	var queue []kafka.Message
	for i := 0; i < 50; i++ {
		queue = append(queue, msgAt(0, int64(i), testdata(t, "utterance.json")))
	}
	r := &fakeReader{queue: queue}
	s := &fakeStore{failForever: true}
	// One row per batch: at most one batch in the store, one waiting, one
	// being gathered may be fetched before fetching stops.
	ing := testIngester(t, r, s, &fakeDLQ{}, Limits{MaxRows: 1, MaxBytes: 1 << 20, MaxWait: time.Millisecond})
	runUntil(t, ing, func() bool { s.mu.Lock(); defer s.mu.Unlock(); return s.attempts >= 20 })
	fetched, committed := r.state()
	if fetched > 3 {
		t.Errorf("fetched %d messages while nothing could be stored; want at most 3", fetched)
	}
	if len(committed) != 0 {
		t.Errorf("committed %v with nothing stored", committed)
	}
	if ing.abandoned.Load() == 0 {
		t.Error("the batch in flight at shutdown was not reported as abandoned")
	}
	ok, why := ing.Ready()
	if ok || why == "" {
		t.Errorf("Ready() = %v, %q", ok, why)
	}
}

func TestIngestShutdownStoresThePartialBatch(t *testing.T) {
	r := &fakeReader{queue: []kafka.Message{msgAt(3, 7, testdata(t, "utterance.json")), msgAt(3, 8, testdata(t, "closing.json"))}}
	s := &fakeStore{}
	// The batch would wait a minute; shutdown must not.
	ing := testIngester(t, r, s, &fakeDLQ{}, Limits{MaxRows: 1000, MaxBytes: 1 << 20, MaxWait: time.Minute})
	runUntil(t, ing, func() bool { f, _ := r.state(); return f == 2 })
	u, c := s.rows()
	_, committed := r.state()
	if u != 1 || c != 1 || len(committed) != 1 || committed[0].Offset != 8 {
		t.Errorf("after shutdown: %d utterances, %d conversations, committed %v", u, c, committed)
	}
}

func TestIngestCommitFailureKeepsGoing(t *testing.T) {
	r := &fakeReader{commitErr: errors.New("rebalance in progress"), queue: []kafka.Message{msgAt(0, 1, testdata(t, "utterance.json"))}}
	s := &fakeStore{}
	ing := testIngester(t, r, s, &fakeDLQ{}, Limits{MaxRows: 1, MaxBytes: 1 << 20, MaxWait: time.Millisecond})
	runUntil(t, ing, func() bool { u, _ := s.rows(); return u == 1 })
	if ok, _ := ing.Ready(); ok {
		t.Error("ready after stop")
	}
}

func TestBatchLimits(t *testing.T) {
	lim := Limits{MaxRows: 2, MaxBytes: 100}
	b := newBatch(lim)
	b.track(kafka.Message{Topic: "t", Partition: 0, Offset: 5, Value: make([]byte, 10)}, time.Now())
	b.utterances = append(b.utterances, utteranceRow{})
	if b.full(lim) {
		t.Fatal("full after 1 row and 10 bytes")
	}
	b.track(kafka.Message{Topic: "t", Partition: 0, Offset: 4, Value: make([]byte, 95)}, time.Now())
	if !b.full(lim) {
		t.Fatal("not full at 105 bytes")
	}
	if cs := b.commits(); len(cs) != 1 || cs[0].Offset != 5 || cs[0].Value != nil {
		t.Errorf("commits = %+v, want offset 5 without payload", cs)
	}
}

// A v1 message that merely mentions the flat schema's name is v1; a flat
// message is flat wherever its schema key stands.
func TestDecodeAnyDecidesBySchemaField(t *testing.T) {
	v1 := `{"schema":"convqa.transcript.v1","kind":"utterance","tenant":"t","conversation_id":"c","utterance":{"seq":1,"speaker":"customer","text":"convqa.utterance.flat.v1","start_ms":0},"metadata":{"note":"convqa.utterance.flat.v1"}}`
	if !transcript.IsFlat([]byte(v1)) {
		t.Fatalf("test message does not mention the flat schema:\n%s", v1)
	}
	m, err := decodeAny([]byte(v1), transcript.Limits{})
	if err != nil || m.Utterance == nil {
		t.Fatalf("v1 message mentioning the flat schema: %v", err)
	}
	flat := `{"tenant":"t","conversation_id":"c","seq":1,"speaker":"agent","text":"hi","start_ms":0,"schema":"convqa.utterance.flat.v1"}`
	if m, err := decodeAny([]byte(flat), transcript.Limits{}); err != nil || m.Utterance.Text != "hi" {
		t.Fatalf("flat message with schema last: %v", err)
	}
	if _, err := decodeAny([]byte(`{"schema":"convqa.transcript.v9","kind":"utterance"}`), transcript.Limits{}); transcript.ClassOf(err) != transcript.ClassUnknownSchema {
		t.Fatalf("unknown schema: %v", err)
	}
}
