package transcript

import (
	"strings"
	"testing"
	"time"
)

const flatOK = `{"schema":"convqa.utterance.flat.v1","tenant":"acme","conversation_id":"c-1","seq":3,"speaker":"customer","text":"这批牛奶的保质期到什么时候？","start_ms":1200,"end_ms":4100,"sent_at":"2025-06-14T14:05:00+08:00","channel":"chat","language":"zh-Hans"}`

func TestDecodeFlat(t *testing.T) {
	m, err := DecodeFlat([]byte(flatOK), Limits{})
	if err != nil {
		t.Fatal(err)
	}
	u := m.Utterance
	if m.Kind != KindUtterance || m.Tenant != "acme" || m.ConversationID != "c-1" || u == nil ||
		u.Seq != 3 || u.Speaker != SpeakerCustomer || u.StartMS != 1200 || u.EndMS != 4100 || !strings.Contains(u.Text, "保质期") {
		t.Fatalf("decoded %+v / %+v", m, u)
	}
	if want := time.Date(2025, 6, 14, 6, 5, 0, 0, time.UTC); !m.SentAt.Equal(want) || m.SentAt.Location() != time.UTC {
		t.Errorf("sent_at = %v", m.SentAt)
	}
	if !IsFlat([]byte(flatOK)) || IsFlat([]byte(`{"schema":"convqa.transcript.v1"}`)) {
		t.Error("IsFlat disagrees with the schema field")
	}
	// The same turn as a v1 utterance message must be the same Message.
	v1 := `{"schema":"convqa.transcript.v1","kind":"utterance","tenant":"acme","conversation_id":"c-1","channel":"chat","language":"zh-Hans","sent_at":"2025-06-14T14:05:00+08:00","utterance":{"seq":3,"speaker":"customer","text":"这批牛奶的保质期到什么时候？","start_ms":1200,"end_ms":4100}}`
	m1, err := Decode([]byte(v1), Limits{})
	if err != nil {
		t.Fatal(err)
	}
	if *m1.Utterance != *m.Utterance || !m1.SentAt.Equal(*m.SentAt) || m1.Status != m.Status || m1.Language != m.Language {
		t.Errorf("flat and v1 differ:\n%+v %+v\n%+v %+v", m1, m1.Utterance, m, m.Utterance)
	}
}

func TestDecodeFlatErrors(t *testing.T) {
	edit := func(from, to string) string { return strings.Replace(flatOK, from, to, 1) }
	tests := []struct {
		name  string
		value string
		class Class
		field string
	}{
		{"invalid json", flatOK[:40], ClassInvalidJSON, ""},
		{"invalid utf8", edit("保质期", "\xff\xfe"), ClassInvalidUTF8, ""},
		{"trailing", flatOK + ` {}`, ClassTrailingData, ""},
		{"unknown field", edit(`"seq":3`, `"seq":3,"utterance_id":9`), ClassUnknownField, ""},
		{"wrong type", edit(`"seq":3`, `"seq":"3"`), ClassWrongType, "seq"},
		{"missing seq", edit(`"seq":3,`, ``), ClassMissingField, "seq"},
		{"missing text", edit(`"text":"这批牛奶的保质期到什么时候？",`, ``), ClassMissingField, "text"},
		{"missing speaker", edit(`"speaker":"customer",`, ``), ClassMissingField, "speaker"},
		{"missing tenant", edit(`"tenant":"acme",`, ``), ClassMissingField, "tenant"},
		{"unknown speaker", edit(`"customer"`, `"robot"`), ClassUnknownSpeaker, "utterance.speaker"},
		{"bad time", edit(`2025-06-14T14:05:00+08:00`, `2025-06-14 14:05`), ClassBadTimestamp, "sent_at"},
		{"negative offset", edit(`"start_ms":1200`, `"start_ms":-1`), ClassBadOffset, ""},
		{"too large", edit(`保质期`, strings.Repeat("长", 400000)), ClassTooLarge, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := DecodeFlat([]byte(tt.value), Limits{})
			if got := ClassOf(err); got != tt.class {
				t.Fatalf("class = %q, want %q (err %v)", got, tt.class, err)
			}
			var e *Error
			if tt.field != "" && (!asError(err, &e) || e.Field != tt.field) {
				t.Errorf("field of %v, want %q", err, tt.field)
			}
		})
	}
}

func asError(err error, e **Error) bool {
	x, ok := err.(*Error)
	*e = x
	return ok
}

func FuzzDecodeFlat(f *testing.F) {
	f.Add([]byte(flatOK))
	f.Add([]byte(`{"schema":"convqa.utterance.flat.v1"}`))
	f.Add([]byte(`{"schema":"convqa.utterance.flat.v1","seq":1e99}`))
	f.Fuzz(func(t *testing.T, value []byte) {
		m, err := DecodeFlat(value, Limits{})
		if err != nil {
			if ClassOf(err) == "" {
				t.Fatalf("error without a class: %v", err)
			}
			return
		}
		if err := m.Validate(Limits{}); err != nil {
			t.Fatalf("decoded message does not validate: %v", err)
		}
	})
}
