package synth

import (
	"context"
	"strings"
	"testing"

	"github.com/convqa/convqa/internal/transcript"
)

func TestPairedMatchesEveryMessageWithItsTruth(t *testing.T) {
	sc := DefaultScenario()
	sc.Conversations, sc.LiveShare, sc.MalformedShare = 40, 0, 0
	g, err := New(Options{Scenario: sc, Seed: 3})
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	sink := Paired(func(tr *Truth, m *transcript.Message) error {
		n++
		if tr.ConversationID != m.ConversationID {
			t.Errorf("truth %s paired with message %s", tr.ConversationID, m.ConversationID)
		}
		return nil
	})
	if _, err := g.Run(context.Background(), sink); err != nil {
		t.Fatal(err)
	}
	if n != 40 || sink.Pending() != 0 {
		t.Errorf("%d pairs, %d pending; want 40 and 0", n, sink.Pending())
	}
	if err := Paired(func(*Truth, *transcript.Message) error { return nil }).Message("c-9", []byte(`{"schema":"convqa.transcript.v1","kind":"conversation","conversation_id":"c-9","tenant":"t","status":"closed","channel":"chat","started_at":"2026-01-01T00:00:00Z","utterances":[{"seq":1,"speaker":"agent","text":"hi","start_ms":0}]}`)); err == nil || !strings.Contains(err.Error(), "without its truth") {
		t.Errorf("message without truth: %v", err)
	}
}

func TestTruthCloneIsDeep(t *testing.T) {
	tr := &Truth{Violations: []Hit{{ID: "a"}}, Topics: []string{"x"}, CustomerTurns: []CustomerTurn{{Seq: 1}}}
	cp := tr.Clone()
	tr.Violations[0].ID, tr.Topics[0], tr.CustomerTurns[0].Seq = "b", "y", 2
	if cp.Violations[0].ID != "a" || cp.Topics[0] != "x" || cp.CustomerTurns[0].Seq != 1 {
		t.Errorf("clone shares memory: %+v", cp)
	}
}
