package textnorm

import (
	"embed"
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"
)

// The OpenCC dictionaries are embedded as their plain-text sources rather than
// through a Go port of OpenCC: every port on the module proxy stores them in
// github.com/liuzl/cedar-go, which is GPL-2.0 and so cannot ship in convqa.
// opencc/README.md records where the files come from; NOTICE names the licence.
//
//go:embed opencc/*.txt
var openccFS embed.FS

// maxPhraseRunes bounds the look-ahead of phrase matching; OpenCC's longest
// t2s phrase has 14 characters.
const maxPhraseRunes = 32

// dict is one OpenCC dictionary: key → candidates, the first being OpenCC's
// default choice.
type dict map[string][]string

func loadDict(name string) (dict, error) {
	data, err := openccFS.ReadFile("opencc/" + name)
	if err != nil {
		return nil, fmt.Errorf("read OpenCC dictionary %s: %w", name, err)
	}
	d := make(dict)
	for i, line := range strings.Split(string(data), "\n") {
		if line == "" {
			continue
		}
		k, v, ok := strings.Cut(line, "\t")
		vals := strings.Fields(v)
		if !ok || k == "" || len(vals) == 0 || !utf8.ValidString(line) {
			return nil, fmt.Errorf("read OpenCC dictionary %s line %d: want key<TAB>values", name, i+1)
		}
		d[k] = vals
	}
	return d, nil
}

// charMap is a character dictionary reduced to rune → candidates, keeping only
// entries whose key and candidates are single characters (all of OpenCC's are).
type charMap map[rune][]rune

func (d dict) chars() charMap {
	m := make(charMap, len(d))
	for k, vals := range d {
		kr, ok := onlyRune(k)
		if !ok {
			continue
		}
		var cands []rune
		for _, v := range vals {
			if vr, ok := onlyRune(v); ok {
				cands = append(cands, vr)
			}
		}
		if len(cands) > 0 {
			m[kr] = cands
		}
	}
	return m
}

// first returns OpenCC's default conversion of r, or r when it has none.
func (m charMap) first(r rune) rune {
	if c, ok := m[r]; ok {
		return c[0]
	}
	return r
}

// changes reports whether r never survives conversion: it is a key and not
// among its own candidates. That makes r evidence for the source script
// (e.g. 們 for Traditional, 们 for Simplified); 乾 → 干/乾 is not.
func (m charMap) changes(r rune) bool {
	c, ok := m[r]
	if !ok {
		return false
	}
	for _, x := range c {
		if x == r {
			return false
		}
	}
	return true
}

func onlyRune(s string) (rune, bool) {
	r, size := utf8.DecodeRuneInString(s)
	return r, size > 0 && size == len(s) && r != utf8.RuneError
}

// phrase is one phrase conversion: key characters as typed, out the
// Simplified characters, one for one.
type phrase struct {
	key, out []rune
}

// phraseIndex maps a phrase's first character to its phrases, longest first,
// which gives OpenCC's maximum forward matching.
type phraseIndex map[rune][]phrase

func (x phraseIndex) add(key, out []rune) {
	if len(key) < 2 || len(key) != len(out) || len(key) > maxPhraseRunes {
		// Phrases that change the character count would break the
		// one-to-one offset map; OpenCC's t2s and variant phrases have none.
		return
	}
	for _, p := range x[key[0]] {
		if string(p.key) == string(key) {
			return // the first source added wins
		}
	}
	x[key[0]] = append(x[key[0]], phrase{key: key, out: out})
}

// pairSet is a Bloom filter over the first two characters of every phrase,
// so that the common characters phrases start with (一, 不, 上…) cost one
// bit test instead of a map lookup.
type pairSet [1 << 10]uint64

func pairHash(a, b rune) uint32 { return (uint32(a)*31 + uint32(b)) * 0x9E3779B1 >> 16 }

func (ps *pairSet) add(a, b rune) { h := pairHash(a, b); ps[h>>6] |= 1 << (h & 63) }

func (ps *pairSet) has(a, b rune) bool { h := pairHash(a, b); return ps[h>>6]&(1<<(h&63)) != 0 }

func (x phraseIndex) sort() {
	for _, ps := range x {
		sort.SliceStable(ps, func(i, j int) bool { return len(ps[i].key) > len(ps[j].key) })
	}
}

// convertTS converts Traditional text with TSPhrases then TSCharacters, by
// maximum forward matching as OpenCC does. It is only used while building the
// tables, to find what a variant phrase finally becomes in Simplified.
func convertTS(in []rune, phrases phraseIndex, chars charMap) []rune {
	out := make([]rune, 0, len(in))
	for i := 0; i < len(in); {
		matched := false
		for _, p := range phrases[in[i]] {
			if i+len(p.key) <= len(in) && string(in[i:i+len(p.key)]) == string(p.key) {
				out = append(out, p.out...)
				i += len(p.key)
				matched = true
				break
			}
		}
		if !matched {
			out = append(out, chars.first(in[i]))
			i++
		}
	}
	return out
}

// mapRunes applies a character dictionary to each rune of s.
func mapRunes(s []rune, m charMap) []rune {
	out := make([]rune, len(s))
	for i, r := range s {
		out[i] = m.first(r)
	}
	return out
}
