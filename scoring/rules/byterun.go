package rules

import (
	"math/bits"
	"regexp/syntax"
	"unicode/utf8"
)

// byteRun is a prefilter on bytes: every match holds n consecutive
// bytes of set (the 15 digits of \d{15,20}).
type byteRun struct {
	set byteSet
	n   int
}

// byteSet is a set of bytes.
type byteSet [4]uint64

func (b *byteSet) add(c byte)      { b[c>>6] |= 1 << (c & 63) }
func (b *byteSet) has(c byte) bool { return b[c>>6]&(1<<(c&63)) != 0 }

func (b *byteSet) union(o *byteSet) {
	for i := range b {
		b[i] |= o[i]
	}
}

func (b *byteSet) size() int {
	n := 0
	for _, w := range b {
		n += bits.OnesCount64(w)
	}
	return n
}

// in reports whether s holds r.n consecutive bytes of r.set.
func (r *byteRun) in(s string) bool {
	run := 0
	for i := 0; i < len(s); i++ {
		if !r.set.has(s[i]) {
			run = 0
		} else if run++; run >= r.n {
			return true
		}
	}
	return false
}

// better reports whether r rules out more texts than o (nil): a longer
// run, then a smaller set.
func (r *byteRun) better(o *byteRun) bool {
	if o == nil {
		return true
	}
	if r.n != o.n {
		return r.n > o.n
	}
	return r.set.size() < o.set.size()
}

// requiredBytes returns ASCII bytes of which every match of re holds a
// run (the digits of \d{7,}), or nil. In UTF-8 an ASCII byte is always
// that character, so a byte scan is exact.
func requiredBytes(re *syntax.Regexp) *byteRun {
	switch re.Op {
	case syntax.OpLiteral:
		if re.Flags&syntax.FoldCase != 0 {
			return nil
		}
		r := &byteRun{}
		for _, c := range re.Rune {
			if c >= utf8.RuneSelf {
				break
			}
			r.n++
		}
		if r.n == 0 {
			return nil
		}
		// A literal's ASCII prefix is a run of its own bytes; the set
		// takes them all, so the run is only of the set's bytes.
		for _, c := range re.Rune[:r.n] {
			r.set.add(byte(c))
		}
		return r
	case syntax.OpCharClass:
		if re.Flags&syntax.FoldCase != 0 || len(re.Rune) == 0 || re.Rune[len(re.Rune)-1] >= utf8.RuneSelf {
			return nil
		}
		r := &byteRun{n: 1}
		for i := 0; i+1 < len(re.Rune); i += 2 {
			for c := re.Rune[i]; c <= re.Rune[i+1]; c++ {
				r.set.add(byte(c))
			}
		}
		return r
	case syntax.OpCapture, syntax.OpPlus:
		return requiredBytes(re.Sub[0])
	case syntax.OpRepeat:
		if re.Min < 1 {
			return nil
		}
		r := requiredBytes(re.Sub[0])
		if r != nil && re.Sub[0].Op == syntax.OpCharClass {
			r.n = re.Min // each repetition is one byte of the class
		}
		return r
	case syntax.OpAlternate:
		out := &byteRun{n: 1 << 30}
		for _, s := range re.Sub {
			r := requiredBytes(s)
			if r == nil {
				return nil
			}
			out.set.union(&r.set)
			out.n = min(out.n, r.n)
		}
		return out
	case syntax.OpConcat:
		var best *byteRun
		for _, s := range re.Sub {
			if r := requiredBytes(s); r != nil && r.better(best) {
				best = r
			}
		}
		return best
	}
	return nil
}
