package transcript

import (
	"bytes"
	"math"
	"time"
)

// stringRaw reads a string value for f. ok is false for null (absent, when
// nullOK) and for a value of another type, which is recorded as wrong_type.
// The result is valid only until the next string is read.
func (d *decoder) stringRaw(f field, nullOK bool) (s []byte, off int64, ok bool, err *Error) {
	off = int64(d.pos)
	switch c := d.peek(); c {
	case '"':
		raw, esc, err := d.scanString()
		if err != nil || !esc {
			return raw, off, err == nil, err
		}
		out, bad := d.unescape(raw, int(off)+1)
		if bad >= 0 {
			d.fail(loneSurrogate(f, bad))
			return nil, off, false, nil
		}
		return out, off, true, nil
	case 'n':
		if !nullOK {
			d.fail(wrongType(f, c, off, "a string"))
		}
		return nil, off, false, d.literal("null")
	default:
		d.fail(wrongType(f, c, off, "a string"))
		return nil, off, false, d.skipValue(d.depth)
	}
}

// stringValue reads an optional string and checks its length.
func (d *decoder) stringValue(f field, max int) (string, *Error) {
	s, off, ok, err := d.stringRaw(f, true)
	if !ok {
		return "", err
	}
	if len(s) > max {
		d.fail(tooLong(f, len(s), max, off))
		return "", nil
	}
	return string(s), nil
}

// idValue reads an id: absence is left to the caller, which knows whether
// the id is required.
func (d *decoder) idValue(f field, max int) (string, *Error) {
	s, off, ok, err := d.stringRaw(f, true)
	if !ok {
		return "", err
	}
	v := string(s)
	if e := checkID(f, v, max, off); e != nil {
		d.fail(e)
		return "", nil
	}
	return v, nil
}

// intValue reads an integer. Integral numbers written with a fraction or
// exponent (1.0, 1e3) are accepted because JSON Schema's "integer" accepts
// them; the value saturates at ±MaxInt64, which every range check rejects.
func (d *decoder) intValue(f field) (v, off int64, ok bool, err *Error) {
	off = int64(d.pos)
	c := d.peek()
	switch {
	case c == 'n':
		return 0, off, false, d.literal("null")
	case c == '-' || '0' <= c && c <= '9':
		lit, err := d.scanNumber()
		if err != nil {
			return 0, off, false, err
		}
		v, integral := intLiteral(lit)
		if !integral {
			d.fail(newError(ClassWrongType, f, off, "is a number with a fractional part", "an integer"))
			return 0, off, false, nil
		}
		return v, off, true, nil
	default:
		d.fail(wrongType(f, c, off, "an integer"))
		return 0, off, false, d.skipValue(d.depth)
	}
}

// timeValue reads an optional RFC 3339 timestamp.
func (d *decoder) timeValue(f field) (t *time.Time, off int64, err *Error) {
	s, off, ok, err := d.stringRaw(f, true)
	if !ok {
		return nil, off, err
	}
	v, good := parseTimestamp(s)
	if !good {
		d.fail(badTime(f, "is not an RFC 3339 date-time", off))
		return nil, off, nil
	}
	return &v, off, nil
}

// openObject starts an object value, consuming its '{'. ok is false for
// null (absent, when nullOK) and for other types, recorded as wrong_type.
func (d *decoder) openObject(f field, nullOK bool, want string) (ok bool, err *Error) {
	off := int64(d.pos)
	switch c := d.peek(); c {
	case '{':
		if d.depth+1 > maxDepth {
			return false, d.syntaxError(d.pos, "nesting deeper than 10000 levels")
		}
		d.pos++
		d.depth++
		return true, nil
	case 'n':
		if !nullOK {
			d.fail(wrongType(f, c, off, want))
		}
		return false, d.literal("null")
	default:
		d.fail(wrongType(f, c, off, want))
		return false, d.skipValue(d.depth)
	}
}

// member does the bookkeeping common to every member of the object obj: it
// records a duplicate key, or an unknown one (bit 0), whose value it skips
// and reports as not known. names lists obj's fields for the error.
func (d *decoder) member(obj field, seen *uint32, bit uint32, key []byte, keyOff int, names string) (known bool, err *Error) {
	// The d.err checks only skip building errors that fail would drop: a
	// message of 100,000 unknown keys must not cost 100,000 errors.
	if bit == 0 {
		if d.err == nil {
			d.fail(newError(ClassUnknownField, child(obj, shortKey(key)), int64(keyOff),
				"unknown field "+quoteValue(string(key)),
				names+" (schema "+SchemaV1+" is exact; extra data goes in metadata)"))
		}
		return false, d.skipValue(d.depth)
	}
	if *seen&bit != 0 && d.err == nil {
		d.fail(newError(ClassDuplicateField, child(obj, string(key)), int64(keyOff),
			"field appears twice", "each field at most once"))
	}
	*seen |= bit
	return true, nil
}

// child is the path of a member of obj; only errors need it.
func child(obj field, name string) field {
	return field{parent: obj.String(), index: -1, name: name}
}

// shortKey cuts an unknown key for use in a path: it comes from the
// producer and may be arbitrarily long.
func shortKey(key []byte) string {
	const max = 64
	if len(key) <= max {
		return string(key)
	}
	cut := max
	for cut > 0 && !runeStart(key[cut]) {
		cut--
	}
	return string(key[:cut]) + "…"
}

func wrongType(f field, c byte, off int64, want string) *Error {
	return newError(ClassWrongType, f, off, "is "+jsonType(c), want)
}

// intLiteral converts a JSON number literal to an integer exactly, without
// going through float64 (which would call 1.0000000000000000001 integral).
// integral is false when the value has a non-zero fractional part.
func intLiteral(lit []byte) (v int64, integral bool) {
	neg := lit[0] == '-'
	if neg {
		lit = lit[1:]
	}
	// Fast path: the plain integers every encoder writes.
	if len(lit) <= 18 {
		plain := true
		for _, c := range lit {
			if c < '0' || c > '9' {
				plain = false
				break
			}
			v = v*10 + int64(c-'0')
		}
		if plain {
			if neg {
				v = -v
			}
			return v, true
		}
		v = 0
	}
	// Split into integer digits, fraction digits and exponent.
	intEnd := len(lit)
	if i := bytes.IndexAny(lit, ".eE"); i >= 0 {
		intEnd = i
	}
	intPart, frac, rest := lit[:intEnd], []byte(nil), lit[intEnd:]
	if len(rest) > 0 && rest[0] == '.' {
		j := 1
		for j < len(rest) && rest[j] >= '0' && rest[j] <= '9' {
			j++
		}
		frac, rest = rest[1:j], rest[j:]
	}
	exp := 0
	if len(rest) > 0 { // [eE][+-]?digits
		rest = rest[1:]
		expNeg := rest[0] == '-'
		if rest[0] == '+' || rest[0] == '-' {
			rest = rest[1:]
		}
		for _, c := range rest {
			if exp < 1e6 { // far beyond any int64; stops overflow
				exp = exp*10 + int(c-'0')
			}
		}
		if expNeg {
			exp = -exp
		}
	}
	// The value is digits(intPart ++ frac) × 10^(exp - len(frac)). Drop
	// trailing zeros into the exponent and leading zeros entirely.
	digit := func(k int) byte {
		if k < len(intPart) {
			return intPart[k]
		}
		return frac[k-len(intPart)]
	}
	lo, hi := 0, len(intPart)+len(frac)
	for lo < hi && digit(lo) == '0' {
		lo++
	}
	exp -= len(frac)
	for hi > lo && digit(hi-1) == '0' {
		hi--
		exp++
	}
	if lo == hi {
		return 0, true
	}
	if exp < 0 {
		return 0, false
	}
	if hi-lo+exp > 18 {
		if neg {
			return math.MinInt64, true
		}
		return math.MaxInt64, true
	}
	for k := lo; k < hi; k++ {
		v = v*10 + int64(digit(k)-'0')
	}
	for ; exp > 0; exp-- {
		v *= 10
	}
	if neg {
		v = -v
	}
	return v, true
}
