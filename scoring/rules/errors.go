package rules

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/convqa/convqa/internal/fielderr"
)

// Error is a mistake in a rule file: where it is, which field, and what is
// wrong, with what is allowed. Load functions return every Error they find,
// joined with errors.Join; errors.As finds the first. It reads
// "file:line: path: message".
type Error = fielderr.Error

// maxErrors caps how many mistakes one load reports: after that many the
// rest are most likely consequences of the first ones.
const maxErrors = 50

// errList collects the mistakes of one load.
type errList struct {
	errs []*Error
}

func (l *errList) add(file string, line int, path, format string, args ...any) {
	l.errs = append(l.errs, &Error{File: file, Line: line, Path: path, Msg: fmt.Sprintf(format, args...)})
}

func (l *errList) empty() bool { return len(l.errs) == 0 }

// err returns the mistakes in file and line order, joined, or nil.
func (l *errList) err() error {
	if len(l.errs) == 0 {
		return nil
	}
	es := slices.Clone(l.errs)
	slices.SortStableFunc(es, func(a, b *Error) int {
		if c := cmp.Compare(a.File, b.File); c != 0 {
			return c
		}
		return cmp.Compare(a.Line, b.Line)
	})
	es = slices.CompactFunc(es, func(a, b *Error) bool { return *a == *b })
	out := make([]error, 0, min(len(es), maxErrors)+1)
	for i, e := range es {
		if i == maxErrors {
			out = append(out, fmt.Errorf("… and %d more mistakes", len(es)-maxErrors))
			break
		}
		out = append(out, e)
	}
	return errors.Join(out...)
}

// yamlLine finds the line in a yaml.v3 syntax error ("yaml: line 3: …").
var yamlLine = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// unknownAnchor is yaml.v3's message for an alias to no anchor, which
// carries no line.
var unknownAnchor = regexp.MustCompile(`^yaml: unknown anchor '(.*)' referenced$`)

// syntaxError turns a YAML parser error into an Error of file, whose
// content is data.
func syntaxError(file string, data []byte, err error) *Error {
	msg := err.Error()
	if m := yamlLine.FindStringSubmatch(msg); m != nil {
		line, _ := strconv.Atoi(m[1])
		return &Error{File: file, Line: line, Msg: "not valid YAML: " + m[2]}
	}
	e := &Error{File: file, Msg: "not valid YAML: " + strings.TrimPrefix(msg, "yaml: ")}
	if m := unknownAnchor.FindStringSubmatch(msg); m != nil {
		if i := bytes.Index(data, []byte("*"+m[1])); i >= 0 {
			e.Line = bytes.Count(data[:i], []byte("\n")) + 1
		}
		e.Msg += " (define it with &" + m[1] + " before using it)"
	}
	return e
}

// suggest returns ` (did you mean "x"?)` when name is a near miss of one of
// the allowed names, or "".
func suggest(name string, allowed []string) string {
	best, bestD := "", 3
	for _, a := range allowed {
		if d := fielderr.EditDistance(name, a, bestD); d < bestD {
			best, bestD = a, d
		}
	}
	if best == "" {
		return ""
	}
	return fmt.Sprintf(" (did you mean %q?)", best)
}
