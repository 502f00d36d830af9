// Package transcript holds the convqa.transcript.v1 message contract: the Go
// types producers and the ingest path share, the decoder that validates a
// Kafka message value into them (Decode), the same checks for producers
// (Message.Validate), and the contract as a JSON Schema (JSONSchema).
//
// Decisions that the field list alone does not settle:
//
//   - Unknown fields are rejected (class unknown_field), at every level.
//     Schema v1 is exact, so a typo ("utterence") fails loudly in the DLQ
//     instead of silently dropping data; producers put extra data in
//     metadata, and new fields come with a new schema version, which ingest
//     accepts alongside v1 during a migration.
//   - null means absent for optional fields and missing for required ones.
//   - Text may be empty only when the speaker is system (an event such as a
//     transfer); every other utterance must say something.
//   - Defaults applied by Decode: status closed for conversation messages
//     and open for utterance messages, language auto, end_ms = start_ms
//     when end_ms is absent. Channel has no default: absent means unknown.
//   - Timestamps are instants: Decode returns them in UTC, and the offset
//     the producer wrote is not kept.
//   - Duplicate keys are rejected (duplicate_field): different JSON parsers
//     keep different copies, so the message has no single meaning.
package transcript

import "time"

// SchemaV1 is the value of the "schema" field of every contract-v1 message.
const SchemaV1 = "convqa.transcript.v1"

// Kind tells a whole transcript from one turn of a live conversation.
type Kind string

// The two kinds of message the contract knows.
const (
	KindConversation Kind = "conversation"
	KindUtterance    Kind = "utterance"
)

// Channel is where the conversation happened.
type Channel string

// Channels the contract allows.
const (
	ChannelChat  Channel = "chat"
	ChannelVoice Channel = "voice"
	ChannelEmail Channel = "email"
	ChannelBot   Channel = "bot"
)

// Language is the declared language of a conversation. "auto" asks convqa to
// detect it per utterance.
type Language string

// Languages the contract allows.
const (
	LangZhHans Language = "zh-Hans"
	LangZhHant Language = "zh-Hant"
	LangEn     Language = "en"
	LangAuto   Language = "auto"
)

// Speaker is the role of whoever said an utterance.
type Speaker string

// Speakers the contract allows.
const (
	SpeakerAgent    Speaker = "agent"
	SpeakerCustomer Speaker = "customer"
	SpeakerBot      Speaker = "bot"
	SpeakerSystem   Speaker = "system"
)

// Status tells whether more turns of a conversation are still to come.
type Status string

// Statuses the contract allows. A "conversation" message without a status is
// closed: it carries the whole transcript.
const (
	StatusOpen   Status = "open"
	StatusClosed Status = "closed"
)

// Message is one decoded contract-v1 Kafka message value.
//
// A conversation message carries metadata and, usually, all utterances; an
// utterance message carries exactly one turn in Utterance. Zero values mean
// absent, as omitempty writes them: CSAT 0 is no score, Channel "" is
// unknown. Decode returns times in UTC.
type Message struct {
	Schema         string            `json:"schema"`
	Kind           Kind              `json:"kind"`
	ConversationID string            `json:"conversation_id"`
	Tenant         string            `json:"tenant"`
	Status         Status            `json:"status,omitempty"`
	Channel        Channel           `json:"channel,omitempty"`
	Language       Language          `json:"language,omitempty"`
	StartedAt      *time.Time        `json:"started_at,omitempty"`
	EndedAt        *time.Time        `json:"ended_at,omitempty"`
	SentAt         *time.Time        `json:"sent_at,omitempty"`
	Agent          *Agent            `json:"agent,omitempty"`
	Customer       *Customer         `json:"customer,omitempty"`
	Product        *Product          `json:"product,omitempty"`
	Queue          string            `json:"queue,omitempty"`
	Disposition    string            `json:"disposition,omitempty"`
	CSAT           int               `json:"csat,omitempty"`
	Utterances     []Utterance       `json:"utterances,omitempty"`
	Utterance      *Utterance        `json:"utterance,omitempty"`
	Metadata       map[string]string `json:"metadata,omitempty"`
}

// Agent is the person (or bot) serving the customer.
type Agent struct {
	ID   string `json:"id"`
	Name string `json:"name,omitempty"`
	Team string `json:"team,omitempty"`
}

// Customer identifies the customer. convqa stores the id only as a keyed hash.
type Customer struct {
	ID string `json:"id"`
}

// Product is what the conversation is about, down to the production batch.
type Product struct {
	SKU      string `json:"sku,omitempty"`
	Name     string `json:"name,omitempty"`
	Category string `json:"category,omitempty"`
	Batch    string `json:"batch,omitempty"`
}

// Utterance is one turn. Offsets are milliseconds from the conversation
// start; a chat turn has EndMS == StartMS. Go producers must set EndMS
// themselves: only a JSON message can leave end_ms out to default it, since
// the struct cannot tell absent from 0.
type Utterance struct {
	Seq     int     `json:"seq"`
	Speaker Speaker `json:"speaker"`
	Text    string  `json:"text"`
	StartMS int64   `json:"start_ms"`
	EndMS   int64   `json:"end_ms"`
}
