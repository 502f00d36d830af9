package rules

import (
	"regexp"
	"regexp/syntax"
	"slices"
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
	// where a lead string occurs, rather than at every position.
	lead     int32
	anchored *regexp.Regexp
	// class is set when the branch is one character class (\S, ., [0-9]):
	// its first match is found without the regexp machinery, which costs
	// more than the scan on short texts.
	class *syntax.Regexp
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
		if lead, ok := leadSet(b); ok {
			if a.anchored, err = regexp.Compile(`\A(?:` + bsrc + `)`); err == nil {
				a.lead = p.auto.addLiterals(lead)
			} else {
				a.anchored = nil
			}
		}
		switch b.Op {
		case syntax.OpCharClass, syntax.OpAnyChar, syntax.OpAnyCharNotNL:
			a.class = b
		}
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
// occurrences of the automaton's patterns pats are occs (nil: unknown).
func (x *compiledRE) first(s string, bits []uint64, occs []occ, pats []pattern) (int, int, bool) {
	bs, be, found := 0, 0, false
	for i := range x.alts {
		a := &x.alts[i]
		if !a.may(s, bits) {
			continue
		}
		var st, en int
		var ok bool
		if a.anchored != nil && occs != nil {
			st, en, ok = a.firstAnchored(s, occs, pats, found, bs)
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
func (a *alt) firstAnchored(s string, occs []occ, pats []pattern, before bool, limit int) (int, int, bool) {
	var buf [maxLeads]int32
	starts := buf[:0]
	for _, o := range occs {
		if !inList(&pats[o.pat], a.lead) || before && int(o.start) >= limit {
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
		if loc := a.anchored.FindStringIndex(s[p:]); loc != nil {
			return int(p), int(p) + loc[1], true
		}
	}
	return 0, 0, false
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
	class := a.class
	for i, r := range s {
		ok := false
		switch class.Op {
		case syntax.OpAnyChar:
			ok = true
		case syntax.OpAnyCharNotNL:
			ok = r != '\n'
		default:
			for k := 0; k+1 < len(class.Rune) && !ok; k += 2 {
				ok = class.Rune[k] <= r && r <= class.Rune[k+1]
			}
		}
		if ok {
			return i, i + utf8.RuneLen(r), true
		}
	}
	return 0, 0, false
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
