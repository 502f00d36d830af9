package qa

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync"
	"testing"

	"github.com/convqa/convqa/internal/pii"
	"github.com/convqa/convqa/internal/transcript"
)

// fakeScorer records the texts it was given and refuses conversation
// "refuse-me", so ScoreJSONL is tested without the rule engine.
type fakeScorer struct {
	mu    sync.Mutex
	texts []string
}

func (f *fakeScorer) Version() string { return "fake" }

func (f *fakeScorer) Score(m *transcript.Message) (*Result, error) {
	if m.ConversationID == "refuse-me" {
		return nil, fmt.Errorf("qa: conversation %q: %w: refused by the fake", m.ConversationID, ErrUnscorable)
	}
	f.mu.Lock()
	for _, u := range m.Utterances {
		f.texts = append(f.texts, u.Text)
	}
	f.mu.Unlock()
	return &Result{Tenant: m.Tenant, ConversationID: m.ConversationID, ScorerVersion: "fake"}, nil
}

// conv is a minimal valid conversation line.
func conv(id string, texts ...string) string {
	var us []string
	for i, t := range texts {
		sp := "customer"
		if i%2 == 1 {
			sp = "agent"
		}
		b, _ := json.Marshal(t)
		us = append(us, fmt.Sprintf(`{"seq":%d,"speaker":%q,"text":%s,"start_ms":%d}`, i+1, sp, b, i*1000))
	}
	return fmt.Sprintf(`{"schema":"convqa.transcript.v1","kind":"conversation","conversation_id":%q,"tenant":"t1","utterances":[%s]}`,
		id, strings.Join(us, ","))
}

func readResults(t *testing.T, out string) []Result {
	t.Helper()
	var rs []Result
	sc := bufio.NewScanner(strings.NewReader(out))
	sc.Buffer(nil, 1<<24)
	for sc.Scan() {
		var r Result
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			t.Fatalf("output line %q: %v", sc.Text(), err)
		}
		rs = append(rs, r)
	}
	return rs
}

func TestScoreJSONLBadLines(t *testing.T) {
	utt := `{"schema":"convqa.transcript.v1","kind":"utterance","conversation_id":"live-1","tenant":"t1","utterance":{"seq":1,"speaker":"customer","text":"hi","start_ms":0}}`
	lines := []string{
		conv("c-1", "你好", "您好，请问有什么可以帮您？"), // 1
		"", // 2: blank, skipped
		`{"schema":"convqa.transcript.v1","kind":"conversation","conversation_id":"c-2","tenant":"t1","utterances":[{"seq":1,"speaker":"robot","text":"x"}]}`, // 3
		`{"schema": "convqa.transcript.v1", "kind": "conv`, // 4: cut short
		utt,                        // 5: an utterance message
		conv("refuse-me", "hello"), // 6: the scorer refuses it
		"   \r",                    // 7: blank
		conv("c-3", "hello", "Hi, how can I help?"), // 8
	}
	in := strings.Join(lines, "\n") // no final newline: the last line still counts
	var out bytes.Buffer
	fs := &fakeScorer{}
	st, err := ScoreJSONL(context.Background(), strings.NewReader(in), &out, fs, transcript.Limits{})
	if err != nil {
		t.Fatal(err)
	}
	rs := readResults(t, out.String())
	if len(rs) != 2 || rs[0].ConversationID != "c-1" || rs[1].ConversationID != "c-3" {
		t.Fatalf("results %+v, want c-1 then c-3", rs)
	}
	if st.Lines != 8 || st.Blank != 2 || st.Scored != 2 || st.Failed != 4 || st.Utterances != 4 {
		t.Errorf("stats %+v", st)
	}
	want := []LineError{
		{Line: 3, Class: transcript.ClassUnknownSpeaker},
		{Line: 4, Class: transcript.ClassInvalidJSON},
		{Line: 5, ConversationID: "live-1"},
		{Line: 6, ConversationID: "refuse-me"},
	}
	if len(st.Errors) != len(want) {
		t.Fatalf("errors %+v", st.Errors)
	}
	for i, w := range want {
		got := st.Errors[i]
		if got.Line != w.Line || got.Class != w.Class || got.ConversationID != w.ConversationID || got.Err == "" {
			t.Errorf("error %d = %+v, want line %d class %q conversation %q", i, got, w.Line, w.Class, w.ConversationID)
		}
	}
	// The decoder's what, where and allowed reach the user.
	for _, s := range []string{"utterances[0].speaker", "allowed:", "(byte "} {
		if !strings.Contains(st.Errors[0].Err, s) {
			t.Errorf("line 3 error %q does not say %q", st.Errors[0].Err, s)
		}
	}
	if got := st.Errors[2].Error(); !strings.HasPrefix(got, `line 5: conversation "live-1": kind is "utterance" (allowed: kind "conversation"`) {
		t.Errorf("utterance line: %s", got)
	}
	if !strings.Contains(st.Errors[3].Err, ErrUnscorable.Error()) {
		t.Errorf("scorer error lost: %s", st.Errors[3].Err)
	}
}

func TestScoreJSONLRedactsBeforeScoring(t *testing.T) {
	in := conv("c-1", "我的卡号是 4111 1111 1111 1111，手机 13812345678", "好的，邮箱 li.lei@example.com 已记录") + "\n"
	var out bytes.Buffer
	fs := &fakeScorer{}
	st, err := ScoreJSONL(context.Background(), strings.NewReader(in), &out, fs, transcript.Limits{})
	if err != nil {
		t.Fatal(err)
	}
	joined := strings.Join(fs.texts, "\n")
	for _, raw := range []string{"4111", "13812345678", "li.lei"} {
		if strings.Contains(joined, raw) {
			t.Errorf("the scorer saw %q: %s", raw, joined)
		}
	}
	for _, ph := range []string{"[CARD]", "[PHONE]", "[EMAIL]"} {
		if !strings.Contains(joined, ph) {
			t.Errorf("no %s in %s", ph, joined)
		}
	}
	if st.Redacted[pii.BankCard] != 1 || st.Redacted[pii.Phone] != 1 || st.Redacted[pii.Email] != 1 {
		t.Errorf("redacted %v", st.Redacted)
	}
	if st.TextBytes != int64(len(fs.texts[0])+len(fs.texts[1])) {
		t.Errorf("text bytes %d, want the redacted text's", st.TextBytes)
	}
}

func TestScoreJSONLKeepsOrder(t *testing.T) {
	// More lines than one batch, so that batches and workers both matter.
	var b strings.Builder
	n := batchLines*2 + 7
	for i := range n {
		b.WriteString(conv(fmt.Sprintf("c-%05d", i), "hello", "hi"))
		b.WriteByte('\n')
	}
	var out bytes.Buffer
	st, err := ScoreJSONL(context.Background(), strings.NewReader(b.String()), &out, &fakeScorer{}, transcript.Limits{})
	if err != nil {
		t.Fatal(err)
	}
	rs := readResults(t, out.String())
	if st.Scored != n || len(rs) != n {
		t.Fatalf("scored %d, read back %d, want %d", st.Scored, len(rs), n)
	}
	for i, r := range rs {
		if want := fmt.Sprintf("c-%05d", i); r.ConversationID != want {
			t.Fatalf("result %d is %s, want %s", i, r.ConversationID, want)
		}
	}
}

func TestScoreJSONLTooLongLine(t *testing.T) {
	long := conv("c-long", strings.Repeat("很长", 400))
	in := conv("c-1", "hi") + "\n" + long + "\n" + conv("c-2", "hi") + "\n"
	lim := transcript.Limits{MaxMessageBytes: 1000}
	var out bytes.Buffer
	st, err := ScoreJSONL(context.Background(), strings.NewReader(in), &out, &fakeScorer{}, lim)
	if err != nil {
		t.Fatal(err)
	}
	if st.Scored != 2 || st.Failed != 1 {
		t.Fatalf("stats %+v", st)
	}
	e := st.Errors[0]
	want := fmt.Sprintf("transcript: line is %d bytes (byte 1000); allowed: at most 1000 bytes [too_large]", len(long))
	if e.Line != 2 || e.Class != transcript.ClassTooLarge || e.Err != want {
		t.Errorf("error %+v, want line 2: %s", e, want)
	}
}

func TestScoreJSONLErrorsAreCapped(t *testing.T) {
	in := strings.Repeat("not json\n", MaxLineErrors+5)
	st, err := ScoreJSONL(context.Background(), strings.NewReader(in), io.Discard, &fakeScorer{}, transcript.Limits{})
	if err != nil {
		t.Fatal(err)
	}
	if st.Failed != MaxLineErrors+5 || len(st.Errors) != MaxLineErrors {
		t.Errorf("failed %d, kept %d errors", st.Failed, len(st.Errors))
	}
}

type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

type failingReader struct{ r io.Reader }

func (f *failingReader) Read(p []byte) (int, error) {
	n, err := f.r.Read(p)
	if err == io.EOF {
		return n, errors.New("connection reset")
	}
	return n, err
}

func TestScoreJSONLSystemErrors(t *testing.T) {
	in := conv("c-1", "hi") + "\n"
	if _, err := ScoreJSONL(context.Background(), strings.NewReader(in), failingWriter{}, &fakeScorer{}, transcript.Limits{}); err == nil || !strings.Contains(err.Error(), "disk full") {
		t.Errorf("write failure: %v", err)
	}
	// The partial last line is not scored: the read failed under it.
	r := &failingReader{strings.NewReader(in + conv("c-2", "hi"))}
	var out bytes.Buffer
	st, err := ScoreJSONL(context.Background(), r, &out, &fakeScorer{}, transcript.Limits{})
	if err == nil || !strings.Contains(err.Error(), "connection reset") || !strings.Contains(err.Error(), "after line 1") {
		t.Errorf("read failure: %v", err)
	}
	if st.Scored != 1 || st.Failed != 0 {
		t.Errorf("stats %+v", st)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := ScoreJSONL(ctx, strings.NewReader(in), io.Discard, &fakeScorer{}, transcript.Limits{}); !errors.Is(err, context.Canceled) {
		t.Errorf("canceled: %v", err)
	}
}
