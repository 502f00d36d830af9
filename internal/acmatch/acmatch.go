// Package acmatch finds every occurrence of many strings in a text in one
// pass: an Aho-Corasick automaton over characters, its trie stored as a
// double array.
//
// It serves keyword scanning, where the same few thousand phrases are
// looked for in millions of short texts, mostly Chinese. An automaton
// over bytes needs three steps per Chinese character and, to be fast, a
// transition table of megabytes that falls out of cache between two short
// texts; over characters it takes one step per character, and its arrays,
// a few hundred kilobytes, stay in cache. Building takes milliseconds, a
// scan allocates nothing.
//
// Why not a library: the Go Aho-Corasick packages measured against it on
// the shipped lexicon (peer_test.go, one run) are slower — BobuSumisu's,
// which convqa used before, 279 MB/s against 501 and ~50 MB of tables for
// the rule pack; petar-dambovaliev's DFA 54 MB/s — and the scorer's goal
// is 20 MB/s of text per core for everything it does.
package acmatch

import (
	"fmt"
	"slices"
	"unicode/utf8"
)

// Matcher is a compiled set of patterns. It is immutable and safe for
// concurrent use.
type Matcher struct {
	// Characters become symbols, 1 and up; 0 is every character in no
	// pattern, which leads back to the root from every state. ascii and
	// the pages (for the rest of the BMP: page[r>>8] is an offset into
	// bmp, 0 the page of no symbols) hold the symbols; astral the rest.
	ascii  [utf8.RuneSelf]int32
	page   [256]int32
	bmp    []int32
	astral map[rune]int32
	// The trie as a double array: the child of state s on symbol c is
	// t = nodes[s].base + c when nodes[t].check == s. State 0 is the
	// root.
	nodes []node
	// root is the root's row in full: the child of the root on each
	// symbol, 0 where none. Most failures end at the root, which then
	// costs one load and no check.
	root []int32
	// patLen is each pattern's length in bytes.
	patLen []int32
	// outs lists, per state with occurrences, the patterns that end
	// there, longest first, each list closed by -1.
	outs []int32
}

// node is one slot of the double array, and the state placed there.
// The check of the slot and the base of its state share a cache line.
type node struct {
	check int32 // the parent of the state in this slot; -1 for a free slot
	base  int32
	fail  int32 // the state of the longest proper suffix that is a trie path
	// out is the first of the patterns that end here (longest first) in
	// outs, -1 if none.
	out int32
}

// New compiles patterns; an occurrence reports a pattern by its index.
// Patterns must be valid UTF-8 and not empty; a pattern given twice
// reports the first index only. On valid UTF-8 text Walk finds exactly
// the byte strings' occurrences.
func New(patterns []string) (*Matcher, error) {
	m := &Matcher{astral: map[rune]int32{}, patLen: make([]int32, len(patterns))}
	// Symbols, in order of first appearance.
	m.bmp = make([]int32, 256) // page 0: no symbols
	syms := int32(0)
	symOf := func(r rune) int32 {
		if s := m.sym(r); s != 0 {
			return s
		}
		syms++
		switch {
		case r < utf8.RuneSelf:
			m.ascii[r] = syms
		case r < 0x10000:
			p := r >> 8
			if m.page[p] == 0 {
				m.page[p] = int32(len(m.bmp))
				m.bmp = append(m.bmp, make([]int32, 256)...)
			}
			m.bmp[m.page[p]+r&0xFF] = syms
		default:
			m.astral[r] = syms
		}
		return syms
	}
	// The trie, as child lists.
	type tnode struct {
		kids []kid
		term int32
	}
	trie := []tnode{{term: -1}}
	for i, p := range patterns {
		if p == "" {
			return nil, fmt.Errorf("acmatch: pattern %d is empty", i)
		}
		if !utf8.ValidString(p) {
			return nil, fmt.Errorf("acmatch: pattern %d (%q) is not valid UTF-8", i, p)
		}
		m.patLen[i] = int32(len(p))
		n := int32(0)
		for _, r := range p {
			c := symOf(r)
			k, ok := slices.BinarySearchFunc(trie[n].kids, c, func(k kid, c int32) int { return int(k.sym - c) })
			if ok {
				n = trie[n].kids[k].to
				continue
			}
			next := int32(len(trie))
			trie = append(trie, tnode{term: -1})
			trie[n].kids = slices.Insert(trie[n].kids, k, kid{sym: c, to: next})
			n = next
		}
		if trie[n].term < 0 {
			trie[n].term = int32(i)
		}
	}
	// Place the states breadth first, each one's children where the
	// double array has room for all of them.
	kids := make([][]kid, len(trie))
	for i := range trie {
		kids[i] = trie[i].kids
	}
	slot := make([]int32, len(trie)) // trie node → state
	m.place(kids, slot, syms)
	term := make([]int32, len(m.nodes))
	for i := range term {
		term[i] = -1
	}
	for i := range trie {
		term[slot[i]] = trie[i].term
	}
	m.links(kids, slot, term)
	m.root = make([]int32, syms+1)
	for _, k := range kids[0] {
		m.root[k.sym] = slot[k.to]
	}
	return m, nil
}

type kid struct{ sym, to int32 }

// place lays the trie out in the double array: slot[n] is trie node n's
// state. Nodes are placed breadth first, so that the shallow states, where
// a scan spends most of its time, lie together.
func (m *Matcher) place(kids [][]kid, slot []int32, syms int32) {
	used := []bool{true} // the root's slot
	parent := []int32{-1}
	base := make([]int32, len(kids))
	free := 1 // no slot below is free
	queue := []int32{0}
	for q := 0; q < len(queue); q++ {
		n := queue[q]
		ks := kids[n]
		if len(ks) == 0 {
			continue
		}
		b := max(1, int32(free)-ks[0].sym)
	search:
		for ; ; b++ {
			for _, k := range ks {
				if t := int(b + k.sym); t < len(used) && used[t] {
					continue search
				}
			}
			break
		}
		base[n] = b
		for _, k := range ks {
			t := int(b + k.sym)
			for len(used) <= t {
				used = append(used, false)
				parent = append(parent, -1)
			}
			used[t], parent[t] = true, slot[n]
			slot[k.to] = int32(t)
			queue = append(queue, k.to)
		}
		for free < len(used) && used[free] {
			free++
		}
	}
	// Every t = base + symbol lands inside the arrays.
	size := len(used) + int(syms) + 1
	for _, b := range base {
		size = max(size, int(b+syms)+1)
	}
	m.nodes = make([]node, size)
	for t := range m.nodes {
		m.nodes[t].check, m.nodes[t].out = -1, -1
		if t > 0 && t < len(parent) && used[t] {
			m.nodes[t].check = parent[t] // the root (slot 0) is nobody's child
		}
	}
	for n, b := range base {
		m.nodes[slot[n]].base = b
	}
}

// links sets the failure links and the output lists, breadth first: a
// state's failure state is shallower, so its links are set before they
// are followed. term is the pattern that ends at each state (by slot).
func (m *Matcher) links(kids [][]kid, slot []int32, term []int32) {
	dict := make([]int32, len(m.nodes)) // the next state down the failure chain that ends a pattern
	queue := []int32{0}
	for q := 0; q < len(queue); q++ {
		n := queue[q]
		u := slot[n]
		for _, k := range kids[n] {
			v := slot[k.to]
			queue = append(queue, k.to)
			f := int32(0)
			if u != 0 {
				for f = m.nodes[u].fail; ; f = m.nodes[f].fail {
					if t := m.nodes[f].base + k.sym; m.nodes[t].check == f {
						f = t
						break
					}
					if f == 0 {
						break
					}
				}
			}
			m.nodes[v].fail = f
			if term[f] >= 0 {
				dict[v] = f
			} else {
				dict[v] = dict[f]
			}
		}
	}
	for _, n := range queue {
		s := slot[n]
		if term[s] < 0 && dict[s] == 0 {
			continue
		}
		m.nodes[s].out = int32(len(m.outs))
		if term[s] >= 0 {
			m.outs = append(m.outs, term[s])
		}
		for d := dict[s]; d != 0; d = dict[d] {
			m.outs = append(m.outs, term[d])
		}
		m.outs = append(m.outs, -1)
	}
}

// sym returns the symbol of r, 0 if no pattern holds it.
func (m *Matcher) sym(r rune) int32 {
	switch {
	case r < utf8.RuneSelf:
		return m.ascii[r]
	case r < 0x10000:
		return m.bmp[m.page[r>>8]+r&0xFF]
	}
	return m.astral[r]
}

// Walk calls fn for every occurrence of every pattern in text, in order
// of their end; of the occurrences that end at the same byte, the
// longest comes first. start and end are byte offsets, end exclusive.
func (m *Matcher) Walk(text string, fn func(pattern, start, end int)) {
	nodes, root := m.nodes, m.root
	s := int32(0)
	for i := 0; i < len(text); {
		var c int32
		if b := text[i]; b < utf8.RuneSelf {
			c = m.ascii[b]
			i++
		} else if b&0xF0 == 0xE0 && i+2 < len(text) && text[i+1]&0xC0 == 0x80 && text[i+2]&0xC0 == 0x80 {
			// Three bytes, as all Chinese: decoded inline.
			r := rune(b&0x0F)<<12 | rune(text[i+1]&0x3F)<<6 | rune(text[i+2]&0x3F)
			if r >= 0x800 && (r < 0xD800 || r > 0xDFFF) {
				c = m.bmp[m.page[r>>8]+r&0xFF]
				i += 3
			} else {
				i++ // overlong or a surrogate: an invalid byte, in no pattern
			}
		} else {
			r, size := utf8.DecodeRuneInString(text[i:])
			if r != utf8.RuneError || size > 1 {
				c = m.sym(r)
			}
			i += size
		}
		// Down the failure chain to a state with a child on c, or to
		// the root, whose row is complete. A character in no pattern (c
		// 0) has no child anywhere and so always ends at the root.
		for s != 0 {
			if t := nodes[s].base + c; nodes[t].check == s {
				s = t
				goto next
			}
			s = nodes[s].fail
		}
		s = root[c]
	next:
		if o := nodes[s].out; o >= 0 {
			for _, p := range m.outs[o:] {
				if p < 0 {
					break
				}
				fn(int(p), i-int(m.patLen[p]), i)
			}
		}
	}
}
