package transcript

import (
	"fmt"
	"strconv"
	"time"
	"unicode"
	"unicode/utf8"
)

// checkID checks an identifier. Ids end up in sorting keys, URLs, Grafana
// variables and Slack messages, where control characters and blank ids
// cause confusion that is hard to trace back to the producer.
func checkID(f field, s string, max int, off int64) *Error {
	if s == "" {
		return missing(f, off, "a non-empty string")
	}
	if len(s) > max {
		return tooLong(f, len(s), max, off)
	}
	blank := true
	for _, r := range s {
		if r < 0x20 || 0x7f <= r && r <= 0x9f {
			return newError(ClassBadID, f, off, "contains control character "+codePoint(r), allowedID)
		}
		if blank && !unicode.IsSpace(r) {
			blank = false
		}
	}
	if blank {
		return newError(ClassBadID, f, off, "is only whitespace", allowedID)
	}
	return nil
}

func checkLen(f field, s string, max int, off int64) *Error {
	if len(s) > max {
		return tooLong(f, len(s), max, off)
	}
	return nil
}

func checkMetadata(k, v string, lim Limits, keyOff, valOff int64) *Error {
	if len(k) > lim.MaxMetadataKeyBytes {
		return newError(ClassFieldTooLong, metaKey(k), keyOff,
			"key is "+strconv.Itoa(len(k))+" bytes",
			"keys of at most "+strconv.Itoa(lim.MaxMetadataKeyBytes)+" bytes of UTF-8")
	}
	return checkLen(metaKey(k), v, lim.MaxMetadataValueBytes, valOff)
}

func checkSeq(f field, v, off int64) *Error {
	switch {
	case v < 0:
		return newError(ClassBadSeq, f, off, "is negative: "+strconv.FormatInt(v, 10), allowedSeq)
	case v > MaxSeq:
		return newError(ClassBadSeq, f, off, "is too large", allowedSeq)
	}
	return nil
}

func checkOffset(f field, v, off int64) *Error {
	switch {
	case v < 0:
		return newError(ClassBadOffset, f, off, "is negative: "+strconv.FormatInt(v, 10), allowedOffset)
	case v > MaxOffsetMS:
		return newError(ClassBadOffset, f, off, "is too large", allowedOffset)
	}
	return nil
}

func checkCSAT(f field, v, off int64) *Error {
	if v < MinCSAT || v > MaxCSAT {
		msg := "is out of range"
		if v > -1000 && v < 1000 {
			msg += ": " + strconv.FormatInt(v, 10)
		}
		return newError(ClassOutOfRange, f, off, msg, allowedCSAT)
	}
	return nil
}

// seqSet finds duplicate seqs without allocating in the common case of
// utterances in increasing order; only out-of-order input builds a set.
type seqSet struct {
	n    int
	last int
	seen map[int]struct{}
}

// add records seq, given the utterances added before it, and reports
// whether it was already there.
func (s *seqSet) add(seq int, prev []Utterance) bool {
	if s.seen == nil {
		if s.n == 0 || seq > s.last {
			s.n++
			s.last = seq
			return false
		}
		s.seen = make(map[int]struct{}, 2*len(prev))
		for _, u := range prev {
			s.seen[u.Seq] = struct{}{}
		}
	}
	if _, dup := s.seen[seq]; dup {
		return true
	}
	s.seen[seq] = struct{}{}
	return false
}

func validUTF8(ss ...string) bool {
	for _, s := range ss {
		if !utf8.ValidString(s) {
			return false
		}
	}
	return true
}

// findBadUTF8 names the top-level string field that is not UTF-8.
func (m *Message) findBadUTF8() *Error {
	for _, f := range []struct{ name, v string }{
		{"conversation_id", m.ConversationID}, {"tenant", m.Tenant},
		{"queue", m.Queue}, {"disposition", m.Disposition},
	} {
		if !utf8.ValidString(f.v) {
			return invalidUTF8(top(f.name))
		}
	}
	return nil
}

func timeInRange(t time.Time) bool {
	// encoding/json cannot marshal other years, and Decode normalises to
	// UTC, so both the local and the UTC year must fit.
	y, uy := t.Year(), t.UTC().Year()
	return y >= 0 && y <= 9999 && uy >= 0 && uy <= 9999
}

// missing reports a required field that is absent, null or empty: to
// storage and scoring all three mean the same.
func missing(f field, off int64, allowed string) *Error {
	return newError(ClassMissingField, f, off, "required field is missing, null or empty", allowed)
}

func tooLong(f field, n, max int, off int64) *Error {
	return newError(ClassFieldTooLong, f, off, "is "+strconv.Itoa(n)+" bytes",
		"at most "+strconv.Itoa(max)+" bytes of UTF-8")
}

func tooMany(f field, max int, what string, off int64) *Error {
	return newError(ClassFieldTooLong, f, off, "has more than "+strconv.Itoa(max)+" "+what,
		"at most "+strconv.Itoa(max)+" "+what)
}

func dupSeq(f field, seq int, off int64) *Error {
	return newError(ClassDuplicateSeq, f, off, "is "+strconv.Itoa(seq)+", the seq of an earlier utterance", allowedSeq)
}

func unknownSchema(v string, off int64) *Error {
	return newError(ClassUnknownSchema, top("schema"), off, "unknown schema "+quoteValue(v), allowedSchema)
}

func unknownEnum(c Class, f field, v string, off int64, what, allowed string) *Error {
	return newError(c, f, off, "unknown "+what+" "+quoteValue(v), allowed)
}

func badTime(f field, msg string, off int64) *Error {
	return newError(ClassBadTimestamp, f, off, msg, allowedTime)
}

func invalidUTF8(f field) *Error {
	return newError(ClassInvalidUTF8, f, -1, "is not valid UTF-8", "UTF-8 text")
}

func codePoint(r rune) string { return fmt.Sprintf("U+%04X", r) }
