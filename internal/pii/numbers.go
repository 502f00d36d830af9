package pii

import "unicode/utf8"

// maxDigits is the longest number the finder can take: a 19-digit card, or
// an international number with its country code.
const maxDigits = 20

const maxGroups = 8

// run is a maximal stretch of digits, with single separators between them,
// that might be a phone, ID or card number.
type run struct {
	start, end int // byte span in the text
	n          int // digits in the run, the ID's check X included
	digits     [maxDigits]byte
	groups     [maxGroups]uint8 // lengths of the digit groups between separators
	ngroups    int
	plus       bool // started with '+' (an international number)
	paren      bool // held an area or country code in parentheses
	dotted     bool // used '.' between groups, as in 415.555.2671
}

func (rn *run) add(c byte) {
	if rn.n < maxDigits {
		rn.digits[rn.n] = c
	}
	rn.n++
}

func (rn *run) closeGroup(size int) {
	if size > 0 && rn.ngroups < maxGroups {
		rn.groups[rn.ngroups] = uint8(min(size, 255))
	}
	if size > 0 {
		rn.ngroups++
	}
}

// d returns the digits; only valid when n <= maxDigits.
func (rn *run) d() []byte { return rn.digits[:rn.n] }

func (rn *run) shape(sizes ...uint8) bool {
	if rn.ngroups != len(sizes) {
		return false
	}
	for i, s := range sizes {
		if rn.groups[i] != s {
			return false
		}
	}
	return true
}

// digitValue folds ASCII and full-width digits; -1 for anything else.
func digitValue(r rune) int {
	switch {
	case r >= '0' && r <= '9':
		return int(r - '0')
	case r >= '０' && r <= '９':
		return int(r - '０')
	}
	return -1
}

func isSeparator(r rune) bool {
	switch r {
	case ' ', '-', '－', '‐', '‑', '–', '　':
		return true
	}
	return false
}

func isOpenParen(r rune) bool  { return r == '(' || r == '（' }
func isCloseParen(r rune) bool { return r == ')' || r == '）' }
func isPlus(r rune) bool       { return r == '+' || r == '＋' }

// wordChar reports whether r glues a number into a longer token, as in the
// tracking number "SF1234567890123" or the file name "scan_6222.pdf".
func wordChar(r rune) bool {
	return r == '_' || r == '/' || (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z') ||
		(r >= 'ａ' && r <= 'ｚ') || (r >= 'Ａ' && r <= 'Ｚ')
}

// glued reports whether a number starting at byte i continues a longer
// token: a code ("SF1234…", "B2025…"), a decimal ("0.4111…"), or a value
// already redacted ("[EMAIL]138…" was "a@b.cn138…", a token, before; a
// placeholder glues as the value did, so redacting twice finds nothing
// new).
// An English word typed against the number, as code-switched chat does
// ("phone13812345678"), is not a token: the number stands alone.
func glued(text string, i int) bool {
	if i == 0 {
		return false
	}
	prev, size := utf8.DecodeLastRuneInString(text[:i])
	switch {
	case digitValue(prev) >= 0:
		return true
	case prev == '.':
		p2, _ := utf8.DecodeLastRuneInString(text[:i-size])
		return digitValue(p2) >= 0 || endsWithPlaceholder(text[:i-size])
	case prev == ']':
		return endsWithPlaceholder(text[:i])
	case prev >= 'a' && prev <= 'z':
		return !wordBefore(text[:i])
	}
	return wordChar(prev)
}

// wordBefore reports whether s ends with an English word: three or more
// letters, lower case after the first, standing alone.
func wordBefore(s string) bool {
	j := len(s)
	for j > 0 && s[j-1] >= 'a' && s[j-1] <= 'z' {
		j--
	}
	if j > 0 && s[j-1] >= 'A' && s[j-1] <= 'Z' {
		j--
	}
	if len(s)-j < 3 {
		return false
	}
	if j == 0 {
		return true
	}
	prev, _ := utf8.DecodeLastRuneInString(s[:j])
	return !wordChar(prev) && digitValue(prev) < 0
}

// scanRun reads the number starting at start, going no further than
// limit. With dots, '.' may separate groups, as phone numbers are written
// 415.555.2671 and 138.1234.5678; any other dotted run is read again
// without them, so that "13812345678.5" is the number before the decimal
// point.
func scanRun(text string, start, limit int, dots bool) run {
	rn := run{start: start, end: start}
	i := start
	r, size := utf8.DecodeRuneInString(text[i:limit])
	if isOpenParen(r) {
		rn.paren = true
		i += size
		r, size = utf8.DecodeRuneInString(text[i:limit])
	}
	if isPlus(r) {
		rn.plus = true
		i += size
	}
	group := 0
	for i < limit {
		r, size := utf8.DecodeRuneInString(text[i:limit])
		if d := digitValue(r); d >= 0 {
			rn.add(byte('0' + d))
			group++
			i += size
			rn.end = i
			continue
		}
		// A separator (or a closing parenthesis, perhaps with a space after
		// it) counts only between digits: "138 1234 5678", "(021) 6123".
		j := i
		if isCloseParen(r) && rn.paren {
			j += size
			r, size = utf8.DecodeRuneInString(text[j:limit])
		}
		if isSeparator(r) || dots && r == '.' && j == i {
			rn.dotted = rn.dotted || r == '.'
			j += size
			r, _ = utf8.DecodeRuneInString(text[j:limit])
		}
		if j == i || digitValue(r) < 0 {
			break
		}
		rn.closeGroup(group)
		group = 0
		i = j
	}
	rn.closeGroup(group)
	if rn.dotted && !(rn.shape(3, 3, 4) || rn.shape(1, 3, 3, 4) || rn.shape(3, 4, 4)) {
		return scanRun(text, start, limit, false)
	}
	// The 18th character of a resident ID number may be the checksum X.
	if rn.n == 17 && rn.end < limit {
		if r, size := utf8.DecodeRuneInString(text[rn.end:limit]); r == 'X' || r == 'x' || r == 'Ｘ' || r == 'ｘ' {
			rn.add('X')
			rn.end += size
		}
	}
	return rn
}

// endsToken reports whether the number ending at byte end stands alone:
// not followed by letters or digits ("YT13812345678CN").
func endsToken(text string, end int) bool {
	if end >= len(text) {
		return true
	}
	next, _ := utf8.DecodeRuneInString(text[end:])
	return !wordChar(next) && digitValue(next) < 0
}
