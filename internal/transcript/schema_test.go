package transcript

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// compileSchema compiles the embedded schema with format assertions on, as
// a strict producer-side validator would run it.
func compileSchema(t testing.TB) *jsonschema.Schema {
	t.Helper()
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(JSONSchema()))
	if err != nil {
		t.Fatalf("parse schema: %v", err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	const url = "urn:convqa:schema:convqa.transcript.v1"
	if err := c.AddResource(url, doc); err != nil {
		t.Fatalf("add schema: %v", err)
	}
	s, err := c.Compile(url)
	if err != nil {
		t.Fatalf("compile schema: %v", err)
	}
	return s
}

// schemaAccepts reports whether value is well-formed JSON that the schema
// accepts, with the validator's reason when it is not.
func schemaAccepts(s *jsonschema.Schema, value []byte) (bool, error) {
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(value))
	if err != nil {
		return false, err
	}
	if err := s.Validate(inst); err != nil {
		return false, err
	}
	return true, nil
}

func validFiles(t testing.TB) map[string][]byte {
	t.Helper()
	paths, err := filepath.Glob("testdata/valid/*.json")
	if err != nil || len(paths) == 0 {
		t.Fatalf("no valid examples: %v", err)
	}
	out := make(map[string][]byte, len(paths))
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		out[filepath.Base(p)] = b
	}
	return out
}

func TestSchemaAcceptsValidExamples(t *testing.T) {
	s := compileSchema(t)
	for name, b := range validFiles(t) {
		t.Run(name, func(t *testing.T) {
			if _, err := Decode(b, Limits{}); err != nil {
				t.Errorf("Decode: %v", err)
			}
			if ok, err := schemaAccepts(s, b); !ok {
				t.Errorf("schema rejects: %v", err)
			}
		})
	}
}

// The schema states the default limits as numbers; this keeps them from
// drifting apart from DefaultLimits and the range constants.
func TestSchemaLimitsMatchDefaults(t *testing.T) {
	var doc map[string]any
	if err := json.Unmarshal(JSONSchema(), &doc); err != nil {
		t.Fatal(err)
	}
	get := func(path ...string) float64 {
		var v any = doc
		for _, p := range path {
			m, ok := v.(map[string]any)
			if !ok {
				t.Fatalf("schema has no %v", path)
			}
			v = m[p]
		}
		n, ok := v.(float64)
		if !ok {
			t.Fatalf("schema %v is %v, not a number", path, v)
		}
		return n
	}
	lim := DefaultLimits()
	for _, c := range []struct {
		path []string
		want int
	}{
		{[]string{"properties", "conversation_id", "maxLength"}, lim.MaxConversationIDBytes},
		{[]string{"properties", "tenant", "maxLength"}, lim.MaxTenantBytes},
		{[]string{"properties", "agent", "properties", "id", "maxLength"}, lim.MaxStringBytes},
		{[]string{"properties", "customer", "properties", "id", "maxLength"}, lim.MaxStringBytes},
		{[]string{"$defs", "shortString", "maxLength"}, lim.MaxStringBytes},
		{[]string{"$defs", "utterance", "properties", "text", "maxLength"}, lim.MaxTextBytes},
		{[]string{"properties", "utterances", "maxItems"}, lim.MaxUtterances},
		{[]string{"properties", "metadata", "maxProperties"}, lim.MaxMetadataKeys},
		{[]string{"properties", "metadata", "propertyNames", "maxLength"}, lim.MaxMetadataKeyBytes},
		{[]string{"properties", "metadata", "additionalProperties", "maxLength"}, lim.MaxMetadataValueBytes},
		{[]string{"$defs", "utterance", "properties", "seq", "maximum"}, MaxSeq},
		{[]string{"$defs", "offset", "maximum"}, MaxOffsetMS},
		{[]string{"properties", "csat", "minimum"}, MinCSAT},
		{[]string{"properties", "csat", "maximum"}, MaxCSAT},
	} {
		if got := get(c.path...); got != float64(c.want) {
			t.Errorf("schema %v = %v, want %d", c.path, got, c.want)
		}
	}
}
