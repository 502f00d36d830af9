package job

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/convqa/convqa/internal/transcript"
)

// TestEachStoredPagesThroughOneTenantsClosedConversations: every closed
// conversation in range, once, in start order, across pages; open ones,
// other tenants and conversations out of range are left out; the latest
// version of a conversation is what is read.
func TestEachStoredPagesThroughOneTenantsClosedConversations(t *testing.T) {
	conn := migrated(t)
	if conn == nil {
		return
	}
	base := time.Date(2026, 10, 1, 8, 0, 0, 0, time.UTC)
	var want []string
	for i := range 7 {
		m := conversation("acme", fmt.Sprintf("c-%d", i), base.Add(time.Duration(i)*time.Hour), false)
		put(t, conn, m, 1)
		want = append(want, m.ConversationID)
	}
	// A newer version of c-3 with other text: the backtest must see it.
	newer := conversation("acme", "c-3", base.Add(3*time.Hour), true)
	put(t, conn, newer, 2)
	open := conversation("acme", "open-1", base.Add(30*time.Minute), false)
	open.Status = transcript.StatusOpen
	put(t, conn, open, 1)
	put(t, conn, conversation("globex", "g-1", base.Add(time.Hour), false), 1)
	put(t, conn, conversation("acme", "late-1", base.Add(48*time.Hour), false), 1)

	var got []string
	var c3 *transcript.Message
	err := EachStored(context.Background(), conn, "acme", base, base.Add(24*time.Hour), 3, func(m *transcript.Message) error {
		if m.Tenant != "acme" {
			t.Errorf("conversation %s of tenant %q", m.ConversationID, m.Tenant)
		}
		got = append(got, m.ConversationID)
		if m.ConversationID == "c-3" {
			c3 = m
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("read %v, want %v", got, want)
	}
	if c3 == nil || len(c3.Utterances) != 4 || c3.Utterances[3].Text != newer.Utterances[3].Text {
		t.Errorf("c-3 is not its latest version: %+v", c3)
	}
	stop := fmt.Errorf("stop")
	n := 0
	err = EachStored(context.Background(), conn, "acme", base, base.Add(24*time.Hour), 3, func(*transcript.Message) error {
		n++
		if n == 4 {
			return stop
		}
		return nil
	})
	if err != stop || n != 4 {
		t.Errorf("fn's error: got %v after %d conversations", err, n)
	}
}
