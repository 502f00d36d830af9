// Package pii finds personal data in customer-service text — phone numbers,
// resident ID numbers (mainland and Taiwan), bank card numbers and e-mail
// addresses — in Simplified and Traditional Chinese and English, full-width
// digits included, and redacts it with typed placeholders.
//
// Digits alone decide where they can: checksums (Luhn, GB 11643, the Taiwan
// ID's), numbering plans and the way each kind of number is written. Where
// they cannot — a twelve-digit "0939-6704-3818" is a landline or a parcel —
// the word just before the number decides ("物流單號", "手機", "card").
// internal/pii/eval measures how well this works.
//
// Ingest redacts before anything is stored; the compliance detectors use the
// same finder, so "the agent read back a card number" and "a card number was
// redacted" always agree.
package pii

import (
	"fmt"
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

// Add adds o's counts to c.
func (c *Counts) Add(o Counts) {
	for i, v := range o {
		c[i] += v
	}
}

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
	return f.AppendFind(nil, text)
}

// AppendFind appends the personal data in text to dst, as Find returns it,
// so that a caller redacting many texts can reuse one slice.
func (f *Finder) AppendFind(dst []Match, text string) []Match {
	ms := dst
	// E-mail addresses first: a number inside one ("13812345678@qq.com")
	// is part of the address, so the number scan steps over them.
	if f.enabled[Email] && hasAt(text) {
		ms = findEmails(text, ms)
	}
	if f.enabled[Phone] || f.enabled[IDNumber] || f.enabled[BankCard] {
		emails := len(ms) - len(dst)
		ms = f.findNumbers(text, ms, len(dst))
		if emails > 0 && len(ms) > len(dst)+emails {
			mergeSorted(ms[len(dst):], emails)
		}
	}
	return ms
}

// mergeSorted sorts ms by position, given that ms[:k] and ms[k:] each are
// sorted and no two matches overlap. There are only ever a few, so an
// insertion sort does, without the allocations of sort.Slice.
func mergeSorted(ms []Match, k int) {
	for i := k; i < len(ms); i++ {
		for j := i; j > 0 && ms[j].Start < ms[j-1].Start; j-- {
			ms[j], ms[j-1] = ms[j-1], ms[j]
		}
	}
}

// Redact returns text with every match replaced by its type's placeholder,
// and the count per type.
func (f *Finder) Redact(text string) (string, Counts) {
	var c Counts
	var buf [8]Match // most texts hold a few values at most: no allocation
	ms := f.AppendFind(buf[:0], text)
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
