package rules

import (
	"regexp"
	"regexp/syntax"
	"slices"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

// maxLiterals bounds the literals a regex prefilter holds.
const maxLiterals = 64

// compiledRE is a compiled regex with what speeds it up.
type compiledRE struct {
	re *regexp.Regexp
	// pre lists literals one of which every match contains: where none
	// occurs the expression is not run. -1: no such literals.
	pre int32
	// class is set when the whole expression is one character class
	// (\S, ., [0-9]): its first match is found without the regexp
	// machinery, which costs more than the scan on short texts.
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
	switch re.Op {
	case syntax.OpCharClass, syntax.OpAnyChar, syntax.OpAnyCharNotNL:
		out.class = re
	}
	if lits, ok := required(re); ok && len(lits) > 0 && !slices.Contains(lits, "") {
		out.pre = p.auto.addLiterals(lits)
	}
	return out
}

// first returns the byte span of the expression's first match in s.
func (x *compiledRE) first(s string) (int, int, bool) {
	if x.class == nil {
		loc := x.re.FindStringIndex(s)
		if loc == nil {
			return 0, 0, false
		}
		return loc[0], loc[1], true
	}
	class := x.class
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

// required returns strings one of which every match of re contains, if
// the expression's structure names such a set: a literal, the best of a
// concatenation's parts, the union of an alternation's branches, a
// repetition of at least once, a class of a few characters.
func required(re *syntax.Regexp) ([]string, bool) {
	switch re.Op {
	case syntax.OpLiteral:
		if re.Flags&syntax.FoldCase != 0 {
			for _, r := range re.Rune {
				if r >= 'A' && r <= 'Z' || r > 0x7f {
					return nil, false // text is lower case, but a fold may reach further
				}
			}
		}
		return []string{string(re.Rune)}, true
	case syntax.OpCapture, syntax.OpPlus:
		return required(re.Sub[0])
	case syntax.OpRepeat:
		if re.Min >= 1 {
			return required(re.Sub[0])
		}
	case syntax.OpCharClass:
		if re.Flags&syntax.FoldCase != 0 {
			return nil, false
		}
		var out []string
		for i := 0; i+1 < len(re.Rune); i += 2 {
			for r := re.Rune[i]; r <= re.Rune[i+1]; r++ {
				if len(out) == 4 {
					return nil, false
				}
				out = append(out, string(r))
			}
		}
		return out, len(out) > 0
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
		return best, best != nil
	}
	return nil, false
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
