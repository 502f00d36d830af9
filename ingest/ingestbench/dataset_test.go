package ingestbench

import (
	"bytes"
	"testing"

	"github.com/convqa/convqa/internal/transcript"
)

// TestDatasetShapesHoldTheSameUtterances checks what makes the comparison
// fair: both topics carry exactly the requested rows, the same turns, and
// every message passes convqa's own decoder.
func TestDatasetShapesHoldTheSameUtterances(t *testing.T) {
	const rows = 3001
	ds, err := NewDataset(t.Context(), rows, 7)
	if err != nil {
		t.Fatal(err)
	}
	if ds.Rows != rows || len(ds.Flat) != rows {
		t.Fatalf("dataset has %d rows, %d flat messages; want %d of each", ds.Rows, len(ds.Flat), rows)
	}
	type turn struct {
		conv string
		seq  int
	}
	flat := map[turn]string{}
	for i, m := range ds.Flat {
		if !transcript.IsFlat(m.Value) {
			t.Fatalf("flat message %d does not declare %s: %s", i, transcript.SchemaFlatV1, m.Value)
		}
		msg, err := transcript.DecodeFlat(m.Value, transcript.Limits{})
		if err != nil {
			t.Fatalf("flat message %d: %v\n%s", i, err, m.Value)
		}
		if string(m.Key) != msg.ConversationID {
			t.Errorf("flat message %d: key %q, conversation %q", i, m.Key, msg.ConversationID)
		}
		flat[turn{msg.ConversationID, msg.Utterance.Seq}] = msg.Utterance.Text
	}
	if len(flat) != rows {
		t.Errorf("flat messages hold %d distinct turns, want %d", len(flat), rows)
	}
	n := 0
	for i, m := range ds.Conversations {
		msg, err := transcript.Decode(m.Value, transcript.Limits{})
		if err != nil {
			t.Fatalf("conversation message %d: %v", i, err)
		}
		for _, u := range msg.Utterances {
			n++
			if text, ok := flat[turn{msg.ConversationID, u.Seq}]; !ok || text != u.Text {
				t.Errorf("conversation %s seq %d: not among the flat messages with the same text", msg.ConversationID, u.Seq)
			}
		}
	}
	if n != rows {
		t.Errorf("conversation messages hold %d utterances, want %d", n, rows)
	}

	again, err := NewDataset(t.Context(), rows, 7)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(again.Flat[rows-1].Value, ds.Flat[rows-1].Value) || len(again.Conversations) != len(ds.Conversations) {
		t.Error("the same seed made different data")
	}
}

func TestNewDatasetRefusesNoRows(t *testing.T) {
	if _, err := NewDataset(t.Context(), 0, 1); err == nil {
		t.Error("NewDataset(0 rows) succeeded")
	}
}
