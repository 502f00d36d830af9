package rules

import (
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/convqa/convqa/internal/acmatch"
	"github.com/convqa/convqa/internal/textnorm"
)

// automaton holds every keyword of the set, and the built-in lists its
// rules use, in one Aho-Corasick automaton over normalized text: an
// utterance is scanned once for all rules. A keyword list is a list id;
// each distinct normalized phrase is one pattern, which may belong to
// several lists.
type automaton struct {
	norm  *textnorm.Normalizer
	pats  []pattern
	index map[string]int32 // normalized phrase → pattern
	lists []wordList
	named map[string]int32 // built-in lists, registered on first use
	trie  *acmatch.Matcher
	words int // bitset words per utterance: one bit per list
}

type pattern struct {
	text string
	// wordStart and wordEnd: the phrase starts (ends) with a letter or
	// digit of an alphabetic script, so the text must not continue the
	// word there: "no" does not match inside "know". Chinese matches
	// anywhere.
	wordStart, wordEnd bool
	uses               []use
	lists              []int32 // the distinct lists of uses
	// anyLists are the lists that take the pattern anywhere, word
	// boundaries or not: the literals regular expressions need.
	anyLists []int32
}

// use says that a pattern is keyword idx of list.
type use struct{ list, idx int32 }

type wordList struct {
	n int // keywords, as written (apostrophe variants share an index)
}

func newAutomaton(n *textnorm.Normalizer) *automaton {
	return &automaton{norm: n, index: map[string]int32{}, named: map[string]int32{}}
}

// normalize returns a keyword as it is matched: normalized like text,
// trimmed.
func (a *automaton) normalize(s string) string {
	return strings.TrimSpace(a.norm.Normalize(strings.TrimSpace(s)).Norm)
}

// addList registers words as a new list and returns its id. Words must
// not be empty once normalized (the loader checks).
func (a *automaton) addList(words []string) int32 {
	id := int32(len(a.lists))
	a.lists = append(a.lists, wordList{n: len(words)})
	for i, w := range words {
		nw := a.normalize(w)
		if nw == "" {
			continue
		}
		a.addUse(nw, id, int32(i), false)
		// Typed and typeset apostrophes are one letter to a reader.
		if strings.Contains(nw, "'") {
			a.addUse(strings.ReplaceAll(nw, "'", "’"), id, int32(i), false)
		} else if strings.Contains(nw, "’") {
			a.addUse(strings.ReplaceAll(nw, "’", "'"), id, int32(i), false)
		}
	}
	return id
}

// addLiterals registers, as a new list, strings already in normalized
// form that count anywhere, inside words too: the literals one of which
// every match of a regular expression contains. The list is only ever
// tested as a whole (has), to skip the expression where none occurs.
func (a *automaton) addLiterals(lits []string) int32 {
	id := int32(len(a.lists))
	a.lists = append(a.lists, wordList{n: len(lits)})
	for i, l := range lits {
		a.addUse(l, id, int32(i), true)
	}
	return id
}

// builtin registers a built-in list once, under name.
func (a *automaton) builtin(name string, words func() []string) int32 {
	if id, ok := a.named[name]; ok {
		return id
	}
	id := a.addList(words())
	a.named[name] = id
	return id
}

func (a *automaton) addUse(text string, list, idx int32, anywhere bool) {
	p, ok := a.index[text]
	if !ok {
		p = int32(len(a.pats))
		a.index[text] = p
		first, _ := utf8.DecodeRuneInString(text)
		last, _ := utf8.DecodeLastRuneInString(text)
		a.pats = append(a.pats, pattern{text: text, wordStart: isWordRune(first), wordEnd: isWordRune(last)})
	}
	pt := &a.pats[p]
	pt.uses = append(pt.uses, use{list: list, idx: idx})
	if !slices.Contains(pt.lists, list) {
		pt.lists = append(pt.lists, list)
	}
	if anywhere && !slices.Contains(pt.anyLists, list) {
		pt.anyLists = append(pt.anyLists, list)
	}
}

// build compiles the automaton; call it once every list is added.
func (a *automaton) build() error {
	a.words = (len(a.lists) + 63) / 64
	if len(a.pats) == 0 {
		return nil
	}
	texts := make([]string, len(a.pats))
	for i, p := range a.pats {
		texts[i] = p.text // pattern ids are indexes into a.pats
	}
	m, err := acmatch.New(texts)
	if err != nil {
		return fmt.Errorf("compile %d keywords: %w", len(texts), err)
	}
	a.trie = m
	return nil
}

// occ is one occurrence of a pattern in a normalized utterance: byte
// offsets of Norm.
type occ struct {
	pat        int32
	start, end int32
	// bounded: the occurrence stands on word boundaries where its
	// pattern needs them, so keyword lists count it; otherwise only the
	// lists of regex literals do.
	bounded bool
}

// scan appends the occurrences of every pattern in norm (a Norm) to
// occs, in order of their end (longest first at the same end), and sets
// the bit of each list that occurs.
func (a *automaton) scan(norm string, occs []occ, bits []uint64) []occ {
	if a.trie == nil || norm == "" {
		return occs
	}
	a.trie.Walk(norm, func(pat, st, en int) {
		p := &a.pats[pat]
		lists := p.lists
		bounded := !(p.wordStart && !boundaryBefore(norm, st) || p.wordEnd && !boundaryAfter(norm, en))
		if !bounded {
			if len(p.anyLists) == 0 {
				return
			}
			lists = p.anyLists
		}
		occs = append(occs, occ{pat: int32(pat), start: int32(st), end: int32(en), bounded: bounded})
		for _, l := range lists {
			bits[l>>6] |= 1 << (l & 63)
		}
	})
	return occs
}

// mayHoldPII reports whether a normalized text can hold personal data the
// finder would find: every phone, ID and card number has seven digits or
// more (full-width digits are ASCII in Norm), every e-mail address an @.
func mayHoldPII(norm string) bool {
	digits := 0
	for i := 0; i < len(norm); i++ {
		c := norm[i]
		if c-'0' < 10 {
			if digits++; digits >= 7 {
				return true
			}
		} else if c == '@' {
			return true
		}
	}
	return false
}

// isWordRune reports whether r is a letter or digit of an alphabetic
// script, whose words are delimited by spaces and punctuation.
func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9'
	}
	return unicode.IsLetter(r) && (unicode.Is(unicode.Latin, r) || unicode.Is(unicode.Greek, r) || unicode.Is(unicode.Cyrillic, r))
}

func isApostrophe(r rune) bool { return r == '\'' || r == '’' }

// boundaryBefore reports whether a word may start at b[i]: the text
// before is not a letter or digit, nor an apostrophe inside a word (the
// "t" of "can't").
func boundaryBefore(b string, i int) bool {
	if i == 0 {
		return true
	}
	r, size := utf8.DecodeLastRuneInString(b[:i])
	if isWordRune(r) {
		return false
	}
	if isApostrophe(r) {
		p, _ := utf8.DecodeLastRuneInString(b[:i-size])
		return !isWordRune(p)
	}
	return true
}

// boundaryAfter reports whether a word may end at b[i]: the text after is
// not a letter or digit, nor an apostrophe that goes on with letters (the
// "can" of "can't").
func boundaryAfter(b string, i int) bool {
	if i >= len(b) {
		return true
	}
	r, size := utf8.DecodeRuneInString(b[i:])
	if isWordRune(r) {
		return false
	}
	if isApostrophe(r) {
		n, _ := utf8.DecodeRuneInString(b[i+size:])
		return !isWordRune(n)
	}
	return true
}

// has reports whether list l occurs, from an utterance's bits.
func has(bits []uint64, l int32) bool {
	return l >= 0 && bits[l>>6]&(1<<(l&63)) != 0
}
