// Package fielderr is the error a user's file gets for a mistake in one
// of its fields: where it is (file:line), which field, what is wrong and
// what is allowed. Rule files and scorecards report their mistakes with it.
package fielderr

import (
	"strconv"
	"strings"
)

// Error is one mistake in a file.
type Error struct {
	// File is the file's name as given to the load function.
	File string
	// Line is the 1-based line of the offending key or value; 0 when the
	// mistake is about the whole file or the line is unknown.
	Line int
	// Path names the field, as in rules[3].when.keywords.any[2]; empty for
	// the whole file.
	Path string
	// Msg says what is wrong.
	Msg string
	// Allowed says what is allowed instead; empty when Msg says it.
	Allowed string
}

// Error reads "file:line: path: what is wrong (allowed: …)".
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Line > 0 {
		b.WriteByte(':')
		b.WriteString(strconv.Itoa(e.Line))
	}
	b.WriteString(": ")
	if e.Path != "" {
		b.WriteString(e.Path)
		b.WriteString(": ")
	}
	b.WriteString(e.Msg)
	if e.Allowed != "" {
		b.WriteString(" (allowed: ")
		b.WriteString(e.Allowed)
		b.WriteByte(')')
	}
	return b.String()
}

// EditDistance is the Levenshtein distance of two short ASCII names, or
// limit when it is at least limit: what a "did you mean" suggestion for a
// mistyped field or id needs, without computing distances it will not use.
func EditDistance(a, b string, limit int) int {
	if d := len(a) - len(b); d >= limit || -d >= limit {
		return limit
	}
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		rowMin := cur[0]
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			rowMin = min(rowMin, cur[j])
		}
		if rowMin >= limit {
			return limit
		}
		prev, cur = cur, prev
	}
	return min(prev[len(b)], limit)
}
