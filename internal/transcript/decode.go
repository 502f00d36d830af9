package transcript

import (
	"strconv"
	"unicode/utf8"
)

// Decode parses and validates one Kafka message value of contract v1 under
// lim (zero fields take their defaults) and applies the defaults of the
// contract: a conversation message without status is closed, an utterance
// message is open, and a missing language is auto. Channel has no default:
// absent means unknown.
//
// Every failure is an *Error whose Class says which rule was broken. When a
// message breaks several rules, the reported one is, in order: too_large,
// invalid_utf8, invalid_json or trailing_data (anywhere in the message), a
// missing or unknown schema, then the first problem in document order, then
// rules between fields (required fields, kind, ended_at after started_at).
//
// Decode never panics and never modifies value; the Message shares no
// memory with it.
func Decode(value []byte, lim Limits) (*Message, error) {
	lim = lim.withDefaults()
	if e := precheck(value, lim); e != nil {
		return nil, e
	}
	d := decoder{data: value, lim: lim}
	m := new(Message)
	if e := d.decode(m); e != nil {
		return nil, e
	}
	return m, nil
}

// precheck applies the rules checked before any parsing, for every form of
// the contract: the size limit, then UTF-8.
func precheck(value []byte, lim Limits) *Error {
	if len(value) > lim.MaxMessageBytes {
		return &Error{Class: ClassTooLarge, Offset: int64(lim.MaxMessageBytes),
			Msg:     "message is " + strconv.Itoa(len(value)) + " bytes",
			Allowed: "at most " + strconv.Itoa(lim.MaxMessageBytes) + " bytes"}
	}
	if !utf8.Valid(value) {
		return &Error{Class: ClassInvalidUTF8, Offset: int64(firstInvalidUTF8(value)),
			Msg: "message is not valid UTF-8", Allowed: "UTF-8 text (RFC 3629)"}
	}
	return nil
}

func firstInvalidUTF8(b []byte) int {
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n == 1 {
			return i
		}
		i += n
	}
	return -1
}

// msgState is what Decode learns about a message beyond its values.
type msgState struct {
	object        bool // the value is a JSON object
	seen          uint32
	schemaErr     *Error
	hasUtterances bool
	offs          msgOffsets
}

func (d *decoder) decode(m *Message) *Error {
	st := msgState{offs: msgOffsets{-1, -1, -1, -1}}
	if err := d.message(m, &st); err != nil {
		return err
	}
	if d.skipSpace(); d.pos < len(d.data) {
		return &Error{Class: ClassTrailingData, Offset: int64(d.pos),
			Msg:     "data after the end of the JSON object",
			Allowed: "exactly one JSON object per message, optionally followed by whitespace"}
	}
	if !st.object {
		return d.err // wrong_type: there are no fields to judge
	}
	// A message of another schema (or none) is not ours to judge further:
	// saying so is more useful than its first difference from v1.
	if st.schemaErr != nil {
		return st.schemaErr
	}
	if m.Schema == "" {
		return missing(top("schema"), -1, allowedSchema)
	}
	if d.err != nil {
		return d.err
	}
	if e := checkMessageRules(m, st.hasUtterances, st.offs); e != nil {
		return e
	}
	if m.Status == "" {
		m.Status = StatusClosed
		if m.Kind == KindUtterance {
			m.Status = StatusOpen
		}
	}
	if m.Language == "" {
		m.Language = LangAuto
	}
	return nil
}

// Bits of the top-level fields, for duplicate detection.
const (
	fSchema uint32 = 1 << iota
	fKind
	fConversationID
	fTenant
	fStatus
	fChannel
	fLanguage
	fStartedAt
	fEndedAt
	fSentAt
	fAgent
	fCustomer
	fProduct
	fQueue
	fDisposition
	fCSAT
	fUtterances
	fUtterance
	fMetadata
)

const topFields = "schema, kind, conversation_id, tenant, status, channel, language, " +
	"started_at, ended_at, sent_at, agent, customer, product, queue, disposition, csat, " +
	"utterances, utterance, metadata"

func topBit(key []byte) uint32 {
	switch string(key) {
	case "schema":
		return fSchema
	case "kind":
		return fKind
	case "conversation_id":
		return fConversationID
	case "tenant":
		return fTenant
	case "status":
		return fStatus
	case "channel":
		return fChannel
	case "language":
		return fLanguage
	case "started_at":
		return fStartedAt
	case "ended_at":
		return fEndedAt
	case "sent_at":
		return fSentAt
	case "agent":
		return fAgent
	case "customer":
		return fCustomer
	case "product":
		return fProduct
	case "queue":
		return fQueue
	case "disposition":
		return fDisposition
	case "csat":
		return fCSAT
	case "utterances":
		return fUtterances
	case "utterance":
		return fUtterance
	case "metadata":
		return fMetadata
	}
	return 0
}

func (d *decoder) message(m *Message, st *msgState) *Error {
	root := field{index: -1}
	c := d.peek()
	if d.pos >= len(d.data) {
		return d.syntaxError(d.pos, "message is empty")
	}
	if c != '{' {
		d.fail(newError(ClassWrongType, root, int64(d.pos), "message is "+jsonType(c), "a JSON object"))
		return d.skipValue(0)
	}
	st.object = true
	d.pos++
	d.depth = 1
	first := true
	for {
		key, keyOff, done, err := d.objectNext(root, &first)
		if err != nil || done {
			return err
		}
		bit := topBit(key)
		known, err := d.member(root, &st.seen, bit, key, keyOff, topFields)
		if err != nil {
			return err
		}
		if known {
			if err := d.topMember(m, st, bit); err != nil {
				return err
			}
		}
	}
}

func (d *decoder) topMember(m *Message, st *msgState, bit uint32) *Error {
	lim := &d.lim
	switch bit {
	case fSchema:
		// Errors of the schema field outrank all others (see decode), so
		// they go to their own slot.
		saved := d.err
		d.err = nil
		s, off, ok, err := d.stringRaw(top("schema"), true)
		if ok && string(s) != SchemaV1 {
			d.fail(unknownSchema(string(s), off))
		}
		if ok {
			m.Schema = SchemaV1
		}
		if d.err != nil && st.schemaErr == nil {
			st.schemaErr = d.err
		}
		d.err = saved
		return err
	case fKind:
		s, off, ok, err := d.stringRaw(top("kind"), true)
		switch {
		case !ok:
		case len(s) == 0:
			d.fail(missing(top("kind"), off, allowedKind))
		default:
			if m.Kind = parseKind(s); m.Kind == "" {
				d.fail(unknownEnum(ClassUnknownKind, top("kind"), string(s), off, "kind", allowedKind))
			}
		}
		return err
	case fConversationID:
		v, err := d.idValue(top("conversation_id"), lim.MaxConversationIDBytes)
		m.ConversationID = v
		return err
	case fTenant:
		v, err := d.idValue(top("tenant"), lim.MaxTenantBytes)
		m.Tenant = v
		return err
	case fStatus:
		s, off, ok, err := d.stringRaw(top("status"), true)
		st.offs.status = off
		if ok {
			if m.Status = parseStatus(s); m.Status == "" {
				d.fail(unknownEnum(ClassUnknownStatus, top("status"), string(s), off, "status", allowedStatus))
			}
		}
		return err
	case fChannel:
		s, off, ok, err := d.stringRaw(top("channel"), true)
		if ok {
			if m.Channel = parseChannel(s); m.Channel == "" {
				d.fail(unknownEnum(ClassUnknownChannel, top("channel"), string(s), off, "channel", allowedChannel))
			}
		}
		return err
	case fLanguage:
		s, off, ok, err := d.stringRaw(top("language"), true)
		if ok {
			if m.Language = parseLanguage(s); m.Language == "" {
				d.fail(unknownEnum(ClassUnknownLanguage, top("language"), string(s), off, "language", allowedLanguage))
			}
		}
		return err
	case fStartedAt:
		t, _, err := d.timeValue(top("started_at"))
		m.StartedAt = t
		return err
	case fEndedAt:
		t, off, err := d.timeValue(top("ended_at"))
		m.EndedAt, st.offs.endedAt = t, off
		return err
	case fSentAt:
		t, _, err := d.timeValue(top("sent_at"))
		m.SentAt = t
		return err
	case fAgent:
		return d.agent(m)
	case fCustomer:
		return d.customer(m)
	case fProduct:
		return d.product(m)
	case fQueue:
		v, err := d.stringValue(top("queue"), lim.MaxStringBytes)
		m.Queue = v
		return err
	case fDisposition:
		v, err := d.stringValue(top("disposition"), lim.MaxStringBytes)
		m.Disposition = v
		return err
	case fCSAT:
		v, off, ok, err := d.intValue(top("csat"))
		if ok {
			// csat 0 is refused here even though Validate cannot see it:
			// the struct uses 0 for "absent".
			if e := checkCSAT(top("csat"), v, off); e != nil {
				d.fail(e)
			} else {
				m.CSAT = int(v)
			}
		}
		return err
	case fUtterances:
		return d.utterances(m, st)
	case fUtterance:
		st.offs.utterance = int64(d.pos)
		u := new(Utterance)
		ok, _, err := d.utterance(u, top("utterance"), "utterance", -1, true)
		if ok {
			m.Utterance = u
		}
		return err
	case fMetadata:
		return d.metadata(m)
	}
	return nil
}
