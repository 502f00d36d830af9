package job

import (
	"errors"
	"sync"
	"testing"

	"github.com/convqa/convqa/internal/transcript"
	"github.com/convqa/convqa/scoring/qa"
	"github.com/convqa/convqa/scoring/rules/pack"
	"github.com/convqa/convqa/scoring/scorecard"
	"github.com/convqa/convqa/scoring/sentiment"
)

// defaultEngine is the full scorer convqa ships, as `convqa score` builds it.
func defaultEngine(t testing.TB) *qa.Engine {
	t.Helper()
	e, err := qa.Default()
	if err != nil {
		t.Fatal(err)
	}
	return e
}

// otherEngine is the shipped scorer with another escalation threshold: the
// same rules and scorecard, another scorer version (a new release).
func otherEngine(t testing.TB) *qa.Engine {
	t.Helper()
	set, err := pack.Rules()
	if err != nil {
		t.Fatal(err)
	}
	card, err := scorecard.LoadFS(pack.FS, pack.ScorecardFile)
	if err != nil {
		t.Fatal(err)
	}
	sent, err := sentiment.New(sentiment.Options{})
	if err != nil {
		t.Fatal(err)
	}
	e, err := qa.New(qa.Options{Rules: set, Scorecard: card, Sentiment: sent,
		Conversation: sentiment.ConversationOptions{AngerThreshold: 0.7, AnxietyThreshold: 0.8, HumanRequests: 2}})
	if err != nil {
		t.Fatal(err)
	}
	if e.Version() == defaultEngine(t).Version() {
		t.Fatal("another escalation threshold did not change the scorer version")
	}
	return e
}

// testScorer wraps a real scorer for the tests that inject failures or
// watch what the job hands over: it remembers every conversation it is
// given, returns the error in fail for the conversations named there, and
// panics on those in panics.
type testScorer struct {
	qa.Scorer
	fail   map[string]error
	panics map[string]bool

	mu   sync.Mutex
	seen []*transcript.Message
}

func newTestScorer(s qa.Scorer) *testScorer { return &testScorer{Scorer: s} }

func (s *testScorer) Score(m *transcript.Message) (*qa.Result, error) {
	s.mu.Lock()
	s.seen = append(s.seen, m)
	s.mu.Unlock()
	if err := s.fail[m.ConversationID]; err != nil {
		return nil, err
	}
	if s.panics[m.ConversationID] {
		panic("test scorer: boom")
	}
	return s.Scorer.Score(m)
}

// seenIDs are the conversations given to Score, as tenant/id, in order.
func (s *testScorer) seenIDs() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	ids := make([]string, len(s.seen))
	for i, m := range s.seen {
		ids[i] = m.Tenant + "/" + m.ConversationID
	}
	return ids
}

var errTestScorer = errors.New("test scorer: cannot score this one")
