package dlqtool

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"strings"
	"testing"
	"testing/iotest"
)

func TestOneLine(t *testing.T) {
	tests := []struct {
		name, in, want string
		changed        bool
	}{
		{"one line kept", `{"a":"b"}`, `{"a":"b"}`, false},
		{"escaped newline kept", `{"a":"x\ny"}`, `{"a":"x\ny"}`, false},
		{"pretty-printed JSON compacts to spaces", "{\n  \"a\": 1,\r\n  \"b\": \"c\"\n}\n", `{   "a": 1,    "b": "c" } `, true},
		{"raw newline in a string is escaped", "{\"text\":\"line one\nline two\"}", `{"text":"line one\nline two"}`, true},
		{"raw CR LF in a string", "{\"t\":\"a\r\nb\"}", `{"t":"a\r\nb"}`, true},
		{"escaped quote does not end the string", "{\"t\":\"say \\\"hi\\\"\nnow\"}", `{"t":"say \"hi\"\nnow"}`, true},
		{"backslash before a raw newline", "{\"t\":\"a\\\nb\"}", `{"t":"a\nb"}`, true},
		{"not JSON still loses its breaks", "oops\n\"open\nstring", `oops "open\nstring`, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, changed := OneLine([]byte(tt.in))
			if string(got) != tt.want || changed != tt.changed {
				t.Errorf("OneLine(%q) = %q, %v; want %q, %v", tt.in, got, changed, tt.want, tt.changed)
			}
		})
	}
}

// TestOneLineMakesRejectedValid is the case OneLine exists for: a producer
// that wrote a raw newline into a string gets a value that now decodes.
func TestOneLineMakesRejectedValid(t *testing.T) {
	in := []byte("{\"a\":\"x\ny\"}")
	if json.Valid(in) {
		t.Fatal("input should be invalid JSON")
	}
	out, _ := OneLine(in)
	var v map[string]string
	if err := json.Unmarshal(out, &v); err != nil || v["a"] != "x\ny" {
		t.Errorf("OneLine output %q: %v, %q", out, err, v["a"])
	}
}

func readAllLines(t *testing.T, r io.Reader, max int) ([]Line, error) {
	t.Helper()
	lr := NewLineReader(r, "f.jsonl", max)
	var out []Line
	for {
		l, err := lr.Next()
		if errors.Is(err, io.EOF) {
			return out, nil
		}
		if err != nil {
			return out, err
		}
		out = append(out, l)
	}
}

func TestLineReader(t *testing.T) {
	long := strings.Repeat("x", 70000)
	tests := []struct {
		name string
		in   string
		max  int
		want []Line
	}{
		{"empty", "", 10, nil},
		{"lines", "a\nbb\n", 10, []Line{{No: 1, Bytes: []byte("a"), Len: 1}, {No: 2, Bytes: []byte("bb"), Len: 2}}},
		{"no final newline", "a\nb", 10, []Line{{No: 1, Bytes: []byte("a"), Len: 1}, {No: 2, Bytes: []byte("b"), Len: 1}}},
		{"crlf", "a\r\nb\r\n", 10, []Line{{No: 1, Bytes: []byte("a"), Len: 1}, {No: 2, Bytes: []byte("b"), Len: 1}}},
		{"blank lines skipped, numbers kept", "\n \t\r\na\n\n", 10, []Line{{No: 3, Bytes: []byte("a"), Len: 1}}},
		{"bom on the first line only", "\ufeffa\n\ufeffb\n", 10, []Line{{No: 1, Bytes: []byte("a"), Len: 1}, {No: 2, Bytes: []byte("\ufeffb"), Len: 4}}},
		{"exactly the limit", "abc\n", 3, []Line{{No: 1, Bytes: []byte("abc"), Len: 3}}},
		{"one over the limit", "abcd\nok\n", 3, []Line{{No: 1, Len: 4, TooLong: true}, {No: 2, Bytes: []byte("ok"), Len: 2}}},
		{"longer than the buffer", long + "\nok", 100, []Line{{No: 1, Len: 70000, TooLong: true}, {No: 2, Bytes: []byte("ok"), Len: 2}}},
		{"long line within the limit", long + "\n", 70000, []Line{{No: 1, Bytes: []byte(long), Len: 70000}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, r := range []io.Reader{strings.NewReader(tt.in), iotest.OneByteReader(strings.NewReader(tt.in))} {
				got, err := readAllLines(t, r, tt.max)
				if err != nil {
					t.Fatal(err)
				}
				if len(got) != len(tt.want) {
					t.Fatalf("got %d lines, want %d: %+v", len(got), len(tt.want), got)
				}
				for i := range got {
					g, w := got[i], tt.want[i]
					if g.No != w.No || g.Len != w.Len || g.TooLong != w.TooLong || !bytes.Equal(g.Bytes, w.Bytes) {
						t.Errorf("line %d = {%d %.20q %d %v}, want {%d %.20q %d %v}", i, g.No, g.Bytes, g.Len, g.TooLong, w.No, w.Bytes, w.Len, w.TooLong)
					}
				}
			}
		})
	}
}

func TestLineReaderReadError(t *testing.T) {
	r := io.MultiReader(strings.NewReader("a\nb\n"), iotest.ErrReader(errors.New("disk gone")))
	_, err := readAllLines(t, r, 10)
	if err == nil || !strings.Contains(err.Error(), "read f.jsonl after line 2: disk gone") {
		t.Fatalf("want the file and line in the error, got %v", err)
	}
}
