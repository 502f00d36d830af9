package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/segmentio/kafka-go"
	"github.com/spf13/pflag"

	"github.com/convqa/convqa/ingest"
	"github.com/convqa/convqa/ingest/dlqtool"
	"github.com/convqa/convqa/internal/testenv"
	"github.com/convqa/convqa/internal/transcript"
)

// dlqCLI runs convqa with env and args. The brokers come through env, so
// the test does not depend on how root.go binds global flags; the dlq
// command is added here if root.go does not register it (yet).
func dlqCLI(t *testing.T, env []string, args ...string) (stdout, stderr string, err error) {
	t.Helper()
	var out, errb bytes.Buffer
	env = append([]string{"CONVQA_LOG_LEVEL=warn"}, env...)
	root := newRootCmd(&out, &errb, env)
	if c, _, ferr := root.Find([]string{"dlq"}); ferr != nil || c == root {
		root.AddCommand(newDLQCmd(&app{stdout: &out, stderr: &errb, env: env}))
	}
	root.SetArgs(args)
	err = root.ExecuteContext(context.Background())
	return out.String(), errb.String(), err
}

func TestDLQBadFlags(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct {
		name string
		args []string
		want string
	}{
		{"inspect list and json", []string{"inspect", "--list", "--json"}, "choose one"},
		{"inspect negative limit", []string{"inspect", "--limit", "-1"}, "--limit -1"},
		{"inspect out to stdout", []string{"inspect", "--out", "-"}, "--out -"},
		{"inspect class typo", []string{"inspect", "--class", "unknown_speakr"}, `unknown class "unknown_speakr"`},
		{"inspect bad since", []string{"inspect", "--since", "yesterday"}, "--since"},
		{"replay no source", []string{"replay"}, "exactly one source"},
		{"replay two sources", []string{"replay", "--from-dlq", "--input", "x"}, "exactly one source"},
		{"replay class needs from-dlq", []string{"replay", "--input", "x", "--class", "too_large"}, "need --from-dlq"},
		{"replay skip-invalid is for input", []string{"replay", "--from-dlq", "--skip-invalid"}, "--skip-invalid is for --input"},
		{"replay negative limit", []string{"replay", "--from-dlq", "--max-message-bytes", "-1"}, "must be ≥ 0"},
		{"replay into the DLQ", []string{"replay", "--from-dlq", "--topic", "convqa.transcripts.dlq"}, "is the DLQ topic itself"},
		{"replay missing file", []string{"replay", "--dry-run", "--input", filepath.Join(dir, "nope.jsonl")}, "nope.jsonl"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, _, err := dlqCLI(t, []string{"CONVQA_KAFKA_BROKERS=127.0.0.1:1"}, append([]string{"dlq"}, tc.args...)...)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("want an error containing %q, got %v", tc.want, err)
			}
		})
	}
}

func TestDLQHelpExplainsEveryFlag(t *testing.T) {
	dlq := newDLQCmd(&app{stdout: io.Discard, stderr: io.Discard})
	for _, sub := range dlq.Commands() {
		out, _, err := dlqCLI(t, nil, "dlq", sub.Name(), "--help")
		if err != nil || !strings.Contains(out, "Examples:") || !strings.Contains(out, "convqa dlq "+sub.Name()) {
			t.Errorf("dlq %s --help has no examples: %v\n%s", sub.Name(), err, out)
		}
		sub.Flags().VisitAll(func(f *pflag.Flag) {
			if strings.TrimSpace(f.Usage) == "" || !strings.Contains(out, "--"+f.Name) {
				t.Errorf("dlq %s --%s is not explained in --help", sub.Name(), f.Name)
			}
		})
	}
}

// transcriptValue builds a conversation message; speaker "robot" makes it
// unknown_speaker.
func transcriptValue(id, speaker, text string) []byte {
	b, _ := json.Marshal(map[string]any{
		"schema": "convqa.transcript.v1", "kind": "conversation", "conversation_id": id, "tenant": "acme",
		"utterances": []map[string]any{{"seq": 1, "speaker": speaker, "text": text}},
	})
	return b
}

// reject makes the Reject ingest would send for value read from the
// source topic at partition/offset, validated under lim.
func reject(t *testing.T, key string, value []byte, lim transcript.Limits, offset int64, hs ...kafka.Header) ingest.Reject {
	t.Helper()
	_, err := transcript.Decode(value, lim)
	if err == nil {
		t.Fatalf("test value for %s should be invalid", key)
	}
	var k []byte
	if key != "" {
		k = []byte(key)
	}
	return ingest.Reject{Err: err, Msg: kafka.Message{Topic: "convqa.transcripts", Partition: int(offset % 3), Offset: offset,
		Key: k, Value: value, Headers: hs, Time: time.Now().Add(-time.Minute)}}
}

// TestDLQInspectAndReplayRealKafka dead-letters messages the way ingest
// does, inspects them, fixes some by hand and replays them, re-validates
// the rest under a larger limit, and checks that exactly the right
// messages reached the transcript topic, with the right keys and headers.
func TestDLQInspectAndReplayRealKafka(t *testing.T) {
	brokers := testenv.KafkaBrokers(t)
	dlqTopic, target := testenv.KafkaTopic(t, 2), testenv.KafkaTopic(t, 2)
	env := []string{"CONVQA_KAFKA_BROKERS=" + strings.Join(brokers, ","), "CONVQA_KAFKA_TOPIC=" + target, "CONVQA_KAFKA_DLQ_TOPIC=" + dlqTopic}

	// Rejected when ingest ran with a 512-byte limit; valid under the default.
	big := transcriptValue("c-big", "customer", strings.Repeat("保质期多久？", 40))
	// A raw newline in a string, early enough to show in the preview.
	rawNL := []byte(`{"metadata":{"note":"line one` + "\n" + `line two"},"schema":"convqa.transcript.v1","kind":"conversation",` +
		`"conversation_id":"c-nl","tenant":"acme","utterances":[{"seq":1,"speaker":"customer","text":"hi"}]}`)
	rejects := []ingest.Reject{
		reject(t, "c-big", big, transcript.Limits{MaxMessageBytes: 512}, 10, kafka.Header{Key: "producer", Value: []byte("crm")}),
		reject(t, "c-r1", transcriptValue("c-r1", "robot", "你好"), transcript.Limits{}, 11),
		reject(t, "c-r2", transcriptValue("c-r2", "robot", "hi"), transcript.Limits{}, 12),
		reject(t, "c-nl", rawNL, transcript.Limits{}, 13),
		reject(t, "", append([]byte("\xff\xfe"), transcriptValue("c-u", "bot", "x")...), transcript.Limits{}, 14),
	}
	dlq, err := ingest.NewDLQ(brokers, dlqTopic, "convqa-test")
	if err != nil {
		t.Fatal(err)
	}
	if err := dlq.Send(context.Background(), rejects); err != nil {
		t.Fatal(err)
	}
	dlq.Close()

	run := func(args ...string) (string, string) {
		t.Helper()
		out, stderr, err := dlqCLI(t, env, append([]string{"dlq"}, args...)...)
		if err != nil {
			t.Fatalf("convqa dlq %s: %v\nstdout:\n%s\nstderr:\n%s", strings.Join(args, " "), err, out, stderr)
		}
		return out, stderr
	}

	out, _ := run("inspect")
	t.Logf("convqa dlq inspect:\n%s", out)
	for _, want := range []string{
		"DLQ topic " + dlqTopic + ": 5 messages, read from 2 partitions",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("summary lacks %q", want)
		}
	}
	for _, row := range [][]string{
		{"unknown_speaker", "utterances[*].speaker", "2"}, {"too_large", "-", "1"}, {"invalid_json", "-", "1"},
		{"invalid_utf8", "-", "1"}, {"convqa.transcripts", "0", "1", "12–12"}, {"convqa.transcripts", "1", "2", "10–13"},
	} {
		if !hasRow(out, row...) {
			t.Errorf("summary lacks the row %q", row)
		}
	}

	out, _ = run("inspect", "--list")
	t.Logf("convqa dlq inspect --list:\n%s", out)
	for _, want := range []string{"convqa.transcripts/1/10", "c-big", `line one\nline two`, `\xff\xfe{"conversation_id":"c-u"`,
		`unknown speaker "robot"`, "utterances[0].speaker"} {
		if !strings.Contains(out, want) {
			t.Errorf("listing lacks %q", want)
		}
	}

	// --json: one object per message, the too_large one's place in the DLQ
	// is what its replay must name.
	out, stderr := run("inspect", "--json", "--class", "too_large,unknown_speaker")
	recs := map[string]dlqtool.Record{}
	for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
		var r dlqtool.Record
		if err := json.Unmarshal([]byte(l), &r); err != nil {
			t.Fatalf("--json line %q: %v", l, err)
		}
		recs[*r.Key] = r
	}
	if len(recs) != 3 || recs["c-r1"].Class != "unknown_speaker" || *recs["c-big"].Source.Offset != 10 ||
		*recs["c-big"].Value != string(big) || !strings.Contains(stderr, "3 messages of 5 read") {
		t.Fatalf("--json records %+v, stderr:\n%s", recs, stderr)
	}
	bigPos := fmt.Sprintf("%s/%d/%d", dlqTopic, *recs["c-big"].DLQ.Partition, *recs["c-big"].DLQ.Offset)

	// Fix by hand: the values out, robot → bot, and one line still broken.
	dir := t.TempDir()
	fix := filepath.Join(dir, "fix.jsonl")
	out, _ = run("inspect", "--class", "unknown_speaker", "--class", "invalid_json", "--out", fix)
	if !strings.Contains(out, "wrote 3 values to "+fix) || !strings.Contains(out, "1 had raw line breaks") {
		t.Errorf("--out summary:\n%s", out)
	}
	b, err := os.ReadFile(fix)
	if err != nil {
		t.Fatal(err)
	}
	if n := bytes.Count(b, []byte("\n")); n != 3 || !bytes.Contains(b, []byte(`line one\nline two`)) {
		t.Fatalf("--out file has %d lines:\n%s", n, b)
	}
	fixed := bytes.ReplaceAll(b, []byte(`"robot"`), []byte(`"bot"`))
	fixed = append(fixed, `{"schema":"convqa.transcript.v1"`+"\n"...)
	if err := os.WriteFile(fix, fixed, 0o644); err != nil {
		t.Fatal(err)
	}

	_, stderr, err = dlqCLI(t, env, "dlq", "replay", "--input", fix)
	if err == nil || !strings.Contains(stderr, fix+":4: transcript:") || !strings.Contains(err.Error(), "nothing was sent") {
		t.Fatalf("an invalid line must stop the replay: %v\n%s", err, stderr)
	}
	if got := readTopic(t, brokers, target); len(got) != 0 {
		t.Fatalf("%d messages sent despite an invalid line", len(got))
	}
	out, _ = run("replay", "--input", fix, "--skip-invalid")
	if !hasRow(out, "sent", "3") || !hasRow(out, "invalid_json", "1") {
		t.Errorf("replay --input summary:\n%s", out)
	}

	// From the DLQ: nothing passes under the limit ingest had, the big
	// message passes under the default; a dry run sends nothing.
	out, _ = run("replay", "--from-dlq", "--max-message-bytes", "512")
	if !hasRow(out, "valid", "0") || !hasRow(out, "too_large", "1") {
		t.Errorf("replay under the old limit:\n%s", out)
	}
	out, _ = run("replay", "--from-dlq", "--dry-run")
	if !strings.Contains(out, "would send "+bigPos+" key=c-big") || !strings.Contains(out, "0 (dry run: 1 would be sent)") {
		t.Errorf("dry run:\n%s", out)
	}
	if got := readTopic(t, brokers, target); len(got) != 3 {
		t.Fatalf("after the dry run the topic has %d messages, want 3", len(got))
	}
	out, _ = run("replay", "--from-dlq", "--class", "too_large")
	t.Logf("convqa dlq replay --from-dlq --class too_large:\n%s", out)
	if !strings.Contains(out, "sent "+bigPos+" key=c-big") || !hasRow(out, "left out by --class", "4") {
		t.Errorf("replay --from-dlq:\n%s", out)
	}

	got := readTopic(t, brokers, target)
	byKey := map[string]kafka.Message{}
	for _, m := range got {
		byKey[string(m.Key)] = m
	}
	keys := slices.Sorted(func(yield func(string) bool) {
		for k := range byKey {
			if !yield(k) {
				return
			}
		}
	})
	if len(got) != 4 || fmt.Sprint(keys) != "[c-big c-nl c-r1 c-r2]" {
		t.Fatalf("target holds %d messages with keys %v, want c-big c-nl c-r1 c-r2 once each", len(got), keys)
	}
	m := byKey["c-big"]
	if !bytes.Equal(m.Value, big) || fmt.Sprint(m.Headers) != fmt.Sprint([]kafka.Header{
		{Key: "producer", Value: []byte("crm")}, {Key: dlqtool.HeaderReplayedFrom, Value: []byte(bigPos)}}) {
		t.Errorf("replayed from the DLQ: value changed or headers %v", m.Headers)
	}
	for _, k := range []string{"c-r1", "c-r2", "c-nl"} {
		m := byKey[k]
		if len(m.Headers) != 0 {
			t.Errorf("%s: a fixed line gets no headers, got %v", k, m.Headers)
		}
		if _, err := transcript.Decode(m.Value, transcript.Limits{}); err != nil {
			t.Errorf("%s: sent an invalid value: %v", k, err)
		}
	}
}

func TestDLQMissingTopics(t *testing.T) {
	brokers := testenv.KafkaBrokers(t)
	missing := testenv.UniqueName(t, "convqa_test_nodlq")
	env := []string{"CONVQA_KAFKA_BROKERS=" + strings.Join(brokers, ",")}
	_, _, err := dlqCLI(t, env, "dlq", "inspect", "--dlq-topic", missing)
	if err == nil || !strings.Contains(err.Error(), "inspect DLQ topic "+missing) || !strings.Contains(err.Error(), "does not exist") {
		t.Errorf("inspect of a missing DLQ topic: %v", err)
	}
	_, _, err = dlqCLI(t, env, "dlq", "replay", "--from-dlq", "--dlq-topic", testenv.KafkaTopic(t, 1), "--topic", missing)
	if err == nil || !strings.Contains(err.Error(), "target topic "+missing+" does not exist") {
		t.Errorf("replay to a missing topic: %v", err)
	}
}

// hasRow reports whether out has a line of exactly these fields, however
// the table aligned them.
func hasRow(out string, fields ...string) bool {
	want := strings.Join(strings.Fields(strings.Join(fields, " ")), " ")
	for _, l := range strings.Split(out, "\n") {
		if strings.Join(strings.Fields(l), " ") == want {
			return true
		}
	}
	return false
}

// readTopic reads every message of topic.
func readTopic(t *testing.T, brokers []string, topic string) []kafka.Message {
	t.Helper()
	r, err := dlqtool.NewReader(dlqtool.ReaderConfig{Brokers: brokers, Topic: topic})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	var out []kafka.Message
	if _, err := r.Scan(context.Background(), func(m kafka.Message) error {
		out = append(out, m)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	return out
}
