package ingest

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"sort"
	"time"

	"github.com/segmentio/kafka-go"

	"github.com/convqa/convqa/internal/pii"
	"github.com/convqa/convqa/internal/transcript"
)

// conversationRow is one row of the conversations table.
type conversationRow struct {
	Tenant, ConversationID, Channel, Language, Status string
	StartedAt, EndedAt                                time.Time
	AgentID, AgentName, AgentTeam                     string
	CustomerHash                                      string
	ProductSKU, ProductName, ProductCategory          string
	ProductBatch, Queue, Disposition                  string
	CSAT                                              uint8
	MetadataKeys, MetadataValues                      []string
	UtteranceCount                                    uint32
	PII                                               pii.Counts
	Source                                            source
	Version                                           uint64
}

// utteranceRow is one row of the utterances table.
type utteranceRow struct {
	Tenant, ConversationID string
	Seq                    uint32
	Speaker, Text          string
	StartMS, EndMS         int64
	StartedAt              time.Time
	PII                    pii.Counts
	Source                 source
	Version                uint64
}

// source is where a row came from: the Kafka message that carried it.
type source struct {
	Topic     string
	Partition int32
	Offset    int64
}

// mapper turns validated messages into rows: it redacts personal data and
// replaces customer ids by a keyed hash, so neither ever reaches storage.
type mapper struct {
	finder  *pii.Finder // nil: redaction off
	hashKey []byte
}

func newMapper(redact []string, hashKey string) (*mapper, error) {
	if len(hashKey) < 16 {
		return nil, errors.New("ingest: a customer hash key of at least 16 bytes is required (ingest.customer_hash_key or ingest.customer_hash_key_file)")
	}
	m := &mapper{hashKey: []byte(hashKey)}
	if len(redact) > 0 {
		f, err := pii.NewFinder(redact...)
		if err != nil {
			return nil, err
		}
		m.finder = f
	}
	return m, nil
}

// customerHash is the stored stand-in for a customer id: an HMAC keyed by a
// secret, over the tenant and the id, so equal ids of one tenant still
// group together while the id itself cannot be recovered or guessed.
func (m *mapper) customerHash(tenant, id string) string {
	if id == "" {
		return ""
	}
	h := hmac.New(sha256.New, m.hashKey)
	h.Write([]byte(tenant))
	h.Write([]byte{0})
	h.Write([]byte(id))
	return hex.EncodeToString(h.Sum(nil))
}

// versionOf orders the versions of one conversation or turn: the producer's
// sent_at, else the Kafka message timestamp. Both are carried by the message
// itself, so a redelivered message gets the same version, and a later
// re-send of the transcript a higher one.
func versionOf(msg *transcript.Message, km *kafka.Message) uint64 {
	t := km.Time
	if msg.SentAt != nil {
		t = *msg.SentAt
	}
	if t.IsZero() || t.UnixNano() < 0 {
		// No time at all: the offset at least orders re-sends on one partition.
		return uint64(km.Offset)
	}
	return uint64(t.UnixNano())
}

// startedAt is the conversation's start, which partitions both tables. A
// live utterance message usually lacks it; then it is estimated from the
// message time less the turn's offset, which lands in the same month as the
// closing message's started_at except for conversations crossing a month
// boundary (exact reads with argMax are unaffected; see README).
func startedAt(msg *transcript.Message, km *kafka.Message) time.Time {
	if msg.StartedAt != nil {
		return msg.StartedAt.UTC()
	}
	t := km.Time
	if msg.SentAt != nil {
		t = *msg.SentAt
	}
	if msg.Utterance != nil {
		t = t.Add(-time.Duration(msg.Utterance.StartMS) * time.Millisecond)
	}
	if t.Before(time.Unix(0, 0)) {
		return time.Unix(0, 0).UTC()
	}
	return t.UTC()
}

// The DateTime columns hold 1970-01-01 to 2106-02-07; the contract allows
// any year, so times outside are refused to the DLQ rather than failing the
// whole insert forever.
var (
	minStoredTime = time.Unix(0, 0).UTC()
	maxStoredTime = time.Date(2106, 1, 1, 0, 0, 0, 0, time.UTC)
)

func storable(field string, t time.Time) error {
	if t.Before(minStoredTime) || !t.Before(maxStoredTime) {
		return &transcript.Error{Class: transcript.ClassOutOfRange, Field: field, Offset: -1,
			Msg: t.Format(time.RFC3339) + " cannot be stored", Allowed: "1970-01-01T00:00:00Z to 2105-12-31T23:59:59Z"}
	}
	return nil
}

// appendRows maps one validated message to rows, appending to the batch, or
// says why the message cannot be stored.
func (m *mapper) appendRows(b *batch, msg *transcript.Message, km *kafka.Message) error {
	start := startedAt(msg, km)
	if err := storable("started_at", start); err != nil {
		return err
	}
	if msg.EndedAt != nil {
		if err := storable("ended_at", *msg.EndedAt); err != nil {
			return err
		}
	}
	src := source{Topic: km.Topic, Partition: int32(km.Partition), Offset: km.Offset}
	ver := versionOf(msg, km)
	var total pii.Counts
	addUtterance := func(u *transcript.Utterance) {
		text, counts := u.Text, pii.Counts{}
		if m.finder != nil {
			text, counts = m.finder.Redact(u.Text)
		}
		total.Add(counts)
		b.utterances = append(b.utterances, utteranceRow{
			Tenant: msg.Tenant, ConversationID: msg.ConversationID, Seq: uint32(u.Seq),
			Speaker: string(u.Speaker), Text: text, StartMS: u.StartMS, EndMS: u.EndMS,
			StartedAt: start, PII: counts, Source: src, Version: ver,
		})
	}
	if msg.Kind == transcript.KindUtterance {
		addUtterance(msg.Utterance)
		return nil
	}
	for i := range msg.Utterances {
		addUtterance(&msg.Utterances[i])
	}
	row := conversationRow{
		Tenant: msg.Tenant, ConversationID: msg.ConversationID, Channel: string(msg.Channel),
		Language: string(msg.Language), Status: string(msg.Status), StartedAt: start,
		EndedAt: minStoredTime, Queue: msg.Queue, Disposition: msg.Disposition, CSAT: uint8(msg.CSAT),
		UtteranceCount: uint32(len(msg.Utterances)), Source: src, Version: ver,
	}
	if msg.EndedAt != nil {
		row.EndedAt = msg.EndedAt.UTC()
	}
	if a := msg.Agent; a != nil {
		row.AgentID, row.AgentName, row.AgentTeam = a.ID, a.Name, a.Team
	}
	if c := msg.Customer; c != nil {
		row.CustomerHash = m.customerHash(msg.Tenant, c.ID)
	}
	if p := msg.Product; p != nil {
		row.ProductSKU, row.ProductName, row.ProductCategory, row.ProductBatch = p.SKU, p.Name, p.Category, p.Batch
	}
	row.MetadataKeys, row.MetadataValues = m.metadata(msg.Metadata, &total)
	row.PII = total
	b.conversations = append(b.conversations, row)
	return nil
}

// metadata flattens the map into sorted parallel arrays (so the same
// metadata always makes the same row), with PII redacted from the values:
// producers put order notes and contact fields there too.
func (m *mapper) metadata(md map[string]string, total *pii.Counts) (keys, values []string) {
	keys = make([]string, 0, len(md))
	for k := range md {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	values = make([]string, len(keys))
	for i, k := range keys {
		v := md[k]
		if m.finder != nil {
			var counts pii.Counts
			v, counts = m.finder.Redact(v)
			total.Add(counts)
		}
		values[i] = v
	}
	return keys, values
}
