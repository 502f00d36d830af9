package ingestbench

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/convqa/convqa/internal/synth"
	"github.com/convqa/convqa/internal/transcript"
)

// Dataset is one set of utterances in the two shapes the benchmark feeds:
// one flat message per utterance (what both convqa and the Kafka engine
// read) and whole-conversation messages holding the same utterances.
type Dataset struct {
	// Flat holds one convqa.utterance.flat.v1 message per utterance.
	Flat []Message
	// Conversations holds contract-v1 conversation messages whose
	// utterances are exactly those of Flat.
	Conversations []Message
	// Rows is the number of utterances, in either shape.
	Rows int
}

// Message is a Kafka message to produce: key (the conversation id) and value.
type Message struct {
	Key, Value []byte
}

// Bytes sums the values' lengths: what MB/s is measured on.
func Bytes(msgs []Message) int64 {
	var n int64
	for _, m := range msgs {
		n += int64(len(m.Value))
	}
	return n
}

// shopZone is the offset the flat messages' timestamps are written in, as
// the generator's shop writes them: RFC 3339 with +08:00, not Z, so the
// Kafka engine's parsing is tested on what producers really send.
var shopZone = time.FixedZone("+08:00", 8*3600)

// flatMessage is the wire form of transcript.SchemaFlatV1, fields in the
// order a row-oriented producer would write them.
type flatMessage struct {
	Schema         string `json:"schema"`
	Tenant         string `json:"tenant"`
	ConversationID string `json:"conversation_id"`
	Seq            int    `json:"seq"`
	Speaker        string `json:"speaker"`
	Text           string `json:"text"`
	StartMS        int64  `json:"start_ms"`
	EndMS          int64  `json:"end_ms"`
	SentAt         string `json:"sent_at"`
	StartedAt      string `json:"started_at"`
	Channel        string `json:"channel,omitempty"`
	Language       string `json:"language,omitempty"`
}

const rfc3339Millis = "2006-01-02T15:04:05.000Z07:00"

// errEnough stops the generator once the dataset holds its rows.
var errEnough = errors.New("enough rows")

// NewDataset generates realistic conversations (synth's default mix of
// languages, channels and intents, PII included, so redaction has work) until
// they hold exactly rows utterances; the last conversation is cut short to
// hit the number. The same seed gives the same bytes.
func NewDataset(ctx context.Context, rows int, seed uint64) (*Dataset, error) {
	if rows < 1 {
		return nil, fmt.Errorf("dataset: rows must be ≥ 1, got %d", rows)
	}
	sc := synth.DefaultScenario()
	// An upper bound: every conversation has at least two turns. The
	// generator stops early, so only the first conversations are made.
	sc.Conversations = rows/2 + 1
	g, err := synth.New(synth.Options{Scenario: sc, Seed: seed})
	if err != nil {
		return nil, fmt.Errorf("dataset: %w", err)
	}
	s := &datasetSink{want: rows, ds: &Dataset{}}
	if _, err := g.Run(ctx, s); err != nil && !errors.Is(err, errEnough) {
		return nil, fmt.Errorf("dataset: generate conversations: %w", err)
	}
	if s.ds.Rows != rows {
		return nil, fmt.Errorf("dataset: the generator made %d utterances, want %d", s.ds.Rows, rows)
	}
	return s.ds, nil
}

type datasetSink struct {
	want int
	ds   *Dataset
	buf  bytes.Buffer
}

func (s *datasetSink) Truth(*synth.Truth) error { return nil }

func (s *datasetSink) Message(key string, value []byte) error {
	m, err := transcript.Decode(value, transcript.Limits{})
	if err != nil {
		return fmt.Errorf("generated message %s does not decode: %w", key, err)
	}
	if m.Kind != transcript.KindConversation || m.StartedAt == nil {
		return fmt.Errorf("generated message %s: want a whole conversation with started_at, got kind %s", key, m.Kind)
	}
	left := s.want - s.ds.Rows
	if len(m.Utterances) > left {
		m.Utterances = m.Utterances[:left]
		if value, err = json.Marshal(m); err != nil {
			return err
		}
	}
	s.ds.Conversations = append(s.ds.Conversations, Message{Key: []byte(key), Value: bytes.Clone(value)})
	started := m.StartedAt.In(shopZone)
	for _, u := range m.Utterances {
		f := flatMessage{
			Schema: transcript.SchemaFlatV1, Tenant: m.Tenant, ConversationID: m.ConversationID,
			Seq: u.Seq, Speaker: string(u.Speaker), Text: u.Text, StartMS: u.StartMS, EndMS: u.EndMS,
			SentAt:    started.Add(time.Duration(u.EndMS) * time.Millisecond).Format(rfc3339Millis),
			StartedAt: started.Format(rfc3339Millis),
			Channel:   string(m.Channel), Language: string(m.Language),
		}
		s.buf.Reset()
		enc := json.NewEncoder(&s.buf)
		// Text as a producer writes it: raw UTF-8, no \u003c for '<'.
		enc.SetEscapeHTML(false)
		if err := enc.Encode(f); err != nil {
			return err
		}
		v := bytes.TrimRight(s.buf.Bytes(), "\n")
		s.ds.Flat = append(s.ds.Flat, Message{Key: []byte(key), Value: bytes.Clone(v)})
	}
	s.ds.Rows += len(m.Utterances)
	if s.ds.Rows >= s.want {
		return errEnough
	}
	return nil
}
