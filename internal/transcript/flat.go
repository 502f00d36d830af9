package transcript

import (
	"bytes"
	"errors"
	json "github.com/goccy/go-json"
	"reflect"
	"strings"
	"time"
)

// SchemaFlatV1 names the flat form of a live utterance: the fields of an
// utterance message with the turn's fields at the top level instead of in
// "utterance". ASR systems and row-oriented tools (ClickHouse's own Kafka
// engine with JSONEachRow among them) write rows like this; ingest accepts
// it beside v1 on the same topic, and it means exactly the utterance message
// it flattens.
const SchemaFlatV1 = "convqa.utterance.flat.v1"

// flatMessage is the wire form of SchemaFlatV1.
type flatMessage struct {
	Schema         string   `json:"schema"`
	ConversationID string   `json:"conversation_id"`
	Tenant         string   `json:"tenant"`
	Channel        Channel  `json:"channel,omitempty"`
	Language       Language `json:"language,omitempty"`
	StartedAt      *string  `json:"started_at,omitempty"`
	SentAt         *string  `json:"sent_at,omitempty"`
	Seq            *int     `json:"seq"`
	Speaker        Speaker  `json:"speaker"`
	Text           *string  `json:"text"`
	StartMS        int64    `json:"start_ms"`
	EndMS          *int64   `json:"end_ms,omitempty"`
}

// IsFlat reports whether value mentions the flat schema's name anywhere. It
// is a cheap pre-check, not a decision: the name may stand in a v1 message's
// text. Try Decode first and DecodeFlat when Decode finds an unknown schema.
func IsFlat(value []byte) bool {
	return bytes.Contains(value, []byte(`"`+SchemaFlatV1+`"`))
}

// DecodeFlat uses goccy/go-json, a drop-in for encoding/json about three
// times faster here: flat messages arrive one turn per message, so decoding
// is most of their cost.
//
// DecodeFlat parses and validates a SchemaFlatV1 message into the
// utterance Message it stands for, under the same limits and rules as
// Decode. Errors are *Error with the same classes; byte offsets are not
// known (Offset -1) except for invalid UTF-8 and size.
func DecodeFlat(value []byte, lim Limits) (*Message, error) {
	lim = lim.withDefaults()
	if e := precheck(value, lim); e != nil {
		return nil, e
	}
	var f flatMessage
	dec := json.NewDecoder(bytes.NewReader(value))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&f); err != nil {
		return nil, flatJSONError(err)
	}
	if dec.More() {
		return nil, &Error{Class: ClassTrailingData, Offset: dec.InputOffset(), Msg: "more than one JSON value", Allowed: "exactly one JSON object"}
	}
	if f.Schema != SchemaFlatV1 {
		return nil, &Error{Class: ClassUnknownSchema, Field: "schema", Offset: -1, Msg: "schema " + quoteValue(f.Schema), Allowed: SchemaV1 + " or " + SchemaFlatV1}
	}
	missing := func(field string) error {
		return &Error{Class: ClassMissingField, Field: field, Offset: -1, Msg: field + " is missing", Allowed: "a value"}
	}
	switch {
	case f.Seq == nil:
		return nil, missing("seq")
	case f.Text == nil:
		return nil, missing("text")
	case f.Speaker == "":
		return nil, missing("speaker")
	}
	m := &Message{
		Schema: SchemaV1, Kind: KindUtterance, ConversationID: f.ConversationID, Tenant: f.Tenant,
		Status: StatusOpen, Channel: f.Channel, Language: f.Language,
		Utterance: &Utterance{Seq: *f.Seq, Speaker: f.Speaker, Text: *f.Text, StartMS: f.StartMS, EndMS: f.StartMS},
	}
	if m.Language == "" {
		m.Language = LangAuto
	}
	if f.EndMS != nil {
		m.Utterance.EndMS = *f.EndMS
	}
	var err error
	if m.StartedAt, err = flatTime("started_at", f.StartedAt); err != nil {
		return nil, err
	}
	if m.SentAt, err = flatTime("sent_at", f.SentAt); err != nil {
		return nil, err
	}
	if err := m.Validate(lim); err != nil {
		return nil, err
	}
	return m, nil
}

func flatTime(field string, s *string) (*time.Time, error) {
	if s == nil {
		return nil, nil
	}
	t, err := time.Parse(time.RFC3339Nano, *s)
	if err != nil {
		return nil, &Error{Class: ClassBadTimestamp, Field: field, Offset: -1, Msg: "not RFC 3339: " + quoteValue(*s), Allowed: "RFC 3339 with an offset, e.g. 2025-06-14T14:05:00+08:00"}
	}
	t = t.UTC()
	return &t, nil
}

// flatFieldName turns the Go field name a JSON decoder may report into the
// field's name in the message.
func flatFieldName(goName string) string {
	if f, ok := reflect.TypeOf(flatMessage{}).FieldByName(goName); ok {
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		return name
	}
	return goName
}

// flatJSONError classifies encoding/json's errors.
func flatJSONError(err error) error {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn):
		return &Error{Class: ClassInvalidJSON, Offset: syn.Offset, Msg: syn.Error(), Allowed: "a JSON object (RFC 8259)"}
	case errors.As(err, &typ):
		return &Error{Class: ClassWrongType, Field: flatFieldName(typ.Field), Offset: typ.Offset, Msg: "a JSON " + typ.Value + " where " + typ.Type.String() + " is expected", Allowed: typ.Type.String()}
	case bytes.HasPrefix([]byte(err.Error()), []byte("json: unknown field")):
		return &Error{Class: ClassUnknownField, Offset: -1, Msg: err.Error(), Allowed: "the fields of " + SchemaFlatV1}
	}
	return &Error{Class: ClassInvalidJSON, Offset: -1, Msg: err.Error(), Allowed: "a JSON object (RFC 8259)"}
}
