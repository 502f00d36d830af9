package store

import (
	"fmt"
	"strings"
)

// rawStatement is one statement as the splitter found it, before its
// directives are interpreted.
type rawStatement struct {
	// SQL runs from the statement's first token to just before its ';',
	// comments inside it kept, the comments before it dropped.
	SQL string
	// Line is the 1-based line of the first token.
	Line int
	// Directives are the "-- convqa:" comments between the previous
	// statement and this one.
	Directives []directiveLine
}

// directiveLine is one "-- convqa:..." comment: its text after "convqa:".
type directiveLine struct {
	Text string
	Line int
}

const directivePrefix = "convqa:"

// splitStatements cuts a migration file into statements at every ';' that is
// outside string literals, quoted identifiers and comments. It knows
// ClickHouse's quoting: '...', "..." and `...` with backslash escapes and
// doubled quotes, -- line comments and /* */ block comments. Nested block
// comments are refused because servers disagree on them (old ones end the
// comment at the first */), and a statement split differently from how the
// server reads it would be a silent disaster. It returns directives that
// follow the last statement separately, so the caller can report them.
func splitStatements(src string) (stmts []rawStatement, trailing []directiveLine, err error) {
	var (
		line      = 1
		start     = -1 // offset of the current statement's first token
		startLine int
		pending   []directiveLine
	)
	emit := func(end int) {
		stmts = append(stmts, rawStatement{
			SQL:        strings.TrimRight(src[start:end], " \t\r\n\f\v"),
			Line:       startLine,
			Directives: pending,
		})
		start, pending = -1, nil
	}
	for i := 0; i < len(src); {
		c := src[i]
		switch {
		case c == '\n':
			line++
			i++
		case c == '-' && i+1 < len(src) && src[i+1] == '-':
			end := strings.IndexByte(src[i:], '\n')
			if end < 0 {
				end = len(src)
			} else {
				end += i
			}
			text := strings.TrimSpace(src[i+2 : end])
			if strings.HasPrefix(text, directivePrefix) {
				if start >= 0 {
					return nil, nil, fmt.Errorf("line %d: directive %q inside a statement: put it on its own line before the statement", line, "--"+text)
				}
				pending = append(pending, directiveLine{Text: strings.TrimSpace(text[len(directivePrefix):]), Line: line})
			}
			i = end
		case c == '/' && i+1 < len(src) && src[i+1] == '*':
			open := line
			j := i + 2
			for {
				if j+1 >= len(src) {
					return nil, nil, fmt.Errorf("line %d: unterminated /* comment", open)
				}
				if src[j] == '*' && src[j+1] == '/' {
					break
				}
				if src[j] == '/' && src[j+1] == '*' {
					return nil, nil, fmt.Errorf("line %d: nested /* comment (opened at line %d): servers disagree on nesting, so it is not allowed", line, open)
				}
				if src[j] == '\n' {
					line++
				}
				j++
			}
			i = j + 2
		case c == '\'' || c == '"' || c == '`':
			if start < 0 {
				start, startLine = i, line
			}
			open := line
			j := i + 1
			for ; j < len(src); j++ {
				if src[j] == '\n' {
					line++
				}
				if src[j] == '\\' && j+1 < len(src) {
					j++
					if src[j] == '\n' {
						line++
					}
					continue
				}
				if src[j] == c {
					if j+1 < len(src) && src[j+1] == c {
						j++
						continue
					}
					break
				}
			}
			if j >= len(src) {
				return nil, nil, fmt.Errorf("line %d: unterminated %c quote", open, c)
			}
			i = j + 1
		case c == ';':
			if start >= 0 {
				emit(i)
			} else if len(pending) > 0 {
				return nil, nil, fmt.Errorf("line %d: directive %q is followed by an empty statement", pending[0].Line, pending[0].Text)
			}
			i++
		case c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v':
			i++
		default:
			if start < 0 {
				start, startLine = i, line
			}
			i++
		}
	}
	if start >= 0 {
		emit(len(src))
	}
	return stmts, pending, nil
}
