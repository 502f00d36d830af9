package dlqtool

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/convqa/convqa/internal/transcript"
)

// ClassInternal is the class ingest gives rejections that are not contract
// violations.
const ClassInternal = "internal"

// ParseSince reads a --since value: a Go duration back from now ("90m",
// "36h") or an RFC 3339 time ("2026-11-01T08:00:00+08:00").
func ParseSince(s string, now time.Time) (time.Time, error) {
	if d, err := time.ParseDuration(s); err == nil {
		if d <= 0 {
			return time.Time{}, fmt.Errorf("since %q: a duration must be positive", s)
		}
		return now.Add(-d), nil
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("since %q: want a duration back from now (90m, 36h) or an RFC 3339 time (2026-11-01T08:00:00Z)", s)
	}
	return t, nil
}

// ClassFilter selects entries by class; the empty filter selects all.
type ClassFilter map[string]bool

// ParseClasses builds a filter from class names, refusing names that no
// version of the contract defines, so a typo does not silently match
// nothing.
func ParseClasses(names []string) (ClassFilter, error) {
	known := []string{ClassInternal}
	for _, c := range transcript.Classes() {
		known = append(known, string(c))
	}
	f := ClassFilter{}
	for _, n := range names {
		n = strings.TrimSpace(n)
		if !slices.Contains(known, n) {
			return nil, fmt.Errorf("unknown class %q; classes are %s", n, strings.Join(known, ", "))
		}
		f[n] = true
	}
	return f, nil
}

// Match reports whether e passes the filter.
func (f ClassFilter) Match(e Entry) bool { return len(f) == 0 || f[e.Class] }

// String describes the filter for a heading, e.g. "--class too_large".
func (f ClassFilter) String() string {
	if len(f) == 0 {
		return ""
	}
	names := make([]string, 0, len(f))
	for n := range f {
		names = append(names, n)
	}
	slices.Sort(names)
	return "--class " + strings.Join(names, ",")
}
