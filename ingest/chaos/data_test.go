package chaos

import (
	"bytes"
	"context"
	"testing"
)

func TestGenerate(t *testing.T) {
	ctx := context.Background()
	const want = 3000
	d, err := Generate(ctx, 7, want, 0.3, 0.05)
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Utterances) < want {
		t.Fatalf("%d valid utterances, want at least %d", len(d.Utterances), want)
	}
	if d.LiveConversations == 0 || d.WholeConversations == 0 || d.UtteranceMessages == 0 || len(d.Malformed) == 0 {
		t.Fatalf("want every kind of message: %d live, %d whole, %d utterance messages, %d malformed",
			d.LiveConversations, d.WholeConversations, d.UtteranceMessages, len(d.Malformed))
	}
	// One message per whole or malformed conversation, one per turn plus a
	// closing one per live conversation.
	if got, want := len(d.Records), d.WholeConversations+len(d.Malformed)+d.UtteranceMessages+d.LiveConversations; got != want {
		t.Errorf("%d records, want %d", got, want)
	}
	if got := len(d.Conversations); got != d.LiveConversations+d.WholeConversations {
		t.Errorf("%d conversations expected in the table, want %d live + %d whole", got, d.LiveConversations, d.WholeConversations)
	}
	for id, m := range d.Malformed {
		if m.Class == "" || m.Size == 0 {
			t.Errorf("malformed %s: %+v", id, m)
		}
		if _, ok := d.Conversations[ConversationKey{"demo", id}]; ok {
			t.Errorf("malformed %s is also expected in the conversations table", id)
		}
	}

	again, err := Generate(ctx, 7, want, 0.3, 0.05)
	if err != nil {
		t.Fatal(err)
	}
	if len(again.Records) != len(d.Records) {
		t.Fatalf("same seed: %d records, then %d", len(d.Records), len(again.Records))
	}
	for i := range d.Records {
		if !bytes.Equal(d.Records[i].Value, again.Records[i].Value) || !bytes.Equal(d.Records[i].Key, again.Records[i].Key) {
			t.Fatalf("same seed: record %d differs", i)
		}
	}
}
