package chaos

import (
	"context"
	"crypto/sha256"
	"fmt"

	"github.com/convqa/convqa/internal/produce"
	"github.com/convqa/convqa/internal/synth"
	"github.com/convqa/convqa/internal/transcript"
)

// UtteranceKey is a turn's identity, the sorting key of the utterances
// table.
type UtteranceKey struct {
	Tenant, ConversationID string
	Seq                    uint32
}

// ConversationKey is a conversation's identity, the sorting key of the
// conversations table.
type ConversationKey struct {
	Tenant, ConversationID string
}

// Malformed is a deliberately broken message the DLQ must hold.
type Malformed struct {
	// Class is the failure class the generator meant (transcript.Class).
	Class string
	// Sum is the SHA-256 of the value, to check that the DLQ kept the
	// original bytes.
	Sum  [sha256.Size]byte
	Size int
}

// Dataset is what a run streams, in send order, and what it must find.
type Dataset struct {
	Records []produce.Record
	// Utterances and Conversations are the valid input: what the tables
	// must show, each exactly once.
	Utterances    map[UtteranceKey]struct{}
	Conversations map[ConversationKey]struct{}
	// Malformed holds the broken messages by Kafka key, the conversation id
	// (a message whose value lost its conversation_id keeps its key).
	Malformed map[string]Malformed

	LiveConversations, WholeConversations int
	UtteranceMessages                     int
}

// avgUtterances is a lower estimate of valid utterances per generated
// conversation (synth averages about 9.8), to ask for enough.
const avgUtterances = 9

// Generate makes at least want valid utterances from the seed. The same
// arguments give the same records, byte for byte.
func Generate(ctx context.Context, seed uint64, want int, liveShare, malformedShare float64) (*Dataset, error) {
	convs := want/avgUtterances + 1
	for range 3 {
		d, err := generate(ctx, seed, convs, liveShare, malformedShare)
		if err != nil || len(d.Utterances) >= want {
			return d, err
		}
		convs = convs*want/max(len(d.Utterances), 1) + 1
	}
	return nil, fmt.Errorf("generate %d utterances: the generator keeps making fewer", want)
}

func generate(ctx context.Context, seed uint64, convs int, liveShare, malformedShare float64) (*Dataset, error) {
	sc := synth.DefaultScenario()
	sc.Conversations, sc.LiveShare, sc.MalformedShare = convs, liveShare, malformedShare
	g, err := synth.New(synth.Options{Scenario: sc, Seed: seed})
	if err != nil {
		return nil, fmt.Errorf("synth scenario: %w", err)
	}
	s := &datasetSink{d: &Dataset{
		Utterances:    make(map[UtteranceKey]struct{}, convs*10),
		Conversations: make(map[ConversationKey]struct{}, convs),
		Malformed:     map[string]Malformed{},
	}, malformed: map[string]string{}}
	if _, err := g.Run(ctx, s); err != nil {
		return nil, fmt.Errorf("generate %d conversations: %w", convs, err)
	}
	return s.d, nil
}

// datasetSink collects the generator's messages and derives the expected
// rows from the valid ones with the contract's own decoder: if the
// generator and the decoder disagreed, expectations would be wrong, and
// that must fail here, not look like an ingest bug later.
type datasetSink struct {
	d         *Dataset
	malformed map[string]string // conversation id → class, from the truth
}

// Truth notes how the conversation is sent; its messages follow.
func (s *datasetSink) Truth(t *synth.Truth) error {
	switch {
	case t.Malformed != "":
		s.malformed[t.ConversationID] = t.Malformed
	case t.Live:
		s.d.LiveConversations++
	default:
		s.d.WholeConversations++
	}
	return nil
}

// Message keeps the record and, for valid input, the rows it must become.
func (s *datasetSink) Message(key string, value []byte) error {
	v := append([]byte(nil), value...)
	s.d.Records = append(s.d.Records, produce.Record{Key: []byte(key), Value: v})
	if class, ok := s.malformed[key]; ok {
		if _, dup := s.d.Malformed[key]; dup {
			return fmt.Errorf("malformed conversation %s was sent as more than one message", key)
		}
		s.d.Malformed[key] = Malformed{Class: class, Sum: sha256.Sum256(v), Size: len(v)}
		return nil
	}
	m, err := transcript.Decode(v, transcript.Limits{})
	if err != nil {
		return fmt.Errorf("conversation %s: the generator made it valid, the decoder refuses it: %w", key, err)
	}
	add := func(u *transcript.Utterance) {
		s.d.Utterances[UtteranceKey{m.Tenant, m.ConversationID, uint32(u.Seq)}] = struct{}{}
	}
	if m.Kind == transcript.KindUtterance {
		s.d.UtteranceMessages++
		add(m.Utterance)
		return nil
	}
	for i := range m.Utterances {
		add(&m.Utterances[i])
	}
	s.d.Conversations[ConversationKey{m.Tenant, m.ConversationID}] = struct{}{}
	return nil
}
