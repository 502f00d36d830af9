package pii

import "strings"

// hasAt reports whether text holds an '@', or the full-width '＠' that
// Chinese input methods produce: no '@', no e-mail address.
func hasAt(text string) bool {
	return strings.IndexByte(text, '@') >= 0 || strings.Contains(text, "＠")
}

// findEmails appends the e-mail addresses in text to ms, in order.
//
// It scans out from each '@' instead of running a regular expression over
// the whole text: the local part is the letters, digits and ._%+- before
// it, starting with a letter or digit; the domain is dot-separated labels
// ending in a top-level domain of 2–24 letters. An '@' without a dotted
// domain after it ("@小王", "user@localhost") is not an address.
func findEmails(text string, ms []Match) []Match {
	lo := 0 // an address cannot start inside the previous one
	// The next '@' and '＠' at or after i, found with the fast substring
	// search and looked for again only once passed; -1 when there are no
	// more.
	half, full := -2, -2
	for i := 0; i < len(text); {
		if half != -1 && half < i {
			half = index(text, i, "@")
		}
		if full != -1 && full < i {
			full = index(text, i, "＠")
		}
		at, size := half, 1
		if at < 0 || full >= 0 && full < at {
			at, size = full, len("＠")
		}
		if at < 0 {
			break
		}
		start := localStart(text, lo, at)
		if end := domainEnd(text, at+size); start < at && end > 0 {
			ms = append(ms, Match{Type: Email, Start: start, End: end})
			lo, i = end, end
			continue
		}
		i = at + size
	}
	return ms
}

// index is strings.Index from byte i on, in text's offsets.
func index(text string, i int, sub string) int {
	if k := strings.Index(text[i:], sub); k >= 0 {
		return i + k
	}
	return -1
}

func isAlnum(c byte) bool { return c >= '0' && c <= '9' || isASCIILetter(c) }

func isLocalChar(c byte) bool {
	return isAlnum(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-'
}

// localStart returns where the local part before the '@' at byte at
// starts, no earlier than lo; at itself when there is none.
func localStart(text string, lo, at int) int {
	start := at
	for start > lo && isLocalChar(text[start-1]) {
		start--
	}
	for start < at && !isAlnum(text[start]) {
		start++
	}
	return start
}

// domainEnd returns where the domain starting at byte p ends, or -1 when
// there is no domain with a top-level domain. As in the usual pattern, the
// top-level domain is the letters that start the last label that has any
// ("b.com123" ends after "com").
func domainEnd(text string, p int) int {
	end := -1
	first := true
	for p < len(text) && isAlnum(text[p]) {
		q := p
		for q < len(text) && (isAlnum(text[q]) || text[q] == '-') {
			q++
		}
		for text[q-1] == '-' { // a label does not end with a hyphen
			q--
		}
		if !first {
			letters := 0
			for letters < q-p && isASCIILetter(text[p+letters]) {
				letters++
			}
			if letters >= 2 {
				end = p + min(letters, 24)
			}
		}
		first = false
		if q+1 < len(text) && text[q] == '.' && isAlnum(text[q+1]) {
			p = q + 1
			continue
		}
		break
	}
	return end
}
