package synth

import (
	"bytes"
	"encoding/json"
	"strings"
	"time"

	"github.com/convqa/convqa/internal/transcript"
)

// encoded is one message value and when it is sent (unix ms).
type encoded struct {
	at    int64
	value []byte
}

type encoder struct {
	classes []transcript.Class
	weights []float64
}

// Malformed classes the generator produces, with their relative weights.
// Each is a transcript.Class that transcript.Decode must report for it.
func newEncoder() *encoder {
	return &encoder{
		classes: []transcript.Class{
			transcript.ClassInvalidJSON, transcript.ClassInvalidUTF8, transcript.ClassMissingField,
			transcript.ClassUnknownSpeaker, transcript.ClassBadTimestamp, transcript.ClassUnknownSchema,
			transcript.ClassOutOfRange, transcript.ClassUnknownChannel, transcript.ClassDuplicateSeq,
			transcript.ClassBadOffset, transcript.ClassTooLarge,
		},
		weights: []float64{2, 1.5, 1.5, 1, 1, 1, 1, 0.5, 0.5, 0.5, 0.3},
	}
}

// encode turns c into the messages that carry it: one conversation
// message, a live sequence, or one deliberately malformed message.
func (e *encoder) encode(c *conv, id string) ([]encoded, error) {
	p := c.g.plan
	m := c.message(id)
	tr := &c.truth
	if c.r.chance(p.malformed) {
		class := e.classes[c.r.weighted(e.weights)]
		v, err := malform(c, m, class)
		if err != nil {
			return nil, err
		}
		tr.Malformed, tr.Messages = string(class), 1
		return []encoded{{at: tr.EndedAt.UnixMilli(), value: v}}, nil
	}
	if c.channel != transcript.ChannelEmail && c.r.chance(p.liveShare) {
		return live(c, m)
	}
	v, err := json.Marshal(m)
	if err != nil {
		return nil, err
	}
	tr.Messages = 1
	return []encoded{{at: tr.EndedAt.UnixMilli(), value: v}}, nil
}

// live sends each turn as it happens, then a closing conversation message
// with the metadata and no utterances.
func live(c *conv, m transcript.Message) ([]encoded, error) {
	out := make([]encoded, 0, len(m.Utterances)+1)
	started := *m.StartedAt
	for i := range m.Utterances {
		u := m.Utterances[i]
		sent := started.Add(time.Duration(u.EndMS) * time.Millisecond)
		um := transcript.Message{
			Schema: transcript.SchemaV1, Kind: transcript.KindUtterance, ConversationID: m.ConversationID,
			Tenant: m.Tenant, Status: transcript.StatusOpen, Channel: m.Channel, Language: m.Language,
			StartedAt: &started, SentAt: &sent, Utterance: &u,
		}
		v, err := json.Marshal(um)
		if err != nil {
			return nil, err
		}
		out = append(out, encoded{at: sent.UnixMilli(), value: v})
	}
	closeAt := m.EndedAt.Add(time.Duration(c.r.between(1000, 5000)) * time.Millisecond)
	m.Status = transcript.StatusClosed
	m.Utterances = nil
	m.SentAt = &closeAt
	v, err := json.Marshal(m)
	if err != nil {
		return nil, err
	}
	out = append(out, encoded{at: closeAt.UnixMilli(), value: v})
	c.truth.Live, c.truth.Messages = true, len(out)
	return out, nil
}

// malform breaks the message the way the class says, and nothing else, so
// the DLQ test can check each reason.
func malform(c *conv, m transcript.Message, class transcript.Class) ([]byte, error) {
	utts := append([]transcript.Utterance(nil), m.Utterances...)
	m.Utterances = utts
	last := &utts[len(utts)-1]
	switch class {
	case transcript.ClassUnknownSpeaker:
		utts[c.r.intn(len(utts))].Speaker = transcript.Speaker(pick(c.r, []string{"supervisor", "Customer", "robot", "客服"}))
	case transcript.ClassUnknownSchema:
		m.Schema = pick(c.r, []string{"convqa.transcript.v0", "convqa.transcript.v2", "transcript"})
	case transcript.ClassOutOfRange:
		m.CSAT = pick(c.r, []int{6, 9, 10, -1})
	case transcript.ClassUnknownChannel:
		m.Channel = transcript.Channel(pick(c.r, []string{"wechat", "sms", "Chat", "phone"}))
	case transcript.ClassDuplicateSeq:
		if len(utts) > 1 {
			utts[1].Seq = utts[0].Seq
		}
	case transcript.ClassBadOffset:
		last.StartMS = max(last.StartMS, 1000)
		last.EndMS = last.StartMS - int64(c.r.between(1, 1000))
	case transcript.ClassTooLarge:
		// Repetitive padding: the message is over the 1 MiB contract limit,
		// yet compresses small enough for a broker's default message size.
		pad := strings.Repeat("请帮我查一下订单。", (1<<20)/27+c.r.between(100, 3000))
		m.Utterances = append(utts, transcript.Utterance{Seq: last.Seq + 1, Speaker: transcript.SpeakerCustomer, Text: pad, StartMS: last.EndMS, EndMS: last.EndMS})
	}
	v, err := json.Marshal(m)
	if err != nil {
		return nil, err
	}
	switch class {
	case transcript.ClassInvalidJSON:
		cut := len(v)/4 + c.r.intn(len(v)/2)
		for cut > 0 && v[cut] >= 0x80 { // cut at a character boundary: the prefix stays UTF-8
			cut--
		}
		v = v[:cut]
	case transcript.ClassInvalidUTF8:
		v = replaceAfter(v, `"text":"`, 0, []byte{0xff, 0xfe})
	case transcript.ClassMissingField:
		v = bytes.Replace(v, []byte(`"conversation_id":"`+m.ConversationID+`",`), nil, 1)
	case transcript.ClassBadTimestamp:
		bad := pick(c.r, []string{"2025/06/14 14:03:22", "yesterday", "2025-13-01T00:00:00Z", "1718000000"})
		v = replaceValue(v, `"started_at":"`, bad)
	}
	return v, nil
}

// replaceAfter inserts ins n bytes after the first occurrence of marker.
func replaceAfter(v []byte, marker string, n int, ins []byte) []byte {
	i := bytes.Index(v, []byte(marker))
	if i < 0 {
		return v
	}
	at := i + len(marker) + n
	out := make([]byte, 0, len(v)+len(ins))
	out = append(out, v[:at]...)
	out = append(out, ins...)
	return append(out, v[at:]...)
}

// replaceValue swaps the string value that follows marker.
func replaceValue(v []byte, marker, val string) []byte {
	i := bytes.Index(v, []byte(marker))
	if i < 0 {
		return v
	}
	start := i + len(marker)
	end := bytes.IndexByte(v[start:], '"')
	if end < 0 {
		return v
	}
	out := make([]byte, 0, len(v)+len(val))
	out = append(out, v[:start]...)
	out = append(out, val...)
	return append(out, v[start+end:]...)
}
