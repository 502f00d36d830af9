package transcript

import (
	"encoding/json"
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"
)

func mustDecode(t *testing.T, in string) *Message {
	t.Helper()
	m, err := Decode([]byte(in), Limits{})
	if err != nil {
		t.Fatalf("Decode: %v", err)
	}
	return m
}

func utc(s string) *time.Time {
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		panic(err)
	}
	t = t.UTC()
	return &t
}

func TestDecodeExamples(t *testing.T) {
	files := validFiles(t)
	want := map[string]*Message{
		"conversation_zh_hans.json": {
			Schema: SchemaV1, Kind: KindConversation, ConversationID: "c-20250301-0001", Tenant: "acme-dairy",
			Status: StatusClosed, Channel: ChannelChat, Language: LangZhHans,
			StartedAt: utc("2025-03-01T01:30:00Z"), EndedAt: utc("2025-03-01T01:33:40Z"),
			Agent:    &Agent{ID: "a-102", Name: "小王", Team: "售后一组"},
			Customer: &Customer{ID: "u-88231"},
			Product:  &Product{SKU: "MILK-1L", Name: "全脂纯牛奶 1L", Category: "乳制品", Batch: "B20250215"},
			Queue:    "售后咨询", Disposition: "resolved", CSAT: 4,
			Utterances: []Utterance{
				{Seq: 1, Speaker: SpeakerCustomer, Text: "你好，我买的纯牛奶保质期是多久？生产日期看不清。", StartMS: 0, EndMS: 5200},
				{Seq: 2, Speaker: SpeakerAgent, Text: "您好，请提供一下订单号，我帮您查一下批次。", StartMS: 18000, EndMS: 22500},
				{Seq: 3, Speaker: SpeakerCustomer, Text: "订单号 20250228-7731。", StartMS: 41000, EndMS: 43000},
				{Seq: 4, Speaker: SpeakerAgent, Text: "查到了，批次 B20250215，保质期 6 个月，8 月 15 日前饮用都没问题。", StartMS: 70000, EndMS: 78000},
				{Seq: 5, Speaker: SpeakerCustomer, Text: "好的，谢谢！", StartMS: 95000, EndMS: 96000},
			},
			Metadata: map[string]string{"platform": "tmall", "order_id": "20250228-7731"},
		},
		"utterance.json": {
			Schema: SchemaV1, Kind: KindUtterance, ConversationID: "c-20250301-0042", Tenant: "acme-dairy",
			Status: StatusOpen, Channel: ChannelChat, Language: LangZhHans,
			SentAt: utc("2025-03-01T02:02:07.25Z"),
			// end_ms is absent: it defaults to start_ms.
			Utterance: &Utterance{Seq: 3, Speaker: SpeakerCustomer, Text: "这批酸奶还没到保质期就胀包了，能退吗？", StartMS: 127250, EndMS: 127250},
		},
	}
	for name, b := range files {
		t.Run(name, func(t *testing.T) {
			m := mustDecode(t, string(b))
			if err := m.Validate(Limits{}); err != nil {
				t.Errorf("Validate after Decode: %v", err)
			}
			if w, ok := want[name]; ok && !reflect.DeepEqual(m, w) {
				got, _ := json.Marshal(m)
				exp, _ := json.Marshal(w)
				t.Errorf("decoded\n%s\nwant\n%s", got, exp)
			}
		})
	}

	m := mustDecode(t, string(files["conversation_zh_hant.json"]))
	if u := m.Utterances[4]; u.Speaker != SpeakerSystem || u.Text != "" {
		t.Errorf("system utterance with empty text = %+v", u)
	}
	m = mustDecode(t, string(files["closing.json"]))
	if m.Status != StatusClosed || m.Utterances != nil || m.CSAT != 5 {
		t.Errorf("closing message = %+v", m)
	}
}

func TestDecodeDefaults(t *testing.T) {
	m := mustDecode(t, conv(""))
	if m.Status != StatusClosed || m.Language != LangAuto || m.Channel != "" {
		t.Errorf("conversation defaults: status %q language %q channel %q", m.Status, m.Language, m.Channel)
	}
	m = mustDecode(t, uttMsg(`,"utterance":{"seq":0,"speaker":"bot","text":"hi","start_ms":40}`))
	if m.Status != StatusOpen || m.Language != LangAuto || m.Utterance.EndMS != 40 {
		t.Errorf("utterance defaults: status %q language %q end_ms %d", m.Status, m.Language, m.Utterance.EndMS)
	}
	m = mustDecode(t, conv(`,"status":"open"`))
	if m.Status != StatusOpen {
		t.Errorf("explicit status open became %q", m.Status)
	}
}

// Lenient inputs are valid JSON that a careless producer might write; they
// must decode, to the values below, and pass the schema too.
func lenientCases() []struct {
	name, in string
	check    func(*Message) bool
} {
	return []struct {
		name, in string
		check    func(*Message) bool
	}{
		{"null optional fields", conv(`,"status":null,"channel":null,"language":null,"started_at":null,"agent":null,"csat":null,"utterances":null,"utterance":null,"metadata":null,"queue":null`),
			func(m *Message) bool {
				return m.Status == StatusClosed && m.Agent == nil && m.Utterances == nil && m.Metadata == nil
			}},
		{"empty array and map", conv(`,"utterances":[],"metadata":{}`),
			func(m *Message) bool { return m.Utterances == nil && m.Metadata == nil }},
		{"integral numbers with fraction or exponent", utts(`{"seq":1.0,"speaker":"agent","text":"a","start_ms":1.5e3,"end_ms":20E2}`),
			func(m *Message) bool { u := m.Utterances[0]; return u.Seq == 1 && u.StartMS == 1500 && u.EndMS == 2000 }},
		{"negative zero", utts(`{"seq":-0,"speaker":"agent","text":"a"}`),
			func(m *Message) bool { return m.Utterances[0].Seq == 0 }},
		{"escapes and surrogate pair", utts(`{"seq":1,"speaker":"customer","text":"\"\\\/\b\f\n\r\t\u4fdd\u8d28\u671f \ud83e\udd5b"}`),
			func(m *Message) bool { return m.Utterances[0].Text == "\"\\/\b\f\n\r\t保质期 🥛" }},
		{"escaped key", `{"\u0073chema":"convqa.transcript.v1","kind":"conversation","conversation_id":"c1","tenant":"t1"}`,
			func(m *Message) bool { return m.Schema == SchemaV1 }},
		{"lowercase t and z, long fraction", conv(`,"started_at":"2025-03-01t01:30:00.123456789123z","ended_at":"2025-03-01T09:30:00.5+08:00"`),
			func(m *Message) bool {
				return m.StartedAt.Equal(*utc("2025-03-01T01:30:00.123456789Z")) && m.EndedAt.Equal(*utc("2025-03-01T01:30:00.5Z"))
			}},
		{"negative UTC offset", conv(`,"started_at":"2025-02-28T20:00:00-05:30"`),
			func(m *Message) bool { return m.StartedAt.Equal(*utc("2025-03-01T01:30:00Z")) }},
		{"leap day", conv(`,"started_at":"2024-02-29T00:00:00Z"`),
			func(m *Message) bool { return m.StartedAt.Day() == 29 }},
		{"ended at started", conv(`,"started_at":"2025-03-01T09:30:00+08:00","ended_at":"2025-03-01T01:30:00Z"`),
			func(m *Message) bool { return m.EndedAt.Equal(*m.StartedAt) }},
		{"seqs out of order", utts(`{"seq":3,"speaker":"agent","text":"c"}`, `{"seq":1,"speaker":"agent","text":"a"}`, `{"seq":2,"speaker":"agent","text":"b"}`),
			func(m *Message) bool { return len(m.Utterances) == 3 && m.Utterances[0].Seq == 3 }},
		{"whitespace everywhere", " \r\n\t{ \"schema\" : \"convqa.transcript.v1\" , \"kind\":\"conversation\",\n\"conversation_id\":\"c1\",\"tenant\":\"t1\" } \n",
			func(m *Message) bool { return m.Tenant == "t1" }},
		{"ids with inner spaces and CJK", strings.Replace(conv(""), `"c1"`, `"订单 0001"`, 1),
			func(m *Message) bool { return m.ConversationID == "订单 0001" }},
		{"NUL in text", utts(`{"seq":1,"speaker":"agent","text":"a\u0000b"}`),
			func(m *Message) bool { return m.Utterances[0].Text == "a\x00b" }},
		{"product with no fields", conv(`,"product":{}`),
			func(m *Message) bool { return m.Product != nil && *m.Product == Product{} }},
		{"metadata with empty key and value", conv(`,"metadata":{"":""}`),
			func(m *Message) bool { v, ok := m.Metadata[""]; return ok && v == "" }},
	}
}

func TestDecodeLenient(t *testing.T) {
	s := compileSchema(t)
	for _, tc := range lenientCases() {
		t.Run(tc.name, func(t *testing.T) {
			m := mustDecode(t, tc.in)
			if !tc.check(m) {
				got, _ := json.Marshal(m)
				t.Errorf("decoded %s", got)
			}
			if ok, err := schemaAccepts(s, []byte(tc.in)); !ok {
				t.Errorf("schema rejects: %v", err)
			}
		})
	}
}

func TestDecodeDoesNotModifyOrAliasInput(t *testing.T) {
	in := []byte(utts(`{"seq":1,"speaker":"agent","text":"保质期"}`))
	orig := string(in)
	m, err := Decode(in, Limits{})
	if err != nil {
		t.Fatal(err)
	}
	if string(in) != orig {
		t.Fatal("Decode modified its input")
	}
	for i := range in {
		in[i] = 'x'
	}
	if m.Utterances[0].Text != "保质期" || m.Tenant != "t1" {
		t.Errorf("decoded strings share memory with the input: %+v", m)
	}
}

func TestLimitsOverride(t *testing.T) {
	in := []byte(strings.Replace(conv(""), `"t1"`, `"`+strings.Repeat("t", 100)+`"`, 1))
	if _, err := Decode(in, Limits{}); ClassOf(err) != ClassFieldTooLong {
		t.Errorf("default tenant limit: %v", err)
	}
	if _, err := Decode(in, Limits{MaxTenantBytes: 100}); err != nil {
		t.Errorf("raised tenant limit: %v", err)
	}
	if (Limits{}).withDefaults() != DefaultLimits() {
		t.Error("zero Limits are not the defaults")
	}
	if DefaultLimits().MaxMessageBytes != 1<<20 {
		t.Error("default message limit is not 1 MiB")
	}
}

// The size limit is checked before anything else, so a huge message costs
// no parsing.
func TestTooLargeBeforeParsing(t *testing.T) {
	in := make([]byte, 1<<20+1)
	in[0] = 0xff // invalid UTF-8 and invalid JSON: too_large must win
	_, err := Decode(in, Limits{})
	if ClassOf(err) != ClassTooLarge {
		t.Errorf("got %v", err)
	}
}

// encoding/json and Decode must agree on which documents are well-formed,
// including the nesting limit, or the DLQ would blame the wrong thing.
func TestNestingLimitMatchesEncodingJSON(t *testing.T) {
	for _, depth := range []int{9999, 10000, 10001} {
		// The message object is level 1; the unknown field's value adds the rest.
		inner := strings.Repeat("[", depth-1) + strings.Repeat("]", depth-1)
		in := []byte(conv(`,"x":` + inner))
		_, err := Decode(in, Limits{})
		syntaxOK := ClassOf(err) != ClassInvalidJSON
		if syntaxOK != json.Valid(in) {
			t.Errorf("depth %d: json.Valid %v, Decode %v", depth, json.Valid(in), err)
		}
	}
}

func TestValidate(t *testing.T) {
	// Validate on decoded examples is tested in TestDecodeExamples.
	base := func() *Message {
		return &Message{Schema: SchemaV1, Kind: KindConversation, ConversationID: "c1", Tenant: "t1",
			Utterances: []Utterance{{Seq: 2, Speaker: SpeakerAgent, Text: "您好"}, {Seq: 1, Speaker: SpeakerCustomer, Text: "在吗"}}}
	}
	if err := base().Validate(Limits{}); err != nil {
		t.Fatalf("base: %v", err)
	}
	for _, tc := range []struct {
		name  string
		edit  func(*Message)
		class Class
		field string
	}{
		{"wrong schema", func(m *Message) { m.Schema = "v2" }, ClassUnknownSchema, "schema"},
		{"no kind", func(m *Message) { m.Kind = "" }, ClassMissingField, "kind"},
		{"bad kind", func(m *Message) { m.Kind = "call" }, ClassUnknownKind, "kind"},
		{"no tenant", func(m *Message) { m.Tenant = "" }, ClassMissingField, "tenant"},
		{"invalid UTF-8 tenant", func(m *Message) { m.Tenant = "t\xff" }, ClassInvalidUTF8, "tenant"},
		{"invalid UTF-8 text", func(m *Message) { m.Utterances[1].Text = "\xe4\xbf" }, ClassInvalidUTF8, "utterances[1].text"},
		{"bad channel", func(m *Message) { m.Channel = "sms" }, ClassUnknownChannel, "channel"},
		{"csat", func(m *Message) { m.CSAT = 9 }, ClassOutOfRange, "csat"},
		{"dup seq", func(m *Message) { m.Utterances[1].Seq = 2 }, ClassDuplicateSeq, "utterances[1].seq"},
		{"empty text", func(m *Message) { m.Utterances[0].Text = "" }, ClassMissingField, "utterances[0].text"},
		{"end before start", func(m *Message) { m.Utterances[0].StartMS = 5 }, ClassBadOffset, "utterances[0].end_ms"},
		{"agent without id", func(m *Message) { m.Agent = &Agent{Name: "x"} }, ClassMissingField, "agent.id"},
		{"utterance in conversation", func(m *Message) { m.Utterance = &Utterance{Seq: 1, Speaker: SpeakerBot, Text: "x"} }, ClassKindMismatch, "utterance"},
		{"utterances in utterance message", func(m *Message) {
			m.Kind = KindUtterance
			m.Utterance = &Utterance{Seq: 1, Speaker: SpeakerBot, Text: "x"}
		}, ClassKindMismatch, "utterances"},
		{"year 10000", func(m *Message) { t := time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC); m.SentAt = &t }, ClassBadTimestamp, "sent_at"},
		{"metadata", func(m *Message) { m.Metadata = map[string]string{"b": "ok", "a": strings.Repeat("v", 2000)} }, ClassFieldTooLong, `metadata["a"]`},
	} {
		m := base()
		tc.edit(m)
		err := m.Validate(Limits{})
		var e *Error
		if !errors.As(err, &e) || e.Class != tc.class || e.Field != tc.field || e.Offset != -1 {
			t.Errorf("%s: got %v, want %s at %s", tc.name, err, tc.class, tc.field)
		}
	}
	if err := (*Message)(nil).Validate(Limits{}); ClassOf(err) != ClassMissingField {
		t.Errorf("nil message: %v", err)
	}
}

func TestClassesAreDistinct(t *testing.T) {
	seen := map[Class]bool{}
	for _, c := range Classes() {
		if seen[c] || c == "" {
			t.Errorf("class %q repeated or empty", c)
		}
		seen[c] = true
	}
	for _, tc := range malformedCases() {
		if !seen[tc.class] {
			t.Errorf("case %q expects class %q, which Classes() lacks", tc.name, tc.class)
		}
	}
}
