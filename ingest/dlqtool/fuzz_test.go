package dlqtool

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"
)

// unescape inverts Escape, to prove it loses nothing.
func unescape(s string) ([]byte, error) {
	var out []byte
	for i := 0; i < len(s); {
		if s[i] != '\\' {
			out = append(out, s[i])
			i++
			continue
		}
		if i+1 >= len(s) {
			return nil, errors.New("trailing backslash")
		}
		switch c := s[i+1]; c {
		case '\\':
			out = append(out, '\\')
			i += 2
		case 'n', 'r', 't':
			out = append(out, map[byte]byte{'n': '\n', 'r': '\r', 't': '\t'}[c])
			i += 2
		case 'x', 'u', 'U':
			n := map[byte]int{'x': 2, 'u': 4, 'U': 8}[c]
			if i+2+n > len(s) {
				return nil, errors.New("short escape")
			}
			v, err := strconv.ParseUint(s[i+2:i+2+n], 16, 32)
			if err != nil {
				return nil, err
			}
			if c == 'x' {
				out = append(out, byte(v))
			} else {
				out = utf8.AppendRune(out, rune(v))
			}
			i += 2 + n
		default:
			return nil, errors.New("unknown escape")
		}
	}
	return out, nil
}

func FuzzEscape(f *testing.F) {
	for _, s := range []string{"", `{"a":"b\n"}`, "保质期\n\t\x00\xff\xfe", "\u202e\u2028\U000e0001", "a\\xff"} {
		f.Add([]byte(s), 8)
	}
	f.Fuzz(func(t *testing.T, in []byte, max int) {
		esc := Escape(in)
		if !utf8.ValidString(esc) {
			t.Fatalf("Escape(%q) = %q is not UTF-8", in, esc)
		}
		for _, r := range esc {
			if !strconv.IsGraphic(r) {
				t.Fatalf("Escape(%q) = %q keeps non-graphic %U", in, esc, r)
			}
		}
		back, err := unescape(esc)
		if err != nil || !bytes.Equal(back, in) {
			t.Fatalf("Escape(%q) = %q does not read back: %q, %v", in, esc, back, err)
		}
		max = max % 256
		if max < 0 {
			max = -max
		}
		p := Preview(in, max)
		cut := strings.TrimSuffix(p, "…")
		raw, err := unescape(cut)
		if err != nil || !bytes.HasPrefix(in, raw) || len(raw) > max || (len(raw) < len(in)) != (cut != p) {
			t.Fatalf("Preview(%q, %d) = %q: not a marked prefix of at most %d bytes (%q, %v)", in, max, p, max, raw, err)
		}
	})
}

func FuzzOneLine(f *testing.F) {
	for _, s := range []string{"{}", "{\n \"a\": \"b\"\n}", "{\"t\":\"x\ny\"}", "\"\\\n", "\r\n\r"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		orig := string(in)
		out, changed := OneLine(in)
		if string(in) != orig {
			t.Fatal("OneLine modified its input")
		}
		if bytes.ContainsAny(out, "\r\n") {
			t.Fatalf("OneLine(%q) = %q still has a line break", in, out)
		}
		if changed != bytes.ContainsAny(in, "\r\n") || !changed && !bytes.Equal(out, in) {
			t.Fatalf("OneLine(%q) = %q, changed %v", in, out, changed)
		}
		if json.Valid(in) {
			var a, b bytes.Buffer
			if !json.Valid(out) || json.Compact(&a, in) != nil || json.Compact(&b, out) != nil || a.String() != b.String() {
				t.Fatalf("OneLine changed the meaning of valid JSON %q: %q", in, out)
			}
		}
	})
}

func FuzzLineReader(f *testing.F) {
	for _, s := range []string{"", "a\nb", "\ufeffa\r\n\r\n  \nb\n", strings.Repeat("x", 100) + "\ny"} {
		f.Add([]byte(s), 16)
	}
	f.Fuzz(func(t *testing.T, in []byte, max int) {
		max = max%200 + 1
		if max < 1 {
			max = -max + 1
		}
		segs := bytes.Split(in, []byte("\n"))
		lr := NewLineReader(bytes.NewReader(in), "f", max)
		last := 0
		for {
			l, err := lr.Next()
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				t.Fatal(err)
			}
			if l.No <= last || l.No > len(segs) {
				t.Fatalf("line number %d after %d, with %d segments", l.No, last, len(segs))
			}
			last = l.No
			want := bytes.TrimSuffix(segs[l.No-1], []byte("\r"))
			if l.No == 1 {
				want = bytes.TrimPrefix(want, []byte("\ufeff"))
			}
			if l.TooLong {
				if l.Bytes != nil || l.Len <= max {
					t.Fatalf("line %d: too long with %d bytes kept, length %d, max %d", l.No, len(l.Bytes), l.Len, max)
				}
				continue
			}
			if !bytes.Equal(l.Bytes, want) || l.Len != len(want) || len(bytes.Trim(want, " \t")) == 0 {
				t.Fatalf("line %d = %q (len %d), want %q", l.No, l.Bytes, l.Len, want)
			}
		}
	})
}
