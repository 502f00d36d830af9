package transcript

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

// conv returns a minimal valid conversation message with extra members
// (each starting with a comma) appended.
func conv(extra string) string {
	return `{"schema":"convqa.transcript.v1","kind":"conversation","conversation_id":"c1","tenant":"t1"` + extra + `}`
}

// utts returns a conversation message with the given utterance objects.
func utts(items ...string) string {
	return conv(`,"utterances":[` + strings.Join(items, ",") + `]`)
}

// uttMsg returns an utterance message with extra members appended.
func uttMsg(extra string) string {
	return `{"schema":"convqa.transcript.v1","kind":"utterance","conversation_id":"c1","tenant":"t1"` + extra + `}`
}

const okUtt = `{"seq":1,"speaker":"agent","text":"您好"}`

// Whether the JSON Schema rejects a case too. Gaps are what JSON Schema
// cannot express; the test checks the schema really accepts them, so the
// list of gaps in the schema's description stays true.
const (
	schemaRejects = iota
	schemaGap
)

type malformed struct {
	name   string
	in     string
	lim    Limits
	class  Class
	field  string // expected Error.Field
	off    int64  // expected Error.Offset; 0 means "not checked"
	schema int
}

func malformedCases() []malformed {
	longText := strings.Repeat("a", 65537)
	var manyKeys strings.Builder
	for i := 0; i <= 64; i++ {
		fmt.Fprintf(&manyKeys, `%s"k%d":"v"`, map[bool]string{true: "", false: ","}[i == 0], i)
	}
	deep := strings.Repeat("[", 10001) + strings.Repeat("]", 10001)
	return []malformed{
		// Syntax and encoding.
		{name: "empty", in: "", class: ClassInvalidJSON},
		{name: "whitespace only", in: " \n\t", class: ClassInvalidJSON},
		{name: "truncated", in: `{"schema":"convqa.transcript.v1","kind":`, class: ClassInvalidJSON, off: 40},
		{name: "trailing comma", in: conv(`,`), class: ClassInvalidJSON},
		{name: "single quotes", in: `{'schema':'convqa.transcript.v1'}`, class: ClassInvalidJSON, off: 1},
		{name: "raw newline in string", in: utts(`{"seq":1,"speaker":"agent","text":"a` + "\n" + `b"}`), class: ClassInvalidJSON},
		{name: "bad escape", in: utts(`{"seq":1,"speaker":"agent","text":"\x41"}`), class: ClassInvalidJSON},
		{name: "leading zero", in: conv(`,"csat":05`), class: ClassInvalidJSON},
		{name: "short unicode escape", in: utts(`{"seq":1,"speaker":"agent","text":"\u4fG0"}`), class: ClassInvalidJSON},
		{name: "fraction without digits", in: conv(`,"csat":1.`), class: ClassInvalidJSON},
		{name: "exponent without digits", in: conv(`,"csat":1e`), class: ClassInvalidJSON},
		{name: "lone minus", in: conv(`,"csat":-`), class: ClassInvalidJSON},
		{name: "misspelt literal", in: conv(`,"csat":nul`), class: ClassInvalidJSON},
		{name: "unquoted key", in: `{schema:"convqa.transcript.v1"}`, class: ClassInvalidJSON, off: 1},
		{name: "missing colon", in: `{"schema" "convqa.transcript.v1"}`, class: ClassInvalidJSON, off: 10},
		{name: "unclosed array", in: conv(`,"utterances":[` + okUtt), class: ClassInvalidJSON},
		{name: "byte order mark", in: "\uFEFF" + conv(""), class: ClassInvalidJSON, off: 0},
		{name: "syntax error outranks contract error", in: `{"schema":"other","kind":"x",`, class: ClassInvalidJSON},
		{name: "nesting deeper than encoding/json allows", in: conv(`,"x":` + deep), class: ClassInvalidJSON},
		{name: "trailing object", in: conv("") + ` {}`, class: ClassTrailingData, off: int64(len(conv("")) + 1)},
		{name: "trailing garbage", in: conv("") + "\nx", class: ClassTrailingData},
		{name: "invalid UTF-8 in text", in: utts(`{"seq":1,"speaker":"agent","text":"ab` + "\xff" + `"}`),
			class: ClassInvalidUTF8, off: int64(len(conv(""))-1) + int64(len(`,"utterances":[{"seq":1,"speaker":"agent","text":"ab`)), schema: schemaGap},
		{name: "truncated UTF-8 sequence", in: conv(`,"queue":"售` + "\xe5\x90" + `"`), class: ClassInvalidUTF8, schema: schemaGap},
		{name: "lone surrogate escape", in: utts(`{"seq":1,"speaker":"agent","text":"\ud83d!"}`),
			class: ClassInvalidUTF8, field: "utterances[0].text", schema: schemaGap},
		{name: "over the size limit", in: conv(`,"queue":"` + strings.Repeat("x", 100) + `"`), lim: Limits{MaxMessageBytes: 64},
			class: ClassTooLarge, schema: schemaGap},

		// Schema, kind and shape.
		{name: "not an object", in: `["convqa.transcript.v1"]`, class: ClassWrongType},
		{name: "unknown schema", in: strings.Replace(conv(""), ".v1", ".v2", 1), class: ClassUnknownSchema, field: "schema", off: 10},
		{name: "unknown schema outranks other errors", in: `{"foo":1,"schema":"convqa.transcript.v0"}`, class: ClassUnknownSchema, field: "schema"},
		{name: "missing schema", in: `{"kind":"conversation","conversation_id":"c1","tenant":"t1"}`, class: ClassMissingField, field: "schema"},
		{name: "schema of wrong type", in: `{"schema":1}`, class: ClassWrongType, field: "schema"},
		{name: "unknown kind", in: strings.Replace(conv(""), `"conversation"`, `"transcript"`, 1), class: ClassUnknownKind, field: "kind"},
		{name: "missing kind", in: `{"schema":"convqa.transcript.v1","conversation_id":"c1","tenant":"t1"}`, class: ClassMissingField, field: "kind"},
		{name: "unknown top-level field", in: conv(`,"priority":"high"`), class: ClassUnknownField, field: "priority", off: int64(len(conv("")))},
		{name: "unknown utterance field", in: utts(`{"seq":1,"speaker":"agent","text":"hi","emotion":"calm"}`), class: ClassUnknownField, field: "utterances[0].emotion"},
		{name: "unknown long field", in: conv(`,"` + strings.Repeat("长", 100) + `":1`), class: ClassUnknownField, field: strings.Repeat("长", 21) + "…"},
		{name: "unknown product field", in: conv(`,"product":{"sku":"M1","price":3}`), class: ClassUnknownField, field: "product.price"},
		{name: "duplicate field", in: conv(`,"tenant":"t2"`), class: ClassDuplicateField, field: "tenant", schema: schemaGap},
		{name: "duplicate metadata key", in: conv(`,"metadata":{"a":"1","a":"2"}`), class: ClassDuplicateField, field: `metadata["a"]`, schema: schemaGap},
		{name: "conversation with utterance", in: conv(`,"utterance":` + okUtt), class: ClassKindMismatch, field: "utterance"},
		{name: "utterance message with utterances", in: uttMsg(`,"utterance":` + okUtt + `,"utterances":[]`), class: ClassKindMismatch, field: "utterances"},
		{name: "utterance message closing", in: uttMsg(`,"status":"closed","utterance":` + okUtt), class: ClassKindMismatch, field: "status"},
		{name: "utterance message without utterance", in: uttMsg(``), class: ClassMissingField, field: "utterance"},
		{name: "utterance message with null utterance", in: uttMsg(`,"utterance":null`), class: ClassMissingField, field: "utterance"},

		// Required fields and ids.
		{name: "missing conversation_id", in: `{"schema":"convqa.transcript.v1","kind":"conversation","tenant":"t1"}`, class: ClassMissingField, field: "conversation_id"},
		{name: "empty tenant", in: strings.Replace(conv(""), `"t1"`, `""`, 1), class: ClassMissingField, field: "tenant"},
		{name: "null tenant", in: strings.Replace(conv(""), `"t1"`, `null`, 1), class: ClassMissingField, field: "tenant"},
		{name: "conversation_id over 128 bytes", in: strings.Replace(conv(""), `"c1"`, `"`+strings.Repeat("c", 129)+`"`, 1), class: ClassFieldTooLong, field: "conversation_id"},
		{name: "tenant over 64 bytes", in: strings.Replace(conv(""), `"t1"`, `"`+strings.Repeat("t", 65)+`"`, 1), class: ClassFieldTooLong, field: "tenant"},
		{name: "control character in tenant", in: strings.Replace(conv(""), `"t1"`, `"t\u0007"`, 1), class: ClassBadID, field: "tenant"},
		{name: "whitespace-only conversation_id", in: strings.Replace(conv(""), `"c1"`, `" \u3000 "`, 1), class: ClassBadID, field: "conversation_id"},
		{name: "agent without id", in: conv(`,"agent":{"name":"小王"}`), class: ClassMissingField, field: "agent.id"},
		{name: "customer id null", in: conv(`,"customer":{"id":null}`), class: ClassMissingField, field: "customer.id"},
		{name: "agent name over 256 bytes", in: conv(`,"agent":{"id":"a1","name":"` + strings.Repeat("n", 257) + `"}`), class: ClassFieldTooLong, field: "agent.name"},

		// Enumerations.
		{name: "unknown channel", in: conv(`,"channel":"phone"`), class: ClassUnknownChannel, field: "channel"},
		{name: "empty channel", in: conv(`,"channel":""`), class: ClassUnknownChannel, field: "channel"},
		{name: "unknown language", in: conv(`,"language":"zh-CN"`), class: ClassUnknownLanguage, field: "language"},
		{name: "unknown status", in: conv(`,"status":"pending"`), class: ClassUnknownStatus, field: "status"},
		{name: "unknown speaker", in: utts(okUtt, `{"seq":2,"speaker":"robot","text":"hi"}`), class: ClassUnknownSpeaker, field: "utterances[1].speaker"},
		{name: "speaker in wrong case", in: utts(`{"seq":1,"speaker":"Agent","text":"hi"}`), class: ClassUnknownSpeaker, field: "utterances[0].speaker"},

		// Timestamps.
		{name: "timestamp with space", in: conv(`,"started_at":"2025-03-01 09:30:00+08:00"`), class: ClassBadTimestamp, field: "started_at"},
		{name: "timestamp without offset", in: conv(`,"started_at":"2025-03-01T09:30:00"`), class: ClassBadTimestamp, field: "started_at"},
		{name: "February 30th", in: conv(`,"ended_at":"2025-02-30T09:30:00Z"`), class: ClassBadTimestamp, field: "ended_at"},
		{name: "leap second", in: conv(`,"sent_at":"2016-12-31T23:59:60Z"`), class: ClassBadTimestamp, field: "sent_at"},
		{name: "unix time", in: conv(`,"started_at":1740792600`), class: ClassWrongType, field: "started_at"},
		{name: "ended before started", in: conv(`,"started_at":"2025-03-01T09:30:00+08:00","ended_at":"2025-03-01T01:29:59Z"`),
			class: ClassBadTimestamp, field: "ended_at", schema: schemaGap},

		// Utterances.
		{name: "utterances not an array", in: conv(`,"utterances":{"seq":1}`), class: ClassWrongType, field: "utterances"},
		{name: "null utterance in array", in: utts(`null`), class: ClassWrongType, field: "utterances[0]"},
		{name: "missing speaker", in: utts(`{"seq":1,"text":"hi"}`), class: ClassMissingField, field: "utterances[0].speaker"},
		{name: "missing text", in: utts(`{"seq":1,"speaker":"system"}`), class: ClassMissingField, field: "utterances[0].text"},
		{name: "empty agent text", in: utts(`{"seq":1,"speaker":"agent","text":""}`), class: ClassMissingField, field: "utterances[0].text"},
		{name: "missing seq", in: utts(`{"speaker":"agent","text":"hi"}`), class: ClassMissingField, field: "utterances[0].seq"},
		{name: "negative seq", in: utts(`{"seq":-1,"speaker":"agent","text":"hi"}`), class: ClassBadSeq, field: "utterances[0].seq"},
		{name: "seq over int32", in: utts(`{"seq":2147483648,"speaker":"agent","text":"hi"}`), class: ClassBadSeq, field: "utterances[0].seq"},
		{name: "fractional seq", in: utts(`{"seq":1.5,"speaker":"agent","text":"hi"}`), class: ClassWrongType, field: "utterances[0].seq"},
		{name: "seq as string", in: utts(`{"seq":"1","speaker":"agent","text":"hi"}`), class: ClassWrongType, field: "utterances[0].seq"},
		{name: "duplicate seq", in: utts(okUtt, `{"seq":2,"speaker":"customer","text":"在吗"}`, `{"seq":1,"speaker":"agent","text":"在"}`),
			class: ClassDuplicateSeq, field: "utterances[2].seq", schema: schemaGap},
		{name: "negative start_ms", in: utts(`{"seq":1,"speaker":"agent","text":"hi","start_ms":-5}`), class: ClassBadOffset, field: "utterances[0].start_ms"},
		{name: "huge end_ms", in: utts(`{"seq":1,"speaker":"agent","text":"hi","end_ms":1e20}`), class: ClassBadOffset, field: "utterances[0].end_ms"},
		{name: "end before start", in: utts(`{"seq":1,"speaker":"agent","text":"hi","start_ms":900,"end_ms":100}`),
			class: ClassBadOffset, field: "utterances[0].end_ms", schema: schemaGap},
		{name: "start without end after zero", in: utts(`{"seq":1,"speaker":"agent","text":"hi","end_ms":0,"start_ms":10}`),
			class: ClassBadOffset, field: "utterances[0].end_ms", schema: schemaGap},
		{name: "text over 64 KiB", in: utts(`{"seq":1,"speaker":"customer","text":"` + longText + `"}`), class: ClassFieldTooLong, field: "utterances[0].text"},
		{name: "too many utterances", in: utts(okUtt, `{"seq":2,"speaker":"agent","text":"b"}`, `{"seq":3,"speaker":"agent","text":"c"}`),
			lim: Limits{MaxUtterances: 2}, class: ClassFieldTooLong, field: "utterances", schema: schemaGap},
		{name: "utterance message speaker", in: uttMsg(`,"utterance":{"seq":1,"speaker":"visitor","text":"hi"}`), class: ClassUnknownSpeaker, field: "utterance.speaker"},

		// Numbers and maps.
		{name: "csat 6", in: conv(`,"csat":6`), class: ClassOutOfRange, field: "csat"},
		{name: "csat 0", in: conv(`,"csat":0`), class: ClassOutOfRange, field: "csat"},
		{name: "csat as string", in: conv(`,"csat":"5"`), class: ClassWrongType, field: "csat"},
		{name: "metadata value number", in: conv(`,"metadata":{"order":42}`), class: ClassWrongType, field: `metadata["order"]`},
		{name: "metadata value null", in: conv(`,"metadata":{"order":null}`), class: ClassWrongType, field: `metadata["order"]`},
		{name: "metadata of 65 keys", in: conv(`,"metadata":{` + manyKeys.String() + `}`), class: ClassFieldTooLong, field: "metadata"},
		{name: "metadata key over 128 bytes", in: conv(`,"metadata":{"` + strings.Repeat("k", 129) + `":"v"}`), class: ClassFieldTooLong},
		{name: "metadata value over 1 KiB", in: conv(`,"metadata":{"k":"` + strings.Repeat("v", 1025) + `"}`), class: ClassFieldTooLong, field: `metadata["k"]`},
		{name: "metadata as array", in: conv(`,"metadata":["a"]`), class: ClassWrongType, field: "metadata"},
	}
}

func TestDecodeMalformed(t *testing.T) {
	cases := malformedCases()
	if len(cases) < 25 {
		t.Fatalf("only %d malformed cases", len(cases))
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			m, err := Decode([]byte(tc.in), tc.lim)
			if err == nil {
				t.Fatalf("Decode accepted it: %+v", m)
			}
			if m != nil {
				t.Errorf("Decode returned a message with an error")
			}
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("error %T is not *Error: %v", err, err)
			}
			if e.Class != tc.class {
				t.Errorf("class = %s, want %s (%v)", e.Class, tc.class, err)
			}
			if tc.field != "" && e.Field != tc.field {
				t.Errorf("field = %q, want %q (%v)", e.Field, tc.field, err)
			}
			if tc.off != 0 && e.Offset != tc.off {
				t.Errorf("offset = %d, want %d (%v)", e.Offset, tc.off, err)
			}
			if e.Offset > int64(len(tc.in)) {
				t.Errorf("offset %d is past the end (%d bytes)", e.Offset, len(tc.in))
			}
			// The message must say where and what is allowed.
			msg := err.Error()
			for _, want := range []string{e.Field, e.Allowed, string(e.Class)} {
				if !strings.Contains(msg, want) {
					t.Errorf("message %q lacks %q", msg, want)
				}
			}
			if e.Allowed == "" || e.Msg == "" {
				t.Errorf("error lacks Msg or Allowed: %#v", e)
			}
			if len(msg) > 600 {
				t.Errorf("message is %d bytes long", len(msg))
			}
		})
	}
}

func TestErrorMessage(t *testing.T) {
	in := utts(okUtt, `{"seq":2,"speaker":"robot","text":"hi"}`)
	_, err := Decode([]byte(in), Limits{})
	want := fmt.Sprintf(`transcript: utterances[1].speaker: unknown speaker "robot" (byte %d); `+
		`allowed: agent, customer, bot, system [unknown_speaker]`, strings.Index(in, `"robot"`))
	if err == nil || err.Error() != want {
		t.Errorf("got  %v\nwant %s", err, want)
	}
	if got := ClassOf(fmt.Errorf("ingest: %w", err)); got != ClassUnknownSpeaker {
		t.Errorf("ClassOf(wrapped) = %q", got)
	}
	if got := ClassOf(errors.New("other")); got != "" {
		t.Errorf("ClassOf(other) = %q", got)
	}
}

// Errors end up in logs and DLQ headers: they must not echo utterance
// text or ids, which may be personal data.
func TestErrorsDoNotLeakContent(t *testing.T) {
	const secret = "13800138000"
	for _, in := range []string{
		utts(`{"seq":1,"speaker":"agent","text":"` + secret + `","end_ms":-1}`),
		utts(`{"seq":1,"speaker":"agent","text":"` + secret + strings.Repeat("x", 65536) + `"}`),
		conv(`,"customer":{"id":"` + secret + "\\u0000" + `"}`),
		strings.Replace(conv(""), `"c1"`, `"`+secret+strings.Repeat("9", 200)+`"`, 1),
	} {
		_, err := Decode([]byte(in), Limits{})
		if err == nil || strings.Contains(err.Error(), secret) {
			t.Errorf("error leaks content or is missing: %v", err)
		}
	}
}

func TestSchemaAgreesOnMalformed(t *testing.T) {
	s := compileSchema(t)
	for _, tc := range malformedCases() {
		t.Run(tc.name, func(t *testing.T) {
			ok, err := schemaAccepts(s, []byte(tc.in))
			switch {
			case tc.schema == schemaRejects && ok:
				t.Errorf("decoder says %s but the schema accepts it", tc.class)
			case tc.schema == schemaGap && !ok:
				t.Errorf("listed as a schema gap but the schema rejects it: %v", err)
			}
		})
	}
}
