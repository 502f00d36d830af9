package transcript

import (
	"encoding/json"
	"os"
	"testing"
)

func benchInput(b *testing.B) []byte {
	in, err := os.ReadFile("testdata/valid/conversation_zh_hans.json")
	if err != nil {
		b.Fatal(err)
	}
	return in
}

// BenchmarkDecode measures the ingest hot path on the README example.
func BenchmarkDecode(b *testing.B) {
	in := benchInput(b)
	b.SetBytes(int64(len(in)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Decode(in, Limits{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkUnmarshalStdlib is the reference point: encoding/json into the
// same struct, with no validation at all.
func BenchmarkUnmarshalStdlib(b *testing.B) {
	in := benchInput(b)
	b.SetBytes(int64(len(in)))
	b.ReportAllocs()
	for b.Loop() {
		var m Message
		if err := json.Unmarshal(in, &m); err != nil {
			b.Fatal(err)
		}
	}
}
