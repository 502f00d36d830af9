package transcript

import (
	"encoding/json"
	"errors"
	"reflect"
	"testing"
	"unicode/utf8"
)

// tightLimits make the fuzzer reach every limit with small inputs.
var tightLimits = Limits{
	MaxMessageBytes: 4096, MaxConversationIDBytes: 8, MaxTenantBytes: 4, MaxStringBytes: 8,
	MaxTextBytes: 16, MaxUtterances: 3, MaxMetadataKeys: 2, MaxMetadataKeyBytes: 4, MaxMetadataValueBytes: 8,
}

func FuzzDecode(f *testing.F) {
	for _, b := range validFiles(f) {
		f.Add(b)
	}
	for _, tc := range malformedCases() {
		if len(tc.in) < 4096 {
			f.Add([]byte(tc.in))
		}
	}
	for _, tc := range lenientCases() {
		f.Add([]byte(tc.in))
	}
	classes := map[Class]bool{}
	for _, c := range Classes() {
		classes[c] = true
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		orig := string(in)
		for _, lim := range []Limits{{}, tightLimits} {
			checkDecode(t, in, lim, classes)
		}
		if string(in) != orig {
			t.Fatal("Decode modified its input")
		}
	})
}

// checkDecode checks the invariants of one Decode call.
func checkDecode(t *testing.T, in []byte, lim Limits, classes map[Class]bool) {
	m, err := Decode(in, lim)
	if err != nil {
		var e *Error
		if !errors.As(err, &e) {
			t.Fatalf("error %T is not *Error: %v", err, err)
		}
		if m != nil {
			t.Fatal("message returned with an error")
		}
		if !classes[e.Class] || e.Msg == "" || e.Allowed == "" {
			t.Fatalf("bad error %#v", e)
		}
		if e.Offset < -1 || e.Offset > int64(len(in)) {
			t.Fatalf("offset %d outside the %d-byte input: %v", e.Offset, len(in), err)
		}
		if !utf8.ValidString(err.Error()) {
			t.Fatalf("error message is not UTF-8: %q", err.Error())
		}
		// Decode and encoding/json must agree on well-formedness of
		// whatever passed the size and encoding checks.
		checked := e.Class != ClassTooLarge && (e.Class != ClassInvalidUTF8 || utf8.Valid(in))
		syntax := e.Class == ClassInvalidJSON || e.Class == ClassTrailingData
		if checked && syntax == json.Valid(in) {
			t.Fatalf("json.Valid = %v but Decode says %v", json.Valid(in), err)
		}
		return
	}
	if !json.Valid(in) {
		t.Fatalf("Decode accepted what encoding/json calls invalid: %q", in)
	}
	if err := m.Validate(lim); err != nil {
		t.Fatalf("Validate rejects what Decode accepted: %v", err)
	}
	// A decoded message survives a round trip through encoding/json
	// unchanged: producers in Go marshal the same struct.
	out, err := json.Marshal(m)
	if err != nil {
		t.Fatalf("Marshal: %v", err)
	}
	// Marshal escapes <, > and & as \u003c etc., so the output may be
	// larger than the input.
	m2, err := Decode(out, Limits{MaxMessageBytes: len(out)})
	if err != nil {
		t.Fatalf("re-decode of %s: %v", out, err)
	}
	if !reflect.DeepEqual(m, m2) {
		t.Fatalf("round trip changed the message:\n%+v\n%+v", m, m2)
	}
}
