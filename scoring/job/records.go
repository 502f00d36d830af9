package job

import (
	"fmt"
	"slices"
	"time"

	"github.com/apache/arrow/go/v17/arrow"
	"github.com/apache/arrow/go/v17/arrow/array"
	"github.com/apache/arrow/go/v17/arrow/memory"

	"github.com/convqa/convqa/internal/transcript"
)

// Column positions of ConversationSchema.
const (
	cTenant = iota
	cConversationID
	cStatus
	cChannel
	cLanguage
	cStartedAt
	cEndedAt
	cAgentID
	cAgentName
	cAgentTeam
	cCustomerHash
	cProductSKU
	cProductName
	cProductCategory
	cProductBatch
	cQueue
	cDisposition
	cCSAT
	cMetadataKeys
	cMetadataValues
)

// Column positions of UtteranceSchema.
const (
	uConversationID = iota
	uSeq
	uSpeaker
	uText
	uStartMS
	uEndMS
)

var (
	stringType = arrow.BinaryTypes.String
	timestamp  = arrow.FixedWidthTypes.Timestamp_s // seconds, UTC: what DateTime('UTC') holds
	strList    = arrow.ListOf(arrow.BinaryTypes.String)
)

// ConversationSchema is the record of a batch's conversations: one row per
// conversation, the metadata of its latest version. ended_at is null when
// the conversation's end is unknown; customer_hash is the keyed hash the
// store keeps, never a customer id.
var ConversationSchema = arrow.NewSchema([]arrow.Field{
	{Name: "tenant", Type: stringType},
	{Name: "conversation_id", Type: stringType},
	{Name: "status", Type: stringType},
	{Name: "channel", Type: stringType},
	{Name: "language", Type: stringType},
	{Name: "started_at", Type: timestamp},
	{Name: "ended_at", Type: timestamp, Nullable: true},
	{Name: "agent_id", Type: stringType},
	{Name: "agent_name", Type: stringType},
	{Name: "agent_team", Type: stringType},
	{Name: "customer_hash", Type: stringType},
	{Name: "product_sku", Type: stringType},
	{Name: "product_name", Type: stringType},
	{Name: "product_category", Type: stringType},
	{Name: "product_batch", Type: stringType},
	{Name: "queue", Type: stringType},
	{Name: "disposition", Type: stringType},
	{Name: "csat", Type: arrow.PrimitiveTypes.Uint8},
	{Name: "metadata_keys", Type: strList},
	{Name: "metadata_values", Type: strList},
}, nil)

// UtteranceSchema is the record of a batch's utterances: one row per turn,
// the text as stored (PII already redacted).
var UtteranceSchema = arrow.NewSchema([]arrow.Field{
	{Name: "conversation_id", Type: stringType},
	{Name: "seq", Type: arrow.PrimitiveTypes.Uint32},
	{Name: "speaker", Type: stringType},
	{Name: "text", Type: stringType},
	{Name: "start_ms", Type: arrow.PrimitiveTypes.Int64},
	{Name: "end_ms", Type: arrow.PrimitiveTypes.Int64},
}, nil)

// recordBuilder appends messages to a conversations and an utterances
// record. The reader fills it row by row from ClickHouse; tests fill it
// from messages.
type recordBuilder struct {
	conv, utt *array.RecordBuilder
}

func newRecordBuilder(mem memory.Allocator) *recordBuilder {
	return &recordBuilder{conv: array.NewRecordBuilder(mem, ConversationSchema), utt: array.NewRecordBuilder(mem, UtteranceSchema)}
}

func (b *recordBuilder) release() {
	b.conv.Release()
	b.utt.Release()
}

// appendConversation appends m's metadata (not its utterances).
func (b *recordBuilder) appendConversation(m *transcript.Message) {
	keys, values := sortedMetadata(m.Metadata)
	b.appendConversationArrays(m, keys, values)
}

// appendConversationArrays appends m with the metadata given as the
// store's parallel key and value arrays; m.Metadata is not read.
func (b *recordBuilder) appendConversationArrays(m *transcript.Message, keys, values []string) {
	f := b.conv.Fields()
	str := func(i int, s string) { f[i].(*array.StringBuilder).Append(s) }
	str(cTenant, m.Tenant)
	str(cConversationID, m.ConversationID)
	str(cStatus, string(m.Status))
	str(cChannel, string(m.Channel))
	str(cLanguage, string(m.Language))
	ts := func(i int, t *time.Time) {
		tb := f[i].(*array.TimestampBuilder)
		if t == nil {
			tb.AppendNull()
			return
		}
		tb.Append(arrow.Timestamp(t.Unix()))
	}
	var zero time.Time
	started := m.StartedAt
	if started == nil {
		started = &zero // the store always has one; keep the column non-null
	}
	ts(cStartedAt, started)
	ts(cEndedAt, m.EndedAt)
	var agent transcript.Agent
	if m.Agent != nil {
		agent = *m.Agent
	}
	str(cAgentID, agent.ID)
	str(cAgentName, agent.Name)
	str(cAgentTeam, agent.Team)
	customer := ""
	if m.Customer != nil {
		customer = m.Customer.ID
	}
	str(cCustomerHash, customer)
	var p transcript.Product
	if m.Product != nil {
		p = *m.Product
	}
	str(cProductSKU, p.SKU)
	str(cProductName, p.Name)
	str(cProductCategory, p.Category)
	str(cProductBatch, p.Batch)
	str(cQueue, m.Queue)
	str(cDisposition, m.Disposition)
	f[cCSAT].(*array.Uint8Builder).Append(uint8(m.CSAT))
	appendStrings(f[cMetadataKeys].(*array.ListBuilder), keys)
	appendStrings(f[cMetadataValues].(*array.ListBuilder), values)
}

// appendStrings appends one list of strings.
func appendStrings(lb *array.ListBuilder, ss []string) {
	lb.Append(true)
	vb := lb.ValueBuilder().(*array.StringBuilder)
	for _, s := range ss {
		vb.Append(s)
	}
}

// appendUtterance appends one turn of conversation id.
func (b *recordBuilder) appendUtterance(id string, u *transcript.Utterance) {
	f := b.utt.Fields()
	f[uConversationID].(*array.StringBuilder).Append(id)
	f[uSeq].(*array.Uint32Builder).Append(uint32(u.Seq))
	f[uSpeaker].(*array.StringBuilder).Append(string(u.Speaker))
	f[uText].(*array.StringBuilder).Append(u.Text)
	f[uStartMS].(*array.Int64Builder).Append(u.StartMS)
	f[uEndMS].(*array.Int64Builder).Append(u.EndMS)
}

// records returns the two records built so far; the caller releases them.
func (b *recordBuilder) records() (conv, utt arrow.Record) {
	return b.conv.NewRecord(), b.utt.NewRecord()
}

// NewRecords encodes messages as a conversations record and an utterances
// record (ConversationSchema, UtteranceSchema), allocated from mem. The
// caller releases both. Metadata keys are written sorted, as the store
// keeps them; Messages decodes the records back.
func NewRecords(mem memory.Allocator, msgs []*transcript.Message) (conv, utt arrow.Record) {
	b := newRecordBuilder(mem)
	defer b.release()
	for _, m := range msgs {
		b.appendConversation(m)
		for i := range m.Utterances {
			b.appendUtterance(m.ConversationID, &m.Utterances[i])
		}
	}
	return b.records()
}

func sortedMetadata(md map[string]string) (keys, values []string) {
	if len(md) == 0 {
		return nil, nil
	}
	keys = make([]string, 0, len(md))
	for k := range md {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	values = make([]string, len(keys))
	for i, k := range keys {
		values[i] = md[k]
	}
	return keys, values
}

// RecordError says what is wrong with a record handed to Messages: which
// record, column and row.
type RecordError struct {
	Record string // "conversations" or "utterances"
	Column string // empty when the record as a whole is wrong
	Row    int    // -1 when no single row is
	Msg    string
}

func (e *RecordError) Error() string {
	s := "decode " + e.Record + " record"
	if e.Column != "" {
		s += " column " + e.Column
	}
	if e.Row >= 0 {
		s += fmt.Sprintf(" row %d", e.Row)
	}
	return s + ": " + e.Msg
}

// checkSchema compares a record's columns with the schema it must have, by
// position, name and type.
func checkSchema(what string, rec arrow.Record, want *arrow.Schema) error {
	if rec == nil {
		return &RecordError{Record: what, Row: -1, Msg: "missing"}
	}
	got := rec.Schema()
	if got.NumFields() != want.NumFields() {
		return &RecordError{Record: what, Row: -1, Msg: fmt.Sprintf("%d columns, want %d (%s)", got.NumFields(), want.NumFields(), want)}
	}
	for i, wf := range want.Fields() {
		gf := got.Field(i)
		if gf.Name != wf.Name || !arrow.TypeEqual(gf.Type, wf.Type) {
			return &RecordError{Record: what, Column: wf.Name, Row: -1,
				Msg: fmt.Sprintf("column %d is %s %s, want %s %s", i, gf.Name, gf.Type, wf.Name, wf.Type)}
		}
		if int64(rec.Column(i).Len()) != rec.NumRows() {
			return &RecordError{Record: what, Column: wf.Name, Row: -1, Msg: "length differs from the record's"}
		}
		if !wf.Nullable && rec.Column(i).NullN() > 0 {
			return &RecordError{Record: what, Column: wf.Name, Row: firstNull(rec.Column(i)), Msg: "null in a non-null column"}
		}
	}
	return nil
}

func firstNull(a arrow.Array) int {
	for i := 0; i < a.Len(); i++ {
		if a.IsNull(i) {
			return i
		}
	}
	return -1
}
