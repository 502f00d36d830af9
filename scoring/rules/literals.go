package rules

import (
	"regexp/syntax"
	"slices"
)

// What a regular expression needs of a text before it can match: the
// prefilters of compiledRE. Every function here errs on the safe side: a
// text the expression matches always passes.

// maxLiterals bounds the literals a regex prefilter holds.
const maxLiterals = 64

// maxClassLiterals bounds the characters of a class taken as literals
// when it stands alone; in a cross product (是[你您]) maxLiterals bounds
// the whole.
const (
	maxClassLiterals = 4
	maxExactClass    = 8
)

// split returns the branches of a pattern's top-level alternation
// (through capture groups): the pattern matches where one of them does,
// and its leftmost-first match is the leftmost of theirs, the earliest
// branch winning at equal starts.
func split(re *syntax.Regexp) []*syntax.Regexp {
	switch re.Op {
	case syntax.OpCapture:
		return split(re.Sub[0])
	case syntax.OpAlternate:
		var out []*syntax.Regexp
		for _, s := range re.Sub {
			out = append(out, split(s)...)
		}
		return out
	}
	return []*syntax.Regexp{re}
}

// required returns strings one of which every match of re contains, if
// the expression's structure names such a set: a literal, the best of a
// concatenation's parts and of the cross products of its runs of parts
// that match a few fixed strings ((是|都是)(您|你) → 是您, 是你, 都是您,
// 都是你), the union of an alternation's branches, a repetition of at
// least once, a class of a few characters.
func required(re *syntax.Regexp) ([]string, bool) {
	switch re.Op {
	case syntax.OpLiteral:
		if !foldSafe(re) {
			return nil, false
		}
		return []string{string(re.Rune)}, true
	case syntax.OpCapture, syntax.OpPlus:
		return required(re.Sub[0])
	case syntax.OpRepeat:
		if re.Min >= 1 {
			return required(re.Sub[0])
		}
	case syntax.OpCharClass:
		return classLiterals(re, maxClassLiterals)
	case syntax.OpAlternate:
		var out []string
		for _, s := range re.Sub {
			lits, ok := required(s)
			if !ok || len(out)+len(lits) > maxLiterals {
				return nil, false
			}
			out = append(out, lits...)
		}
		return out, true
	case syntax.OpConcat:
		var best []string
		for _, s := range re.Sub {
			if lits, ok := required(s); ok && better(lits, best) {
				best = lits
			}
		}
		// Runs of parts that each match a few fixed strings: every match
		// holds one string of their cross product.
		for i := range re.Sub {
			prod, ok := exact(re.Sub[i])
			for j := i + 1; ok && j < len(re.Sub); j++ {
				next, ok2 := exact(re.Sub[j])
				if !ok2 || len(prod)*len(next) > maxLiterals {
					break
				}
				prod = product(prod, next)
				if !hasEmpty(prod) && better(prod, best) {
					best = prod
				}
			}
		}
		return best, best != nil
	}
	return nil, false
}

// maxLiteralSets bounds the literal sets a branch's prefilter tests.
const maxLiteralSets = 3

// requiredSets returns literal sets every match of re holds one string
// of each of, best first: of a concatenation, the best sets of parts
// that do not overlap ((提供|告诉)…(我|我们)…(密码|验证码): an utterance
// needs all three), else required's one set.
func requiredSets(re *syntax.Regexp) [][]string {
	for re.Op == syntax.OpCapture {
		re = re.Sub[0]
	}
	if re.Op != syntax.OpConcat {
		if lits, ok := required(re); ok && len(lits) > 0 && !hasEmpty(lits) {
			return [][]string{lits}
		}
		return nil
	}
	type cand struct {
		lits     []string
		from, to int // the parts it covers, inclusive
	}
	var cands []cand
	for i, sub := range re.Sub {
		if lits, ok := required(sub); ok && len(lits) > 0 && !hasEmpty(lits) {
			cands = append(cands, cand{lits, i, i})
		}
		prod, ok := exact(sub)
		for j := i + 1; ok && j < len(re.Sub); j++ {
			next, ok2 := exact(re.Sub[j])
			if !ok2 || len(prod)*len(next) > maxLiterals {
				break
			}
			prod = product(prod, next)
			if !hasEmpty(prod) {
				cands = append(cands, cand{prod, i, j})
			}
		}
	}
	// Stable: of equal sets the earlier part comes first.
	slices.SortStableFunc(cands, func(a, b cand) int {
		switch {
		case better(a.lits, b.lits) && !better(b.lits, a.lits):
			return -1
		case better(b.lits, a.lits) && !better(a.lits, b.lits):
			return 1
		}
		return 0
	})
	var out [][]string
	var taken []cand
	for _, c := range cands {
		if len(out) == maxLiteralSets {
			break
		}
		if slices.ContainsFunc(taken, func(t cand) bool { return c.from <= t.to && t.from <= c.to }) {
			continue
		}
		taken = append(taken, c)
		out = append(out, c.lits)
	}
	return out
}

// leadSet returns the strings one of which every match of re starts
// with, when the expression begins with parts that match a few fixed,
// non-empty strings and hold no zero-width assertion (^, \b), which
// would look before the match: then rest, re without a leading \b,
// matches at a position exactly when, anchored there, it matches the
// text from there on. A leading \b (wordStart) is allowed before strings
// that all start with a word character (RE2's: ASCII letters, digits and
// _): there it holds exactly where the byte before is none.
func leadSet(re *syntax.Regexp) (lead []string, rest *syntax.Regexp, wordStart bool) {
	for re.Op == syntax.OpCapture {
		re = re.Sub[0]
	}
	rest = re
	subs := []*syntax.Regexp{re}
	if re.Op == syntax.OpConcat {
		subs = re.Sub
		if len(subs) > 1 && subs[0].Op == syntax.OpWordBoundary {
			subs, wordStart = subs[1:], true
			rest = &syntax.Regexp{Op: syntax.OpConcat, Flags: re.Flags, Sub: subs}
		}
	}
	for i, sub := range subs {
		set, ok := exact(sub)
		if !ok || hasAssertion(sub) {
			break
		}
		if i > 0 {
			if len(lead)*len(set) > maxLiterals {
				break
			}
			set = product(lead, set)
		}
		if hasEmpty(set) {
			break
		}
		lead = set
	}
	if lead == nil || wordStart && slices.ContainsFunc(lead, func(l string) bool { return !isWordByte(l[0]) }) {
		return nil, nil, false
	}
	return lead, rest, wordStart
}

// isWordByte reports whether b is a word character to RE2's \b.
func isWordByte(b byte) bool {
	return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9' || b == '_'
}

// hasAssertion reports whether re holds a zero-width assertion.
func hasAssertion(re *syntax.Regexp) bool {
	switch re.Op {
	case syntax.OpBeginLine, syntax.OpEndLine, syntax.OpBeginText, syntax.OpEndText,
		syntax.OpWordBoundary, syntax.OpNoWordBoundary:
		return true
	}
	for _, s := range re.Sub {
		if hasAssertion(s) {
			return true
		}
	}
	return false
}

// exact returns every string re can match, if they are few (at most
// maxLiterals); zero-width assertions match the empty string.
func exact(re *syntax.Regexp) ([]string, bool) {
	switch re.Op {
	case syntax.OpEmptyMatch, syntax.OpBeginLine, syntax.OpEndLine, syntax.OpBeginText,
		syntax.OpEndText, syntax.OpWordBoundary, syntax.OpNoWordBoundary:
		return []string{""}, true
	case syntax.OpLiteral:
		if !foldSafe(re) {
			return nil, false
		}
		return []string{string(re.Rune)}, true
	case syntax.OpCharClass:
		return classLiterals(re, maxExactClass)
	case syntax.OpCapture:
		return exact(re.Sub[0])
	case syntax.OpQuest:
		s, ok := exact(re.Sub[0])
		if !ok || len(s)+1 > maxLiterals {
			return nil, false
		}
		return append(s[:len(s):len(s)], ""), true
	case syntax.OpAlternate:
		var out []string
		for _, s := range re.Sub {
			lits, ok := exact(s)
			if !ok || len(out)+len(lits) > maxLiterals {
				return nil, false
			}
			out = append(out, lits...)
		}
		return out, true
	case syntax.OpConcat:
		out := []string{""}
		for _, s := range re.Sub {
			next, ok := exact(s)
			if !ok || len(out)*len(next) > maxLiterals {
				return nil, false
			}
			out = product(out, next)
		}
		return out, true
	}
	return nil, false
}

// foldSafe reports whether a literal may be taken as written: normalized
// text is lower case, but a case fold of an upper-case or non-ASCII
// letter may reach further.
func foldSafe(re *syntax.Regexp) bool {
	if re.Flags&syntax.FoldCase == 0 {
		return true
	}
	for _, r := range re.Rune {
		if r >= 'A' && r <= 'Z' || r > 0x7f {
			return false
		}
	}
	return true
}

// classLiterals returns the characters of a class, if at most limit.
func classLiterals(re *syntax.Regexp, limit int) ([]string, bool) {
	if re.Flags&syntax.FoldCase != 0 {
		return nil, false
	}
	var out []string
	for i := 0; i+1 < len(re.Rune); i += 2 {
		for r := re.Rune[i]; r <= re.Rune[i+1]; r++ {
			if len(out) == limit {
				return nil, false
			}
			out = append(out, string(r))
		}
	}
	return out, len(out) > 0
}

func product(a, b []string) []string {
	out := make([]string, 0, len(a)*len(b))
	for _, x := range a {
		for _, y := range b {
			out = append(out, x+y)
		}
	}
	return out
}

func hasEmpty(lits []string) bool {
	for _, l := range lits {
		if l == "" {
			return true
		}
	}
	return false
}

// better prefers the literal set whose shortest member is longest (rarer
// in text), then the smaller set.
func better(a, b []string) bool {
	if b == nil {
		return true
	}
	sa, sb := shortest(a), shortest(b)
	if sa != sb {
		return sa > sb
	}
	return len(a) < len(b)
}

func shortest(lits []string) int {
	n := 1 << 30
	for _, l := range lits {
		n = min(n, len(l))
	}
	return n
}
