package transcript

import (
	"strconv"
	"time"
	"unicode/utf8"
)

// Allowed-value texts, shared by Decode and Validate so both say the same.
const (
	allowedSchema   = `"` + SchemaV1 + `"`
	allowedKind     = "conversation, utterance"
	allowedChannel  = "chat, voice, email, bot, or absent (unknown)"
	allowedLanguage = "zh-Hans, zh-Hant, en, auto, or absent (auto)"
	allowedSpeaker  = "agent, customer, bot, system"
	allowedStatus   = "open, closed, or absent (closed for conversation, open for utterance messages)"
	allowedTime     = "an RFC 3339 date-time with a UTC offset, years 0000-9999, e.g. 2025-03-01T09:30:00+08:00"
	allowedSeq      = "an integer from 0 to 2147483647, unique within the message"
	allowedOffset   = "an integer number of milliseconds from 0 to 9007199254740991, end_ms >= start_ms"
	allowedCSAT     = "an integer from 1 to 5, or absent"
	allowedID       = "printable characters, not only whitespace"
)

// Validate reports whether m, once marshalled with encoding/json, is a valid
// contract-v1 message under lim. Producers call it before writing to Kafka
// so that a bug shows up in the producer, not in the DLQ.
//
// Validate checks what a Message can express. A few rules are about the
// JSON text and only Decode can see them: unknown and duplicate fields, a
// present seq, csat 0 written out (the struct omits it), and absent versus
// null. Nor does it check the size of the whole message, which depends on
// the encoder. Validate does not apply defaults. Errors have Offset -1.
func (m *Message) Validate(lim Limits) error {
	if m == nil {
		return newError(ClassMissingField, field{index: -1}, -1, "message is nil", "a message")
	}
	if e := m.validate(lim.withDefaults()); e != nil {
		return e
	}
	return nil
}

func (m *Message) validate(lim Limits) *Error {
	switch {
	case m.Schema == "":
		return missing(top("schema"), -1, allowedSchema)
	case m.Schema != SchemaV1:
		return unknownSchema(m.Schema, -1)
	}
	if !validUTF8(m.ConversationID, m.Tenant, m.Queue, m.Disposition) {
		return m.findBadUTF8()
	}
	if e := checkID(top("conversation_id"), m.ConversationID, lim.MaxConversationIDBytes, -1); e != nil {
		return e
	}
	if e := checkID(top("tenant"), m.Tenant, lim.MaxTenantBytes, -1); e != nil {
		return e
	}
	if !validKind(m.Kind) && m.Kind != "" {
		return unknownEnum(ClassUnknownKind, top("kind"), string(m.Kind), -1, "kind", allowedKind)
	}
	if !validStatus(m.Status) {
		return unknownEnum(ClassUnknownStatus, top("status"), string(m.Status), -1, "status", allowedStatus)
	}
	if !validChannel(m.Channel) {
		return unknownEnum(ClassUnknownChannel, top("channel"), string(m.Channel), -1, "channel", allowedChannel)
	}
	if !validLanguage(m.Language) {
		return unknownEnum(ClassUnknownLanguage, top("language"), string(m.Language), -1, "language", allowedLanguage)
	}
	for _, t := range []struct {
		name string
		t    *time.Time
	}{{"started_at", m.StartedAt}, {"ended_at", m.EndedAt}, {"sent_at", m.SentAt}} {
		if t.t != nil && !timeInRange(*t.t) {
			return badTime(top(t.name), "is outside years 0000-9999", -1)
		}
	}
	if e := m.validateParties(lim); e != nil {
		return e
	}
	if e := checkLen(top("queue"), m.Queue, lim.MaxStringBytes, -1); e != nil {
		return e
	}
	if e := checkLen(top("disposition"), m.Disposition, lim.MaxStringBytes, -1); e != nil {
		return e
	}
	if m.CSAT != 0 {
		if e := checkCSAT(top("csat"), int64(m.CSAT), -1); e != nil {
			return e
		}
	}
	if len(m.Utterances) > lim.MaxUtterances {
		return tooMany(top("utterances"), lim.MaxUtterances, "utterances", -1)
	}
	var seqs seqSet
	for i := range m.Utterances {
		u := &m.Utterances[i]
		if e := u.validate(lim, "utterances", i); e != nil {
			return e
		}
		if seqs.add(u.Seq, m.Utterances[:i]) {
			return dupSeq(itemField("utterances", i, "seq"), u.Seq, -1)
		}
	}
	if m.Utterance != nil {
		if e := m.Utterance.validate(lim, "utterance", -1); e != nil {
			return e
		}
	}
	if e := validateMetadata(m.Metadata, lim); e != nil {
		return e
	}
	return checkMessageRules(m, len(m.Utterances) > 0, msgOffsets{-1, -1, -1, -1})
}

// validateParties checks agent, customer and product.
func (m *Message) validateParties(lim Limits) *Error {
	if a := m.Agent; a != nil {
		if !validUTF8(a.ID, a.Name, a.Team) {
			return invalidUTF8(sub("agent", ""))
		}
		if e := checkID(sub("agent", "id"), a.ID, lim.MaxStringBytes, -1); e != nil {
			return e
		}
		if e := checkLen(sub("agent", "name"), a.Name, lim.MaxStringBytes, -1); e != nil {
			return e
		}
		if e := checkLen(sub("agent", "team"), a.Team, lim.MaxStringBytes, -1); e != nil {
			return e
		}
	}
	if c := m.Customer; c != nil {
		if !validUTF8(c.ID) {
			return invalidUTF8(sub("customer", "id"))
		}
		if e := checkID(sub("customer", "id"), c.ID, lim.MaxStringBytes, -1); e != nil {
			return e
		}
	}
	if p := m.Product; p != nil {
		if !validUTF8(p.SKU, p.Name, p.Category, p.Batch) {
			return invalidUTF8(sub("product", ""))
		}
		for _, f := range []struct{ name, v string }{
			{"sku", p.SKU}, {"name", p.Name}, {"category", p.Category}, {"batch", p.Batch},
		} {
			if e := checkLen(sub("product", f.name), f.v, lim.MaxStringBytes, -1); e != nil {
				return e
			}
		}
	}
	return nil
}

func (u *Utterance) validate(lim Limits, parent string, i int) *Error {
	f := func(name string) field { return itemField(parent, i, name) }
	if e := checkSeq(f("seq"), int64(u.Seq), -1); e != nil {
		return e
	}
	if u.Speaker != "" && !validSpeaker(u.Speaker) {
		return unknownEnum(ClassUnknownSpeaker, f("speaker"), string(u.Speaker), -1, "speaker", allowedSpeaker)
	}
	if !utf8.ValidString(u.Text) {
		return invalidUTF8(f("text"))
	}
	if e := checkLen(f("text"), u.Text, lim.MaxTextBytes, -1); e != nil {
		return e
	}
	if e := checkOffset(f("start_ms"), u.StartMS, -1); e != nil {
		return e
	}
	if e := checkOffset(f("end_ms"), u.EndMS, -1); e != nil {
		return e
	}
	return checkUtteranceRules(u, parent, i, uttOffsets{-1, -1, -1})
}

func validateMetadata(md map[string]string, lim Limits) *Error {
	if len(md) > lim.MaxMetadataKeys {
		return tooMany(top("metadata"), lim.MaxMetadataKeys, "keys", -1)
	}
	// Map order is random; report the smallest bad key so that the same
	// message always gets the same error.
	var worst *Error
	var worstKey string
	for k, v := range md {
		e := checkMetadata(k, v, lim, -1, -1)
		if e == nil && !(utf8.ValidString(k) && utf8.ValidString(v)) {
			e = invalidUTF8(metaKey(k))
		}
		if e != nil && (worst == nil || k < worstKey) {
			worst, worstKey = e, k
		}
	}
	return worst
}

// uttOffsets locates an utterance's parts for errors found once the whole
// utterance object has been read.
type uttOffsets struct{ obj, text, end int64 }

// checkUtteranceRules checks the rules that relate an utterance's fields,
// which Decode can only check at the end of the object.
func checkUtteranceRules(u *Utterance, parent string, i int, o uttOffsets) *Error {
	if u.Speaker == "" {
		return missing(itemField(parent, i, "speaker"), o.obj, allowedSpeaker)
	}
	// A system utterance is an event (transfer, hold, customer left) whose
	// text is optional; a person or bot who said nothing did not speak.
	if u.Text == "" && u.Speaker != SpeakerSystem {
		return newError(ClassMissingField, itemField(parent, i, "text"), o.text,
			"is empty", "non-empty text; empty text only when speaker is system")
	}
	if u.EndMS < u.StartMS {
		return newError(ClassBadOffset, itemField(parent, i, "end_ms"), o.end,
			"is "+strconv.FormatInt(u.EndMS, 10)+", before start_ms "+strconv.FormatInt(u.StartMS, 10),
			allowedOffset)
	}
	return nil
}

// msgOffsets locates message parts for the rules checked after the whole
// message has been read.
type msgOffsets struct{ utterance, utterances, status, endedAt int64 }

// checkMessageRules checks required fields and the rules that relate
// fields to each other or to the kind.
func checkMessageRules(m *Message, hasUtterances bool, o msgOffsets) *Error {
	switch {
	case m.Kind == "":
		return missing(top("kind"), -1, allowedKind)
	case m.ConversationID == "":
		return missing(top("conversation_id"), -1, "a non-empty string")
	case m.Tenant == "":
		return missing(top("tenant"), -1, "a non-empty string")
	}
	switch m.Kind {
	case KindConversation:
		if m.Utterance != nil {
			return newError(ClassKindMismatch, top("utterance"), o.utterance,
				"a conversation message must not have utterance",
				"utterances (an array) in conversation messages; utterance in utterance messages")
		}
	case KindUtterance:
		switch {
		case m.Utterance == nil:
			return missing(top("utterance"), -1, "an utterance object in utterance messages")
		case hasUtterances:
			return newError(ClassKindMismatch, top("utterances"), o.utterances,
				"an utterance message must not have utterances",
				"exactly one utterance object in utterance messages")
		case m.Status == StatusClosed:
			return newError(ClassKindMismatch, top("status"), o.status,
				"an utterance message cannot close a conversation",
				"status open or absent; close with a conversation message")
		}
	}
	if m.StartedAt != nil && m.EndedAt != nil && m.EndedAt.Before(*m.StartedAt) {
		return badTime(top("ended_at"), "is before started_at", o.endedAt)
	}
	return nil
}
