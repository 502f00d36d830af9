package transcript

import _ "embed"

//go:embed convqa.transcript.v1.schema.json
var schemaJSON []byte

// JSONSchema returns the JSON Schema (draft 2020-12) of contract v1, for
// producers in other languages and for the README; each call returns a
// fresh copy.
//
// Decode is the reference. The schema cannot express byte lengths (its
// maxLength counts characters, so it is looser for non-ASCII text), unique
// seqs, end_ms >= start_ms, ended_at >= started_at, duplicate keys, or lone
// surrogate escapes; Decode rejects all of them.
func JSONSchema() []byte {
	return append([]byte(nil), schemaJSON...)
}
