package transcript

import (
	"errors"
	"strconv"
	"strings"
)

// Class names one kind of contract violation. Classes are stable: ingest
// puts them in DLQ headers and metric labels, so renaming one is a breaking
// change.
type Class string

// The failure classes of contract v1.
const (
	// ClassInvalidJSON: the value is not well-formed JSON (RFC 8259).
	ClassInvalidJSON Class = "invalid_json"
	// ClassInvalidUTF8: the value is not UTF-8, or a \u escape encodes a
	// lone UTF-16 surrogate, which UTF-8 cannot hold.
	ClassInvalidUTF8 Class = "invalid_utf8"
	// ClassTooLarge: the value exceeds Limits.MaxMessageBytes.
	ClassTooLarge Class = "too_large"
	// ClassTrailingData: more than one JSON value.
	ClassTrailingData Class = "trailing_data"
	// ClassUnknownSchema: "schema" is not convqa.transcript.v1.
	ClassUnknownSchema Class = "unknown_schema"
	// ClassUnknownKind: "kind" is neither conversation nor utterance.
	ClassUnknownKind Class = "unknown_kind"
	// ClassKindMismatch: a field that the message's kind forbids.
	ClassKindMismatch Class = "kind_mismatch"
	// ClassMissingField: a required field is absent, null or empty.
	ClassMissingField Class = "missing_field"
	// ClassUnknownField: a field contract v1 does not define.
	ClassUnknownField Class = "unknown_field"
	// ClassDuplicateField: the same field twice in one object.
	ClassDuplicateField Class = "duplicate_field"
	// ClassWrongType: a value of the wrong JSON type, or a fraction where
	// an integer is expected.
	ClassWrongType Class = "wrong_type"
	// ClassFieldTooLong: a string, array or map over its limit.
	ClassFieldTooLong Class = "field_too_long"
	// ClassBadID: tenant, conversation_id or an agent/customer id with
	// control characters or nothing but whitespace.
	ClassBadID Class = "bad_id"
	// ClassBadTimestamp: not RFC 3339, out of range, or ended_at before
	// started_at.
	ClassBadTimestamp Class = "bad_timestamp"
	// ClassUnknownChannel, ClassUnknownLanguage, ClassUnknownSpeaker and
	// ClassUnknownStatus: a value outside the field's enumeration.
	ClassUnknownChannel  Class = "unknown_channel"
	ClassUnknownLanguage Class = "unknown_language"
	ClassUnknownSpeaker  Class = "unknown_speaker"
	ClassUnknownStatus   Class = "unknown_status"
	// ClassBadSeq: seq out of range.
	ClassBadSeq Class = "bad_seq"
	// ClassDuplicateSeq: two utterances of one message share a seq.
	ClassDuplicateSeq Class = "duplicate_seq"
	// ClassBadOffset: start_ms/end_ms out of range, or end_ms < start_ms.
	ClassBadOffset Class = "bad_offset"
	// ClassOutOfRange: another number out of its range (csat).
	ClassOutOfRange Class = "out_of_range"
)

// Classes returns every class, so metrics can pre-register a series per
// class and dashboards show zeros rather than gaps.
func Classes() []Class {
	return []Class{
		ClassInvalidJSON, ClassInvalidUTF8, ClassTooLarge, ClassTrailingData,
		ClassUnknownSchema, ClassUnknownKind, ClassKindMismatch,
		ClassMissingField, ClassUnknownField, ClassDuplicateField,
		ClassWrongType, ClassFieldTooLong, ClassBadID, ClassBadTimestamp,
		ClassUnknownChannel, ClassUnknownLanguage, ClassUnknownSpeaker,
		ClassUnknownStatus, ClassBadSeq, ClassDuplicateSeq, ClassBadOffset,
		ClassOutOfRange,
	}
}

// Error is a contract violation: a user mistake of the producer, never a
// failure of convqa, so it is never worth retrying.
//
// Error messages quote only short enumerated values and field names, never
// utterance text or ids, because they end up in logs and DLQ headers and the
// transcript may hold personal data.
type Error struct {
	// Class says which rule was broken.
	Class Class
	// Field is the JSON path of the offending value, such as
	// "utterances[3].speaker" or `metadata["k"]`; empty for the whole
	// message.
	Field string
	// Offset is the byte offset in the message value where the problem
	// was found, or -1 when not known (as in Validate).
	Offset int64
	// Msg says what is wrong.
	Msg string
	// Allowed says what the contract allows instead.
	Allowed string
}

// Error formats as "transcript: FIELD: MSG (byte N); allowed: ALLOWED [CLASS]".
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString("transcript: ")
	if e.Field != "" {
		b.WriteString(e.Field)
		b.WriteString(": ")
	}
	b.WriteString(e.Msg)
	if e.Offset >= 0 {
		b.WriteString(" (byte ")
		b.WriteString(strconv.FormatInt(e.Offset, 10))
		b.WriteString(")")
	}
	if e.Allowed != "" {
		b.WriteString("; allowed: ")
		b.WriteString(e.Allowed)
	}
	b.WriteString(" [")
	b.WriteString(string(e.Class))
	b.WriteString("]")
	return b.String()
}

// ClassOf returns the class of the first *Error in err's chain, or "" when
// there is none (err is nil or not a contract violation).
func ClassOf(err error) Class {
	var e *Error
	if errors.As(err, &e) {
		return e.Class
	}
	return ""
}

// quoteValue quotes a producer-supplied value for an error message, cut
// short so one bad field cannot make a megabyte-long log line.
func quoteValue(s string) string {
	const max = 40
	if len(s) <= max {
		return strconv.Quote(s)
	}
	cut := max
	for cut > 0 && !runeStart(s[cut]) {
		cut--
	}
	return strconv.Quote(s[:cut]) + "…"
}

func runeStart(b byte) bool { return b&0xC0 != 0x80 }

// field is the JSON path of a value, built into a string only when an error
// needs it: the happy path must not pay for formatting.
type field struct {
	parent string // "" for top-level fields
	index  int    // array index in parent, or -1
	name   string // field name, or the metadata key when mapKey
	mapKey bool
}

func top(name string) field           { return field{index: -1, name: name} }
func sub(parent, name string) field   { return field{parent: parent, index: -1, name: name} }
func item(parent string, i int) field { return field{parent: parent, index: i} }
func itemField(parent string, i int, name string) field {
	return field{parent: parent, index: i, name: name}
}
func metaKey(key string) field { return field{parent: "metadata", index: -1, name: key, mapKey: true} }

func (f field) String() string {
	var b strings.Builder
	b.WriteString(f.parent)
	if f.index >= 0 {
		b.WriteByte('[')
		b.WriteString(strconv.Itoa(f.index))
		b.WriteByte(']')
	}
	switch {
	case f.mapKey:
		b.WriteByte('[')
		b.WriteString(quoteValue(f.name))
		b.WriteByte(']')
	case f.name != "":
		if b.Len() > 0 {
			b.WriteByte('.')
		}
		b.WriteString(f.name)
	}
	return b.String()
}

func newError(c Class, f field, off int64, msg, allowed string) *Error {
	return &Error{Class: c, Field: f.String(), Offset: off, Msg: msg, Allowed: allowed}
}
