package produce

import (
	"context"
	"errors"
	"io"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/segmentio/kafka-go"
)

// fakeWriter records writes, optionally failing them.
type fakeWriter struct {
	mu     sync.Mutex
	msgs   []kafka.Message
	writes int
	fail   func(n int) error
}

func (w *fakeWriter) WriteMessages(ctx context.Context, msgs ...kafka.Message) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.writes++
	if w.fail != nil {
		if err := w.fail(len(msgs)); err != nil {
			return err
		}
	}
	w.msgs = append(w.msgs, msgs...)
	return ctx.Err()
}

// endlessSource emits records until its context ends.
type endlessSource struct{}

func (endlessSource) Stream(ctx context.Context, emit func(Record) error) error {
	for {
		if err := emit(Record{Key: []byte("k"), Value: []byte("{}")}); err != nil {
			return err
		}
	}
}

func TestRunRateLimit(t *testing.T) {
	w := &fakeWriter{}
	start := time.Now()
	st, err := Run(context.Background(), w, sliceSource(testRecords(60, 5)[:60]), Options{Rate: 200, BatchSize: 10})
	if err != nil {
		t.Fatal(err)
	}
	// 60 messages at 200/s with a burst of 10 take at least 0.25 s.
	if el := time.Since(start); el < 200*time.Millisecond {
		t.Fatalf("60 messages at 200/s took only %v", el)
	}
	if st.Sent != 60 || len(w.msgs) != 60 {
		t.Fatalf("sent %d, writer got %d", st.Sent, len(w.msgs))
	}
}

func TestRunBatches(t *testing.T) {
	w := &fakeWriter{}
	recs := testRecords(250, 7)
	st, err := Run(context.Background(), w, sliceSource(recs), Options{BatchSize: 100})
	if err != nil {
		t.Fatal(err)
	}
	if st.Sent != 250 || w.writes < 3 {
		t.Fatalf("stats %+v in %d writes", st, w.writes)
	}
	for i, m := range w.msgs {
		if string(m.Key) != string(recs[i].Key) || string(m.Value) != string(recs[i].Value) {
			t.Fatalf("message %d changed on the way", i)
		}
	}
}

func TestRunCancel(t *testing.T) {
	w := &fakeWriter{}
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	st, err := Run(ctx, w, endlessSource{}, Options{Rate: 1000, BatchSize: 50})
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("want the context's error, got %v", err)
	}
	if st.Sent == 0 || st.Sent != int64(len(w.msgs)) {
		t.Fatalf("stats %+v, writer got %d", st, len(w.msgs))
	}
}

func TestRunWriteErrors(t *testing.T) {
	for _, tc := range []struct {
		name       string
		fail       func(n int) error
		sent, lost int64
	}{
		{"broker down", func(int) error { return kafka.LeaderNotAvailable }, 0, 10},
		{"one message rejected", func(n int) error {
			errs := make(kafka.WriteErrors, n)
			errs[3] = kafka.MessageSizeTooLarge
			return errs
		}, 9, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w := &fakeWriter{fail: tc.fail}
			st, err := Run(context.Background(), w, sliceSource(testRecords(30, 3)), Options{BatchSize: 10})
			if err == nil || !strings.Contains(err.Error(), "write batch") {
				t.Fatalf("want a write error, got %v", err)
			}
			if st.Sent != tc.sent || st.Unsent < tc.lost {
				t.Fatalf("stats %+v, want %d sent and ≥ %d unsent", st, tc.sent, tc.lost)
			}
		})
	}
}

func TestOptionsValidate(t *testing.T) {
	for _, o := range []Options{{Rate: -1}, {BatchSize: -1}, {Linger: -time.Second}} {
		if _, err := Run(context.Background(), &fakeWriter{}, sliceSource(nil), o); err == nil {
			t.Errorf("%+v: want an error", o)
		}
	}
}

func TestLineSource(t *testing.T) {
	for _, tc := range []struct {
		name        string
		in          string
		sendInvalid bool
		keys        []string
		wantErr     string
	}{
		{"keys", "{\"conversation_id\":\"a\"}\n\n{\"conversation_id\":\"b\",\"x\":1}\r\n{\"conversation_id\":\"c\"}", false, []string{"a", "b", "c"}, ""},
		{"no id", "{\"tenant\":\"t\"}\n[1,2]\n{\"conversation_id\":7}\n", false, []string{"", "", ""}, ""},
		{"invalid stops", "{\"conversation_id\":\"a\"}\n{\"conversation_id\":\n", false, nil, "in.jsonl:2: not valid JSON"},
		{"invalid sent", "{\"conversation_id\":\"a\"}\n{oops\n", true, []string{"a", ""}, ""},
		{"bad utf-8 is JSON", "{\"conversation_id\":\"a\",\"text\":\"\xff\"}\n", false, []string{"a"}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var keys []string
			err := NewLineSource(strings.NewReader(tc.in), "in.jsonl", tc.sendInvalid).Stream(context.Background(), func(r Record) error {
				keys = append(keys, string(r.Key))
				return nil
			})
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("want error containing %q, got %v", tc.wantErr, err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if strings.Join(keys, ",") != strings.Join(tc.keys, ",") {
				t.Fatalf("keys %q, want %q", keys, tc.keys)
			}
		})
	}
}

func TestLineSourceTooLong(t *testing.T) {
	r := io.MultiReader(strings.NewReader(`{"conversation_id":"a","text":"`), strings.NewReader(strings.Repeat("x", MaxLineBytes)))
	err := NewLineSource(r, "big.jsonl", false).Stream(context.Background(), func(Record) error { return nil })
	if err == nil || !strings.Contains(err.Error(), "big.jsonl:1: line longer than") {
		t.Fatalf("got %v", err)
	}
}

func FuzzLineSource(f *testing.F) {
	f.Add([]byte("{\"conversation_id\":\"a\"}\n{x\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		_ = NewLineSource(strings.NewReader(string(b)), "fuzz", true).Stream(context.Background(), func(Record) error { return nil })
	})
}
