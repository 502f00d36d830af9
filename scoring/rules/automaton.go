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
// rules use, in Aho-Corasick automata over normalized text: an utterance
// is scanned once for all rules. A keyword list is a list id; each
// distinct normalized phrase is one pattern, which may belong to several
// lists.
//
// Each speaker has an automaton of its own, of the patterns whose lists
// some rule reads in that speaker's turns: most lists serve agent turns
// only, and a customer turn scanned for fewer patterns costs less.
type automaton struct {
	norm     *textnorm.Normalizer
	pats     []pattern
	index    map[string]int32 // normalized phrase → pattern
	lists    []wordList
	named    map[string]int32 // built-in lists, registered on first use
	scanners [speakers]*scanner
	words    int // bitset words per utterance: one bit per list
}

// scanner is the automaton of one speaker's patterns.
type scanner struct {
	trie *acmatch.Matcher // nil: no pattern
	pats []int32          // the trie's patterns, as indexes into automaton.pats
	// What a scan needs of each of the trie's patterns, packed small
	// (the patterns themselves fit in cache less well): the lists it
	// belongs to are marks[from:to], those that take it anywhere, word
	// boundaries or not, first, up to anyTo.
	info  []scanPat
	marks []int32
}

type scanPat struct {
	from, anyTo, to    int32
	wordStart, wordEnd bool
	// keep and keepAny: an occurrence, bounded (keep) or not, is
	// recorded in occs, not only in the list bits, because a list it
	// marks is read occurrence by occurrence. Most regex literals only
	// ever decide whether an expression runs at all.
	keep, keepAny bool
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
	// literal: regex literals (addLiterals), lits, read occurrence by
	// occurrence only where occs says so.
	literal bool
	lits    []string
	occs    bool // some rule reads the list's occurrences, not only its bit
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
	a.lists = append(a.lists, wordList{n: len(lits), literal: true, lits: lits})
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

// build compiles the automata; call it once every list is added, with
// every leaf of the set.
func (a *automaton) build(leaves []*leaf) error {
	a.words = (len(a.lists) + 63) / 64
	readBy := make([]uint8, len(a.lists)) // speakers whose turns each list is read in
	for _, l := range leaves {
		l.markLists(readBy)
		if l.re != nil {
			// A matching regex looks for its branches' lead strings in
			// occs (firstAnchored); its other literals, and an exclude
			// regex's, only decide by the list bits whether it runs.
			for _, al := range l.re.alts {
				if al.lead >= 0 {
					a.lists[al.lead].occs = true
				}
			}
		}
	}
	readOcc := func(l int32) bool { return !a.lists[l].literal || a.lists[l].occs }
	var scanners []*scanner
	for k := range a.scanners {
		var ids []int32
		for i := range a.pats {
			if slices.ContainsFunc(a.pats[i].lists, func(l int32) bool { return readBy[l]&(1<<k) != 0 }) {
				ids = append(ids, int32(i))
			}
		}
		// Speakers read for nearly the same patterns (agent and bot)
		// share an automaton of them all: one stays in cache where two
		// would compete. A pattern read in no turn of a speaker costs
		// that speaker's turns time, never a different verdict.
		for _, sc := range scanners {
			if u := union(sc.pats, ids); len(ids) > 0 && 10*len(u) <= 11*min(len(sc.pats), len(ids)) {
				sc.pats = u
				a.scanners[k] = sc
				break
			}
		}
		if a.scanners[k] == nil {
			a.scanners[k] = &scanner{pats: ids}
			scanners = append(scanners, a.scanners[k])
		}
	}
	for _, sc := range scanners {
		if len(sc.pats) == 0 {
			continue
		}
		texts := make([]string, len(sc.pats))
		sc.info = make([]scanPat, len(sc.pats))
		for i, id := range sc.pats {
			p := &a.pats[id]
			texts[i] = p.text
			in := scanPat{from: int32(len(sc.marks)), wordStart: p.wordStart, wordEnd: p.wordEnd}
			sc.marks = append(sc.marks, p.anyLists...)
			in.anyTo = int32(len(sc.marks))
			for _, l := range p.lists {
				if !slices.Contains(p.anyLists, l) {
					sc.marks = append(sc.marks, l)
				}
			}
			in.to = int32(len(sc.marks))
			in.keep = slices.ContainsFunc(p.lists, readOcc)
			in.keepAny = slices.ContainsFunc(p.anyLists, readOcc)
			sc.info[i] = in
		}
		m, err := acmatch.New(texts)
		if err != nil {
			return fmt.Errorf("compile %d keywords: %w", len(texts), err)
		}
		sc.trie = m
	}
	return nil
}

// union merges two sorted sets of pattern ids.
func union(a, b []int32) []int32 {
	out := make([]int32, 0, max(len(a), len(b)))
	for len(a) > 0 && len(b) > 0 {
		switch {
		case a[0] < b[0]:
			out, a = append(out, a[0]), a[1:]
		case b[0] < a[0]:
			out, b = append(out, b[0]), b[1:]
		default:
			out, a, b = append(out, a[0]), a[1:], b[1:]
		}
	}
	return append(append(out, a...), b...)
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

// scan sets the bit of each list that occurs in norm (a Norm), a turn of
// speaker (a speaker bit), and appends to occs, in order of their end
// (longest first at the same end), the occurrences that some list read
// occurrence by occurrence counts (scanPat.keep): a quarter of them only
// ever set bits.
func (a *automaton) scan(norm string, speaker uint8, occs []occ, bits []uint64) []occ {
	sc := a.scanners[speakerIndex(speaker)]
	if sc == nil || sc.trie == nil || norm == "" {
		return occs
	}
	sc.trie.Walk(norm, func(local, st, en int) {
		p := &sc.info[local]
		to, keep := p.to, p.keep
		bounded := !(p.wordStart && !boundaryBefore(norm, st) || p.wordEnd && !boundaryAfter(norm, en))
		if !bounded {
			if p.anyTo == p.from {
				return
			}
			to, keep = p.anyTo, p.keepAny
		}
		if keep {
			occs = append(occs, occ{pat: sc.pats[local], start: int32(st), end: int32(en), bounded: bounded})
		}
		for _, l := range sc.marks[p.from:to] {
			bits[l>>6] |= 1 << (l & 63)
		}
	})
	return occs
}

// mayHoldPII reports whether a normalized text can hold personal data the
// finder would find: every phone, ID and card number has seven digits or
// more (full-width digits are ASCII in Norm), every e-mail address an @.
func mayHoldPII(norm string) bool {
	if strings.IndexByte(norm, '@') >= 0 {
		return true
	}
	// Counted without a branch per byte: digits and other text mix
	// unpredictably.
	digits := 0
	for i := 0; i < len(norm); i++ {
		digits += int(digitByte[norm[i]])
	}
	return digits >= 7
}

// digitByte is 1 for the ASCII digits.
var digitByte = [256]uint8{'0': 1, '1': 1, '2': 1, '3': 1, '4': 1, '5': 1, '6': 1, '7': 1, '8': 1, '9': 1}

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

// inList reports whether pattern pat belongs to list.
func (a *automaton) inList(pat, list int32) bool {
	for _, l := range a.pats[pat].lists {
		if l == list {
			return true
		}
	}
	return false
}

// hasAll reports whether every list of ls occurs, from an utterance's bits.
func hasAll(bits []uint64, ls []int32) bool {
	for _, l := range ls {
		if !has(bits, l) {
			return false
		}
	}
	return true
}
