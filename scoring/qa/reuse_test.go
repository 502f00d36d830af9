package qa

import (
	"bytes"
	"encoding/json"
	"errors"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/convqa/convqa/internal/transcript"
)

// fixedEngine is the default engine with a fixed clock, so that two
// scorings of one conversation marshal alike.
func fixedEngine(t *testing.T) *Engine {
	t.Helper()
	e := engine(t)
	at := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	fixed, err := New(Options{Rules: e.rules, Scorecard: e.card, Sentiment: e.sent, Conversation: e.conv,
		Clock: func() time.Time { return at }})
	if err != nil {
		t.Fatal(err)
	}
	return fixed
}

func marshal(t *testing.T, res *Result) []byte {
	t.Helper()
	b, err := json.Marshal(res)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// size is how much a conversation's result holds: its utterances and
// hits.
func size(t *testing.T, e *Engine, m *transcript.Message) int {
	t.Helper()
	res, err := e.Score(m)
	if err != nil {
		t.Fatal(err)
	}
	return len(m.Utterances) + len(res.Hits)
}

// TestScoreIntoIsScore scores generated conversations into one reused
// Result and checks each against Score's: in the generator's order, from
// the biggest to the smallest and back (so that nothing of a bigger
// result lingers in a smaller one), and after a conversation ScoreInto
// refuses.
func TestScoreIntoIsScore(t *testing.T) {
	e := fixedEngine(t)
	n := 300
	if testing.Short() {
		n = 80
	}
	c := genCorpus(t, n)
	bySize := slices.Clone(c.msgs)
	sizes := map[*transcript.Message]int{}
	for _, m := range bySize {
		sizes[m] = size(t, e, m)
	}
	slices.SortStableFunc(bySize, func(a, b *transcript.Message) int { return sizes[b] - sizes[a] })
	biggest, smallest := bySize[0], bySize[len(bySize)-1]
	if sizes[biggest] <= 2*sizes[smallest] {
		t.Fatalf("the corpus has no big and small conversations: %d and %d", sizes[biggest], sizes[smallest])
	}
	empty := &transcript.Message{Kind: transcript.KindConversation, Tenant: "t", ConversationID: "empty"}

	for _, tc := range []struct {
		name string
		msgs []*transcript.Message
	}{
		{"generated order", c.msgs},
		{"biggest to smallest", bySize},
		{"smallest to biggest", reversed(bySize)},
		{"big then small, again and again", []*transcript.Message{biggest, smallest, biggest, smallest, smallest, biggest}},
		{"after a refusal", []*transcript.Message{biggest, empty, smallest}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var res Result
			for _, m := range tc.msgs {
				before := marshal(t, &res)
				want, wantErr := e.Score(m)
				err := e.ScoreInto(&res, m)
				if wantErr != nil {
					if !errors.Is(err, ErrUnscorable) {
						t.Fatalf("%s: ScoreInto error %v, Score's %v", m.ConversationID, err, wantErr)
					}
					if got := marshal(t, &res); !bytes.Equal(got, before) {
						t.Fatalf("%s: a refused ScoreInto changed the result", m.ConversationID)
					}
					continue
				}
				if err != nil {
					t.Fatalf("%s: %v", m.ConversationID, err)
				}
				if got, want := marshal(t, &res), marshal(t, want); !bytes.Equal(got, want) {
					t.Fatalf("%s: ScoreInto into a reused result:\n%s\nScore:\n%s", m.ConversationID, got, want)
				}
			}
		})
	}
}

func reversed[T any](s []T) []T {
	r := slices.Clone(s)
	slices.Reverse(r)
	return r
}

// TestScoreIntoLeavesOtherResults: a result handed out (as the job hands
// a batch's results to its writer) does not change while other Results
// are scored into, on several goroutines, nor does one of Score's.
func TestScoreIntoLeavesOtherResults(t *testing.T) {
	e := fixedEngine(t)
	c := genCorpus(t, 120)
	var held Result
	if err := e.ScoreInto(&held, c.msgs[0]); err != nil {
		t.Fatal(err)
	}
	// held has been reused once, as a pooled Result has.
	if err := e.ScoreInto(&held, c.msgs[1]); err != nil {
		t.Fatal(err)
	}
	fresh, err := e.Score(c.msgs[2])
	if err != nil {
		t.Fatal(err)
	}
	heldJSON, freshJSON := marshal(t, &held), marshal(t, fresh)

	var wg sync.WaitGroup
	for w := range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var res Result
			for i := 3 + w; i < len(c.msgs); i += 2 {
				if err := e.ScoreInto(&res, c.msgs[i]); err != nil {
					t.Error(err)
					return
				}
			}
		}()
	}
	wg.Wait()
	if got := marshal(t, &held); !bytes.Equal(got, heldJSON) {
		t.Errorf("a result handed out changed while others were scored:\n%s\nwas:\n%s", got, heldJSON)
	}
	if got := marshal(t, fresh); !bytes.Equal(got, freshJSON) {
		t.Errorf("Score's result changed while others were scored:\n%s\nwas:\n%s", got, freshJSON)
	}
}
