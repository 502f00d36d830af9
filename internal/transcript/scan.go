package transcript

import (
	"unicode"
	"unicode/utf16"
	"unicode/utf8"
)

// decoder is a single-pass JSON reader specialised to contract v1. A
// hand-written reader rather than encoding/json because the contract needs
// what the reflection decoder cannot give: the byte offset and full path
// (utterances[3].speaker) of every error, unknown and duplicate keys,
// absent versus null versus zero, and no reflection cost at 10k+ msg/s.
//
// Syntax errors stop decoding at once and are returned. Contract errors are
// recorded (the first one wins) and decoding goes on, so that a message that
// is also malformed further on is reported as invalid_json: a broken
// message says nothing reliable about its fields.
type decoder struct {
	data  []byte
	pos   int
	depth int // nesting depth of the container being read
	lim   Limits
	err   *Error // first contract error in document order
	buf   []byte // scratch for unescaped strings, reused across strings
}

// fail records a contract error unless an earlier one is already recorded.
func (d *decoder) fail(e *Error) {
	if d.err == nil {
		d.err = e
	}
}

func (d *decoder) syntaxError(at int, msg string) *Error {
	return &Error{Class: ClassInvalidJSON, Offset: int64(at), Msg: msg,
		Allowed: "one well-formed JSON object (RFC 8259)"}
}

// unexpected reports the byte at d.pos (or the end of input) as out of place.
func (d *decoder) unexpected(context string) *Error {
	if d.pos >= len(d.data) {
		return d.syntaxError(d.pos, "unexpected end of input "+context)
	}
	c := d.data[d.pos]
	r, _ := utf8.DecodeRune(d.data[d.pos:])
	if c < utf8.RuneSelf {
		r = rune(c)
	}
	return d.syntaxError(d.pos, "unexpected character "+quoteRune(r)+" "+context)
}

// quoteRune shows r for a syntax error; invisible characters (a byte
// order mark, a control byte) are named by code point, or the message
// would seem to complain about nothing.
func quoteRune(r rune) string {
	if !unicode.IsPrint(r) {
		return codePoint(r)
	}
	return "'" + string(r) + "'"
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

func (d *decoder) skipSpace() {
	for d.pos < len(d.data) && isSpace(d.data[d.pos]) {
		d.pos++
	}
}

// peek skips whitespace and returns the next byte, or 0 at the end.
func (d *decoder) peek() byte {
	d.skipSpace()
	if d.pos >= len(d.data) {
		return 0
	}
	return d.data[d.pos]
}

// objectNext moves to the next member of an object whose '{' has been
// consumed. It returns the member's key (valid until the next string is
// read) positioned before the value, or done at the closing '}'.
// parent is the object's path, for the error of a key with a lone surrogate.
func (d *decoder) objectNext(parent field, first *bool) (key []byte, keyOff int, done bool, err *Error) {
	c := d.peek()
	if *first {
		*first = false
		if c == '}' {
			d.pos++
			return nil, 0, true, nil
		}
	} else {
		switch c {
		case '}':
			d.pos++
			return nil, 0, true, nil
		case ',':
			d.pos++
			c = d.peek()
		default:
			return nil, 0, false, d.unexpected("after object member; expected ',' or '}'")
		}
	}
	if c != '"' {
		return nil, 0, false, d.unexpected("where an object key was expected")
	}
	keyOff = d.pos
	raw, esc, err := d.scanString()
	if err != nil {
		return nil, 0, false, err
	}
	key = raw
	if esc {
		var bad int
		key, bad = d.unescape(raw, keyOff+1)
		if bad >= 0 {
			d.fail(loneSurrogate(parent, bad))
		}
	}
	if d.peek() != ':' {
		return nil, 0, false, d.unexpected("after object key; expected ':'")
	}
	d.pos++
	d.skipSpace()
	return key, keyOff, false, nil
}

// arrayNext moves to the next element of an array whose '[' has been
// consumed, or reports done at the closing ']'.
func (d *decoder) arrayNext(first *bool) (done bool, err *Error) {
	c := d.peek()
	if c == ']' && *first {
		d.pos++
		return true, nil
	}
	if *first {
		*first = false
		return false, nil
	}
	switch c {
	case ']':
		d.pos++
		return true, nil
	case ',':
		d.pos++
		d.skipSpace()
		return false, nil
	}
	return false, d.unexpected("after array element; expected ',' or ']'")
}

// scanString reads the string at d.pos, which must start with '"', and
// returns its raw content between the quotes. esc tells whether it holds
// escapes and so must go through unescape.
func (d *decoder) scanString() (raw []byte, esc bool, err *Error) {
	start := d.pos
	i := d.pos + 1
	data := d.data
	for i < len(data) {
		c := data[i]
		switch {
		case c == '"':
			d.pos = i + 1
			return data[start+1 : i], esc, nil
		case c == '\\':
			esc = true
			if i+1 >= len(data) {
				d.pos = len(data)
				return nil, false, d.unexpected("in string escape")
			}
			switch data[i+1] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				i += 2
			case 'u':
				for k := i + 2; k < i+6; k++ {
					if k >= len(data) || !isHex(data[k]) {
						d.pos = k
						return nil, false, d.unexpected("in \\u escape; expected 4 hex digits")
					}
				}
				i += 6
			default:
				d.pos = i + 1
				return nil, false, d.unexpected("after '\\' in string")
			}
		case c < 0x20:
			d.pos = i
			return nil, false, d.unexpected("in string; control characters must be escaped")
		default:
			i++
		}
	}
	d.pos = len(data)
	return nil, false, d.unexpected("in string; missing closing '\"'")
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

func hexVal(b []byte) rune {
	var r rune
	for _, c := range b[:4] {
		r <<= 4
		switch {
		case c <= '9':
			r |= rune(c - '0')
		case c >= 'a':
			r |= rune(c - 'a' + 10)
		default:
			r |= rune(c - 'A' + 10)
		}
	}
	return r
}

// unescape decodes the escapes of a string already checked by scanString
// into d.buf. A \u escape of a lone UTF-16 surrogate has no UTF-8 form;
// encoding/json would silently replace it with U+FFFD, but the contract
// promises producers their text is stored as sent, so bad is the offset of
// the first such escape (rawOff is the offset of raw in d.data), or -1.
func (d *decoder) unescape(raw []byte, rawOff int) (out []byte, bad int) {
	bad = -1
	b := d.buf[:0]
	for i := 0; i < len(raw); {
		c := raw[i]
		if c != '\\' {
			b = append(b, c)
			i++
			continue
		}
		switch raw[i+1] {
		case 'b':
			b = append(b, '\b')
		case 'f':
			b = append(b, '\f')
		case 'n':
			b = append(b, '\n')
		case 'r':
			b = append(b, '\r')
		case 't':
			b = append(b, '\t')
		case 'u':
			r := hexVal(raw[i+2:])
			if utf16.IsSurrogate(r) {
				r2 := utf8.RuneError
				if r < 0xDC00 && i+12 <= len(raw) && raw[i+6] == '\\' && raw[i+7] == 'u' {
					r2 = utf16.DecodeRune(r, hexVal(raw[i+8:]))
				}
				if r2 == utf8.RuneError {
					if bad < 0 {
						bad = rawOff + i
					}
					r = utf8.RuneError
				} else {
					r = r2
					i += 6
				}
			}
			b = utf8.AppendRune(b, r)
			i += 6
			continue
		default: // '"', '\\', '/'
			b = append(b, raw[i+1])
		}
		i += 2
	}
	d.buf = b
	return b, bad
}

func loneSurrogate(f field, off int) *Error {
	return newError(ClassInvalidUTF8, f, int64(off),
		"\\u escape of a lone UTF-16 surrogate, which is not a Unicode character",
		"surrogate escapes only in high-low pairs")
}

// scanNumber reads a JSON number at d.pos and returns its literal.
func (d *decoder) scanNumber() ([]byte, *Error) {
	data := d.data
	start, i := d.pos, d.pos
	if i < len(data) && data[i] == '-' {
		i++
	}
	digits := func(what string) *Error {
		if i >= len(data) || data[i] < '0' || data[i] > '9' {
			d.pos = i
			return d.unexpected("in number; expected a digit " + what)
		}
		for i < len(data) && '0' <= data[i] && data[i] <= '9' {
			i++
		}
		return nil
	}
	if i < len(data) && data[i] == '0' {
		i++
	} else if err := digits("in the integer part"); err != nil {
		return nil, err
	}
	if i < len(data) && data[i] == '.' {
		i++
		if err := digits("after '.'"); err != nil {
			return nil, err
		}
	}
	if i < len(data) && (data[i] == 'e' || data[i] == 'E') {
		i++
		if i < len(data) && (data[i] == '+' || data[i] == '-') {
			i++
		}
		if err := digits("in the exponent"); err != nil {
			return nil, err
		}
	}
	d.pos = i
	return data[start:i], nil
}

// literal consumes true, false or null.
func (d *decoder) literal(lit string) *Error {
	end := d.pos + len(lit)
	if end > len(d.data) || string(d.data[d.pos:end]) != lit {
		return d.unexpected("where a JSON value was expected")
	}
	d.pos = end
	return nil
}

// skipValue consumes one JSON value of any type, checking only its syntax.
// depth is the nesting depth of the value's container.
func (d *decoder) skipValue(depth int) *Error {
	switch c := d.peek(); c {
	case '{', '[':
		if depth+1 > maxDepth {
			return d.syntaxError(d.pos, "nesting deeper than 10000 levels")
		}
		d.pos++
		first := true
		for {
			if c == '{' {
				_, _, done, err := d.objectNext(field{index: -1}, &first)
				if err != nil || done {
					return err
				}
			} else {
				done, err := d.arrayNext(&first)
				if err != nil || done {
					return err
				}
			}
			if err := d.skipValue(depth + 1); err != nil {
				return err
			}
		}
	case '"':
		_, _, err := d.scanString()
		return err
	case 't':
		return d.literal("true")
	case 'f':
		return d.literal("false")
	case 'n':
		return d.literal("null")
	default:
		if c == '-' || '0' <= c && c <= '9' {
			_, err := d.scanNumber()
			return err
		}
		return d.unexpected("where a JSON value was expected")
	}
}

// jsonType names the JSON type of the value starting with c, for wrong_type
// messages.
func jsonType(c byte) string {
	switch c {
	case '{':
		return "an object"
	case '[':
		return "an array"
	case '"':
		return "a string"
	case 't', 'f':
		return "a boolean"
	case 'n':
		return "null"
	}
	return "a number"
}
