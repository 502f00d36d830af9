// Package pii finds personal data in customer-service text — phone numbers,
// resident ID numbers, bank card numbers and e-mail addresses — in Simplified
// and Traditional Chinese and English, full-width digits included, and
// redacts it with typed placeholders.
//
// Ingest redacts before anything is stored; the compliance detectors use the
// same finder, so "the agent read back a card number" and "a card number was
// redacted" always agree.
package pii

import (
	"fmt"
	"sort"
	"strings"
)

// Type is a kind of personal data.
type Type uint8

// The types the finder knows, in the order their counts are reported.
const (
	Phone Type = iota
	IDNumber
	BankCard
	Email
	numTypes
)

// Types lists every type, in report order.
var Types = [numTypes]Type{Phone, IDNumber, BankCard, Email}

var typeNames = [numTypes]string{"phone", "id_number", "bank_card", "email"}
var placeholders = [numTypes]string{"[PHONE]", "[ID]", "[CARD]", "[EMAIL]"}

// String is the type's stable name, used in config, metrics and storage.
func (t Type) String() string {
	if t < numTypes {
		return typeNames[t]
	}
	return fmt.Sprintf("pii.Type(%d)", uint8(t))
}

// Placeholder is what replaces a redacted value of this type in stored text.
func (t Type) Placeholder() string { return placeholders[t] }

// ParseType maps a stable name back to its Type.
func ParseType(name string) (Type, error) {
	for i, n := range typeNames {
		if n == name {
			return Type(i), nil
		}
	}
	return 0, fmt.Errorf("unknown PII type %q (allowed: %s)", name, strings.Join(typeNames[:], ", "))
}

// Match is one piece of personal data: its type and its byte span in the
// text it was found in.
type Match struct {
	Type       Type
	Start, End int
}

// Counts holds how many values of each type were found, indexed by Type.
type Counts [numTypes]uint16

// Total is the number of values of all types.
func (c Counts) Total() int {
	n := 0
	for _, v := range c {
		n += int(v)
	}
	return n
}

// Finder finds the enabled types of personal data. It holds no mutable
// state and is safe for concurrent use.
type Finder struct {
	enabled [numTypes]bool
}

// NewFinder returns a finder for the named types; no names means all types.
func NewFinder(types ...string) (*Finder, error) {
	f := &Finder{}
	if len(types) == 0 {
		for i := range f.enabled {
			f.enabled[i] = true
		}
		return f, nil
	}
	for _, name := range types {
		t, err := ParseType(name)
		if err != nil {
			return nil, err
		}
		f.enabled[t] = true
	}
	return f, nil
}

// Find returns the personal data in text, ordered by position and never
// overlapping.
func (f *Finder) Find(text string) []Match {
	var ms []Match
	if f.enabled[Phone] || f.enabled[IDNumber] || f.enabled[BankCard] {
		ms = f.findNumbers(text, ms)
	}
	if f.enabled[Email] && strings.ContainsAny(text, "@＠") {
		ms = findEmails(text, ms)
	}
	sort.Slice(ms, func(i, j int) bool { return ms[i].Start < ms[j].Start })
	// A number inside an e-mail address ("13812345678@qq.com") is part of
	// the address: keep the longer, earlier match.
	out := ms[:0]
	for _, m := range ms {
		if n := len(out); n > 0 && m.Start < out[n-1].End {
			if m.End-m.Start > out[n-1].End-out[n-1].Start {
				out[n-1] = m
			}
			continue
		}
		out = append(out, m)
	}
	return out
}

// Redact returns text with every match replaced by its type's placeholder,
// and the count per type.
func (f *Finder) Redact(text string) (string, Counts) {
	var c Counts
	ms := f.Find(text)
	if len(ms) == 0 {
		return text, c
	}
	var b strings.Builder
	b.Grow(len(text))
	last := 0
	for _, m := range ms {
		b.WriteString(text[last:m.Start])
		b.WriteString(m.Type.Placeholder())
		last = m.End
		c[m.Type]++
	}
	b.WriteString(text[last:])
	return b.String(), c
}
