// Package eval measures how well the pii finder redacts: it runs the finder
// over text whose personal data and look-alikes are known — conversations
// from the synthetic generator, and hand-written hard cases — and compares
// what it finds with the truth span by span.
package eval

import (
	"sort"
	"unicode/utf8"

	"github.com/convqa/convqa/internal/pii"
)

// Span is a labelled stretch of one text, in rune offsets (end exclusive),
// the unit the generator's ground truth uses.
type Span struct {
	Type       string
	Start, End int
}

func (s Span) overlaps(o Span) bool { return s.Start < o.End && o.Start < s.End }

// Case is one text with everything known about it: the personal data it
// holds (Truth) and the values that only look like personal data
// (Lookalikes). Truth types are the generator's names (phone, cn_id, …);
// look-alike types are free-form kinds (order_number, price, …).
type Case struct {
	Text       string
	Truth      []Span
	Lookalikes []Span
}

// truthTypes maps the generator's PII names to the finder type that must
// redact them. A Taiwan ID is an identity number like a mainland one, so it
// is redacted, and scored, as id_number.
var truthTypes = map[string]pii.Type{
	"phone":     pii.Phone,
	"email":     pii.Email,
	"bank_card": pii.BankCard,
	"cn_id":     pii.IDNumber,
	"tw_id":     pii.IDNumber,
	// The hard cases name the finder's own types.
	"id_number": pii.IDNumber,
}

// InScope reports whether the finder is meant to redact truth type name,
// and as which type.
func InScope(name string) (pii.Type, bool) {
	t, ok := truthTypes[name]
	return t, ok
}

// TypeScore is the agreement of one finder type with the truth.
type TypeScore struct {
	// TP counts predicted spans that overlap a truth span of the same
	// type; FP the other predicted spans.
	TP, FP int
	// Support counts truth spans; Found those overlapped by a prediction
	// of the same type; Exact those predicted with exactly their span.
	Support, Found, Exact int
	// FPOn counts false positives by what they overlap: a look-alike kind,
	// another truth type, or "" for unlabelled text.
	FPOn map[string]int
	// Examples keeps a few misses and false alarms for the report.
	Examples []Example
}

// Precision is TP / (TP + FP); 1 when nothing was predicted.
func (s TypeScore) Precision() float64 {
	if s.TP+s.FP == 0 {
		return 1
	}
	return float64(s.TP) / float64(s.TP+s.FP)
}

// Recall is Found / Support; 1 when there was nothing to find.
func (s TypeScore) Recall() float64 {
	if s.Support == 0 {
		return 1
	}
	return float64(s.Found) / float64(s.Support)
}

// FN is the number of truth spans not found.
func (s TypeScore) FN() int { return s.Support - s.Found }

// Example is one error: a truth span missed (Kind "FN") or a prediction
// with no truth behind it (Kind "FP"), and the text it happened in.
type Example struct {
	Kind, Span, Text string
}

// Result accumulates the scores of many cases.
type Result struct {
	Texts int
	Types [len(pii.Types)]TypeScore
	// BySource breaks recall down by truth type name (cn_id, tw_id, …):
	// [0] support, [1] found.
	BySource map[string][2]int
	// OutOfScope counts truth spans of types the finder does not redact
	// (address, person_name) by type: [0] support, [1] overlapped by some
	// prediction anyway.
	OutOfScope map[string][2]int
	// Lookalikes counts look-alikes by kind: [0] seen, [1] wrongly
	// redacted (overlapped by any prediction).
	Lookalikes map[string][2]int
	// MaxExamples caps Examples per type; 0 keeps none.
	MaxExamples int
}

// NewResult returns an empty result that keeps up to maxExamples errors per
// type.
func NewResult(maxExamples int) *Result {
	r := &Result{BySource: map[string][2]int{}, OutOfScope: map[string][2]int{}, Lookalikes: map[string][2]int{}, MaxExamples: maxExamples}
	for i := range r.Types {
		r.Types[i].FPOn = map[string]int{}
	}
	return r
}

// Add runs f over c and adds the agreement to r.
func (r *Result) Add(f *pii.Finder, c Case) {
	r.Texts++
	pred := runeSpans(c.Text, f.Find(c.Text))
	for _, p := range pred {
		t, _ := pii.ParseType(p.Type)
		s := &r.Types[t]
		hit, on := false, ""
		for _, tr := range c.Truth {
			if !p.overlaps(tr) {
				continue
			}
			if tt, ok := truthTypes[tr.Type]; ok && tt == t {
				hit = true
				break
			}
			on = tr.Type
		}
		if hit {
			s.TP++
			continue
		}
		s.FP++
		if on == "" {
			for _, l := range c.Lookalikes {
				if p.overlaps(l) {
					on = l.Type
					break
				}
			}
		}
		s.FPOn[on]++
		r.example(s, "FP", c.Text, p)
	}
	for _, tr := range c.Truth {
		t, ok := truthTypes[tr.Type]
		if !ok {
			n := r.OutOfScope[tr.Type]
			n[0]++
			if overlapsAny(tr, pred) {
				n[1]++
			}
			r.OutOfScope[tr.Type] = n
			continue
		}
		s := &r.Types[t]
		s.Support++
		bs := r.BySource[tr.Type]
		bs[0]++
		found, exact := false, false
		for _, p := range pred {
			if p.Type == t.String() && p.overlaps(tr) {
				found = true
				exact = exact || p.Start == tr.Start && p.End == tr.End
			}
		}
		if found {
			s.Found++
			bs[1]++
		} else {
			r.example(s, "FN", c.Text, tr)
		}
		if exact {
			s.Exact++
		}
		r.BySource[tr.Type] = bs
	}
	for _, l := range c.Lookalikes {
		n := r.Lookalikes[l.Type]
		n[0]++
		if overlapsAny(l, pred) {
			n[1]++
		}
		r.Lookalikes[l.Type] = n
	}
}

func (r *Result) example(s *TypeScore, kind, text string, sp Span) {
	if len(s.Examples) >= r.MaxExamples {
		return
	}
	rs := []rune(text)
	s.Examples = append(s.Examples, Example{Kind: kind, Span: sp.Type + ":" + string(rs[sp.Start:sp.End]), Text: text})
}

func overlapsAny(s Span, ps []Span) bool {
	for _, p := range ps {
		if p.overlaps(s) {
			return true
		}
	}
	return false
}

// runeSpans turns the finder's byte spans into rune spans.
func runeSpans(text string, ms []pii.Match) []Span {
	out := make([]Span, 0, len(ms))
	runes, at := 0, 0
	for _, m := range ms {
		runes += utf8.RuneCountInString(text[at:m.Start])
		start := runes
		runes += utf8.RuneCountInString(text[m.Start:m.End])
		at = m.End
		out = append(out, Span{Type: m.Type.String(), Start: start, End: runes})
	}
	return out
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
