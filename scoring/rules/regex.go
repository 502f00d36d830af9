package rules

import (
	"regexp"
	"regexp/syntax"
	"slices"
	"strings"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

// compiledRE is a compiled regex with what speeds it up.
//
// A pattern whose top level is an alternation of independent branches
// (blame|excuse|…) is also compiled branch by branch, each with its own
// prefilter: on an utterance only the branches whose literals occur run,
// and each is a small program that the regexp package matches with its
// backtracker rather than its slower NFA. The leftmost-first match of the
// whole is the branches' leftmost match, the earliest branch winning a
// tie, so the two give the same first match.
type compiledRE struct {
	re *regexp.Regexp
	// pre lists literals one of which every match contains: where none
	// occurs the expression is not run. -1: no such literals.
	pre  int32
	alts []alt // the branches, in pattern order; one when not split
}

// alt is one branch of a pattern.
type alt struct {
	re *regexp.Regexp
	// pre are literal lists every match of the branch holds one
	// literal of each of, the best first; empty: none known.
	pre []int32
	// bytes, when not nil, is a run of ASCII bytes every match holds
	// (the digits of \d{7,}).
	bytes *byteRun
	// lead, when not -1, lists the strings every match starts with, and
	// anchored is the branch anchored at the start of the text: on an
	// utterance whose occurrences are known, the branch is tried only
	// where a lead string occurs, rather than at every position; with
	// wordStart, where the byte before is no word character too (the
	// branch begins with \b, which anchored leaves out).
	lead      int32
	anchored  *regexp.Regexp
	wordStart bool
	// fixed, when not 0, is the length of every string the branch
	// matches, all of them lead strings: where one occurs, that is the
	// match, and the anchored branch need not run.
	fixed int
	// class is set when the branch is one character class (\S, ., [0-9]),
	// repeated from min to max times (max -1: no limit; greedy): its
	// first match is found without the regexp machinery, which costs
	// more than the scan on short texts.
	class    *syntax.Regexp
	min, max int
}

// fixedLen returns the length of the strings the branch b matches when
// they are its lead strings and all of one length; 0 otherwise.
func fixedLen(b *syntax.Regexp, lead []string) int {
	set, ok := exact(b)
	if !ok || hasAssertion(b) || len(set) != len(lead) {
		return 0
	}
	for _, s := range set {
		if len(s) != len(set[0]) || !slices.Contains(lead, s) {
			return 0
		}
	}
	return len(set[0])
}

// classRun returns the class, and its repetitions, of a branch that is
// one character class repeated greedily at least once; nil otherwise.
func classRun(b *syntax.Regexp) (*syntax.Regexp, int, int) {
	isClass := func(re *syntax.Regexp) bool {
		switch re.Op {
		case syntax.OpCharClass, syntax.OpAnyChar, syntax.OpAnyCharNotNL:
			return true
		}
		return false
	}
	switch {
	case isClass(b):
		return b, 1, 1
	case b.Flags&syntax.NonGreedy != 0 || len(b.Sub) != 1 || !isClass(b.Sub[0]):
	case b.Op == syntax.OpPlus:
		return b.Sub[0], 1, -1
	case b.Op == syntax.OpRepeat && b.Min >= 1:
		return b.Sub[0], b.Min, b.Max
	}
	return nil, 0, 0
}

// regex compiles an RE2 pattern, normalizing its literal text the way
// utterances are normalized, so that 保證 and ORDER in a pattern match
// the normalized 保证 and order. It also registers the literals one of
// which every match must contain, so that the expression runs only on
// utterances that hold one; the list id is -1 when there are none.
func (p *parser) regex(w *walker, n *yaml.Node, path string) *compiledRE {
	src, ok := w.str(n, path, "an RE2 regular expression")
	if !ok {
		return nil
	}
	re, err := syntax.Parse(src, syntax.Perl)
	if err != nil {
		w.errorf(w.resolve(n), path, "not a valid RE2 pattern: %v (syntax: https://github.com/google/re2/wiki/Syntax)", err)
		return nil
	}
	p.normalizeLiterals(re)
	compiled, err := regexp.Compile(re.String())
	if err != nil {
		w.errorf(w.resolve(n), path, "not a valid RE2 pattern: %v", err)
		return nil
	}
	out := &compiledRE{re: compiled, pre: -1}
	branches := split(re)
	if len(branches) > maxBranches {
		branches = []*syntax.Regexp{re}
	}
	var union []string
	allLits := true
	for _, b := range branches {
		a := alt{re: compiled, lead: -1}
		// The branch prints as a pattern of its own: String keeps the
		// flags each node needs.
		bsrc := b.String()
		if len(branches) > 1 {
			if a.re, err = regexp.Compile(bsrc); err != nil {
				// Never expected; the whole pattern still works alone.
				out.alts = nil
				break
			}
		}
		if lead, rest, wordStart := leadSet(b); lead != nil {
			if a.anchored, err = regexp.Compile(`\A(?:` + rest.String() + `)`); err == nil {
				a.lead, a.wordStart = p.auto.addLiterals(lead), wordStart
				a.fixed = fixedLen(b, lead)
			} else {
				a.anchored = nil
			}
		}
		a.class, a.min, a.max = classRun(b)
		if sets := requiredSets(b); len(sets) > 0 {
			for _, lits := range sets {
				a.pre = append(a.pre, p.auto.addLiterals(lits))
			}
			union = append(union, sets[0]...)
		} else {
			allLits = false
		}
		if r := requiredBytes(b); r != nil && (len(a.pre) == 0 || r.n > 1) {
			a.bytes = r
		}
		out.alts = append(out.alts, a)
	}
	if out.alts == nil {
		out.alts = []alt{{re: compiled, lead: -1}}
		allLits = false
		if lits, ok := required(re); ok && len(lits) > 0 && !slices.Contains(lits, "") {
			out.alts[0].pre = []int32{p.auto.addLiterals(lits)}
			union, allLits = lits, true
		}
	}
	if allLits {
		if len(out.alts) == 1 {
			out.pre = out.alts[0].pre[0]
		} else {
			out.pre = p.auto.addLiterals(dedup(union))
		}
	}
	return out
}

// maxBranches bounds how many branches a pattern is split into.
const maxBranches = 64

func dedup(s []string) []string {
	seen := make(map[string]bool, len(s))
	out := s[:0:0]
	for _, x := range s {
		if !seen[x] {
			seen[x] = true
			out = append(out, x)
		}
	}
	return out
}

// first returns the byte span of the expression's first (leftmost-first)
// match in s, a normalized text whose list bits are bits and whose
// occurrences of auto's patterns are occs (nil: unknown).
func (x *compiledRE) first(s string, bits []uint64, occs []occ, auto *automaton) (int, int, bool) {
	bs, be, found := 0, 0, false
	for i := range x.alts {
		a := &x.alts[i]
		if !a.may(s, bits) {
			continue
		}
		var st, en int
		var ok bool
		if a.anchored != nil && occs != nil {
			st, en, ok = a.firstAnchored(s, occs, auto, found, bs)
		} else {
			st, en, ok = a.first(s)
		}
		// A later branch wins only by starting earlier.
		if ok && (!found || st < bs) {
			bs, be, found = st, en, true
			if bs == 0 {
				break
			}
		}
	}
	return bs, be, found
}

// matches reports whether the expression matches s anywhere.
func (x *compiledRE) matches(s string, bits []uint64) bool {
	for i := range x.alts {
		a := &x.alts[i]
		if !a.may(s, bits) {
			continue
		}
		if a.class != nil {
			if _, _, ok := a.first(s); ok {
				return true
			}
		} else if a.re.MatchString(s) {
			return true
		}
	}
	return false
}

// maxLeads bounds the places an anchored branch is tried; past it the
// branch runs unanchored.
const maxLeads = 16

// firstAnchored is first for a branch with lead strings, trying it only
// where they occur; when before is set, only before limit (a match of an
// earlier branch starts there).
func (a *alt) firstAnchored(s string, occs []occ, auto *automaton, before bool, limit int) (int, int, bool) {
	var buf [maxLeads]int32
	starts := buf[:0]
	for _, o := range occs {
		if !auto.inList(o.pat, a.lead) || before && int(o.start) >= limit ||
			a.wordStart && o.start > 0 && isWordByte(s[o.start-1]) {
			continue
		}
		if len(starts) == maxLeads {
			return a.first(s)
		}
		starts = append(starts, o.start)
	}
	slices.Sort(starts)
	prev := int32(-1)
	for _, p := range starts {
		if p == prev {
			continue
		}
		prev = p
		if a.fixed > 0 {
			return int(p), int(p) + a.fixed, true
		}
		if loc := a.anchored.FindStringIndex(s[p:]); loc != nil {
			return int(p), int(p) + loc[1], true
		}
	}
	return 0, 0, false
}

// mayFrom reports whether the expression can match s at from or later:
// every match of a branch holds, at or after its start, one literal of
// each of the branch's lists, and its run of bytes. The literals are
// looked for here, rarely needed, rather than kept in every scan's
// occurrences.
func (x *compiledRE) mayFrom(s string, from int, auto *automaton) bool {
	for i := range x.alts {
		a := &x.alts[i]
		if len(a.pre) == 0 && a.bytes == nil {
			return true
		}
		if a.bytes != nil && !a.bytes.in(s[from:]) {
			continue
		}
		if !slices.ContainsFunc(a.pre, func(l int32) bool {
			return !slices.ContainsFunc(auto.lists[l].lits, func(lit string) bool { return strings.Contains(s[from:], lit) })
		}) {
			return true
		}
	}
	return false
}

// may reports whether the branch can match s: its prefilters pass.
func (a *alt) may(s string, bits []uint64) bool {
	for _, l := range a.pre {
		if !has(bits, l) {
			return false
		}
	}
	return a.bytes == nil || a.bytes.in(s)
}

// first returns the byte span of the branch's first match in s.
func (a *alt) first(s string) (int, int, bool) {
	if a.class == nil {
		loc := a.re.FindStringIndex(s)
		if loc == nil {
			return 0, 0, false
		}
		return loc[0], loc[1], true
	}
	// The leftmost match starts the first run of at least min characters
	// of the class, and greedy, takes the run up to max of them.
	start, run := 0, 0
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if !a.inClass(r) {
			if run >= a.min {
				return start, i, true
			}
			run = 0
			i += size
			continue
		}
		if run == 0 {
			start = i
		}
		run++
		i += size
		if run == a.max {
			return start, i, true
		}
	}
	if run >= a.min {
		return start, len(s), true
	}
	return 0, 0, false
}

// inClass reports whether the branch's class holds r.
func (a *alt) inClass(r rune) bool {
	class := a.class
	switch class.Op {
	case syntax.OpAnyChar:
		return true
	case syntax.OpAnyCharNotNL:
		return r != '\n'
	}
	for k := 0; k+1 < len(class.Rune); k += 2 {
		if class.Rune[k] <= r && r <= class.Rune[k+1] {
			return true
		}
	}
	return false
}

func (p *parser) normalizeLiterals(re *syntax.Regexp) {
	if re.Op == syntax.OpLiteral && len(re.Rune) > 0 {
		norm := []rune(p.auto.norm.Normalize(string(re.Rune)).Norm)
		if len(norm) == len(re.Rune) {
			re.Rune = norm
		}
	}
	for _, s := range re.Sub {
		p.normalizeLiterals(s)
	}
}
